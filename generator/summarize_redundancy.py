"""When two sentences say the same thing, so a summary shows it once."""
from __future__ import annotations

import re

DUPLICATE_JACCARD = 0.3  # content-token overlap above which two sentences say the same thing
_DEFINITE_RE = re.compile(r"\b(?:the|this|that)\s+([a-z]{4,})\b")
_NAME_RE = re.compile(r"\b[A-Z][a-z]{2,}\b")


def stem(word: str) -> str:
    """Crude suffix stripping, enough to meet 'warn', 'warned', 'warning', 'warns'."""
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def restates(lede_text: str, lede_tokens: set[str], text: str) -> bool:
    """A later sentence that re-tells the lede's event: it names the lede's subject and refers to
    the event by a definite noun built on one of the lede's words ('X delivered the warning')."""
    names = set(_NAME_RE.findall(lede_text.split(",")[0]))  # the lede's subject sits before its first comma
    if not names or not (names & set(_NAME_RE.findall(text))):
        return False
    stems = {stem(t) for t in lede_tokens}
    # A different form of a lede word: the lede's verb turned into a noun ('warn' -> 'the warning').
    return any(stem(noun) in stems and noun not in lede_tokens for noun in _DEFINITE_RE.findall(text))


def says_same(a_tokens: set[str], b_tokens: set[str]) -> bool:
    return jaccard(a_tokens, b_tokens) > DUPLICATE_JACCARD
