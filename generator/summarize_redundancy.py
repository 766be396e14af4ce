"""When two sentences say the same thing, so a summary shows it once."""
from __future__ import annotations

import re

DUPLICATE_JACCARD = 0.3  # content-token overlap above which two sentences say the same thing
_DEFINITE_RE = re.compile(r"\b(?:the|this|that)\s+([a-z]{4,})\b")
_NAME_RE = re.compile(r"\b[A-Z][a-z]{2,}\b")


def stem(word: str) -> str:
    """Crude suffix stripping, enough to meet 'warn', 'warned', 'warning', 'warns': the first of "ings", "ing",
    "ed", "es", "s" the word ends with and that leaves at least 3 letters (tried by the last letter)."""
    last = word[-1:]
    if last == "s":
        if len(word) >= 7 and word.endswith("ings"):
            return word[:-4]
        if len(word) >= 5 and word.endswith("es"):
            return word[:-2]
        return word[:-1] if len(word) >= 4 else word
    if last == "g":
        return word[:-3] if len(word) >= 6 and word.endswith("ing") else word
    if last == "d":
        return word[:-2] if len(word) >= 5 and word.endswith("ed") else word
    return word


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def restates(lede_text: str, lede_tokens: set[str], text: str, lede_stems: set[str] | None = None) -> bool:
    """A later sentence that re-tells the lede's event: it names the lede's subject and refers to
    the event by a definite noun built on one of the lede's words ('X delivered the warning').
    `lede_stems`: the stems of lede_tokens, when at hand."""
    names = set(_NAME_RE.findall(lede_text.split(",")[0]))  # the lede's subject sits before its first comma
    if not names or names.isdisjoint(_NAME_RE.findall(text)):
        return False
    stems = {stem(t) for t in lede_tokens} if lede_stems is None else lede_stems
    # A different form of a lede word: the lede's verb turned into a noun ('warn' -> 'the warning').
    return any(stem(noun) in stems and noun not in lede_tokens for noun in _DEFINITE_RE.findall(text))


def says_same(a_tokens: set[str], b_tokens: set[str]) -> bool:
    return jaccard(a_tokens, b_tokens) > DUPLICATE_JACCARD


SAME_FIGURE_JACCARD = 0.15  # overlap of word stems at which two reports of one figure tell the same fact
_FIGURE_RE = re.compile(r"(?<![\w.,])(\d[\d,.]*\d|\d)(?:\s*(%|per\s?cent|percent|million|billion|trillion|bn|m\b|"
                        r"pounds|dollars|euros|votes|people|jobs|troops|-?\s?(?:hour|day|week|month|year)s?\b))", re.I)


def figures(text: str) -> set[str]:
    """Quantities with their unit ("4 percent", "2,300 jobs", "48-hour"): the facts a report gives."""
    out = set()
    for number, unit in _FIGURE_RE.findall(text):
        unit = re.sub(r"[\s-]", "", unit.lower()).replace("percent", "%").replace("per cent", "%")
        out.add(number.replace(",", "") + re.sub(r"s$", "", unit))
    return out


def same_figure(a_text: str, a_tokens: set[str], b_text: str, b_tokens: set[str]) -> bool:
    """Two reports' sentences giving the same figure about the same thing ("offered a 4 percent rise" /
    "its offer of a 4 percent rise"): one fact, worded differently."""
    shared = figures(a_text) & figures(b_text)
    if not shared:
        return False
    # The figure's own words do not count: "48-hour strike" and "cancelled during the 48-hour strike" differ.
    figure_words = {w for f in shared for w in re.findall(r"[a-z]+|\d+", f)} | {"percent", "cent"}
    a = {stem(t) for t in a_tokens if t not in figure_words}
    b = {stem(t) for t in b_tokens if t not in figure_words}
    return len(a & b) >= 2 and jaccard(a, b) >= SAME_FIGURE_JACCARD
