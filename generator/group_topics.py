"""Two events of one kind, told apart inside their topic.

Reports of two earthquakes, two arrests of players of one team or two patches for one browser share
the topic's words and names ("quake", "magnitude", the team, the browser): over the whole run they
look alike. Inside the topic, what one event's reports share and the other's lack (the player, the
town, the bulletin number) is what tells them apart.

topic_similarities groups the run loosely into topics (average link at TOPIC_THRESHOLD, far below
the story threshold) and, inside each topic of three or more texts, weighs every term a text shares
with others of its topic by a topic IDF: log((n + 1) / (df + 1)) + 1 for a term in df of the topic's
n texts, capped at TOPIC_WEIGHT_CAP. A term in every text of the topic keeps weight 1; a term only
two texts of twenty share weighs 2. Rows are then re-normalised (their share of single-text terms
kept, see group_tfidf.tfidf) and the candidate pairs re-scored. In a topic of two, or in a text
alone, nothing changes.

Stories then form where both similarities agree (group_stories.average_link with `also`): the topic
similarity (>= TOPIC_SHARE x story threshold) ranks the merges, the run-wide similarity still has to
reach the story threshold, so a pair that only the re-weighting brings close does not join.
"""
from __future__ import annotations

import numpy as np
from scipy import sparse

from generator.group_stories import StoryFeatures, average_link, blended, row_dots

TOPIC_THRESHOLD = 0.08  # average-link similarity that groups texts into one loose topic
TOPIC_WEIGHT_CAP = 2.0  # most a term shared inside a topic can gain over one the whole topic shares
MIN_TOPIC = 3  # topics with fewer texts keep their weights
TOPIC_SHARE = 0.75  # topic similarity needed to merge, as a share of the story threshold


def topic_labels(n: int, left: np.ndarray, right: np.ndarray, sims: np.ndarray,
                 threshold: float = TOPIC_THRESHOLD) -> np.ndarray:
    """Loose topic number of each text (average link at a low threshold)."""
    labels = np.zeros(n, dtype=np.int64)
    for k, members in enumerate(average_link(n, left, right, sims, threshold)):
        labels[members] = k
    return labels


TOPIC_CHUNK_ENTRIES = 1 << 20  # matrix entries re-weighted at a time (100,000 articles: 30+ million)


def topic_weighted(m: sparse.csr_matrix, labels: np.ndarray, cap: float = TOPIC_WEIGHT_CAP) -> sparse.csr_matrix:
    """Rows of m (L2-normalised, possibly short of 1 by their single-text share) with each term a text
    shares inside its topic weighed by the topic IDF, capped; re-normalised with the single-text
    share kept."""
    m = m.tocsr(copy=True)
    n, width = m.shape
    if n == 0 or m.nnz == 0:
        return m
    size = np.bincount(labels)
    keys, counts = _topic_term_counts(m, labels, len(size))
    # Per entry, a few rows at a time: the arrays below hold one value per matrix entry, ~8 bytes each, and
    # all of them at once for the whole matrix were grouping's peak at 100,000 articles (+375 MiB). Rows are
    # whole in every chunk, so each row's sums add the same values in the same order: the same result.
    for lo, hi in _row_chunks(m.indptr, TOPIC_CHUNK_ENTRIES):
        s, e = m.indptr[lo], m.indptr[hi]
        rows = np.repeat(np.arange(hi - lo), np.diff(m.indptr[lo:hi + 1]))
        topic = labels[lo:hi][rows]
        term_df = counts[np.searchsorted(keys, topic * width + m.indices[s:e])]
        topic_size = size[topic].astype(np.float64)
        weight = np.where((term_df >= 2) & (topic_size >= MIN_TOPIC),
                          np.minimum(cap, np.log((topic_size + 1) / (term_df + 1)) + 1.0), 1.0)
        data = m.data[s:e]
        kept = np.bincount(rows, weights=data ** 2, minlength=hi - lo)  # 1 - kept: single-text share of the norm
        data = data * weight
        norms = np.sqrt(np.bincount(rows, weights=data ** 2, minlength=hi - lo) + np.clip(1.0 - kept, 0.0, None))
        m.data[s:e] = data / np.maximum(norms[rows], 1e-12)
    return m


def _topic_term_counts(m: sparse.csr_matrix, labels: np.ndarray, topics: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted keys topic * width + term, and how many of the topic's texts hold the term (float64)."""
    n, width = m.shape
    # counts are small whole numbers: exact in float32, at half the memory of float64
    presence = sparse.csr_matrix((np.ones(m.nnz, dtype=np.float32), m.indices, m.indptr), shape=m.shape)
    member = sparse.csr_matrix((np.ones(n, dtype=np.float32), (labels, np.arange(n))), shape=(topics, n))
    df = member @ presence  # per topic and term: how many of the topic's texts hold it
    del presence, member
    df.sum_duplicates()  # canonical: sorted terms in each topic's row, so the keys below come out sorted
    keys = np.repeat(np.arange(topics, dtype=np.int64), np.diff(df.indptr)) * width + df.indices
    return keys, df.data.astype(np.float64)


def _row_chunks(indptr: np.ndarray, entries: int):
    """(lo, hi) row ranges of about `entries` matrix entries each (a longer row alone)."""
    n = len(indptr) - 1
    lo = 0
    while lo < n:
        hi = int(np.searchsorted(indptr, indptr[lo] + entries, side="right")) - 1
        hi = min(n, max(hi, lo + 1))
        yield lo, hi
        lo = hi


def topic_similarities(f: StoryFeatures, left: np.ndarray, right: np.ndarray, sims: np.ndarray,
                       threshold: float = TOPIC_THRESHOLD, cap: float = TOPIC_WEIGHT_CAP) -> np.ndarray:
    """The candidate pairs' similarity with the features re-weighted inside loose topics (pairs the run-wide
    similarity dropped stay at 0), one re-weighted matrix at a time."""
    labels = topic_labels(f.words.shape[0], left, right, sims, threshold)
    words = row_dots(topic_weighted(f.words, labels, cap), left, right)
    names = row_dots(topic_weighted(f.names, labels, cap), left, right)
    return np.where(sims > 0, blended(words, names), 0.0)
