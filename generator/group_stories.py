"""Level 2: independently written articles about one event join one story.

Similarity of two texts = 0.6 x cosine of keyword vectors (each text's 60 heaviest TF-IDF words and
word pairs, from its first ~600 words) + 0.4 x cosine over names and numbers (people, places,
magnitudes, tolls): two earthquakes share "quake", "magnitude", "injured" but not their places and
numbers. Pairs sharing no name or number, and pairs whose real dates lie more than a week apart
(a follow-up is a later event), are never linked. Clusters form by average link over the sparse
graph of pairs that share a keyword, so a chain of pairwise-similar articles does not merge two
stories unless the groups are similar on average. Inside a loose topic, two events of one kind share
the topic's words and names, so group.py ranks merges by a topic-weighted similarity (group_topics:
terms few texts of the topic share weigh more) and needs both it and this run-wide one to be high
enough (average_link with `also`). Then a lone text or a small fragment (up to three
texts) may join the larger story holding its closest match when its average over that story is fair
too, and not far below the fragment's own cohesion (a tight pair is a story of its own). Last, two
lone texts that are each other's clear closest match (or each other's closest match and share many
names and figures) form a story of two, and a lone text whose
closest match is clearly ahead of anything in other stories joins that match's story (these last steps
read the topic-weighted similarity).
"""
from __future__ import annotations

import datetime as dt
import string
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from generator.group_linkage import average_link  # noqa: F401  (re-exported: group.py, group_topics)
from generator.group_tfidf import term_counts, tfidf
from generator.group_text import (LazyList, memoized_many, names_and_numbers_uncached, pair_keys, token_hashes,
                                  without_agency, words_of)
from generator.text import STOPWORDS, normalize

NAME_WEIGHT = 0.4  # share of the similarity that comes from names and numbers
KEYWORDS = 60  # a text's word vector keeps its heaviest TF-IDF terms: cheap products, less noise
MIN_EDGE = 0.05  # similarities below this are treated as zero in the sparse graph
MAX_DAYS_APART = 7  # trusted dates further apart than this are different events (follow-ups)
STRAGGLER_BEST = 0.2  # a small cluster's closest match in a larger story must reach this ...
STRAGGLER_AVERAGE = 0.085  # ... and its average over that story this, for it to join (tuned on ECB+, checked on Multi-News)
MAX_FRAGMENT = 3  # clusters of up to this many texts may join a larger story (see attach_stragglers)
FRAGMENT_RATIO = 0.4  # ... if their link to it is at least this share of their own inner average
PAIR_FLOOR = 0.1  # two lone texts that pick each other as closest match pair up from this similarity ...
PAIR_MARGIN = 1.5  # ... when it is this many times either one's next-closest match
LONE_FLOOR = 0.12  # a lone text joins the story of its closest match from this similarity ...
LONE_MARGIN = 1.5  # ... when it is this many times its closest match in any other story
MAX_WORDS = 600  # story features read the first ~600 words of a text
# Measured on ECB+ / Multi-News and left out (B-cubed F1 within about +-0.005 of 0.919 / 0.918, or
# precision under 0.95): a lead vector (headline + first ~80 words) blended in or max'ed with the
# keywords, a numbers-only cosine, best lead-sentence pair, crude stemming, names from the lead only,
# name pairs, BM25-saturated or IDF-squared names, years that differ vetoing a link.
# Also measured and left out, at group level: keeping two groups apart when each has "core" names (in
# half or more of its texts) that the other lacks (same-event fragments differ in detail as much: ECB+
# recall fell to 0.71-0.88, or nothing changed), when their known date ranges lie over a week apart
# (ECB+ F1 0.915), or when their majority years differ (no change); centroid cosines and cross/inner cohesion ratios did not separate right from
# wrong merges. A logistic pair scorer (word, name and headline cosines, shared-name counts, date gap)
# fitted on one set ranked the other's pairs worse than the fixed blend (AUC 0.902 vs 0.925 on ECB+,
# 0.943 vs 0.960 on Multi-News). Topic weighting alone (without the run-wide check) needed different
# thresholds per set (ECB+ 0.15, Multi-News 0.19); not renormalising or down-weighting topic-wide
# terms instead was worse; the min or geometric mean of both similarities, rescaling each topic's
# similarities to its run-wide mean, and topics from connected components (at 0.2-0.3) instead of
# average link at 0.08 scored lower. Letting a lone text that shares many names with its closest match
# join that story without a clear lead cost Multi-News precision (0.963 -> 0.957); letting a text with
# a single candidate story in a large run join it gained nothing.


