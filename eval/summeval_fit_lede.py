"""Fit the lede model's weights (generator/summarize_lede.py WEIGHTS) offline.

Training data: PolNeAR train+dev, BBC News Summary and XSum (BBC) articles in their original order
(../shared/data). Positive = the first candidate sentence of an article; negatives = the first
sentences of its other paragraphs (a shuffled article's lede still opens a paragraph).
The even-numbered CNN/DM articles join; the odd-numbered ones and Multi-News stay held out. L2-regularised logistic regression by Newton steps (numpy).
Prints the WEIGHTS tuple and top-1 accuracy on held-out CNN/DM (which paragraph opens the article).
"""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import summeval_data as data  # noqa: E402

from generator.model import Article  # noqa: E402
from generator.sources import read_file  # noqa: E402
from generator.summarize import centrality  # noqa: E402
from generator.summarize_candidates import build_candidates  # noqa: E402
from generator.summarize_lede import FEATURES, WEIGHTS, StoryContext, lede_features, lede_score  # noqa: E402
from generator.text import content_tokens  # noqa: E402


CNN_COPIES = int(sys.argv[1]) if len(sys.argv) > 1 else 4
# Which CNN/DM half trains ("even", the default; "odd" for the reverse check: fit on odd, measure on even).
HALF = sys.argv[2] if len(sys.argv) > 2 else "even"


def rows(article: Article):
    """(features, label) for every paragraph-opening candidate of one article."""
    cands = build_candidates([article])
    if len(cands) < 2:
        return []
    central = centrality(cands)
    ctx = StoryContext.build(cands, set(content_tokens(article.title)), central)
    first = cands[0].paragraph
    return [(lede_features(c, central[i], ctx), float(c.paragraph == first))
            for i, c in enumerate(cands) if c.first_in_paragraph]


def polnear() -> list[Article]:
    out = []
    for split in ("train", "dev"):
        for p in sorted((data.DATA / "polnear" / split / "articles").glob("*.txt")):
            a = read_file(p, p.name)
            if isinstance(a, Article):
                out.append(a)
    return out


def xsum() -> list[Article]:
    out = []
    for p in sorted((data.DATA / "frank-cnndm-xsum" / "articles").glob("xsum_*.txt")):
        a = read_file(p, p.name)
        if isinstance(a, Article):
            out.append(dataclasses.replace(a, title=""))  # headline is the first sentence
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 30) -> np.ndarray:
    w = np.zeros(x.shape[1])
    reg = l2 * np.eye(x.shape[1])
    reg[0, 0] = 0.0  # no penalty on the bias
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) + reg @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + reg
        w -= np.linalg.solve(hess, grad)
    return w


def top1(articles: list[Article], weights) -> float:
    hits = n = 0
    for a in articles:
        r = rows(a)
        if not r:
            continue
        scores = [lede_score(f, weights) for f, _ in r]
        best = max(range(len(r)), key=lambda i: (scores[i], -i))
        hits += r[best][1] == 1.0
        n += 1
    return hits / max(n, 1)


def main() -> int:
    if not data.available():
        print(f"skipped: {data.DATA} not found")
        return 0
    cnn = [arts[0] for _, arts, _ in data.cnndm()]  # titles already blanked (they copy the first sentence)
    train = polnear() + [arts[0] for _, arts, _ in data.bbc()] + xsum()
    # Blank every other title so the model also knows ledes of headline-less input.
    train = [a if i % 2 else dataclasses.replace(a, title="") for i, a in enumerate(train)]
    # The even-numbered CNN/DM articles join (tabloid ledes differ from BBC and PolNeAR ones), counted
    # CNN_COPIES times so 125 articles weigh against 3,000; the odd-numbered ones are held out.
    own, held = (cnn[::2], cnn[1::2]) if HALF == "even" else (cnn[1::2], cnn[::2])
    train += own * CNN_COPIES
    xs, ys = [], []
    for a in train:
        for f, label in rows(a):
            xs.append(f)
            ys.append(label)
    w = fit(np.array(xs), np.array(ys))
    print(f"training rows {len(ys)} from {len(train)} articles")
    print(f"top-1 lede paragraph, held-out CNN/DM {'odd' if HALF == 'even' else 'even'} half: current weights {top1(held, WEIGHTS):.3f}, "
          f"fitted {top1(held, tuple(w)):.3f}; training set {top1(train, tuple(w)):.3f}")
    print("WEIGHTS = (" + ", ".join(f"{v:.3f}" for v in w) + ")")
    print("# " + ", ".join(FEATURES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
