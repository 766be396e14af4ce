"""Level 1: copies of one text (exact, syndicated, trimmed, re-ordered, lightly edited).

Candidate pairs come from an inverted index of word shingles (sort + run-length in numpy, so cost
grows with the number of shared shingles, not with all pairs). A pair is a copy when most of the
smaller text's shingles occur in the larger one: a trimmed brief is a copy of its full version.
Two guards keep unrelated texts apart:
- a "composite" article (roundup, briefing, live blog) that holds pieces of several unrelated texts
  is a copy of none of them;
- clusters grow by complete link: every pair in a copy group must share a real part of its text,
  so one article overlapping two others cannot chain them together.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.group_tfidf import unique_inverse

COMMON_SHINGLE_DOCS = 256  # a shingle in more texts than this is furniture, not evidence of copying
MIN_SHARED_SHINGLES = 5  # fewer shared shingles than this is never a copy
LINK_FLOOR_RATIO = 0.5  # complete link: every pair in a group must reach this share of copy_threshold
MIN_PIECE_SHINGLES = 10  # a roundup's piece of another story: at least this many shared shingles
MIN_PIECE_SHARE = 0.1  # ... and together at least this share of the roundup
COMPOSITE_COVER = 0.3  # a roundup: pieces of two or more unrelated texts fill this share of it
LONGER_FOREIGN_SHARE = 0.5  # the longer text is a roundup when unrelated pieces fill this share of it


@dataclass
class CopyPairs:
    """Shared-shingle counts for candidate pairs (i < j) and each text's shingle count."""

    left: np.ndarray
    right: np.ndarray
    shared: np.ndarray
    sizes: np.ndarray
    _by_text: dict | None = None

    def containment(self) -> np.ndarray:
        """Share of the smaller text found in the larger one."""
        small = np.minimum(self.sizes[self.left], self.sizes[self.right])
        return self.shared / np.maximum(small, 1)

    def neighbours(self, i: int) -> list[tuple[int, int]]:
        """(other text, shared shingles) for every candidate pair of text i."""
        if self._by_text is None:
            self._by_text = {}
            for a, b, c in zip(self.left.tolist(), self.right.tolist(), self.shared.tolist()):
                self._by_text.setdefault(a, []).append((b, c))
                self._by_text.setdefault(b, []).append((a, c))
        return self._by_text.get(i, [])


HASH_PARTS = 16  # shingles are paired one hash range (top 4 bits) at a time: a 16th of them in memory at once


