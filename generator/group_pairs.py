"""Shared-shingle pair counts brought up to date for the texts added and removed since the last build, instead of
pairing every text again (group_copies.shared_shingle_pairs sorts all shingles of the run: 20,000 articles,
13 million shingles, about 2 s).

The result is exactly what pairing all texts gives. The last build's counts are kept with the hash of each
text's shingle set and the cache key of an article holding it (the cache, via generator/pipeline.py). Only the
shingles of added and removed texts can change a count. For each such shingle, in 2..max_docs texts before
(counted) and now (counts):
- counted before and now: one more for each pair it now joins that holds an added text;
- only now: one more for each pair it joins;
- only before: one less for each pair of texts still here that it joined (it became common: furniture, not
  evidence of copying).
A removed text's shingle set is read back from the grouping features the last build cached; when it is not
there, everything is paired again.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from generator.group_copies import COMMON_SHINGLE_DOCS, CopyPairs, run_pairs, shared_shingle_pairs

MAX_CHANGED_SHARE = 0.25  # more added and removed texts than this share of the run: pairing all costs about the same
# ... or than this many: their shingles and every text's matches are held at once (pairing all texts holds a 16th
# of the shingles at a time), so a large batch would raise a 100,000-article build's peak memory
MAX_CHANGED_TEXTS = 2000


@dataclass
class PairCounts:
    """What a build keeps for the next one: per text (in the order of the counts' text numbers) the key of its
    shingle set and the cache key of an article holding it; the counts of its pairs."""

    keys: list[bytes]
    sources: list[str]
    left: np.ndarray
    right: np.ndarray
    shared: np.ndarray


class PairMemo:
    """The last build's PairCounts (or None), the cache key of each article of this run, a function that reads
    articles' shingle sets back by those keys (None where missing), and what grouping hands over for the next
    build."""

    def __init__(self, previous: PairCounts | None = None, article_keys: list[str] | None = None,
                 fetch: Callable[[list[str]], list[np.ndarray | None]] | None = None):
        self.previous = previous if isinstance(previous, PairCounts) else None
        self.article_keys, self.fetch = article_keys, fetch
        self.kept: PairCounts | None = None

    def keep(self, counts: PairCounts) -> None:
        self.kept = counts


def pairs_since(sets: list[np.ndarray], keys: list[bytes], previous: PairCounts | None,
                fetch: Callable[[list[str]], list[np.ndarray | None]] | None = None,
                max_docs: int = COMMON_SHINGLE_DOCS) -> CopyPairs:
    """shared_shingle_pairs(sets, max_docs), from `previous` when few texts were added or removed since. `keys[i]`
    identifies sets[i] (equal keys, equal sets); fetch(source keys) gives removed texts' sets."""
    pairs = _updated(sets, keys, previous, fetch, max_docs) if previous is not None else None
    return pairs if pairs is not None else shared_shingle_pairs(sets, max_docs)


def _updated(sets: list[np.ndarray], keys: list[bytes], previous: PairCounts, fetch, max_docs: int
             ) -> CopyPairs | None:
    n = len(sets)
    where = {k: i for i, k in enumerate(keys)}
    if len(where) != n:
        return None  # two texts under one key: not what the counts were made for
    old_to_new = np.array([where.get(k, -1) for k in previous.keys], dtype=np.int64)
    gone = np.flatnonzero(old_to_new < 0)
    is_old = np.zeros(n, dtype=bool)
    is_old[old_to_new[old_to_new >= 0]] = True
    added = np.flatnonzero(~is_old)
    if len(added) + len(gone) > min(MAX_CHANGED_SHARE * max(n, 1), MAX_CHANGED_TEXTS):
        return None
    removed: list[np.ndarray] = []
    if len(gone):
        got = fetch([previous.sources[i] for i in gone]) if fetch is not None else None
        if got is None or any(s is None for s in got):
            return None
        removed = list(got)
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    # the last build's counts of the pairs still here, in this run's text numbers
    kept = (old_to_new[previous.left] >= 0) & (old_to_new[previous.right] >= 0)
    a, b = old_to_new[previous.left[kept]], old_to_new[previous.right[kept]]
    parts = [np.minimum(a, b) * n + np.maximum(a, b)]
    weights = [previous.shared[kept].astype(np.int64)]
    if len(added) or removed:
        plus, minus = _changes(sets, removed, added, is_old, max_docs)
        parts += [plus, minus]
        weights += [np.ones(len(plus), dtype=np.int64), -np.ones(len(minus), dtype=np.int64)]
    pair_keys, inverse = np.unique(np.concatenate(parts), return_inverse=True)
    counts = np.bincount(inverse.ravel(), weights=np.concatenate(weights), minlength=len(pair_keys)).astype(np.int64)
    keep = counts > 0
    pair_keys, counts = pair_keys[keep], counts[keep]
    return CopyPairs(pair_keys // n, pair_keys % n, counts, sizes)


def _changes(sets: list[np.ndarray], removed: list[np.ndarray], added: np.ndarray, is_old: np.ndarray,
             max_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """Pair keys (left * n + right, this run's texts) to count once more and once less, for the shingles of the
    added and removed texts. Removed texts are numbered n, n + 1, ... here; they pair with nothing."""
    n = len(sets)
    empty = np.zeros(0, dtype=np.int64)
    changed = np.unique(np.concatenate([sets[i] for i in added] + removed + [empty.astype(np.uint64)]))
    if not len(changed):
        return empty, empty
    last = len(changed) - 1
    found_shingle, found_text = [empty], [empty]
    for i, s in enumerate([*sets, *removed]):  # every text holding one of them (sorted sets: one search each)
        if not len(s):
            continue
        at = np.searchsorted(changed, s)
        np.minimum(at, last, out=at)
        hit = changed[at] == s
        if hit.any():
            found_shingle.append(at[hit])
            found_text.append(np.full(int(hit.sum()), i, dtype=np.int64))
    shingle, text = np.concatenate(found_shingle), np.concatenate(found_text)
    order = np.lexsort((text, shingle))  # by shingle, then text: each shingle's texts in ascending order
    shingle, text = shingle[order], text[order]
    here = text < n
    was = np.concatenate([is_old, np.ones(len(removed), dtype=bool)])[text]  # in the last build's run
    now_count = np.bincount(shingle[here], minlength=len(changed))
    was_count = np.bincount(shingle[was], minlength=len(changed))
    now_ok = (now_count >= 2) & (now_count <= max_docs)
    was_ok = (was_count >= 2) & (was_count <= max_docs)
    # pairs of this run's texts, per shingle (text[here] keeps the order: runs by shingle, ascending texts)
    now_text, now_starts = text[here], _starts(now_count)
    both = run_pairs(now_text, now_starts[now_ok & was_ok], now_count[now_ok & was_ok], n)
    both = both[~(is_old[both // n] & is_old[both % n])]  # a pair of two old texts was counted already
    plus = np.concatenate([both, run_pairs(now_text, now_starts[now_ok & ~was_ok], now_count[now_ok & ~was_ok], n)])
    # old texts still here, of shingles that were counted and no longer are
    stay = here & was
    stay_count = np.bincount(shingle[stay], minlength=len(changed))
    drop = was_ok & ~now_ok
    minus = run_pairs(text[stay], _starts(stay_count)[drop], stay_count[drop], n)
    return plus, minus



def _starts(counts: np.ndarray) -> np.ndarray:
    """Where each shingle's run begins in an array sorted by shingle, given each shingle's count."""
    return np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
