"""Pair counts brought up to date for added texts (generator/group_pairs.py) equal pairing every text again."""
from __future__ import annotations

import hashlib

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import generator.group_pairs as group_pairs
from generator.group_copies import shared_shingle_pairs
from generator.group_pairs import PairCounts, pairs_since


def _key(s: np.ndarray) -> bytes:
    return hashlib.blake2b(np.ascontiguousarray(s), digest_size=16).digest()


def _counts(sets: list[np.ndarray], max_docs: int) -> PairCounts:
    p = shared_shingle_pairs(sets, max_docs)
    return PairCounts([_key(s) for s in sets], [_key(s).hex() for s in sets], p.left, p.right, p.shared)


def _fetch_from(sets: list[np.ndarray]):
    by_source = {_key(s).hex(): s for s in sets}
    return lambda sources: [by_source.get(k) for k in sources]


def _same(a, b) -> bool:
    return all(np.array_equal(getattr(a, f), getattr(b, f)) for f in ("left", "right", "shared", "sizes"))


def _incremental(run, previous, fetch, max_docs):
    """pairs_since, never handing over to pairing every text (however many changed)."""
    limits = group_pairs.MAX_CHANGED_SHARE, group_pairs.MAX_CHANGED_TEXTS
    group_pairs.MAX_CHANGED_SHARE = group_pairs.MAX_CHANGED_TEXTS = float("inf")
    try:
        got = group_pairs._updated(run, [_key(s) for s in run], previous, fetch, max_docs)
    finally:
        group_pairs.MAX_CHANGED_SHARE, group_pairs.MAX_CHANGED_TEXTS = limits
    assert got is not None
    return got


# small vocabularies and a low common-shingle limit, so that added texts push shingles over it
texts = st.lists(st.sets(st.integers(0, 40), max_size=12), min_size=1, max_size=14, unique_by=frozenset)


@settings(max_examples=300, deadline=None)
@given(old=texts, new=texts, max_docs=st.integers(2, 5), seed=st.integers(0, 2**16))
def test_adding_texts_gives_the_counts_of_pairing_them_all(old, new, max_docs, seed):
    old_sets = [np.array(sorted(s), dtype=np.uint64) for s in old]
    new_sets = [np.array(sorted(s), dtype=np.uint64) for s in new if s not in old]
    previous = _counts(old_sets, max_docs)
    run = old_sets + new_sets
    np.random.default_rng(seed).shuffle(run)  # added texts take places anywhere in the run's order
    assert _same(_incremental(run, previous, None, max_docs), shared_shingle_pairs(run, max_docs))


@settings(max_examples=300, deadline=None)
@given(old=texts, new=texts, gone=st.sets(st.integers(0, 13)), max_docs=st.integers(2, 5), seed=st.integers(0, 2**16))
def test_adding_and_removing_texts_gives_the_counts_of_pairing_them_all(old, new, gone, max_docs, seed):
    """Removed texts (an edited article is one removed and one added) can bring a common shingle back under the
    limit: their sets are read back (fetch) and the counts are still exact."""
    old_sets = [np.array(sorted(s), dtype=np.uint64) for s in old]
    new_sets = [np.array(sorted(s), dtype=np.uint64) for s in new if s not in old]
    previous = _counts(old_sets, max_docs)
    run = [s for i, s in enumerate(old_sets) if i not in gone] + new_sets
    np.random.default_rng(seed).shuffle(run)
    assert _same(_incremental(run, previous, _fetch_from(old_sets), max_docs), shared_shingle_pairs(run, max_docs))


def test_a_removed_text_not_found_means_pairing_again(monkeypatch):
    sets = [np.array(v, dtype=np.uint64) for v in ([1, 2, 3], [2, 3, 4], [3, 4, 5], [4, 5, 6], [5, 6, 7])]
    previous = _counts(sets, 3)
    run = sets[1:]
    calls = []
    monkeypatch.setattr(group_pairs, "shared_shingle_pairs", lambda *a: calls.append(a) or shared_shingle_pairs(*a))
    got = pairs_since(run, [_key(s) for s in run], previous, lambda sources: [None] * len(sources), 3)
    assert calls and _same(got, shared_shingle_pairs(run, 3))
    calls.clear()
    got = pairs_since(run, [_key(s) for s in run], previous, _fetch_from(sets), 3)
    assert not calls and _same(got, shared_shingle_pairs(run, 3))


def test_one_added_copy_among_many_texts():
    rng = np.random.default_rng(7)
    sets = [np.unique(rng.integers(0, 5000, 300).astype(np.uint64)) for _ in range(200)]
    previous = _counts(sets, 256)
    run = sets[:100] + [sets[42].copy()[:250]] + sets[100:]
    got = pairs_since(run, [_key(s) for s in run], previous, max_docs=256)
    assert _same(got, shared_shingle_pairs(run, 256))
    assert (100 in got.right[got.left == 42]) and got.shared[(got.left == 42) & (got.right == 100)][0] == 250


def test_many_changed_texts_mean_pairing_again(monkeypatch):
    """Past MAX_CHANGED_TEXTS (or a quarter of the run) the changed texts' matches would be held at once: pairing
    every text again holds a 16th of the shingles at a time."""
    monkeypatch.setattr(group_pairs, "MAX_CHANGED_TEXTS", 2)
    rng = np.random.default_rng(3)
    sets = [np.unique(rng.integers(0, 400, 30).astype(np.uint64)) for _ in range(40)]
    previous = _counts(sets[:37], 256)
    calls = []
    monkeypatch.setattr(group_pairs, "shared_shingle_pairs", lambda *a: calls.append(a) or shared_shingle_pairs(*a))
    got = pairs_since(sets, [_key(s) for s in sets], previous, max_docs=256)
    assert calls and _same(got, shared_shingle_pairs(sets, 256))
    calls.clear()
    pairs_since(sets[:39], [_key(s) for s in sets[:39]], previous, max_docs=256)
    assert not calls
