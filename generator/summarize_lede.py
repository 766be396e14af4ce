"""How much a sentence looks like a news lede (who/what/when/where, no quote, no pronoun subject).

A tiny logistic model: WEIGHTS were fitted offline by `eval/summeval_fit_lede.py` on
first-paragraph-vs-other-paragraphs labels from PolNeAR train/dev, BBC News Summary, the XSum
(BBC) half of FRANK and the even-numbered half of its CNN/DM articles (weighted x4), titles blanked for
half of the articles (the odd CNN/DM half and Multi-News are held out; top-1 lede paragraph on the held-out
CNN/DM half: 0.48 -> 0.52 with CNN/DM in training, 0.54 once glued captions are cut off). Refit with
`python eval/summeval_fit_lede.py` and paste its output here.
"""
from __future__ import annotations

import bisect
import math
import operator
import re
from itertools import chain
from collections import Counter
from dataclasses import dataclass

from generator.summarize_candidates import CAPITALISED_RE as _CAPITALISED_RE  # noqa: F401
from generator.summarize_candidates import FULL_NAME_RE as _FULL_NAME_RE  # noqa: F401
from generator.summarize_candidates import WHEN_WORDS, Candidate

_HONORIFICS = frozenset("Mr Mrs Ms Dr Miss Sir Lord Lady Prof".split())
_NUMBER_RE = re.compile(r"\d")
_SAID_RE = re.compile(r"\b(?:said|says|told|according to)\b")
_WORDS_RE = re.compile(r"[A-Za-z']+")
_PERFECT_RE = re.compile(r"\b(?:has|have|had) (?:been|\w+ed)\b")

FEATURES = ("bias", "words", "short", "long", "quote_start", "quote_share", "leans_back", "said",
            "number", "names", "when", "centrality", "title", "has_title", "indefinite", "introduces",
            "coverage", "perfect", "refers_back", "central_rank", "names_main")

# Fitted weights (see module docstring); order as in FEATURES.
WEIGHTS = (-2.790, -1.634, -0.353, -0.962, -1.082, -2.908, -1.280, -0.349, -0.267, 0.073, 0.407, 1.858, 5.323, -1.240,
           1.191, 0.240, 1.261, 0.812, -1.802, -0.511, 0.775)


@dataclass
class StoryContext:
    """Story-wide facts a sentence's lede features are measured against."""

    title_tokens: set[str]
    top_tokens: set[str]  # the story's most frequent content words
    word_counts: Counter  # capitalised words as they occur anywhere in the story
    surnames: Counter  # second words of full names ("Leon Yeaman" -> "Yeaman")
    opener_centrality: list[float]  # centrality of every paragraph-opening sentence, descending
    main_name: str  # the surname the story mentions most

    @classmethod
    def build(cls, cands: list[Candidate], title_tokens: set[str], central: list[float]) -> "StoryContext":
        # Counting a list is done in C; a generator feeding Counter runs a Python frame per word
        tf = Counter(chain.from_iterable([c.tokens for c in cands]))
        words = Counter(chain.from_iterable([c.capitalised for c in cands]))
        surnames = Counter(chain.from_iterable([c.full_names for c in cands]))
        top = _top_words(tf, 10)
        openers = sorted((central[i] for i, c in enumerate(cands) if c.first_in_paragraph), reverse=True)
        main = max(surnames, key=lambda w: (words[w], w), default="")
        return cls(title_tokens, top, words, surnames, openers, main)


def _top_words(tf: Counter, k: int) -> set[str]:
    """The k most frequent words, ties by the word (as heapq.nsmallest by (-count, word)); only words
    counted at least as often as the k-th most frequent are sorted."""
    if len(tf) <= k:
        return set(tf)
    floor = sorted(tf.values(), reverse=True)[k - 1]
    return {t for _, t in sorted((-n, t) for t, n in tf.items() if n >= floor)[:k]}


def _refers_back(text: str, known: Counter, own: list[str]) -> int:
    """How many capitalised words stand without a first name (honorifics aside; the sentence's first word and
    short words excluded) and are surnames the story names someone by in full (`known`), but not this sentence
    (`own`): a second reference to someone introduced before."""
    if not known:
        return 0
    words = _WORDS_RE.findall(text)
    if known.keys().isdisjoint(words):
        return 0
    n = 0
    for i in range(1, len(words)):
        w = words[i]
        if w not in known or w in own or not (w[0].isupper() and w[1:].islower() and len(w) > 2):
            continue
        prev_cap = words[i - 1][0].isupper() and words[i - 1] not in _HONORIFICS
        next_cap = i + 1 < len(words) and words[i + 1][0].isupper()
        n += not prev_cap and not next_cap
    return n


def _negated(v: float) -> float:
    return -v


def lede_features(c: Candidate, centrality: float, ctx: StoryContext) -> tuple[float, ...]:
    words = c.words
    toks = c.token_set
    title = len(toks & ctx.title_tokens) / len(ctx.title_tokens) if ctx.title_tokens else 0.0
    # A lede introduces people by full name; later sentences use the surname alone.
    surnames = c.full_names
    introduces = sum(ctx.word_counts[s] > 1 for s in surnames)
    # ... and a sentence naming someone by surname alone ("Mr Yeaman said") comes after the introduction.
    refers_back = _refers_back(c.text, ctx.surnames, surnames)
    first = c.text.lstrip("\"'( ").split(" ", 1)[0]
    return (
        1.0,
        min(words, 50) / 50,
        float(words < 10),
        float(words > 45),
        float(c.opens_with_quote),
        c.quote_share,
        float(c.leans_back),
        float(bool(_SAID_RE.search(c.text))),
        float(bool(_NUMBER_RE.search(c.text))),
        min(c.names, 6) / 6,
        float(not WHEN_WORDS.isdisjoint(toks)),
        centrality,
        title,
        float(bool(ctx.title_tokens)),
        float(first in ("A", "An")),
        min(introduces, 3) / 3,
        len(toks & ctx.top_tokens) / max(1, len(ctx.top_tokens)),
        float(bool(_PERFECT_RE.search(c.text))),
        min(refers_back, 2) / 2,
        # openers more central than this sentence (the list is sorted high to low: a binary search)
        bisect.bisect_left(ctx.opener_centrality, -centrality, key=_negated) / max(1, len(ctx.opener_centrality)),
        float(bool(ctx.main_name) and ctx.main_name in surnames),
    )


def lede_score(features: tuple[float, ...], weights: tuple[float, ...] = WEIGHTS) -> float:
    """Probability-like score in (0, 1)."""
    z = sum(map(operator.mul, weights, features))  # the same sum in the same order, without a Python frame per term
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
