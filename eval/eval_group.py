"""Grouping quality and speed on ../shared/data: copies (pairwise P/R), stories (B-cubed), timing.

Run by `make eval`; prints a skip message and exits 0 when ../shared/data is absent.
"""
from __future__ import annotations

import random
import sys
import time
import zlib
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from groupeval_data import DATA, bcubed, load_bbc, load_clusters, load_cnndm, load_xsum, pair_scores  # noqa: E402
from groupeval_copies import TRANSFORMS, build_copy_set, transform  # noqa: E402

from generator.config import Config  # noqa: E402
from generator.group import group_articles  # noqa: E402
from generator.group_copies import shared_shingle_pairs  # noqa: E402
from generator.group_text import body_paragraphs, shingles  # noqa: E402
from generator.text import tokens  # noqa: E402

CFG = Config()


def run(articles):
    return group_articles(articles, copy_threshold=CFG.copy_threshold, story_threshold=CFG.story_threshold,
                          story_max_days=CFG.story_max_days)


def copy_pairs(groups) -> set[tuple[int, int]]:
    out = set()
    for g in groups:
        by_copy: dict[int, list[int]] = {}
        for m, c in zip(g.members, g.copy_groups):
            by_copy.setdefault(c, []).append(m)
        out.update(tuple(sorted(p)) for ms in by_copy.values() for p in combinations(ms, 2))
    return out


def story_labels(groups, n: int) -> list[int]:
    labels = [0] * n
    for k, g in enumerate(groups):
        for m in g.members:
            labels[m] = k
    return labels


def row(name, size, p, r, f, extra=""):
    cells = [f"{x:.3f}" if isinstance(x, float) else x for x in (p, r, f)]
    print(f"| {name:<42} | {size:>16} | {cells[0]:>9} | {cells[1]:>6} | {cells[2]:>6} | {extra}")


def eval_copies_bbc(arts, gold_stems):
    stems = [Path(a.path).stem for a in arts]
    pred = {tuple(sorted((stems[i], stems[j]))) for i, j in copy_pairs(run(arts))}
    p, r, f = pair_scores(pred, gold_stems)
    row("copies: BBC real duplicates", f"{len(gold_stems)} gold pairs", p, r, f)
    return pred - gold_stems


def eval_copies_synthetic(bases, filler):
    cs = build_copy_set(bases, filler)
    pred = copy_pairs(run(cs.articles))
    gold = {tuple(sorted(p)) for pairs in cs.positives.values() for p in pairs}
    p, r, f = pair_scores(pred, gold)
    per = {t: sum(tuple(sorted(x)) in pred for x in cs.positives[t]) / max(1, len(cs.positives[t])) for t in TRANSFORMS}
    worst = min(per, key=per.get)
    row("copies: synthetic (all transformations)", f"{len(gold)} gold pairs", p, r, f,
        f"{len(cs.articles)} articles; lowest per-transformation recall {per[worst]:.3f} ({worst})")
    for t in TRANSFORMS:
        row(f"  transformation: {t}", f"{len(cs.positives[t])} pairs", "-", per[t], "-")
    roundup_fp = sum(tuple(sorted(x)) in pred for x in cs.roundup_pairs)
    furniture_fp = sum(tuple(sorted(x)) in pred for x in cs.boilerplate_pairs)
    row("  hard negative: roundup vs source", f"{len(cs.roundup_pairs)} pairs", "-", "-", "-",
        f"{roundup_fp} wrongly paired as copies")
    row("  hard negative: shared boilerplate", f"{len(cs.boilerplate_pairs)} pairs", "-", "-", "-",
        f"{furniture_fp} wrongly paired as copies")
    return cs, pred - gold


def clean_bases(bases):
    """Drop base articles that already overlap another base (unlabelled real near-copies, follow-ups),
    so that the synthetic gold is complete; the count dropped is printed."""
    sets = [shingles([tokens(p) for p in body_paragraphs(a)]) for a in bases]
    pairs = shared_shingle_pairs(sets)
    overlapping = set(pairs.left[pairs.containment() >= 0.2].tolist()) | set(pairs.right[pairs.containment() >= 0.2].tolist())
    print(f"(synthetic set: {len(overlapping)} of {len(bases)} base articles dropped for overlapping another base by >= 20%;"
          " each remaining base gets one transformed copy, round-robin)")
    return [a for k, a in enumerate(bases) if k not in overlapping]


def eval_stories(name):
    arts, gold = load_clusters(name)
    labels = story_labels(run(arts), len(arts))
    p, r, f = bcubed(labels, gold)
    # split check: the same output scored on two halves of the gold clusters (a topic's events stay together)
    half = [zlib.crc32(g.split("_")[0].encode()) % 2 for g in gold]
    halves = [bcubed([labels[i] for i in range(len(gold)) if half[i] == h], [g for g, x in zip(gold, half) if x == h])
              for h in (0, 1)]
    row(f"stories: {name} (B-cubed)", f"{len(arts)} articles", p, r, f, f"{len(set(gold))} gold clusters; halves "
        + " / ".join(f"P {hp:.3f} R {hr:.3f} F1 {hf:.3f}" for hp, hr, hf in halves))


def timing(pool):
    print("\nTiming group_articles (CPU seconds, process_time):")
    rng = random.Random(11)
    big = list(pool)
    filler = [p for a in pool[:300] for p in a.paragraphs if len(p.split()) > 15]
    while len(big) < 10_000:  # top up with transformed copies of real articles
        big.append(transform(rng.choice(TRANSFORMS), rng.choice(pool), rng, filler))
    rng.shuffle(big)
    print(f"  ({len(pool)} real articles from all sets, topped up to 10,000 with transformed copies; shuffled)")
    for n in (1000, 2000, 5000, 10_000):
        t0 = time.process_time()
        run(big[:n])
        cpu = time.process_time() - t0
        print(f"  {n:>6} articles: {cpu:6.2f} s CPU  ({cpu / n * 1000:.3f} s per 1,000 articles)", flush=True)


def main() -> int:
    if not DATA.is_dir():
        print(f"eval_group: skipped, no evaluation data at {DATA}")
        return 0
    print(f"| {'set':<42} | {'pairs/articles':>16} | {'precision':>9} | {'recall':>6} | {'F1':>6} | notes")
    print(f"|{'-' * 44}|{'-' * 18}|{'-' * 11}|{'-' * 8}|{'-' * 8}|------")
    bbc, gold_stems = load_bbc()
    eval_copies_bbc(bbc, gold_stems)
    in_gold = {s for pair in gold_stems for s in pair}
    clean_bbc = [a for a in bbc if Path(a.path).stem not in in_gold]
    bases = clean_bases(load_cnndm() + random.Random(3).sample(clean_bbc, 1000))
    filler = [p for a in load_xsum() for p in a.paragraphs if len(p.split()) > 15]
    eval_copies_synthetic(bases, filler)
    for name in ("ecbplus", "multi-news-longbench"):
        eval_stories(name)
    ecb, _ = load_clusters("ecbplus")
    mn, _ = load_clusters("multi-news-longbench")
    timing(bbc + bases[:250] + ecb + mn)
    return 0


if __name__ == "__main__":
    sys.exit(main())
