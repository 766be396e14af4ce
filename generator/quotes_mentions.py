"""Names seen outside quotes in one article: who may be a person, and the fullest form of each name."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from generator.quotes_cues import ABBREV, AUX_WORDS, CUE_WORDS, Tok
from generator.quotes_names import (HONORIFICS, PARTICLES, TITLE_WORDS, gender, looks_like_person, split_role,
                                    surname)

_SENTENCE_STARTERS = frozenset("""the a an in on at but and or so as if when while after before this that these those
it its he she they we i his her their our there here then however meanwhile still yet last next for with from by
during since though although what who why how where one some many most all both each every no not only even also
asked""".split())


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
    last_speaker: Speaker | None = None

    def remember(self, name: str, role: str | None) -> None:
        key = surname(name).lower()
        old = self.full.get(key)
        if old is None or len(name.split()) > len(old[0].split()) or (role and not old[1] and name == old[0]):
            self.full[key] = (name, role or (old[1] if old else None))

    def canonical(self, name: str, role: str | None) -> tuple[str, str | None]:
        """Fullest form of a person's name in this article ('Blinken' -> 'Antony Blinken') and a role."""
        old = self.full.get(surname(name).lower())
        if old and _compatible(name, old[0]):
            return (old[0] if len(old[0].split()) >= len(name.split()) else name), role or old[1]
        return name, role

    def gender_of(self, name: str, role: str | None) -> str | None:
        full, frole = self.canonical(name, role)
        return gender(full, role) or gender(full, frole)


def _compatible(a: str, b: str) -> bool:
    """Same person if surnames match and first names (when both given) agree."""
    ta, tb = a.split(), b.split()
    if surname(a).lower() != surname(b).lower():
        return False
    if len(ta) > 1 and len(tb) > 1:
        return ta[0].lower().rstrip(".") == tb[0].lower().rstrip(".") or len(ta[0].rstrip(".")) == 1
    return True


def _name_token(t: Tok) -> bool:
    return t.is_cap or (t.is_word and (t.low in TITLE_WORDS or t.low in PARTICLES))


_NOT_NAMES = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december today yesterday tonight early late one two three four five six
seven eight nine ten twenty first second third last next god""".split())


def _not_name(t: Tok) -> bool:
    w = t.text.rstrip(".")
    return t.low in _NOT_NAMES or (len(w) >= 2 and w.isupper() and "." not in w and len(w) > 4)


SPEAKER_AFTER = frozenset("said says added wrote writes asked explained noted argued continued recalled warned insisted "
                          "replied according".split())


def _cue_follows(toks: list[Tok], j: int) -> bool:
    """'Lavrov told', 'Cruz openly admitted', 'Trump has also said'."""
    while j < len(toks) and toks[j].is_word and (toks[j].low in AUX_WORDS or toks[j].low.endswith("ly")) and not toks[j].is_cue:
        j += 1
    return j < len(toks) and toks[j].is_cue


def collect_mentions(toks: list[Tok], sentence_of: list[int], pi: int, state: ArticleState) -> list[Mention]:
    """Runs of capitalised words outside quotes that may name a person; full names go into state.full."""
    out: list[Mention] = []
    i = 0
    n = len(toks)
    while i < n:
        if not toks[i].is_cap or _not_name(toks[i]):
            i += 1
            continue
        j = i
        while j < n and not _not_name(toks[j]) and (
                _name_token(toks[j]) or (toks[j].low == "of" and j + 1 < n and toks[j + 1].is_cap)):
            j += 1
        start = i
        while start < j and toks[start].low in _SENTENCE_STARTERS:
            start += 1
        if start < j:
            phrase = " ".join(t.text for t in toks[start:j])
            name, role = split_role(phrase)
            after_cue = start > 0 and toks[start - 1].low in SPEAKER_AFTER  # "said Jake Horowitz"
            subject = _cue_follows(toks, j) or after_cue
            if looks_like_person(name) and not name.endswith("'s"):
                evidence = bool(role and any(w.lower() in TITLE_WORDS or w.lower() in HONORIFICS for w in role.split()))
                evidence = evidence or gender(name) is not None or subject
                out.append(Mention((pi, start), (pi, sentence_of[start]), name, role, evidence, subject, j))
                if evidence:
                    state.remember(name, role)
        i = max(j, i + 1)
    return out


def settle_mentions(state: ArticleState) -> None:
    """Once the whole article is read: a bare surname of a known person is a person ('Cruz' after 'Ted Cruz')."""
    for m in state.mentions:
        if not m.person and surname(m.name).lower() in state.full:
            m.person = True




# Paragraphs without quotes only feed names to later pronouns and full forms, so they are scanned with one
# regex over capitalised runs instead of being tokenised (most of the text; this keeps extraction fast).
_RUN_RE = re.compile(r"(?<![\w'\u2019])[A-Z][\w'\u2019&-]*(?:\.(?=[ ,][A-Z]))?"
                     r"(?:[ ](?:[A-Z][\w'\u2019&-]*\.?|(?:of|de|van|von|al|bin|da|di|del|la|le)(?=[ ][A-Z])))*")
_NEXT_RE = re.compile(r"[ \t]*([\w'\u2019]+)(?:[ \t]+([\w'\u2019]+))?(?:[ \t]+([\w'\u2019]+))?")
_PREV_RE = re.compile(r"([\w'\u2019]+)[ \t]*$")
_SENT_END_RE = re.compile(r"[a-z0-9][.!?][\"')\]]*\s+(?=[\"'(]?[A-Z0-9])")


def light_mentions(text: str, pi: int, state: ArticleState, full_names_only: bool = False) -> list[Mention]:
    """Mentions of a paragraph without quotes; order is (paragraph, character offset).

    With full_names_only (no quote within the next paragraphs, so no pronoun will look back here) only
    names of two or more words are read, for the fullest form of a name.
    """
    ends = None
    out: list[Mention] = []
    for m in _RUN_RE.finditer(text):
        words = m.group(0).split(" ")
        start = m.start()
        while words and (words[0].lower().rstrip(".") in _SENTENCE_STARTERS or words[0].lower().rstrip(".") in _NOT_NAMES):
            start += len(words[0]) + 1
            words = words[1:]
        if not words or (full_names_only and len(words) < 2):
            continue
        if words[-1].endswith(".") and words[-1][:-1].lower() not in ABBREV:
            words[-1] = words[-1][:-1]
        if any(w.lower() in _NOT_NAMES or (len(w) > 4 and w.isupper()) for w in words):
            continue
        name, role = split_role(" ".join(words))
        if not looks_like_person(name) or name.endswith("'s"):
            continue
        end = start + sum(len(w) + 1 for w in words) - 1
        nxt = _NEXT_RE.match(text, end)
        subject = bool(nxt) and _cue_in([g for g in nxt.groups() if g])
        if not subject and start:
            prev = _PREV_RE.search(text, max(0, start - 20), start)
            subject = bool(prev) and prev.group(1).lower() in SPEAKER_AFTER
        evidence = subject or gender(name, role) is not None or bool(
            role and any(w.lower() in TITLE_WORDS or w.lower() in HONORIFICS for w in role.split()))
        if ends is None:
            ends = [e.end() for e in _SENT_END_RE.finditer(text)]
        out.append(Mention((pi, start), (pi, bisect.bisect_right(ends, start)), name, role, evidence, subject, -1))
        if evidence:
            state.remember(name, role)
    return out


def _cue_in(follow: list[str]) -> bool:
    for w in follow:
        if w in CUE_WORDS and w[:1].islower():
            return True
        if not (w in AUX_WORDS or w.endswith("ly")):
            return False
    return False
