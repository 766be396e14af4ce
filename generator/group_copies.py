"""Level 1: copies of one text (exact, syndicated, trimmed, re-ordered, lightly edited).

Candidate pairs come from an inverted index of word shingles (sort + run-length in numpy, so cost
grows with the number of shared shingles, not with all pairs). A pair is a copy when most of the
smaller text's shingles occur in the larger one: a trimmed brief is a copy of its full version.
Two guards keep unrelated texts apart:
- a "composite" article (roundup, briefing, live blog) that contains pieces of two texts which are
  not copies of each other is a copy of neither (only near-equal-size copies of it are kept);
- clusters grow by complete link: every pair in a copy group must share a real part of its text,
  so one article overlapping two others cannot chain them together.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

COMMON_SHINGLE_DOCS = 64  # a shingle in more texts than this is furniture, not evidence of copying
MIN_SHARED_SHINGLES = 5  # fewer shared shingles than this is never a copy
LINK_FLOOR_RATIO = 0.5  # complete link: every pair in a group must reach this share of copy_threshold


@dataclass
class CopyPairs:
    """Shared-shingle counts for candidate pairs (i < j) and each text's shingle count."""

    left: np.ndarray
    right: np.ndarray
    shared: np.ndarray
    sizes: np.ndarray

    def containment(self) -> np.ndarray:
        """Share of the smaller text found in the larger one."""
        small = np.minimum(self.sizes[self.left], self.sizes[self.right])
        return self.shared / np.maximum(small, 1)

    def resemblance(self) -> np.ndarray:
        """Share of the larger text found in the smaller one (near 1 only for near-equal copies)."""
        large = np.maximum(self.sizes[self.left], self.sizes[self.right])
        return self.shared / np.maximum(large, 1)


def shared_shingle_pairs(shingle_sets: list[np.ndarray], max_docs: int = COMMON_SHINGLE_DOCS) -> CopyPairs:
    """Count shared shingles for every pair of texts that share at least one uncommon shingle."""
    n = len(shingle_sets)
    sizes = np.array([len(s) for s in shingle_sets], dtype=np.int64)
    if n < 2 or sizes.sum() == 0:
        empty = np.zeros(0, dtype=np.int64)
        return CopyPairs(empty, empty, empty, sizes)
    hashes = np.concatenate(shingle_sets)
    docs = np.repeat(np.arange(n, dtype=np.int64), sizes)
    order = np.lexsort((docs, hashes))
    hashes, docs = hashes[order], docs[order]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    runs = np.diff(np.r_[starts, len(hashes)])
    keys = []
    for g in np.unique(runs):
        if g < 2 or g > max_docs:
            continue
        first = starts[runs == g]
        a, b = np.triu_indices(g, 1)
        keys.append((docs[first[:, None] + a] * n + docs[first[:, None] + b]).ravel())
    if not keys:
        empty = np.zeros(0, dtype=np.int64)
        return CopyPairs(empty, empty, empty, sizes)
    pair_keys, shared = np.unique(np.concatenate(keys), return_counts=True)
    return CopyPairs(pair_keys // n, pair_keys % n, shared, sizes)


def copy_clusters(shingle_sets: list[np.ndarray], copy_threshold: float) -> tuple[list[list[int]], dict[tuple[int, int], float]]:
    """Group texts that are copies of one another; returns clusters and the copy score of linked pairs."""
    n = len(shingle_sets)
    pairs = shared_shingle_pairs(shingle_sets)
    contain = pairs.containment()
    resemble = pairs.resemblance()
    floor = copy_threshold * LINK_FLOOR_RATIO
    keep = (pairs.shared >= MIN_SHARED_SHINGLES) & (contain >= floor)
    score = {(int(i), int(j)): float(c) for i, j, c in zip(pairs.left[keep], pairs.right[keep], contain[keep])}
    near_equal = {(int(i), int(j)) for i, j, r in zip(pairs.left[keep], pairs.right[keep], resemble[keep])
                  if r >= copy_threshold}
    edges = [(c, i, j) for (i, j), c in score.items() if c >= copy_threshold]
    edges = _drop_composite_edges(edges, score, near_equal, pairs.sizes, copy_threshold)
    return _complete_link(n, edges, score, floor), score


def _drop_composite_edges(edges, score, near_equal, sizes, threshold):
    """Remove edges from an article that contains two texts which are not copies of each other."""
    contained: dict[int, list[int]] = {}
    for _, i, j in edges:
        big, small = (i, j) if sizes[i] >= sizes[j] else (j, i)
        if (min(i, j), max(i, j)) not in near_equal:
            contained.setdefault(big, []).append(small)
    composite = set()
    for big, smalls in contained.items():
        smalls = sorted(smalls)
        if any(score.get((a, b), 0.0) < threshold for x, a in enumerate(smalls) for b in smalls[x + 1:]):
            composite.add(big)
    def from_composite(i: int, j: int) -> bool:
        big = i if sizes[i] >= sizes[j] else j
        return (i, j) not in near_equal and big in composite

    return [(c, i, j) for c, i, j in edges if not from_composite(i, j)]


def _complete_link(n: int, edges, score, floor: float) -> list[list[int]]:
    """Merge along the strongest edges first; a merge needs every cross pair to score >= floor."""
    cluster_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _, i, j in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        if all(score.get((min(a, b), max(a, b)), 0.0) >= floor for a in members[ci] for b in members[cj]):
            keep, gone = (ci, cj) if ci < cj else (cj, ci)
            for m in members[gone]:
                cluster_of[m] = keep
            members[keep].extend(members.pop(gone))
    return [sorted(m) for _, m in sorted(members.items())]
