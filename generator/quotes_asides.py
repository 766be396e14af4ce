"""What stands between a speaker's name and the cue: "Ned Price, a State Department spokesman, said",
"Ana Reis, 30, of Tallmark, who was polled, said"."""
from __future__ import annotations

from generator.quotes_cues import Tok


def apposition(toks: list[Tok], m: int, text: str) -> str | None:
    """', a spokesman for the ministry,' or ', 52, a shopkeeper in ...' right after a name."""
    if m >= len(toks) or toks[m].text != ",":
        return None
    k = m + 1
    if k + 1 < len(toks) and toks[k].text.isdigit() and toks[k + 1].text == ",":
        k += 2  # an age
    if k >= len(toks) or toks[k].low not in ("a", "an", "the"):
        return None
    e = k + 1
    while e < len(toks) and toks[e].quote < 0 and toks[e].text not in (",", ".", ";", ":") and e - k < 12 \
            and toks[e].low not in ("who", "which", "that", "whose"):
        e += 1
    return text[toks[k + 1].start:toks[e - 1].end] if e > k + 1 else None


_ASIDE_OPENERS = frozenset("of from in at who whose which a an the".split())


def asides(toks: list[Tok], m: int, most: int = 5) -> list[tuple[int, int]]:
    """Token ranges of the comma-separated asides from toks[m] (a comma) up to a comma right before a cue, when
    each reads as an age, a home town, a role or a relative clause; else []."""
    chunks, e0 = [], m
    while len(chunks) < most:
        a = e = e0 + 1
        while e < len(toks) and toks[e].text != "," and e - a < 14 and toks[e].quote < 0:
            e += 1
        if e >= len(toks) or toks[e].text != "," or e == a:
            return []
        if not (toks[a].text.isdigit() or toks[a].low in _ASIDE_OPENERS or toks[a].is_cap):
            return []
        chunks.append((a, e))
        if e + 1 < len(toks) and toks[e + 1].is_cue:
            return chunks
        e0 = e
    return []


def named_after(toks: list[Tok], m: int, text: str) -> str | None:
    """', John Smith.' right after a description ('said the chief executive, John Smith'): the name, when a
    run of two to four capitalised words ends the clause."""
    if m >= len(toks) or toks[m].text != ",":
        return None
    e = m + 1
    while e < len(toks) and e - m <= 4 and toks[e].is_word and toks[e].is_cap:
        e += 1
    if not 2 <= e - m - 1 <= 4 or (e < len(toks) and toks[e].text not in (".", ",", ";") and toks[e].quote < 0):
        return None
    return text[toks[m + 1].start:toks[e - 1].end]
