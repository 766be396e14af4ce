"""Is an article's file order the writer's order? Evidence from how a writer introduces things.

A writer names someone in full before using the surname alone ("Leon Yeaman ... Mr Yeaman said"), and
spells out an abbreviation before using it bare ("... Commission (SEC) ... the SEC said"). In shuffled
paragraphs the first mention is as often the later form as the introduction.
"""
from __future__ import annotations

import re

from generator.summarize_candidates import Candidate

# One pass over capitalised words: names ("Leon", "Yeaman") and abbreviations, "(SEC)" when in brackets.
_CAPS_RE = re.compile(r"(\()?\b([A-Z][a-z]+|[A-Z]{2,6})\b(\))?")
# Capitalised words that open a phrase rather than a first name.
_NOT_FIRST_NAMES = frozenset("""The A An In On At For From To Of By With As After Before But And Or If When While
    This That These Those It He She They We His Her Its Their Our Mr Mrs Ms Dr Sir Lord Lady Prof Miss President
    Prime Minister Chancellor Secretary General Chief Judge Justice Senator Governor Mayor King Queen Prince
    Princess Pope Saint St New North South East West United Last Next Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday January February March April May June July August September October November December""".split())


def order_evidence(cands: list[Candidate], idx: list[int], head: int | None = None) -> int:
    """Introductions that come before the bare uses (+1 each) minus those that come after (-1 each);
    with `head`, only names and abbreviations first mentioned in the first `head` sentences count."""
    head = len(idx) if head is None else head
    full: dict[str, int] = {}  # surname -> first sentence naming the person in full
    alone: dict[str, int] = {}  # surname -> first sentence using it without a first name
    defined: dict[str, int] = {}  # abbreviation -> first sentence spelling it out, "(SEC)"
    bare: dict[str, int] = {}
    interesting: set[str] = set()
    for k, i in enumerate(idx):
        if k == head:
            # Only what the head mentions counts: later sentences that name none of it need no look.
            interesting = {w.lower() for d in (full, alone, defined, bare) for w in d}
        if k >= head and not any(t in interesting for t in cands[i].tokens):
            continue
        prev, prev_end = "", -2
        for m in _CAPS_RE.finditer(cands[i].text):
            opened, w, closed = m.groups()
            if w.isupper():
                (defined if opened and closed else bare).setdefault(w, k)
            elif m.start() == prev_end + 1 and prev not in _NOT_FIRST_NAMES and len(w) > 2 \
                    and w not in _NOT_FIRST_NAMES and not opened:
                full.setdefault(w, k)
            elif len(w) > 2 and not (w in full and full[w] == k):
                alone.setdefault(w, k)
            prev, prev_end = ("", -2) if opened or closed else (w, m.end())
    score = 0
    for w, k in full.items():
        if w in alone and min(k, alone[w]) < head:
            score += 1 if k < alone[w] else -1 if k > alone[w] else 0
    for a, k in defined.items():
        if a in bare and min(k, bare[a]) < head:
            score += 1 if k < bare[a] else -1 if k > bare[a] else 0
    return score