@dataclass
class StoryFeatures:
    words: sparse.csr_matrix  # rows: L2-normalised TF-IDF of each text's KEYWORDS heaviest words and word pairs
    names: sparse.csr_matrix  # rows L2-normalised TF-IDF of names and numbers
    name_lists: list[list[str]]  # per text: its names, for "why grouped" reasons
    name_keys: np.ndarray  # sorted hashes of the names' vocabulary ...
    name_idfs: np.ndarray  # ... and their IDF
    heads: Sequence[list[str]]  # per text: the leading paragraphs (about MAX_WORDS words) the features read
    head_sizes: list[int]  # ... how many they are

    def name_idf(self, names: list[str]) -> list[float]:
        return self.name_idfs[np.searchsorted(self.name_keys, token_hashes(names))].tolist()


_SKIPPED = token_hashes(sorted(STOPWORDS | set(string.ascii_lowercase + string.digits)))  # not content words


def _word_keys(title: str, paragraph_tokens: list[list[str]]) -> np.ndarray:
    """Content words of the headline and paragraphs, plus adjacent word pairs, as hashed keys."""
    h = token_hashes(words_of(normalize(title)) + [w for ws in paragraph_tokens for w in ws])
    h = h[~np.isin(h, _SKIPPED)]
    # adjacent content-word pairs: "qeshm island" says more than "island"
    return np.concatenate([h, pair_keys(h)])


def _head_word_keys(title: str, *paragraphs: str) -> tuple[int, np.ndarray]:
    """How many leading paragraphs the features read, and the word keys of the headline and those."""
    tokens, count = [], 0
    for para in paragraphs:
        if count >= MAX_WORDS:
            break
        tokens.append(words_of(para))
        count += len(tokens[-1])
    h = _head(tokens, MAX_WORDS)
    return h, _word_keys(title, tokens[:h])


def _text_features(title: str, *paragraphs: str) -> tuple[int, tuple[np.ndarray, np.ndarray], list[str]]:
    """_head_word_keys (the keys counted, as tfidf takes them: a rebuild that finds them in the memo need not
    count them again), and the names and numbers of the headline and those leading paragraphs."""
    h, keys = _head_word_keys(title, *paragraphs)
    return h, term_counts(keys), names_and_numbers_uncached(title + ". " + " ".join(without_agency(p) for p in paragraphs[:h]))


def _head(paragraph_tokens: list[list[str]], words: int) -> int:
    """How many leading paragraphs make about `words` words: what happened is told first; the tail
    of a long text (background, comment, page furniture) adds noise and cost."""
    count = 0
    for k, ws in enumerate(paragraph_tokens):
        if count >= words:
            return k
        count += len(ws)
    return len(paragraph_tokens)


def story_features(titles: list[str], bodies: Sequence[list[str]]) -> StoryFeatures:
    """Features of each text from its headline and the first ~MAX_WORDS words of its paragraphs (same
    order). One text's tokens at a time: a token list per text for a whole run would be the largest
    thing grouping holds (20k+ texts). `bodies` may be a LazyList (each text made when read, never all at
    once); then so are the heads."""
    # one string per distinct name, settled as each text's result arrives: the names come back from the workers
    # (or the cache) as strings of their own, and a name recurs in many texts (100,000 synthetic articles: ~2.3
    # million names in the canonical texts, ~0.13 GB as strings; a fifteenth of them distinct in a sample)
    distinct: dict[str, str] = {}
    found = memoized_many("w", LazyList(lambda j: (titles[j], *bodies[j]), len(titles)), _text_features,
                          settle=lambda r: (r[0], r[1], [distinct.setdefault(n, n) for n in r[2]]))
    del distinct
    sizes = [h for h, _, _ in found]
    heads = LazyList(lambda j: bodies[j][:sizes[j]], len(sizes)) if isinstance(bodies, LazyList) else \
        [paragraphs[:h] for paragraphs, h in zip(bodies, sizes)]
    word_terms = [terms for _, terms, _ in found]
    name_lists = [names for _, _, names in found]
    del found
    words, _, _ = tfidf(word_terms, KEYWORDS, vocabulary=False)
    del word_terms
    names, name_keys, name_idfs = tfidf([token_hashes(names) for names in name_lists])
    return StoryFeatures(words, names, name_lists, name_keys, name_idfs, heads, sizes)