def shared_shingle_pairs(shingle_sets: list[np.ndarray], max_docs: int = COMMON_SHINGLE_DOCS) -> CopyPairs:
    """Count shared shingles for every pair of texts that share at least one uncommon shingle.

    Each text's shingles are sorted hashes, so the texts are cut into HASH_PARTS hash ranges without a
    scan; each range is paired on its own (a shingle lies in one range) and the counts are summed."""
    n = len(shingle_sets)
    sizes = np.array([len(s) for s in shingle_sets], dtype=np.int64)
    empty = np.zeros(0, dtype=np.int64)
    if n < 2 or sizes.sum() == 0:
        return CopyPairs(empty, empty, empty, sizes)
    bounds = np.array([p << 60 for p in range(1, HASH_PARTS)], dtype=np.uint64)
    cuts = [np.concatenate([[0], np.searchsorted(s, bounds), [len(s)]]) for s in shingle_sets]
    keys, counts = empty, empty
    for p in range(HASH_PARTS):
        part = _pair_keys([s[c[p]:c[p + 1]] for s, c in zip(shingle_sets, cuts)], n, max_docs)
        if len(part):
            part_keys, part_counts = np.unique(part, return_counts=True)
            del part
            keys, inverse = unique_inverse(np.concatenate([keys, part_keys]))
            counts = np.bincount(inverse.ravel(), weights=np.concatenate([counts, part_counts]),
                                 minlength=len(keys)).astype(np.int64)
    if not len(keys):
        return CopyPairs(empty, empty, empty, sizes)
    return CopyPairs(keys // n, keys % n, counts, sizes)


def _pair_keys(shingle_sets: list[np.ndarray], n: int, max_docs: int) -> np.ndarray:
    """left * n + right for every shingle two texts share (once per shared shingle), ignoring shingles in
    more than max_docs texts."""
    sizes = np.array([len(s) for s in shingle_sets], dtype=np.int64)
    if sizes.sum() == 0:
        return np.zeros(0, dtype=np.int64)
    # Memory: every shingle of the range is in these arrays at once, so each is made once and dropped as
    # soon as it is used. Texts are concatenated in order, so a stable sort by hash keeps the texts of
    # one hash in ascending order (as sorting by (hash, text) would).
    hashes = np.concatenate(shingle_sets)
    order = np.argsort(hashes, kind="stable")
    hashes = hashes[order]
    doc_type = np.int32 if n < 2**31 else np.int64
    docs = np.repeat(np.arange(n, dtype=doc_type), sizes)[order]
    del order
    boundary = hashes[1:] != hashes[:-1]
    del hashes
    starts = np.flatnonzero(np.r_[True, boundary])
    del boundary
    runs = np.diff(np.r_[starts, len(docs)])
    keep = (runs >= 2) & (runs <= max_docs)  # only shingles in 2..max_docs texts make pairs
    return run_pairs(docs, starts[keep], runs[keep], n)


def run_pairs(docs: np.ndarray, starts: np.ndarray, lengths: np.ndarray, n: int) -> np.ndarray:
    """left * n + right for every pair of texts inside each run docs[start:start + length] (texts ascending)."""
    keys = [np.zeros(0, dtype=np.int64)]
    for g in np.unique(lengths):
        if g < 2:
            continue
        first = starts[lengths == g]
        a, b = np.triu_indices(int(g), 1)
        keys.append((docs[first[:, None] + a].astype(np.int64) * n + docs[first[:, None] + b]).ravel())
    return np.concatenate(keys)


@dataclass
class CopyResult:
    clusters: list[list[int]]  # texts that are copies of one text
    score: dict[tuple[int, int], float]  # containment of related pairs (i < j)
    composites: dict[int, list[int]]  # possible roundups: text -> the unrelated texts it holds pieces of
    pairs: CopyPairs | None = None  # shared-shingle counts of every pair sharing an uncommon shingle


def copy_clusters(shingle_sets: list[np.ndarray], copy_threshold: float, pairs: CopyPairs | None = None
                  ) -> CopyResult:
    """Group texts that are copies of one another (`pairs`: their shared_shingle_pairs, when at hand)."""
    n = len(shingle_sets)
    pairs = shared_shingle_pairs(shingle_sets) if pairs is None else pairs
    contain = pairs.containment()
    floor = copy_threshold * LINK_FLOOR_RATIO
    keep = (pairs.shared >= MIN_SHARED_SHINGLES) & (contain >= floor)
    score = {(int(i), int(j)): float(c) for i, j, c in zip(pairs.left[keep], pairs.right[keep], contain[keep])}
    edges = [(c, i, j) for (i, j), c in score.items() if c >= copy_threshold]
    edges = [e for e in edges if not _from_composite(e[1], e[2], shingle_sets, pairs, score, floor)]
    return CopyResult(_complete_link(n, edges, score, floor), score, _composite_texts(shingle_sets, pairs, score), pairs)


def _composite_texts(shingle_sets: list[np.ndarray], pairs: CopyPairs, related: dict) -> dict[int, list[int]]:
    """Texts made largely of pieces of two or more texts that are not copies of each other.

    These are roundups, briefings and live blogs when the pieces come from different stories (decided
    after story grouping); same-event reports quoting two wire texts look alike at this level.
    """
    found = {}
    for x in sorted({int(v) for v in np.concatenate([pairs.left, pairs.right])}):
        pieces = [(shared, other) for other, shared in pairs.neighbours(x) if shared >= MIN_PIECE_SHINGLES]
        if len(pieces) < 2:
            continue
        covered = np.zeros(len(shingle_sets[x]), dtype=bool)
        sources: list[int] = []
        for _, other in sorted(pieces, key=lambda t: (-t[0], t[1])):
            if any((min(other, s), max(other, s)) in related for s in sources):
                continue  # a copy of a source already counted
            new = np.isin(shingle_sets[x], shingle_sets[other], assume_unique=True) & ~covered
            if new.sum() >= MIN_PIECE_SHINGLES:
                sources.append(other)
                covered |= new
        if len(sources) >= 2 and covered.sum() >= COMPOSITE_COVER * len(shingle_sets[x]):
            found[x] = sources
    return found


def _from_composite(i: int, j: int, sets: list[np.ndarray], pairs: CopyPairs, score: dict, floor: float) -> bool:
    """True when either text holds, outside the part the two share, real pieces of texts that are unrelated
    to the other one: that text is a roundup or briefing quoting the other, not a copy of it.

    A genuine copy's extra material (an update paragraph, a new headline) is found in no other text, and
    a piece that the third text shares with the other side too (copies of copies) does not count.
    """
    common = None
    for side, other in ((i, j), (j, i)):
        # texts that could hold a piece of side's text: sharing enough of it, and unrelated to the other side
        # (a copy in the same family is not foreign); most copies have none, and nothing else is computed
        thirds = [third for third, shared in sorted(pairs.neighbours(side), key=lambda t: (-t[1], t[0]))
                  if third != other and shared >= MIN_PIECE_SHINGLES
                  and score.get((min(other, third), max(other, third)), 0.0) < floor]
        if not thirds:
            continue
        # the shorter text (the would-be trimmed copy) may hold no piece of an unrelated text; the longer
        # one (the would-be original) may share passages with related stories, but its text beyond the
        # shorter one may not be mostly pieces of two or more other stories
        shorter = len(sets[side]) <= len(sets[other])
        if common is None:
            common = np.intersect1d(sets[i], sets[j], assume_unique=True)
        rest = np.setdiff1d(sets[side], common, assume_unique=True)
        need = max(MIN_PIECE_SHINGLES, MIN_PIECE_SHARE * len(sets[side]))
        if len(rest) < need:
            continue
        foreign = np.zeros(len(rest), dtype=bool)
        sources = 0
        for third in thirds:
            new = np.isin(rest, sets[third], assume_unique=True) & ~foreign
            if new.sum() >= MIN_PIECE_SHINGLES:  # copies of one third text add no new piece
                foreign |= new
                sources += 1
            got = foreign.sum()
            if got >= need and (shorter or got >= LONGER_FOREIGN_SHARE * len(sets[side])
                                or (sources >= 2 and got >= LONGER_FOREIGN_SHARE * len(rest))):
                return True
    return False


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
