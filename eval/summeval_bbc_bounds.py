"""How far the BBC targets (P@3 >= 0.90 and R2F >= 0.60) can be reached by 3-sentence extracts at all.

BBC News Summary's reference is an extract holding ~42% of an article's sentences; R2F is measured against
all of it, so it rewards long picks. Printed, on our own candidates (splitter and furniture as in a build):
  - perfect picks: 3 sentences of the extract (P@3 1.0), the first three / the three longest;
  - the lede: how often the extract holds it, and so the best P@3 of any summary that always shows it;
  - a centrality family: sentences ranked by the mean count of sentences sharing their words, with a
    smoothing s added to their length and a length bonus (len+1)^a; its best R2F at P@3 >= 0.90, and what the
    same ranking scores on CNN/DM (where the writer's lede matters most);
  - a model fitted on BBC itself (scikit-learn's gradient boosting over centrality, length, position, headline words,
    quotes, figures; fitted on the even-numbered articles, scored on the odd ones), picks ranked by its probability
    plus a bonus for length (weight w on log words).
"""
from __future__ import annotations

import math
from collections import Counter

from summeval_metrics import _norm, extract_precision
from summeval_metrics import rouge as _rouge

from generator.summarize_candidates import build_candidates
from generator.text import content_tokens

GRID = [(s, a) for s in (3.0, 5.0, 10.0) for a in (0.0, 0.2, 0.4)]


def rouge(pairs) -> dict[str, float]:
    return _rouge(pairs, lsum=False)


def _prepared(items):
    out = []
    for _, arts, ref in items:
        cands = build_candidates(arts)
        in_ref = " " + _norm(" ".join(ref)) + " "
        held = [(" " + _norm(c.text) + " ") in in_ref for c in cands]
        df = Counter(t for c in cands for t in c.token_set)
        out.append((cands, held, df, ref, set(content_tokens(arts[0].title)) if arts and arts[0].title else set()))
    return out


def _central_picks(cands, df, smoothing: float, power: float) -> list[int]:
    score = [sum(df[t] for t in c.token_set) / (len(c.token_set) + smoothing) * (len(c.token_set) + 1) ** power
             for c in cands]
    return sorted(sorted(range(len(cands)), key=lambda i: (-score[i], i))[:3])


def _scores(prepared, pick) -> tuple[float, float, float]:
    pairs = [([cands[i].text for i in pick(cands, held, df)], ref) for cands, held, df, ref, _ in prepared]
    words = sum(len(" ".join(p).split()) for p, _ in pairs) / max(1, len(pairs))
    return extract_precision(pairs), rouge(pairs)["R2"] / 100, words


def report(bbc_items, cnn_items) -> None:
    bbc = _prepared(bbc_items)
    print("BBC bounds (3 sentences of our own candidates):")
    first3 = _scores(bbc, lambda c, held, df: [i for i in range(len(c)) if held[i]][:3])
    longest = _scores(bbc, lambda c, held, df: sorted(
        sorted((i for i in range(len(c)) if held[i]), key=lambda i: -len(c[i].text.split()))[:3]))
    print(f"  perfect picks, first 3 of the extract:  P@3 {first3[0]:.3f}  R2F {first3[1]:.3f}  {first3[2]:.0f} words")
    print(f"  perfect picks, longest 3 of the extract: P@3 {longest[0]:.3f}  R2F {longest[1]:.3f}  {longest[2]:.0f} words")
    with_lede = [held[0] for cands, held, *_ in bbc if cands]
    share = sum(with_lede) / max(1, len(with_lede))
    print(f"  the extract holds the first sentence in {share:.3f} of articles: a summary always showing it scores "
          f"P@3 <= {(share + 2) / 3:.3f} even with perfect other picks")
    cnn = _prepared(cnn_items)
    best = None
    for s, a in GRID:
        p, r2, words = _scores(bbc, lambda c, held, df: _central_picks(c, df, s, a))
        cnn_r = rouge([([cands[i].text for i in _central_picks(cands, df, s, a)], ref)
                       for cands, _, df, ref, _ in cnn]) if cnn else {"R1": float("nan"), "R2": float("nan")}
        print(f"  centrality s={s:g} a={a:g}: BBC P@3 {p:.3f} R2F {r2:.3f} ({words:.0f} words); "
              f"CNN/DM R1 {cnn_r['R1']:.2f} R2 {cnn_r['R2']:.2f}")
        if p >= 0.90 and (best is None or r2 > best[0]):
            best = (r2, s, a)
    if best:
        print(f"  best R2F of the centrality family at P@3 >= 0.90: {best[0]:.3f} (s={best[1]:g}, a={best[2]:g})")
    _fitted_bound(bbc)


def _features(cands, df, title: set[str]) -> list[list[float]]:
    """Per sentence: centrality at three smoothings and each one's rank share, length, position, headline words,
    a quotation, a figure, leaning on the sentence before, opening a paragraph."""
    rows = []
    for i, c in enumerate(cands):
        n, shared = len(c.token_set), sum(df[t] for t in c.token_set)
        rows.append([shared / (n + 3), shared / (n + 5), shared / (n + 10), math.log1p(n),
                     math.log1p(len(c.text.split())), 1 / (1 + i), float(i == 0), i / len(cands),
                     len(title & c.token_set) / max(1, len(title)), float('"' in c.text or "\u201c" in c.text),
                     float(any(ch.isdigit() for ch in c.text)), float(c.leans_back), float(c.first_in_paragraph)])
    for k in range(3):
        order = sorted(range(len(rows)), key=lambda i: -rows[i][k])
        for r, i in enumerate(order):
            rows[i].append(r / len(rows))
    return rows


def _fitted_bound(bbc) -> None:
    try:
        import numpy as np
        from sklearn.ensemble import HistGradientBoostingClassifier
    except ImportError:
        print("  (a fitted model's bound needs scikit-learn: pip install -e '.[eval]')")
        return
    usable = [(cands, held, _features(cands, df, title), ref) for cands, held, df, ref, title in bbc if cands]
    train, test = usable[0::2], usable[1::2]
    model = HistGradientBoostingClassifier(max_iter=200, random_state=0)
    model.fit(np.array([f for _, _, x, _ in train for f in x]), np.array([h for _, held, _, _ in train for h in held]))
    probs = [model.predict_proba(np.array(x))[:, 1] for _, _, x, _ in test]
    for w in (0.0, 0.1, 0.2, 0.3):
        pairs = []
        for (cands, _, x, ref), p in zip(test, probs):
            score = p + w * np.array([f[4] for f in x])
            pairs.append(([cands[i].text for i in sorted(np.argsort(-score, kind="stable")[:3])], ref))
        print(f"  fitted on BBC's even half, odd half scored, length weight {w:g}: P@3 {extract_precision(pairs):.3f} "
              f"R2F {rouge(pairs)['R2'] / 100:.3f}")