CANDIDATE_BLOCK = 512  # rows per sparse product: memory stays bounded however many texts share words
MIN_COMMON_DF = 500  # keywords in more texts than max(this, 1% of texts) do not propose candidate pairs


def candidate_similarities(f: StoryFeatures, dates: list[dt.date | None], max_days: int = MAX_DAYS_APART
                           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i < j) sharing a keyword, with their blended similarity; pairs whose trusted dates are
    too far apart are dropped. Sparse products in row blocks: cost follows the shared keywords, not all
    pairs, and a keyword common to a large share of a big corpus (no help in telling events apart) is
    not used to propose pairs, so 100,000 texts on one topic cannot turn the product dense."""
    n = f.words.shape[0]
    if n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    df = np.bincount(f.words.indices, minlength=f.words.shape[1])
    # Only keywords in 2..max(MIN_COMMON_DF, 1% of texts) texts propose, renumbered: each block's product
    # costs time in proportion to the vocabulary's width, and most keywords (word pairs above all) are in
    # one text, which pairs it with nothing (100,000 texts: 3.7 million columns, most of the stage's time).
    proposer = f.words[:, np.flatnonzero((df >= 2) & (df <= max(MIN_COMMON_DF, n // 100)))]
    day = np.array([d.toordinal() if d is not None else -1 for d in dates], dtype=np.int64)
    # Rows in date order, each block multiplied only with the texts dated within max_days of it (and the
    # undated ones): a year of copy is never compared with itself as a whole. The same pairs come out.
    by_day = np.argsort(day, kind="stable")
    sorted_days = day[by_day]
    undated = int(np.searchsorted(sorted_days, 0))  # undated texts (-1) sort first
    lefts, rights, simss = [], [], []
    for start in range(0, n, CANDIDATE_BLOCK):
        rows = by_day[start:start + CANDIDATE_BLOCK]
        if start < undated:
            cols = np.arange(n)
        else:
            lo = int(np.searchsorted(sorted_days, sorted_days[start] - max_days, side="left"))
            hi = int(np.searchsorted(sorted_days, sorted_days[min(start + CANDIDATE_BLOCK, n) - 1] + max_days,
                                     side="right"))
            cols = np.concatenate([by_day[:undated], by_day[max(lo, undated):hi]])
        block = (proposer[rows] @ proposer[cols].T).tocoo()
        left = rows[block.row].astype(np.int64)
        right = cols[block.col].astype(np.int64)
        upper = right > left
        left, right = left[upper], right[upper]
        known = (day[left] >= 0) & (day[right] >= 0)
        near = ~(known & (np.abs(day[left] - day[right]) > max_days))
        left, right = left[near], right[near]
        names = row_dots(f.names, left, right)
        # same event means same people, places or figures: no shared name or number, no link
        named = names > 0
        left, right, names = left[named], right[named], names[named]
        sims = blended(row_dots(f.words, left, right), names)
        ok = sims >= MIN_EDGE
        lefts.append(left[ok]), rights.append(right[ok]), simss.append(sims[ok])
    left, right, sims = np.concatenate(lefts), np.concatenate(rights), np.concatenate(simss)
    order = np.lexsort((right, left))  # same pair order as one whole product
    return left[order], right[order], sims[order]


ROW_DOTS_CHUNK = 100_000  # pairs per row-pair product: two matrices of this many rows exist at once


def row_dots(m: sparse.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Dot product of rows left[k] and right[k] for every k, in chunks (each pair on its own: same values)."""
    out = np.zeros(len(left))
    for s in range(0, len(left), ROW_DOTS_CHUNK):
        e = s + ROW_DOTS_CHUNK
        out[s:e] = np.asarray(m[left[s:e]].multiply(m[right[s:e]]).sum(axis=1)).ravel()
    return out


