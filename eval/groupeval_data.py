"""Loaders and metrics for the grouping evaluation (reads ../shared/data; never shipped, never a test)."""
from __future__ import annotations

import json
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.model import Article  # noqa: E402
from generator.sources import read_file  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def _read(path: Path) -> Article:
    art = read_file(path, path.relative_to(DATA).as_posix())
    if not isinstance(art, Article):
        raise SystemExit(f"cannot read {path}: {art}")
    return art


def load_bbc() -> tuple[list[Article], set[tuple[str, str]]]:
    """BBC articles and gold copy pairs (exact groups + near-duplicate pairs), by path stem."""
    folder = DATA / "bbc-news-summary"
    arts = [_read(p) for p in sorted((folder / "articles").glob("*.txt"))]
    gold: set[tuple[str, str]] = set()
    for group in json.loads((folder / "duplicates.json").read_text()):
        gold.update(tuple(sorted(p)) for p in combinations(group, 2))
    for pair in json.loads((folder / "near_duplicates.json").read_text()):
        gold.add(tuple(sorted((pair["a"], pair["b"]))))
    return arts, gold


def load_clusters(name: str) -> tuple[list[Article], list[str]]:
    """Articles of a clustered set (ecbplus, multi-news-longbench) and each one's gold cluster."""
    arts, labels = [], []
    for folder in sorted((DATA / name / "clusters").iterdir()):
        for path in sorted(folder.glob("*.txt")):
            if path.name == "summary.txt":
                continue
            arts.append(_read(path))
            labels.append(folder.name)
    return arts, labels


def load_cnndm() -> list[Article]:
    return [_read(p) for p in sorted((DATA / "frank-cnndm-xsum" / "articles").glob("cnndm_*.txt"))]


def load_xsum() -> list[Article]:
    return [_read(p) for p in sorted((DATA / "frank-cnndm-xsum" / "articles").glob("xsum_*.txt"))]


def pair_scores(predicted: set[tuple], gold: set[tuple]) -> tuple[float, float, float]:
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def predicted_pairs(groups: list[list[int]]) -> set[tuple[int, int]]:
    return {tuple(sorted(p)) for g in groups for p in combinations(g, 2)}


def bcubed(predicted: list[int], gold: list[str]) -> tuple[float, float, float]:
    """B-cubed precision/recall/F1 of a clustering (cluster id per item) against gold labels."""
    from collections import Counter

    both = Counter(zip(predicted, gold))
    pred_n, gold_n = Counter(predicted), Counter(gold)
    n = len(gold)
    p = sum(c * c / pred_n[k[0]] for k, c in both.items()) / n
    r = sum(c * c / gold_n[k[1]] for k, c in both.items()) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
