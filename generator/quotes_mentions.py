"""Names seen outside quotes in one article: who may be a person, and the fullest form of each name."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from dataclasses import dataclass, field

from generator.quotes_cues import ABBREV, AUX_WORDS, CUE_WORDS, Tok
from generator.quotes_names import (HONORIFICS, PARTICLES, PERSON_TITLES, TITLE_WORDS, gender, honorific_only, is_place,
                                    looks_like_person, same_person, split_role, surname)

SENTENCE_STARTERS = frozenset("""the a an in on at but and or so as if when while after before this that these those
it its he she they we i his her their our there here then however meanwhile still yet last next for with from by
during since though although what who why how where one some many most all both each every no not only even also
asked just to my your meanwhile instead besides perhaps indeed moreover furthermore similarly nonetheless
nevertheless afterward afterwards sometimes often already across among despite unlike now""".split())


@dataclass
class Mention:
    """A name seen outside quotes; order is (paragraph, token index)."""

    order: tuple[int, int]
    sentence: tuple[int, int]  # (paragraph, sentence index)
    name: str
    role: str | None
    person: bool
    subject: bool = False  # directly followed by a cue: "Lavrov told ..."
    end: int = 0  # token index just after the name


@dataclass
class Speaker:
    name: str | None  # None for an unresolved pronoun
    role: str | None = None
    pronoun: str | None = None


@dataclass
class ArticleState:
    """Names seen so far in one article, for pronouns and for the fullest form of a name."""

    mentions: list[Mention] = field(default_factory=list)
    full: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # surname -> (fullest name, role)
    forms: dict[str, str] = field(default_factory=dict)  # surname -> longest 2-3 word name seen, person or not
    last_speaker: Speaker | None = None
    last_speaker_paragraph: int = -9
    pronoun_led: set[tuple[tuple[int, int], str]] = field(default_factory=set)  # ((paragraph, sentence), "m"/"f")
    unsure: list[Mention] = field(default_factory=list)
    people: dict[str, dict[str, str | None]] = field(default_factory=dict)  # surname -> {full name: role}  # names in paragraphs without quotes, not yet known as people

    def remember(self, name: str, role: str | None) -> None:
        key = surname(name).lower()
        if " " in name:  # every full name, for two people sharing a surname ("Owen Jones", "Sarah Jones")
            people = self.people.setdefault(key, {})
            if name not in people or role and not people[name]:
                people[name] = role
        old = self.full.get(key)
        if old is not None and old[0] == name and (not role or role == old[1]):
            return  # known already, nothing to add (the common case; saves the checks below)
        # The first full name with a surname keeps it: a later "Anne Marie Murphy" does not replace "Chris Murphy".
        if old is None or (_compatible(name, old[0]) and (
                len(name.split()) > len(old[0].split()) or (role and not old[1] and name == old[0]))) \
                or len(old[0].split()) == 1:
            self.full[key] = (name, role or (old[1] if old else None))

    def remember_form(self, name: str) -> None:
        if " " not in name:
            return
        words = name.split()
        if len(words) > 3:
            return
        key = surname(name).lower()
        if len(words) > len(self.forms.get(key, "").split()):
            self.forms[key] = name

    def canonical(self, name: str, role: str | None) -> tuple[str, str | None]:
        """Fullest form of a person's name in this article ('Blinken' -> 'Antony Blinken') and a role.

        A bare name also matches inside a double surname ('Quispe' -> 'Teresa Quispe Mamani') when only one
        full name holds it.
        """
        key = surname(name).lower()
        hon = role if role and honorific_only(role) else None  # "Ms Jones": picks the person, it is not a role
        want, role = (HONORIFICS.get(hon.split()[0].lower()), None) if hon else (None, role)
        if want and len(self.people.get(key, ())) > 1:  # "Mr Jones" / "Ms Jones" when both are in the story
            fits = [(n, r) for n, r in self.people[key].items() if same_person(name, n) and gender(n, r) == want]
            if len(fits) == 1:
                return fits[0][0], role or fits[0][1]
        old = self.full.get(key)
        if want and old and gender(*old) not in (None, want):
            return f"{hon.split()[0]} {name}", role  # "Mr. Obama" is not the article's "Michelle Obama"
        if old and _compatible(name, old[0]) and len(old[0].split()) > len(name.split()):
            return old[0], _fuller(role, old[1])
        if " " not in name:
            inside = {v for v in self.full.values() if name in v[0].split()[1:-1]}
            if len(inside) == 1:
                full, frole = inside.pop()
                return full, _fuller(role, frole)
        form = self.forms.get(key)  # "its chief executive, Pieter-Jan Vos" then "said Vos"
        if form and len(form.split()) > len(name.split()) and same_person(name, form):
            return form, role or (old[1] if old and _compatible(name, old[0]) else None)
        return name, _fuller(role, old[1]) if old and _compatible(name, old[0]) else role

    def gender_of(self, name: str, role: str | None) -> str | None:
        if role and honorific_only(role):
            return HONORIFICS.get(role.split()[0].lower())
        full, frole = self.canonical(name, role)
        return gender(full, role) or gender(full, frole)


def _fuller(role: str | None, known: str | None) -> str | None:
    """The role given at the quote, or the article's fuller form of it ('Secretary' -> 'Secretary of State')."""
    if not role or not known:
        return role or known
    return known if role.lower() in known.lower() and len(known) > len(role) else role


