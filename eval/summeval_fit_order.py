"""Fit the order model's weights (generator/summarize_order.py ORDER_WEIGHTS) offline.

Is an article's file order the writer's? Positives: PolNeAR train+dev and XSum articles as written;
negatives: the same articles with paragraphs shuffled (only when the first paragraph changed).
The even-numbered CNN/DM articles are added; the odd-numbered ones, Multi-News and BBC stay held out. Titles blanked for half of the articles, as for the lede model.
Prints the ORDER_WEIGHTS tuple and the AUC on held-out CNN/DM and BBC (in order vs shuffled).
ORDER_PRIOR (log-odds for input being in order more often than not) is set by hand, not fitted.
"""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import summeval_data as data  # noqa: E402
from summeval_fit_lede import fit, polnear, xsum  # noqa: E402

from generator.model import Article  # noqa: E402
from generator.summarize import ORDER_FEATURES, ORDER_WEIGHTS, _analyse, order_features  # noqa: E402
from generator.summarize_candidates import build_candidates  # noqa: E402
from generator.text import content_tokens  # noqa: E402


CNN_COPIES = int(sys.argv[1]) if len(sys.argv) > 1 else 3
HALF = sys.argv[2] if len(sys.argv) > 2 else "even"  # the CNN/DM half that trains ("odd": the reverse check)


def features(article: Article):
    cands = build_candidates([article])
    if len(cands) < 4:
        return None
    central, lede, *_ = _analyse(cands, set(content_tokens(article.title)) if article.title else set())
    return order_features(cands, list(range(len(cands))), lede, central)


def rows(articles: list[Article]) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for i, a in enumerate(articles):
        shuffled = data.shuffled(a, str(i))
        for art, label in ((a, 1.0), (shuffled, 0.0)):
            if label == 0.0 and (not a.paragraphs or shuffled.paragraphs[0] == a.paragraphs[0]):
                continue
            f = features(art)
            if f is not None:
                xs.append(f)
                ys.append(label)
    return np.array(xs), np.array(ys)


def auc(y: np.ndarray, score: np.ndarray) -> float:
    pos, neg = score[y == 1], score[y == 0]
    return float(((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum())
                 / max(1, len(pos) * len(neg)))


def main() -> int:
    if not data.available():
        print(f"skipped: {data.DATA} not found")
        return 0
    train = polnear() + xsum()
    train = [a if i % 2 else dataclasses.replace(a, title="") for i, a in enumerate(train)]
    cnn = [a[0] for _, a, _ in data.cnndm()]
    # Half of the CNN/DM articles join the training set (its one-sentence-paragraph tabloid style differs from
    # PolNeAR and XSum); the other half is reported as held out.
    own, held = (cnn[::2], cnn[1::2]) if HALF == "even" else (cnn[1::2], cnn[::2])
    x, y = rows(train + own * CNN_COPIES)
    w = fit(x, y)
    print(f"training rows {len(y)} from {len(train) + len(own)} articles")
    for name, arts in ((f"CNN/DM {'odd' if HALF == 'even' else 'even'} half", held),
                       ("BBC", [a[0] for _, a, _ in data.bbc()])):
        hx, hy = rows(arts)
        print(f"held-out {name} in order vs shuffled, AUC: current {auc(hy, hx @ np.array(ORDER_WEIGHTS)):.3f}, "
              f"fitted {auc(hy, hx @ w):.3f}")
    print("ORDER_WEIGHTS = (" + ", ".join(f"{v:.3f}" for v in w) + ")")
    print("# " + ", ".join(ORDER_FEATURES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