def blended(words: np.ndarray, names: np.ndarray) -> np.ndarray:
    """The similarity of pairs from their word and name dot products (every similarity of grouping blends so)."""
    return (1 - NAME_WEIGHT) * words + NAME_WEIGHT * names


def similarity(f: StoryFeatures, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Blended similarity of given pairs (same formula as candidate_similarities)."""
    return blended(row_dots(f.words, left, right), row_dots(f.names, left, right))


def _normalise(m: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    return (sparse.diags(1.0 / np.maximum(norms, 1e-12)) @ m).tocsr()


def attach_stragglers(clusters: list[list[int]], left: np.ndarray, right: np.ndarray, sims: np.ndarray,
                      min_best: float | None = None, min_average: float | None = None,
                      max_fragment: int | None = None, apart: frozenset = frozenset()) -> list[list[int]]:
    """A small cluster (a lone text, or a fragment of up to max_fragment texts) joins the larger story it
    is most similar to on average, when one pair across them is a close match (>= min_best) and the
    average over all pairs across them still reaches min_average.

    Average link leaves out short or off-angle reports of a large story, alone or in twos and threes
    (short wire items that word the same facts differently); one close match plus a fair average is
    evidence enough, while a single look-alike in an unrelated story is not. Decisions are taken on
    the clusters as average link left them, so the result does not depend on processing order.
    Never into a story holding a text it was told apart from (`apart`: pairs (i, j), i < j).
    """
    min_best = STRAGGLER_BEST if min_best is None else min_best
    min_average = STRAGGLER_AVERAGE if min_average is None else min_average
    max_fragment = MAX_FRAGMENT if max_fragment is None else max_fragment
    story_of = np.empty(sum(len(m) for m in clusters), dtype=np.int64)
    for k, members in enumerate(clusters):
        story_of[members] = k
    size = np.array([len(m) for m in clusters])
    totals: dict[tuple[int, int], list[float]] = {}
    inner = np.zeros(len(clusters))
    small = np.minimum(size[story_of[left]], size[story_of[right]]) <= max_fragment  # other edges cannot matter
    for i, j, s in zip(story_of[left][small].tolist(), story_of[right][small].tolist(), sims[small].tolist()):
        if i == j:
            inner[i] += s
        for a, b in ((i, j), (j, i)):
            if a != b and size[a] <= max_fragment and size[b] > size[a]:
                t = totals.setdefault((a, b), [0.0, 0.0])
                t[0] += s
                t[1] = max(t[1], s)
    best: dict[int, tuple[float, int]] = {}
    for (a, k), (total, top) in sorted(totals.items()):
        avg = total / (size[a] * size[k])
        cohesion = inner[a] / max(1, size[a] * (size[a] - 1) // 2)
        if (top >= min_best and avg >= min_average and avg >= FRAGMENT_RATIO * cohesion and (a not in best or avg > best[a][0])
                and not told_apart(clusters[a], clusters[k], apart)):
            best[a] = (avg, k)
    target = list(range(len(clusters)))
    for a, (_, k) in best.items():
        target[a] = k

    def root(k: int) -> int:  # a fragment joining a fragment that joins a story ends in that story
        while target[k] != k:
            k = target[k]
        return k

    out: list[list[int]] = [[] for _ in clusters]
    for k, members in enumerate(clusters):
        out[root(k)].extend(members)
    return [sorted(m) for m in out if m]



def pair_loners(clusters: list[list[int]], left: np.ndarray, right: np.ndarray, sims: np.ndarray,
                floor: float = PAIR_FLOOR, margin: float = PAIR_MARGIN, vetoed: set = frozenset(),
                sure: set = frozenset()) -> list[list[int]]:
    """Two texts left alone that are each other's closest match, clearly ahead of either one's next
    match (>= margin times it) and not negligible (>= floor), become a story of two.

    Two reports of a small story often word it differently enough to stay under the story threshold,
    but when nothing else in the run comes near either of them, their mutual pick is the signal. Both
    must have a next match at all: in a tiny run, being the only candidate says nothing. Pairs in
    `sure` (group.py: many shared names and figures) need neither the lead nor a next match.
    """
    n = sum(len(m) for m in clusters)
    best = np.full(n, -1, dtype=np.int64)
    top, second = np.zeros(n), np.zeros(n)
    for i, j, s in zip(left.tolist(), right.tolist(), sims.tolist()):
        for a, b in ((i, j), (j, i)):
            if s > top[a]:
                second[a], top[a], best[a] = top[a], s, b
            elif s > second[a]:
                second[a] = s
    alone = {m[0] for m in clusters if len(m) == 1}
    paired = [[a, int(best[a])] for a in sorted(alone)
              if a < best[a] and int(best[a]) in alone and best[best[a]] == a and top[a] >= floor
              and ((a, int(best[a])) in sure
                   or 0 < min(second[a], second[best[a]]) and max(second[a], second[best[a]]) <= top[a] / margin)
              and (a, int(best[a])) not in vetoed]
    taken = {a for p in paired for a in p}
    return sorted([m for m in clusters if len(m) > 1 or m[0] not in taken] + paired)



def told_apart(a: list[int], b: list[int], apart: frozenset) -> bool:
    """Whether a text of `a` and one of `b` were told apart (pairs (i, j), i < j)."""
    return bool(apart) and any((min(i, j), max(i, j)) in apart for i in a for j in b)


def attach_clear_loners(clusters: list[list[int]], left: np.ndarray, right: np.ndarray, sims: np.ndarray,
                        floor: float = LONE_FLOOR, margin: float = LONE_MARGIN, apart: frozenset = frozenset()
                        ) -> list[list[int]]:
    """A text still alone joins the story holding its closest match when that match is clearly ahead
    (>= margin times) of its closest match in any other story, is not negligible (>= floor), and the
    text's average over the story reaches STRAGGLER_AVERAGE.

    A report told from another angle can sit under every absolute threshold; that the run holds
    nothing else near it is what makes its best match telling. It needs a runner-up to be ahead of:
    in a tiny run, a text with a single candidate story is left to the absolute rules. A story holding
    a text it was told apart from (`apart`) is no candidate.
    """
    story_of = np.empty(sum(len(m) for m in clusters), dtype=np.int64)
    for k, members in enumerate(clusters):
        story_of[members] = k
    alone = np.array([len(m) == 1 for m in clusters])
    touch = alone[story_of[left]] | alone[story_of[right]]  # only edges of lone texts matter: skip the rest fast
    per: dict[int, dict[int, list[float]]] = {}  # lone text -> story -> [total, best]
    for i, j, s in zip(left[touch].tolist(), right[touch].tolist(), sims[touch].tolist()):
        for a, b in ((i, j), (j, i)):
            if alone[story_of[a]]:
                t = per.setdefault(a, {}).setdefault(int(story_of[b]), [0.0, 0.0])
                t[0] += s
                t[1] = max(t[1], s)
    out = [list(m) for m in clusters]
    for a, by_story in sorted(per.items()):
        ranked = sorted(((k, v) for k, v in by_story.items() if not told_apart([a], clusters[k], apart)),
                        key=lambda kv: (-kv[1][1], kv[0]))
        if not ranked:
            continue
        k, (total, top) = ranked[0]
        runner_up = ranked[1][1][1] if len(ranked) > 1 else 0.0
        if (len(clusters[k]) > 1 and top >= floor and 0 < runner_up <= top / margin
                and total / len(clusters[k]) >= STRAGGLER_AVERAGE):
            out[k].append(a)
            out[int(story_of[a])] = []
    return [sorted(m) for m in out if m]