def _compatible(a: str, b: str) -> bool:
    return same_person(a, b)


_NOT_NAMES = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december today yesterday tonight early late one two three four five six
seven eight nine ten twenty first second third last next god seconds minutes hours days weeks months years moments
decades i'm i've i'd i'll""".split())


def _not_name(t: Tok) -> bool:
    if t.low in _NOT_NAMES:
        return True
    w = t.text  # "ABSTRACT", "BREAKING": a shouted word, not a name (acronyms of up to 4 letters may be)
    return len(w) > 4 and w.isupper() and "." not in w.rstrip(".") and len(w.rstrip(".")) > 4


SPEAKER_AFTER = frozenset("said says added wrote writes asked explained noted argued continued recalled warned insisted "
                          "replied according stated declared responded".split())


def _cue_follows(toks: list[Tok], j: int) -> bool:
    """'Lavrov told', 'Cruz openly admitted', 'Trump has also said'."""
    while j < len(toks) and toks[j].is_word and (toks[j].low in AUX_WORDS or toks[j].low.endswith("ly")) and not toks[j].is_cue:
        j += 1
    return j < len(toks) and toks[j].is_cue


_OBJECT_PREPOSITIONS = frozenset("in at from near outside inside across throughout into".split())


def collect_mentions(toks: list[Tok], sentence_of: list[int], pi: int, state: ArticleState) -> list[Mention]:
    """Runs of capitalised words outside quotes that may name a person; full names go into state.full."""
    out: list[Mention] = []
    n = len(toks)
    done = 0
    for i in [i for i, t in enumerate(toks) if t.is_cap]:  # only capitalised words can start a name
        if i < done or _not_name(toks[i]):
            continue
        j = i + 1
        while j < n:
            t = toks[j]
            if not (t.is_cap or (t.is_word and (t.low in TITLE_WORDS or t.low in PARTICLES))
                    or (t.low in ("of", "for") and j + 1 < n and toks[j + 1].is_cap)) or _not_name(t):
                break
            j += 1
        start = i
        while start < j and toks[start].low in SENTENCE_STARTERS:
            start += 1
        if start < j:
            phrase = " ".join(t.text for t in toks[start:j])
            name, role = split_role(phrase)
            if looks_like_person(name) and not name.endswith("'s") and not is_place(name):
                # "said Jake Horowitz, ..." (but in "says Libya is ..." the name starts the reported clause)
                after_cue = start > 0 and toks[start - 1].low in SPEAKER_AFTER and (j == n or not toks[j].is_word)
                subject = _cue_follows(toks, j) or after_cue or _cue_after_aside(toks, j)
                # "a town hall in Columbus, Ohio, said": a name after a preposition is a place or an object
                # ... and after "a" it qualifies a noun: "a Trump-style retort", "a Clinton ad"
                subject = subject and not (start > 0 and (toks[start - 1].low in _OBJECT_PREPOSITIONS or (
                    toks[start - 1].low in ("a", "an") and (start == 1 or toks[start - 2].end < toks[start - 1].start))))
                evidence = bool(role and any(w.lower() in PERSON_TITLES or w.lower() in HONORIFICS for w in role.split()))
                evidence = evidence or gender(name) is not None or subject or _has_initial(name) or (
                    j + 2 < n and toks[j].text == "," and toks[j + 1].low in ("a", "an", "the") and " " in name) or (
                    j + 4 < n and toks[j].text == "," and toks[j + 1].text.isdigit() and toks[j + 2].text == ","
                    and toks[j + 3].low in ("a", "an", "the") and " " in name)  # "Jenny Lam, 52, a shopkeeper"
                out.append(Mention((pi, start), (pi, sentence_of[start]), name, role, evidence, subject, j))
                state.remember_form(name)
                if evidence:
                    state.remember(name, role)
        done = j
    return out


def settle_mentions(state: ArticleState) -> None:
    """Once the whole article is read: a bare surname of a known person is a person ('Cruz' after 'Ted Cruz')."""
    for m in state.mentions:
        if not m.person and surname(m.name).lower() in state.full:
            m.person = True
    promoted = [m for m in state.unsure if surname(m.name).lower() in state.full]
    for m in promoted:
        m.person = True
    if promoted:
        state.mentions = sorted(state.mentions + promoted, key=lambda m: m.order)
    state.unsure = []




# Paragraphs without quotes only feed names to later pronouns and full forms, so they are scanned with one
# regex over capitalised runs instead of being tokenised (most of the text; this keeps extraction fast).
_RUN = (r"[A-Z][\w'\u2019&-]*(?:\.[A-Za-z][\w'\u2019&-]*)*(?:\.(?=[ ,][A-Z]))?"
        r"(?:[ ](?:[A-Z][\w'\u2019&-]*\.?|(?:of|for|de|van|von|al|bin|da|di|del|la|le)(?=[ ][A-Z])))*")
# The first capital comes before the look-behind so that the scan can jump from capital to capital.
_RUN_RE = re.compile(rf"[A-Z](?<![\w'\u2019][A-Z]){_RUN[5:]}")
# Runs of two or more words only: far from any quote, single names are never read, so they are not even matched.
_MULTI_RE = re.compile(rf"[A-Z](?<![\w'\u2019][A-Z]){_RUN[5:-1]}+")
_NEXT_RE = re.compile(r"[ \t]+([\w'\u2019]+)(?:[ \t]+([\w'\u2019]+))?(?:[ \t]+([\w'\u2019]+))?")
_SENT_END_RE = re.compile(r"[.!?](?<=[a-z0-9][.!?])[\"')\]]*\s+(?=[\"'(]?[A-Z0-9])")


@lru_cache(maxsize=16384)  # the same runs ("Trump", "The Senate") come back in every article
def _read_run(run: str) -> tuple[int, str, str | None, bool] | None:
    """(characters to skip at the start, name, role, evidence from title or first name) for a capitalised run."""
    words = run.split(" ")
    skip = 0
    while words and (words[0].lower().rstrip(".") in SENTENCE_STARTERS or words[0].lower().rstrip(".") in _NOT_NAMES):
        skip += len(words[0]) + 1
        words = words[1:]
    if not words:
        return None
    if words[-1].endswith(".") and words[-1][:-1].lower() not in ABBREV:
        words[-1] = words[-1][:-1]
    if any(w.lower() in _NOT_NAMES or (len(w) > 4 and w.isupper()) for w in words):
        return None
    name, role = split_role(" ".join(words))
    if not looks_like_person(name) or name.endswith("'s") or is_place(name):
        return None
    evidence = gender(name, role) is not None or bool(
        role and any(w.lower() in PERSON_TITLES or w.lower() in HONORIFICS for w in role.split())) or _has_initial(name)
    return skip, name, role, evidence


def light_mentions(text: str, pi: int, state: ArticleState, full_names_only: bool = False) -> list[Mention]:
    """Mentions of a paragraph without quotes; order is (paragraph, character offset).

    With full_names_only (no quote within the next paragraphs, so no pronoun will look back here) only
    names of two or more words are read, for the fullest form of a name.
    """
    if full_names_only:  # sentence starts matter only to pronouns, which never look back this far
        ends: list[int] = []
    else:
        ends = [e.end() for e in _SENT_END_RE.finditer(text)]
        for si, pos in enumerate([0, *ends]):
            lead = text[pos:pos + 4]
            if lead.startswith(("He ", "She ")):
                state.pronoun_led.add(((pi, si), "m" if lead[0] == "H" else "f"))
    out: list[Mention] = []
    for m in (_MULTI_RE if full_names_only else _RUN_RE).finditer(text):
        run = m.group()
        if ". " not in run:  # the usual case: one piece
            _read_piece(text, run, m.start(), m.end(), pi, ends, state, out, full_names_only)
            continue
        for run, run_start, run_end in _pieces(run, m.start()):
            _read_piece(text, run, run_start, run_end, pi, ends, state, out, full_names_only)
    return out


_STOP_RE = re.compile(r"\b([A-Z][a-z]+)\. ")


def _pieces(run: str, at: int) -> list[tuple[str, int, int]]:
    """A run split at sentence stops: "Chancellor Angela Merkel. In her speech" -> "Chancellor Angela Merkel", ..."""
    if ". " not in run:
        return [(run, at, at + len(run))]
    out, pos = [], 0
    for m in _STOP_RE.finditer(run):
        if m.group(1).lower() not in ABBREV:
            out.append((run[pos:m.end(1)], at + pos, at + m.end(1)))
            pos = m.end()
    out.append((run[pos:], at + pos, at + len(run)))
    return out


def _read_piece(text: str, run: str, run_start: int, run_end: int, pi: int, ends: list[int], state: ArticleState,
                out: list[Mention], full_names_only: bool) -> None:
    """One capitalised run (or piece of one) of a paragraph without quotes: a mention, and names for state."""
    got = _read_run(run)
    if got is None:
        return
    skip, name, role, evidence = got
    if full_names_only and " " not in name:
        return
    start = run_start + skip
    nxt = _NEXT_RE.match(text, run_end)
    subject = bool(nxt) and _cue_in([g for g in nxt.groups() if g])
    if skip == 0 and start > 1:  # "said Jake Horowitz", "professor Brigid Harrison"
        before = text[max(0, start - 16):start - 1].rsplit(" ", 1)[-1]
        subject = subject or (before in SPEAKER_AFTER and not (nxt and nxt.group(1)[:1].islower()))
        evidence = evidence or before in PERSON_TITLES
        if before in TITLE_WORDS and before.islower() and not role:  # "Rovers captain Owen Jones", "Chief executive X"
            words = text[max(0, start - 40):start - 1].split()[-2:]
            role = " ".join(words if len(words) == 2 and (words[0][:1].isupper() or words[0] in TITLE_WORDS)
                            and words[0].lower() not in SENTENCE_STARTERS else words[-1:])  # "chief executive"
    if not subject and text.startswith(", ", run_end):  # "Corey Lewandowski, Trump's campaign manager, said"
        aside = _ASIDE_RE.match(text, run_end)
        subject = bool(aside) and _cue_in([aside.group(1)])
    evidence = evidence or _apposition_follows(text, run_end)
    if not role or honorific_only(role):  # "Mrs Angela Rayner, the deputy leader, visited"
        appo = _ROLE_APPOSITION_RE.match(text, run_end)
        role = appo.group(1) if appo else role
    mention = Mention((pi, start), (pi, bisect.bisect_right(ends, start)), name, role, evidence or subject,
                      subject, -1)
    if evidence or subject:
        out.append(mention)
        state.remember(name, role)
    else:  # useful only if the name turns out to be a known person's (settle_mentions)
        state.unsure.append(mention)
    state.remember_form(name)


_APPOSITION_RE = re.compile(r", (?:\d{1,3}, )?(?:a|an|the) ")
_ROLE_APPOSITION_RE = re.compile(r", (?:\d{1,3}, )?(?:a|an|the) ((?:[\w'\u2019-]+ ){0,4}[\w'\u2019-]+),")
_ASIDE_RE = re.compile(r", [^,.;:\"]{2,80}, ([a-z]+)")


def _cue_after_aside(toks: list[Tok], j: int) -> bool:
    if j >= len(toks) or toks[j].text != ",":
        return False
    e = j + 1
    while e < len(toks) and e - j < 14 and toks[e].text not in (",", ".", ";", ":") and toks[e].quote < 0:
        e += 1
    return e + 1 < len(toks) and toks[e].text == "," and toks[e + 1].is_cue


def _apposition_follows(text: str, end: int) -> bool:
    """'Roberta A. Kaplan, a New York-based lawyer': a name followed by ', a ...' names a person."""
    return _APPOSITION_RE.match(text, end) is not None


def _has_initial(name: str) -> bool:
    """'Roberta A. Kaplan', 'John F. Kennedy': a middle initial marks a person's name."""
    words = name.split()
    return len(words) >= 3 and any(len(w) == 2 and w[1] == "." and w[0].isupper() for w in words[1:-1])


def _cue_in(follow: list[str]) -> bool:
    for w in follow:
        if w in CUE_WORDS and w[:1].islower():
            return True
        if not (w in AUX_WORDS or w.endswith("ly")):
            return False
    return False
