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

import dataclasses

import numpy as np
from scipy import sparse

from generator.group_stories import StoryFeatures, average_link, similarity

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


def topic_weighted(m: sparse.csr_matrix, labels: np.ndarray, cap: float = TOPIC_WEIGHT_CAP) -> sparse.csr_matrix:
    """Rows of m (L2-normalised, possibly short of 1 by their single-text share) with each term a text
    shares inside its topic weighed by the topic IDF, capped; re-normalised with the single-text
    share kept."""
    m = m.tocsr(copy=True)
    n, width = m.shape
    if n == 0 or m.nnz == 0:
        return m
    size = np.bincount(labels)
    presence = m.copy()
    presence.data[:] = 1.0
    member = sparse.csr_matrix((np.ones(n), (labels, np.arange(n))), shape=(len(size), n))
    df = (member @ presence).tocoo()  # per topic and term: how many of the topic's texts hold it
    keys = df.row.astype(np.int64) * width + df.col
    order = np.argsort(keys)
    keys, counts = keys[order], df.data[order]
    rows = np.repeat(np.arange(n), np.diff(m.indptr))
    topic = labels[rows]
    term_df = counts[np.searchsorted(keys, topic * width + m.indices)]
    topic_size = size[topic].astype(np.float64)
    weight = np.where((term_df >= 2) & (topic_size >= MIN_TOPIC),
                      np.minimum(cap, np.log((topic_size + 1) / (term_df + 1)) + 1.0), 1.0)
    kept = np.bincount(rows, weights=m.data ** 2, minlength=n)  # 1 - kept: single-text share of the norm
    m.data = m.data * weight
    norms = np.sqrt(np.bincount(rows, weights=m.data ** 2, minlength=n) + np.clip(1.0 - kept, 0.0, None))
    m.data = m.data / np.maximum(norms[rows], 1e-12)
    return m


def topic_similarities(f: StoryFeatures, left: np.ndarray, right: np.ndarray, sims: np.ndarray,
                       threshold: float = TOPIC_THRESHOLD, cap: float = TOPIC_WEIGHT_CAP
                       ) -> tuple[StoryFeatures, np.ndarray]:
    """Features re-weighted inside loose topics, and the candidate pairs' similarity under them
    (pairs the run-wide similarity dropped stay at 0)."""
    labels = topic_labels(f.words.shape[0], left, right, sims, threshold)
    weighted = dataclasses.replace(f, words=topic_weighted(f.words, labels, cap), names=topic_weighted(f.names, labels, cap))
    return weighted, np.where(sims > 0, similarity(weighted, left, right), 0.0)
