"""Is an article's file order the writer's order? Evidence from how a writer introduces things.

A writer names someone in full before using the surname alone ("Leon Yeaman ... Mr Yeaman said"), and
spells out an abbreviation before using it bare ("... Commission (SEC) ... the SEC said"). In shuffled
paragraphs the first mention is as often the later form as the introduction.

The order model (ORDER_WEIGHTS over order_features) adds how lede-like the first paragraph reads, how much
more adjacent paragraphs share than any two do (order_coherence), the first paragraph's length, and where the
story's central sentences sit: first in the writer's order, background and reactions last.
"""
from __future__ import annotations

import operator
import re
from collections import Counter
from itertools import chain

from generator.summarize_candidates import Candidate

# Is the file order the writer's? Logistic model fitted by eval/summeval_fit_order.py (PolNeAR train/dev, XSum
# and the even half of CNN/DM, in order vs with paragraphs shuffled; the odd CNN/DM half, Multi-News and BBC
# held out: AUC on the odd CNN/DM half 0.844 -> 0.879 with the head/rank/tail centrality features, BBC 0.97 -> 0.955).
ORDER_FEATURES = ("bias", "lede_margin", "lede", "coherence", "evidence", "first_paragraph_sentences",
                  "head_centrality", "first_rank", "tail_centrality")
ORDER_WEIGHTS = (0.229, 3.355, 3.131, 2.869, 0.752, -0.978, 2.220, -0.117, -1.419)
# Log-odds added for input being in the writer's order (hand-set): 0.5 traded shuffled CNN/DM 36.7 -> 36.2 for
# in-order 40.0 -> 40.3 and put BBC shuffled 0.010 below in order, so 0. Texts too short to tell (fewer than
# COHERENCE_FULL_PAIRS + 1 sentences) get up to SHORT_TEXT_PRIOR more: little evidence, assume the writer's order.
ORDER_PRIOR = 0.0
SHORT_TEXT_PRIOR = 0.5
COHERENCE_FULL_PAIRS = 8  # adjacent paragraph pairs from which order_coherence is taken at face value

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
    not_first, caps = _NOT_FIRST_NAMES, _CAPS_RE.finditer  # (locals: this loop runs for every capitalised word)
    for k, i in enumerate(idx):
        if k == head:
            # Only what the head mentions counts: later sentences that name none of it need no look.
            interesting = {w.lower() for d in (full, alone, defined, bare) for w in d}
        if k >= head and interesting.isdisjoint(cands[i].token_set):
            continue
        prev, prev_end = "", -2
        for m in caps(cands[i].text):
            opened, w, closed = m.groups()
            if w.isupper():
                (defined if opened and closed else bare).setdefault(w, k)
            elif m.start() == prev_end + 1 and prev not in not_first and len(w) > 2 \
                    and w not in not_first and not opened:
                full.setdefault(w, k)
            elif len(w) > 2 and full.get(w) != k:
                alone.setdefault(w, k)
            if opened or closed:
                prev, prev_end = "", -2
            else:
                prev, prev_end = w, m.end()
    score = 0
    for w, k in full.items():
        if w in alone and min(k, alone[w]) < head:
            score += 1 if k < alone[w] else -1 if k > alone[w] else 0
    for a, k in defined.items():
        if a in bare and min(k, bare[a]) < head:
            score += 1 if k < bare[a] else -1 if k > bare[a] else 0
    return score


def order_coherence(cands: list[Candidate], idx: list[int]) -> float:
    """How many more words adjacent paragraphs share than two paragraphs do on average:
    about 1 when paragraphs were shuffled, more in the writer's order."""
    paras: dict[int, set[str]] = {}
    for i in idx:
        paras.setdefault(cands[i].paragraph, set()).update(cands[i].token_set)
    sets = [paras[k] for k in sorted(paras)]
    n = len(sets)
    if n < 5:
        return 1.0  # too few paragraphs to tell
    adjacent = sum(len(sets[i] & sets[i + 1]) for i in range(n - 1)) / (n - 1)
    # Shared words over all pairs, from how many paragraphs use each word: sum of C(df, 2).
    df = list(Counter(chain.from_iterable(sets)).values())
    pairs = (sum(map(operator.mul, df, df)) - sum(df)) // 2  # exact: the same float as summing k * (k - 1) / 2
    overall = pairs / (n * (n - 1) / 2)
    ratio = adjacent / overall if overall else 1.0
    # Few adjacent pairs are weak evidence either way: shrink towards "cannot tell" (1).
    share = min(1.0, (n - 1) / COHERENCE_FULL_PAIRS)
    return 1.0 + share * (ratio - 1.0)


def order_features(cands: list[Candidate], idx: list[int], lede: list[float], central: list[float]) -> tuple:
    """Evidence that an article's file order is the writer's (features of ORDER_FEATURES)."""
    first = cands[idx[0]]
    size = sum(cands[i].paragraph == first.paragraph for i in idx)
    mean = sum(map(central.__getitem__, idx)) / len(idx)
    head = idx[:3]
    tail = idx[-max(1, len(idx) // 4):]
    # A writer puts the story's core first: the opening sentences are more central than the average one, the
    # first is among the most central, and the last quarter (background, reactions) less so. A short text
    # tells little this way: shrunk towards 0 like order_coherence.
    share = min(1.0, (len(idx) - 1) / COHERENCE_FULL_PAIRS)
    return (1.0, lede[idx[0]] - max(map(lede.__getitem__, idx)), lede[idx[0]], order_coherence(cands, idx) - 1,
            max(-3, min(3, order_evidence(cands, idx, size))), min(size, 5) / 5,
            share * (sum(central[i] for i in head) / len(head) - mean),
            share * sum(central[i] > central[idx[0]] for i in idx) / len(idx),
            share * (sum(central[i] for i in tail) / len(tail) - mean))
