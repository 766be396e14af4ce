"""How central a sentence is to its story, which reports are copies of one text, and which sentences other
sources also report (the multi-source support of summarize)."""
from __future__ import annotations

import math
from collections import Counter
from itertools import chain

from generator.summarize_candidates import Candidate

CENTRALITY_SMOOTHING = 3.0  # added to a sentence's length: short sentences need more evidence
# Several reports: three sentences must stand for all of them, so favour sentences carrying more
# of the shared story (a larger smoothing makes the score closer to a sum than a mean).
MULTI_SOURCE_SMOOTHING = 1000.0
SUPPORT_WEIGHT = 0.5  # extra weight of a word every source uses, for multi-source stories
SUPPORT_JACCARD = 0.3  # word overlap at which another source counts as reporting the same thing
COPY_SHARE = 0.8  # share of the shorter article's sentences found verbatim in the other: a (trimmed) copy


def centrality(cands: list[Candidate]) -> list[float]:
    """Mean number of story sentences sharing each of a sentence's content words, scaled to [0, 1].

    Counting sentences (not occurrences) rewards words the story keeps coming back to; across sources
    it counts how many reports support a sentence."""
    sets = [c.token_set for c in cands]
    df = Counter(chain.from_iterable(sets))
    # Words that several independent sources use weigh more (1 + share of sources using them);
    # wire copies of one text are one source.
    groups = copy_groups(cands)
    sources = len(set(groups.values()))
    if sources > 1:
        words_of: dict[int, set[str]] = {}
        for s, c in zip(sets, cands):
            words_of.setdefault(groups[c.article], set()).update(s)
        per_source = Counter(t for ws in words_of.values() for t in ws)
        df = Counter({t: n * (1 + SUPPORT_WEIGHT * per_source[t] / sources) for t, n in df.items()})
    smoothing = CENTRALITY_SMOOTHING if sources == 1 else MULTI_SOURCE_SMOOTHING
    # fsum: exact, so the result does not depend on a set's (hash-seeded) order; ties between copies'
    # near-identical sentences must break the same way in every build
    raw = [math.fsum(map(df.__getitem__, s)) / (len(s) + smoothing) for s in sets]
    top = max(raw, default=0.0) or 1.0
    return [r / top for r in raw]


def _containment(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def copy_groups(cands: list[Candidate]) -> dict[int, int]:
    """Article -> id of its copy group: articles sharing most of their sentences are one source."""
    if len({c.article for c in cands}) == 1:
        return {cands[0].article: cands[0].article} if cands else {}
    texts: dict[int, set[str]] = {}
    for c in cands:
        texts.setdefault(c.article, set()).add(c.text)
    groups: dict[int, int] = {}
    for a in sorted(texts):
        groups[a] = next((groups[b] for b in sorted(groups) if _containment(texts[a], texts[b]) >= COPY_SHARE), a)
    return groups


SPARSE_SUPPORT_FROM = 24  # candidate sentences from which one sparse product beats the per-token loop (2x at 40-200)


def source_support(cands: list[Candidate]) -> list[int]:
    """Per sentence, how many other sources have a sentence sharing at least SUPPORT_JACCARD of its words."""
    sets = [c.token_set for c in cands]
    if len(cands) >= SPARSE_SUPPORT_FROM:
        return _source_support_sparse(cands, sets)
    by_token: dict[str, list[int]] = {}
    for i, s in enumerate(sets):
        for t in s:
            by_token.setdefault(t, []).append(i)
    support = []
    for i, s in enumerate(sets):
        shared = Counter(j for t in s for j in by_token[t] if cands[j].article != cands[i].article)
        sources = {cands[j].article for j, k in shared.items()
                   if k / (len(s) + len(sets[j]) - k) >= SUPPORT_JACCARD}
        support.append(len(sources))
    return support


def _source_support_sparse(cands: list[Candidate], sets: list[set[str]]) -> list[int]:
    """Same result as the loop in source_support, as one sentence-by-word matrix product: a story of many
    long sources shares common words between almost every pair of sentences, which the loop pays for."""
    import numpy as np
    from scipy import sparse

    vocab: dict[str, int] = {}
    rows = [i for i, s in enumerate(sets) for _ in s]
    cols = [vocab.setdefault(t, len(vocab)) for s in sets for t in s]
    m = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(sets), len(vocab)))
    shared = (m @ m.T).tocoo()
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    article = np.array([c.article for c in cands], dtype=np.int64)
    left, right, k = shared.row, shared.col, shared.data
    ok = (article[left] != article[right]) & (k / (sizes[left] + sizes[right] - k) >= SUPPORT_JACCARD)
    support = [0] * len(sets)
    for i, a in set(zip(left[ok].tolist(), article[right[ok]].tolist())):
        support[i] += 1
    return support
