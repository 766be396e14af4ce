"""Summary quality, sentence splitting and speed in one run (`make eval`).

Sets (../shared/data; skipped with a message when absent):
  CNN/DM 250 articles vs highlights, in file order and with paragraphs shuffled;
  Multi-News 199 clusters, all sources as one story, read as the summarize command reads files (one copy per copy
  group);
  BBC News Summary 2,225 articles vs the human extract (P@3, ROUGE-2 F), in order, shuffled,
  and as a story of 3 wire copies (original, one with agency dateline and credit line, one with byline
  and last paragraph cut).
Headlines that the converters copied from the first sentence (CNN/DM, Multi-News) are blanked so
they cannot leak the lede. Baselines (LEAD-3, sumy TextRank/LexRank on our splitter) run alongside.
Usage: python eval/eval_summarize.py [--limit N] [--no-baselines]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import summeval_baselines as base  # noqa: E402
import summeval_data as data  # noqa: E402
from summeval_golden_rules import GOLDEN_EN_RULES  # noqa: E402
from summeval_metrics import extract_precision, rouge  # noqa: E402

from generator.summarize import summarize  # noqa: E402
from generator.text import split_sentences  # noqa: E402

N = 3
TARGETS = {  # issue 4
    ("CNN/DM in order", "ours"): {"R1": 41.5, "R2": 19.0},
    ("CNN/DM shuffled", "ours"): {"R1": 36.0},
    ("Multi-News", "ours"): {"R1": 34.0, "R2": 10.5},
    ("BBC in order", "ours"): {"P@3": 0.90, "R2F": 0.60},
}


def ours(articles):
    return summarize(articles, sentences=N)


def as_command(articles):
    """What `python -m generator summarize <files>` prints for these files: one copy per copy group read."""
    from generator.summarize_copies import copy_groups_of, one_per_copy_group

    return summarize([articles[k] for k in one_per_copy_group(articles, copy_groups_of(articles))], sentences=N)


def as_built(articles):
    """The story a build makes of these articles: grouped (generator.group), one copy per copy group read
    (generator.summarize_copies); the story holding the first article."""
    from generator.group import group_articles
    from generator.summarize_copies import one_per_copy_group

    group = next(g for g in group_articles(articles) if 0 in g.members)
    members = [articles[i] for i in group.members]
    return summarize([members[k] for k in one_per_copy_group(members, group.copy_groups)], sentences=N)


def run_rouge(label, items, systems, rows):
    for name, fn in systems:
        pairs = [(fn(arts), ref) for _, arts, ref in items]
        r = rouge(pairs)
        rows.append((label, name, len(items), {"R1": r["R1"], "R2": r["R2"], "RLsum": r["RL"]}))


def run_bbc(label, items, systems, rows):
    for name, fn in systems:
        pairs = [(fn(arts), ref) for _, arts, ref in items]
        rows.append((label, name, len(items), {"P@3": extract_precision(pairs), "R2F": rouge(pairs)["R2"] / 100}))


def fmt(metrics):
    return "  ".join(f"{k} {v:.2f}" if v >= 1 else f"{k} {v:.3f}" for k, v in metrics.items())


def verdict(label, name, metrics):
    goal = TARGETS.get((label, name))
    if not goal:
        return ""
    ok = all(metrics[k] >= v for k, v in goal.items())
    return ("  PASS" if ok else "  MISS") + " (target " + ", ".join(f"{k}>={v}" for k, v in goal.items()) + ")"


def splitter_report():
    ok = sum(split_sentences(text) == expected for text, expected in GOLDEN_EN_RULES)
    print(f"sentence splitter, English Golden Rules (pySBD set): {ok}/{len(GOLDEN_EN_RULES)} = "
          f"{100 * ok / len(GOLDEN_EN_RULES):.1f}%  (pySBD 97.9%, sentencex 89.6%)")
    for text, expected in GOLDEN_EN_RULES:
        if split_sentences(text) != expected:
            print(f"  miss: {text[:70]!r}")


def speed_report(items):
    arts = [a for _, group, _ in items for a in group]
    paras = [p for a in arts for p in a.paragraphs]
    t0 = time.process_time()
    for p in paras:
        split_sentences(p)
    split_t = time.process_time() - t0
    t0 = time.process_time()
    for a in arts:
        summarize([a], sentences=N)
    summ_t = time.process_time() - t0
    print(f"speed (CPU): splitter {1000 * split_t / len(arts):.3f} ms/article; "
          f"summarize {1000 * summ_t / len(arts):.3f} ms/article over {len(arts)} articles "
          f"(target <= 1 ms){'  PASS' if summ_t / len(arts) <= 0.001 else '  MISS'}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int)
    ap.add_argument("--no-baselines", action="store_true")
    ap.add_argument("--only", help="cnndm, multinews or bbc")
    args = ap.parse_args()
    splitter_report()
    if not data.available():
        print(f"skipped: {data.DATA} not found")
        return 0
    baselines = not args.no_baselines
    rows = []
    want = lambda s: not args.only or args.only == s  # noqa: E731
    cnn = data.cnndm(args.limit)
    bbc = data.bbc(args.limit)
    if want("cnndm"):
        shuffled = [(n, [data.shuffled(a, n) for a in arts], ref) for n, arts, ref in cnn]
        sys_ = ([("LEAD-3", base.lead), ("TextRank", base.textrank)] if baselines else []) + [("ours", ours)]
        run_rouge("CNN/DM in order", cnn, sys_, rows)
        run_rouge("CNN/DM shuffled", shuffled, sys_, rows)
        # a story of two copies, one out of order, as a build summarises it (grouped, one copy read)
        run_rouge("CNN/DM 2 copies", [(n, [s[0], a[0]], ref) for (n, a, ref), (_, s, _) in zip(cnn, shuffled)],
                  [("ours", ours), ("ours, as built", as_built)], rows)
    if want("multinews"):
        mn = data.multinews(args.limit)
        sys_ = ([("LEAD-3 first article", base.lead), ("TextRank", base.textrank), ("LexRank", base.lexrank)]
                if baselines else []) + [("ours", as_command)]
        run_rouge("Multi-News", mn, sys_, rows)
    if want("bbc"):
        sys_ = ([("LEAD-3", base.lead), ("TextRank", base.textrank)] if baselines else []) + [("ours", ours)]
        run_bbc("BBC in order", bbc, sys_, rows)
        run_bbc("BBC shuffled", [(n, [data.shuffled(a, n) for a in arts], ref) for n, arts, ref in bbc],
                sys_[-1:], rows)
        wired = [(n, data.wire_copies(arts[0], n), ref) for n, arts, ref in bbc]
        run_bbc("BBC 3 wire copies", wired, sys_[-1:], rows)
        # as a build summarises them: grouped, one copy read (the original is listed last here)
        run_bbc("BBC 3 wire copies", [(n, arts[1:] + arts[:1], ref) for n, arts, ref in wired],
                [("ours, as built", as_built)], rows)
        if baselines:
            import summeval_bbc_bounds
            summeval_bbc_bounds.report(bbc, cnn)
    print(f"summaries of {N} sentences; ROUGE F1 x100 (rouge-score, stemming)")
    for label, name, count, metrics in rows:
        print(f"{label:<18} {name:<21} n={count:<5} {fmt(metrics)}{verdict(label, name, metrics)}")
    bbc_rows = {label: m for label, name, _, m in rows if name == "ours" and label.startswith("BBC")}
    if "BBC in order" in bbc_rows:
        ref = bbc_rows["BBC in order"]
        for label in ("BBC shuffled", "BBC 3 wire copies"):
            m = bbc_rows[label]
            ok = all(ref[k] - m[k] <= 0.01 for k in ("P@3", "R2F"))
            print(f"{label}: drop vs in order P@3 {ref['P@3'] - m['P@3']:+.3f}, R2F {ref['R2F'] - m['R2F']:+.3f}"
                  f"{'  PASS' if ok else '  MISS'} (target <= 0.01)")
    speed_report(cnn + bbc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
