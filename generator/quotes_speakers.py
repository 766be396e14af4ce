"""Speaker phrases around cues, person mentions, and pronoun resolution within one article."""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.quotes_cues import AUX_WORDS, BOUNDARY_WORDS, DETERMINERS, PRONOUNS, Tok
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


def phrase_after(toks: list[Tok], i: int, text: str) -> tuple[str, int] | None:
    """Speaker phrase starting at token i ('the ad's narrator', 'State Department spokesman Ned Price'); returns (phrase, next index)."""
    if i >= len(toks) or not toks[i].is_word:
        return None
    if toks[i].low in PRONOUNS:
        return toks[i].text, i + 1
    first = toks[i]
    if not (first.is_cap or first.low in DETERMINERS or first.low in TITLE_WORDS):
        return None
    j = i
    while j < len(toks) and j - i < 9:
        t = toks[j]
        if t.text == "(":  # "(R-IN)" after a name
            k = j + 1
            while k < len(toks) and toks[k].text != ")" and k - j < 6:
                k += 1
            if k < len(toks) and toks[k].text == ")":
                j = k + 1
                continue
        if not t.is_word or (t.is_cue and j > i) or (t.low in AUX_WORDS and j > i and t.low != "of"):
            break
        if t.low in BOUNDARY_WORDS and t.low not in ("of",):
            break
        j += 1
    if j == i:
        return None
    end = j
    while end > i and toks[end - 1].text in (")",):
        end -= 1
    return text[toks[i].start:toks[end - 1].end], j


def phrase_before(toks: list[Tok], cue: int, text: str) -> str | None:
    """Subject phrase ending right before the cue at index `cue` (skipping 'also', 'has', ...)."""
    j = cue - 1
    while j >= 0 and toks[j].is_word and toks[j].low in AUX_WORDS and toks[j].low not in PRONOUNS:
        j -= 1
    if j > 0 and toks[j].text == ",":  # "Sanders, meanwhile, said" / "Suu Kyi, 70, said": skip the aside
        k = j - 1
        while k > 0 and j - k < 15 and toks[k].text not in (",", ".", ";", ":") and toks[k].quote < 0:
            k -= 1
        if k > 0 and toks[k].text == "," and toks[k - 1].is_word:
            return phrase_before(toks, k, text)
        return None
    if j < 0 or not toks[j].is_word and toks[j].text != ")":
        return None
    if toks[j].is_word and toks[j].low in PRONOUNS:
        return toks[j].text
    end = j
    if toks[j].text == ")":  # "Mike Pence (R-IN) said"
        while j >= 0 and toks[j].text != "(" and end - j < 6:
            j -= 1
        j -= 1
        end = j
    start = None
    k = j
    while k >= 0 and end - k < 9:
        t = toks[k]
        if not t.is_word or (t.low in BOUNDARY_WORDS and t.low != "of") or t.is_cue:
            break
        start = k
        if t.low in DETERMINERS or t.low.endswith("'s") and not t.is_cap:
            break
        k -= 1
    if start is None:
        return None
    # Trim a left edge that is not a determiner, title or capitalised word ("ready Blinken" -> "Blinken").
    while start <= end and not (toks[start].is_cap or toks[start].low in DETERMINERS or toks[start].low in TITLE_WORDS):
        start += 1
    if start > end:
        return None
    while start < end and toks[start].is_cap and toks[start].low in _SENTENCE_STARTERS and toks[start].low not in DETERMINERS:
        start += 1
    return text[toks[start].start:_phrase_end(toks, end, cue)]


def _phrase_end(toks: list[Tok], end: int, cue: int) -> int:
    # Include a trailing parenthetical such as "(R-IN)" that sits between the name and the cue.
    k = cue - 1
    while k > end and toks[k].is_word and toks[k].low in AUX_WORDS:
        k -= 1
    return toks[k].end if toks[k].text == ")" else toks[end].end


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


def resolve_pronoun(pronoun: str, order: tuple[int, int], sentence: tuple[int, int], state: ArticleState) -> Speaker:
    """Nearest earlier person of the right gender: same sentence first, then the subject of earlier sentences."""
    p = pronoun.lower()
    if p in ("i", "we"):
        return Speaker(None, pronoun=pronoun)
    want = {"he": "m", "she": "f"}.get(p)
    before = [m for m in state.mentions if m.order < order and m.person and order[0] - m.order[0] <= 3]

    def fits(m: Mention) -> bool:
        if want and m.name.replace(".", "").isupper():  # "CNN", "FBI": organisations, not he or she
            return False
        g = state.gender_of(m.name, m.role)
        return want is None or g is None or g == want

    if p in ("they", "it"):  # an organisation or a document quoted just before: "the company ... It added"
        sp = state.last_speaker
        return Speaker(sp.name, sp.role, pronoun) if sp and sp.name and not looks_like_person(sp.name) else Speaker(None, pronoun=pronoun)
    same = [m for m in before if m.sentence == sentence and fits(m)]
    if same:
        m = same[-1]
        return Speaker(m.name, m.role, pronoun)
    earlier_sentences = sorted({m.sentence for m in before if m.sentence < sentence}, reverse=True)
    for s in earlier_sentences[:4]:
        cands = [m for m in before if m.sentence == s and fits(m)]
        if cands:
            subj = [m for m in cands if m.subject]
            m = (subj or cands)[0]
            return Speaker(m.name, m.role, pronoun)
    sp = state.last_speaker
    if sp and sp.name and looks_like_person(sp.name):
        g = state.gender_of(sp.name, sp.role)
        if want is None or g is None or g == want:
            return Speaker(sp.name, sp.role, pronoun)
    return Speaker(None, pronoun=pronoun)
