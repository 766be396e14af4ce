"""How much a sentence looks like a news lede (who/what/when/where, no quote, no pronoun subject).

A tiny logistic model: the weights below were fitted offline by `eval/summeval_fit_lede.py` on
first-sentence-vs-rest labels from PolNeAR train/dev and BBC News Summary (CNN/DM and Multi-News are
held out for evaluation). Refit with `python eval/summeval_fit_lede.py` and paste its output here.
"""
from __future__ import annotations

import math
import re

from generator.summarize_candidates import WHEN_WORDS, Candidate

_CAPITALISED_RE = re.compile(r"(?<=\s)[A-Z][a-z]+")
_NUMBER_RE = re.compile(r"\d")
_SAID_RE = re.compile(r"\b(?:said|says|told|according to)\b")

FEATURES = ("bias", "words", "short", "long", "quote_start", "quote_share", "leans_back", "said",
            "number", "names", "when", "centrality", "title", "first_in_paragraph")

# Fitted weights (see module docstring); order as in FEATURES.
WEIGHTS = (-3.0, 0.0, -1.0, -0.5, -2.0, -1.5, -2.0, -0.5, 0.3, 0.5, 0.5, 1.5, 2.0, 1.0)


def lede_features(c: Candidate, centrality: float, title_tokens: set[str]) -> tuple[float, ...]:
    words = c.words
    toks = set(c.tokens)
    title = len(toks & title_tokens) / len(title_tokens) if title_tokens else 0.0
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
        min(len(_CAPITALISED_RE.findall(c.text)), 6) / 6,
        float(any(t in WHEN_WORDS for t in toks)),
        centrality,
        title,
        float(c.first_in_paragraph),
    )


def lede_score(features: tuple[float, ...], weights: tuple[float, ...] = WEIGHTS) -> float:
    """Probability-like score in (0, 1)."""
    z = sum(w * f for w, f in zip(weights, features))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
