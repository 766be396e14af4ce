"""TF-IDF rows of hashed terms for story features (group_stories), built with bounded memory."""
from __future__ import annotations

import numpy as np
from scipy import sparse

from generator.memory import release_memory, release_tail

SINGLE_TEXT_WEIGHT = 0.25  # share of single-text terms kept in the norm (see tfidf)
TFIDF_ROWS = 2048  # texts weighted at a time in tfidf (bounds its memory; each row on its own: same values)
TRIM_TERMS = 4_000_000  # tfidf hands the memory of the texts' arrays it copied back this often (~50 MB)


def term_counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A text's distinct term keys (sorted) and how often each occurs (16 bits when that holds them, as a text's
    ~600 words always do, else 32), as tfidf takes them."""
    terms, counts = np.unique(keys, return_counts=True)
    return terms, counts.astype(np.uint16 if len(keys) < 2**16 else np.int32)


def tfidf(keys: list, keep: int | None = None, vocabulary: bool = True
          ) -> tuple[sparse.csr_matrix, np.ndarray | None, np.ndarray | None]:
    """Sublinear TF-IDF rows (one per text, terms given as 64-bit keys, or as term_counts of them) over terms
    that occur in two or more texts, optionally only each row's `keep` heaviest, L2-normalised; also the
    sorted term keys and their IDF, or None for both without `vocabulary` (then no array as long as the
    vocabulary outlives the document frequencies). `keys` is emptied (see below).

    A term found in one text only cannot add to any dot product, but a text made mostly of such
    terms is unlike the others: their weight still counts in the norm, scaled by SINGLE_TEXT_WEIGHT
    (in a small run nearly every term is single-text, and shared common words would otherwise
    dominate).
    """
    n = len(keys)
    # counts per text and term, built row by row: one (term, count) per distinct term of a text, so the
    # run never holds every occurrence of every term at once
    # (counts as 16 or 32 bits from the start: no 64-bit array of them all is made and then narrowed)
    for i, k in enumerate(keys):
        if not isinstance(k, tuple):
            keys[i] = term_counts(k)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum([len(t) for t, _ in keys], out=indptr[1:])
    row_terms = np.empty(indptr[-1], dtype=np.uint64)
    counts = np.empty(indptr[-1], dtype=np.int32 if any(c.dtype != np.uint16 for _, c in keys) else np.uint16)
    # Each text's arrays are let go of as they are copied, and their memory handed back every TRIM_TERMS terms:
    # the caller's list then never holds a second copy of every term (100,000 articles: ~0.45 GB at the peak)
    copied = 0
    for i in range(n):
        t, c = keys[i]
        keys[i] = None
        row_terms[indptr[i]:indptr[i + 1]] = t
        counts[indptr[i]:indptr[i + 1]] = c
        copied += len(t)
        if copied >= TRIM_TERMS:
            release_memory()
            copied = 0
    keys.clear()
    release_memory()
    # a text's terms are sorted, so are its columns (most of a run's terms occur in one text: without the
    # vocabulary, 100,000 articles, ~0.15 GB less per array as long as it)
    # document frequencies are at most n: 16 bits hold them up to 65,535 texts (100,000 articles: 50,707
    # canonical texts, 20 million terms, 40 MB less)
    terms, cols, df = unique_inverse(row_terms, counts=True, values=vocabulary, consume=True,
                                     count_type=np.uint16 if n < 2**16 else np.int32)
    # its buffer now holds cols in its first half: the second half's memory goes back (0.13 GB at 100,000)
    release_tail(row_terms, cols.nbytes)
    del row_terms
    width = len(df)

    def idf_of(cols: np.ndarray) -> np.ndarray:  # IDF of some terms (a vocabulary-wide array waits for the end)
        return np.log((1 + n) / (1 + df[cols])) + 1.0
    # The weighting runs TFIDF_ROWS texts at a time: only their full rows (before `keep`) exist at once.
    parts, norms, m = [], np.empty(n), None
    for r0 in range(0, n, TFIDF_ROWS):
        r1 = min(n, r0 + TFIDF_ROWS)
        a, b = indptr[r0], indptr[r1]
        m = sparse.csr_matrix((counts[a:b].astype(np.float64), cols[a:b], indptr[r0:r1 + 1] - a),
                              shape=(r1 - r0, width))
        m.data = (1.0 + np.log(m.data)) * idf_of(m.indices)  # sublinear tf: repetition is weak evidence
        single = df[m.indices] < 2
        single_sq = _row_sq(m, single)
        m.data[single] = 0.0
        del single
        m.eliminate_zeros()
        if keep is not None:
            m = _top_terms(m, keep)
        norms[r0:r1] = np.sqrt(_row_sq(m) + SINGLE_TEXT_WEIGHT * single_sq)
        parts.append(m)
    del counts, cols
    out = sparse.vstack(parts, format="csr") if parts else sparse.csr_matrix((0, width))
    del parts, m
    # rows scaled in place (each weight times its row's factor, as the product with a diagonal matrix did, without
    # its second and third copy of the matrix); a product that underflows to 0 is dropped, as it was there
    out.data *= np.repeat(1.0 / np.maximum(norms, 1e-12), np.diff(out.indptr))
    out.eliminate_zeros()
    # Canonical (sorted) column indices: scipy's elementwise product of two row sets (group_stories.row_dots)
    # otherwise takes its general path, which allocates three arrays as wide as the vocabulary per call
    # (100,000 articles: candidate_similarities 26.9 -> 3.3 s, the same pairs and bits)
    out.sort_indices()
    return out, terms, idf_of(slice(None)) if vocabulary else None


UNIQUE_PARTS = 64  # unique_inverse sorts the keys in this many value ranges, each small enough to stay in cache
SCAN_CHUNK = 1 << 22  # ... and finds each range's keys this many at a time


def unique_inverse(keys: np.ndarray, counts: bool = False, values: bool = True, consume: bool = False,
                   count_type=np.int32) -> tuple[np.ndarray | None, ...]:
    """np.unique(keys, return_inverse=True), the inverse as int32 when it fits (with `counts`, also how often each
    key occurs, as int32: tfidf's document frequencies without a 64-bit bincount as long as the vocabulary; without
    `values`, None for the distinct keys, which are then never gathered: two arrays as long as the vocabulary),
    sorted one value range at a time:
    ranges cut at quantiles of a sample, each sorted on its own and numbered on from the one before, which gives
    the same result (100,000 articles, 30 million term keys: 2.3x faster than one sort of them all).
    With `consume` (64-bit keys the caller drops), the inverse is written over the keys themselves, and the array
    returned for it is a view of their buffer: no second array as long as the keys (100,000 articles: 0.13 GB at
    grouping's peak). `count_type`: the counts' type, when the caller knows a smaller one holds them."""
    index = np.int32 if len(keys) < 2**31 else np.int64
    if len(keys) < 1_000_000:
        terms, cols, *found_counts = np.unique(keys, return_inverse=True, return_counts=counts)
        return ((terms if values else None), cols.ravel().astype(index)) + \
            ((found_counts[0].astype(count_type),) if counts else ())
    sample = np.sort(keys[:: len(keys) // 100_000])
    cuts = np.unique(sample[np.linspace(0, len(sample) - 1, UNIQUE_PARTS + 1).astype(np.int64)[1:-1]])
    part = np.empty(len(keys), dtype=np.uint8)  # key ranges, in ascending order
    for a in range(0, len(keys), 1 << 22):  # a chunk at a time: searchsorted's 64-bit result for all keys was the
        part[a:a + (1 << 22)] = np.searchsorted(cuts, keys[a:a + (1 << 22)], side="right")  # peak (~260 MB)
    consume = consume and keys.dtype.itemsize == 8 and keys.flags.writeable and keys.flags.c_contiguous
    cols = keys if consume else np.empty(len(keys), dtype=index)  # (a range's keys are read before it is written)
    terms, starts, start, numbers = [], [], 0, []
    for p in range(len(cuts) + 1):
        # the range's positions found by a scan, not by one argsort of all ranges: that held 8 bytes per key
        # for the whole loop (100,000 articles: ~240 MB at grouping's peak) to save ~1 s of scans; the scan a
        # chunk at a time (a mask of all keys at once: 33 MB more at the peak)
        idx = np.concatenate([np.flatnonzero(part[a:a + SCAN_CHUNK] == p) + a
                              for a in range(0, len(part), SCAN_CHUNK)])
        found, inverse, *found_counts = np.unique(keys[idx], return_inverse=True, return_counts=counts)
        cols[idx] = inverse.ravel() + start
        if counts:  # (only asked of np.unique then: copy detection pairs shingles without them)
            numbers.append(found_counts[0].astype(count_type))
        starts.append(start)
        start += len(found)
        terms.append(found if values else None)
    del part
    if consume:
        cols = _narrowed(keys, index)
    found_counts = np.concatenate(numbers) if numbers else np.zeros(0, count_type)
    if not values:
        return (None, cols) + ((found_counts,) if counts else ())
    # joined one range at a time, each let go of once copied: np.concatenate held all of them twice at its end
    # (100,000 articles: ~0.1 GB at grouping's peak)
    out = np.empty(start, dtype=keys.dtype)
    for p, at in enumerate(starts):
        found, terms[p] = terms[p], None
        out[at:at + len(found)] = found
    return (out, cols) + ((found_counts,) if counts else ())


def _narrowed(a: np.ndarray, dtype) -> np.ndarray:
    """a's values (each fitting `dtype`) as `dtype`, written over a's own buffer from its start; a is spent.
    Element i goes to bytes [4i, 4i + 4) from [8i, 8i + 8), so copying the elements [s, 2s) together never
    writes over ones still to be read (numpy would otherwise copy the source first)."""
    out = a.view(dtype)
    if out.itemsize == a.itemsize:
        return out
    s = min(len(a), 1 << 16)
    out[:s] = a[:s].astype(dtype)  # (the first chunk overlaps itself: through a small copy)
    n = len(a)
    while s < n:
        e = min(n, 2 * s)
        out[s:e] = a[s:e]
        s = e
    return out[:n]


def _row_sq(m: sparse.csr_matrix, where: np.ndarray | None = None) -> np.ndarray:
    """Per row, the sum of its squared (nonzero) entries, or of those marked in `where`; added up the way
    scipy's m.multiply(m).sum(axis=1) does (reduceat over each row's entries), so the bits are the same,
    without a second matrix."""
    if where is None:
        sq, indptr = m.data ** 2, m.indptr
    else:
        sq = m.data[where] ** 2
        marked = np.zeros(len(where) + 1, dtype=np.int64)
        np.cumsum(where, out=marked[1:])
        indptr = marked[m.indptr]
        del marked
    out = np.zeros(m.shape[0])
    rows = np.flatnonzero(np.diff(indptr))
    if len(rows):
        out[rows] = np.add.reduceat(sq, indptr[rows])
    return out


def _top_terms(m: sparse.csr_matrix, k: int) -> sparse.csr_matrix:
    """Keep each row's k heaviest entries: enough to find neighbours, far fewer products."""
    m = m.tocsr(copy=True)
    for r in range(m.shape[0]):
        lo, hi = m.indptr[r], m.indptr[r + 1]
        if hi - lo > k:
            row = m.data[lo:hi]
            cut = np.partition(row, hi - lo - k)[hi - lo - k]
            row[row < cut] = 0.0
    m.eliminate_zeros()
    return m
