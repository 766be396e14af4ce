"""Shared-shingle pair counts brought up to date for texts added since the last build, instead of pairing every
text again (group_copies.shared_shingle_pairs sorts all shingles of the run: 20,000 articles, 13 million
shingles, about 2 s).

The result is exactly what pairing all texts gives. The last build's counts are kept with the hash of each
text's shingle set (the cache, via generator/pipeline.py). When this run has every one of those texts and some
new ones, only the shingles of the new texts can change a count:
- a shingle now in 2..max_docs texts adds one to each pair it joins that holds a new text;
- a shingle that was in 2..max_docs texts and is now in more was counted for its old texts' pairs, and no longer
  is (common shingles are furniture, not evidence of copying).
A text gone since the last build (removed or edited) could bring a common shingle back under the limit, and its
shingles are not at hand: then everything is paired again.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.group_copies import COMMON_SHINGLE_DOCS, CopyPairs, shared_shingle_pairs

MAX_ADDED_SHARE = 0.25  # more new texts than this share of the run: pairing them all again costs about the same


@dataclass
class PairCounts:
    """What a build keeps for the next one: the key (hash of the shingle set) of each text, in the order the
    counts' text numbers refer to, and the counts of its pairs."""

    keys: list[bytes]
    left: np.ndarray
    right: np.ndarray
    shared: np.ndarray


class PairMemo:
    """The last build's PairCounts (or None) and what grouping hands over for the next build."""

    def __init__(self, previous: PairCounts | None = None):
        self.previous = previous if isinstance(previous, PairCounts) else None
        self.kept: PairCounts | None = None

    def keep(self, counts: PairCounts) -> None:
        self.kept = counts


def pairs_since(sets: list[np.ndarray], keys: list[bytes], previous: PairCounts | None,
                max_docs: int = COMMON_SHINGLE_DOCS) -> CopyPairs:
    """shared_shingle_pairs(sets, max_docs), from `previous` when this run only adds texts to it. `keys[i]`
    identifies sets[i] (equal keys, equal sets)."""
    pairs = _updated(sets, keys, previous, max_docs) if previous is not None else None
    return pairs if pairs is not None else shared_shingle_pairs(sets, max_docs)


def _updated(sets: list[np.ndarray], keys: list[bytes], previous: PairCounts, max_docs: int) -> CopyPairs | None:
    n = len(sets)
    where = {k: i for i, k in enumerate(keys)}
    if len(where) != n:
        return None  # two texts under one key: not what the counts were made for
    old_to_new = np.array([where.get(k, -1) for k in previous.keys], dtype=np.int64)
    if len(old_to_new) and old_to_new.min() < 0:
        return None  # a text is gone
    is_old = np.zeros(n, dtype=bool)
    is_old[old_to_new] = True
    added = np.flatnonzero(~is_old)
    if len(added) > MAX_ADDED_SHARE * n:
        return None
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    a, b = old_to_new[previous.left], old_to_new[previous.right]
    parts = [np.minimum(a, b) * n + np.maximum(a, b)]
    weights = [previous.shared.astype(np.int64)]
    if len(added):
        add, remove = _changes(sets, added, is_old, max_docs, n)
        parts += [add, remove]
        weights += [np.ones(len(add), dtype=np.int64), -np.ones(len(remove), dtype=np.int64)]
    keys_all = np.concatenate(parts)
    pair_keys, inverse = np.unique(keys_all, return_inverse=True)
    counts = np.bincount(inverse.ravel(), weights=np.concatenate(weights), minlength=len(pair_keys)).astype(np.int64)
    keep = counts > 0
    pair_keys, counts = pair_keys[keep], counts[keep]
    return CopyPairs(pair_keys // n, pair_keys % n, counts, sizes)


def _changes(sets: list[np.ndarray], added: np.ndarray, is_old: np.ndarray, max_docs: int, n: int
             ) -> tuple[np.ndarray, np.ndarray]:
    """Pair keys (left * n + right) to count once more, and old pairs to count once less, for the shingles of
    the added texts."""
    new_shingles = np.unique(np.concatenate([sets[i] for i in added]))
    empty = np.zeros(0, dtype=np.int64)
    if not len(new_shingles):
        return empty, empty
    last = len(new_shingles) - 1
    found_shingle, found_text = [], []
    for i, s in enumerate(sets):  # every text holding one of them (texts are sorted sets: one search each)
        if not len(s):
            continue
        at = np.searchsorted(new_shingles, s)
        np.minimum(at, last, out=at)
        hit = new_shingles[at] == s
        if hit.any():
            found_shingle.append(at[hit])
            found_text.append(np.full(int(hit.sum()), i, dtype=np.int64))
    shingle = np.concatenate(found_shingle)
    text = np.concatenate(found_text)
    order = np.lexsort((text, shingle))  # by shingle, then text: each shingle's texts in ascending order
    shingle, text = shingle[order], text[order]
    total = np.bincount(shingle, minlength=len(new_shingles))
    counted = (total >= 2) & (total <= max_docs)
    add = _run_pairs(text, np.concatenate([[0], np.cumsum(total)[:-1]])[counted], total[counted], n)
    add = add[~(is_old[add // n] & is_old[add % n])]  # pairs of two old texts were counted already
    # the old texts of shingles that the added ones made common
    old_text = text[is_old[text]]
    old = np.bincount(shingle[is_old[text]], minlength=len(new_shingles))
    dropped = (total > max_docs) & (old >= 2) & (old <= max_docs)
    remove = _run_pairs(old_text, np.concatenate([[0], np.cumsum(old)[:-1]])[dropped], old[dropped], n)
    return add, remove


def _run_pairs(text: np.ndarray, starts: np.ndarray, lengths: np.ndarray, n: int) -> np.ndarray:
    """left * n + right for every pair of texts inside each run text[start:start + length] (ascending texts)."""
    keys = [np.zeros(0, dtype=np.int64)]
    for g in np.unique(lengths):
        first = starts[lengths == g]
        a, b = np.triu_indices(int(g), 1)
        keys.append((text[first[:, None] + a] * n + text[first[:, None] + b]).ravel())
    return np.concatenate(keys)
