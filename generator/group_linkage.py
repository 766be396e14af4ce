"""Average-link clustering over a sparse graph of pairs (a missing edge counts as similarity 0)."""
from __future__ import annotations

import heapq

import numpy as np


def average_link(n: int, left: np.ndarray, right: np.ndarray, sims: np.ndarray, threshold: float,
                 also: np.ndarray | None = None, also_threshold: float = 0.0) -> list[list[int]]:
    """Agglomerative clustering; a missing edge counts as similarity 0 in the group average.

    With `also` (a second similarity of the same pairs), two groups merge only when their average
    under it reaches also_threshold too; `sims` still decides the order of merges."""
    if also is None:
        return _average_link(n, left, right, sims, threshold)
    links: list[dict[int, tuple[float, float]]] = [{} for _ in range(n)]
    for i, j, s, t in zip(left.tolist(), right.tolist(), sims.tolist(), also.tolist()):
        links[i][j] = links[j][i] = (s, t)
    size = [1] * n
    version = [0] * n
    alive = [True] * n
    members = {i: [i] for i in range(n)}
    heap = [(-s, i, j, 0, 0) for i, j, s, t in zip(left.tolist(), right.tolist(), sims.tolist(), also.tolist())
            if s >= threshold and t >= also_threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b, va, vb = heapq.heappop(heap)
        if -neg < threshold:
            break
        if not (alive[a] and alive[b]) or version[a] != va or version[b] != vb:
            continue  # stale entry: one side has merged since
        a, b = min(a, b), max(a, b)
        alive[b] = False
        del links[a][b], links[b][a]
        for c, (s, t) in links[b].items():
            links[c].pop(b)
            s0, t0 = links[a].get(c, (0.0, 0.0))
            links[a][c] = links[c][a] = (s0 + s, t0 + t)
        links[b] = {}
        size[a] += size[b]
        version[a] += 1
        for c, (total, also_total) in links[a].items():
            pairs = size[a] * size[c]
            avg = total / pairs
            if avg >= threshold and also_total / pairs >= also_threshold:
                heapq.heappush(heap, (-avg, a, c, version[a], version[c]) if a < c else (-avg, c, a, version[c], version[a]))
        members[a].extend(members.pop(b))
    return [sorted(m) for _, m in sorted(members.items())]



def _average_link(n: int, left: np.ndarray, right: np.ndarray, sims: np.ndarray, threshold: float) -> list[list[int]]:
    """average_link on one similarity (the same loop with plain sums: it also runs at a low threshold
    for topics, over many more merges)."""
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, s in zip(left.tolist(), right.tolist(), sims.tolist()):
        links[i][j] = links[j][i] = s
    size = [1] * n
    version = [0] * n
    alive = [True] * n
    members = {i: [i] for i in range(n)}
    heap = [(-s, i, j, 0, 0) for i, j, s in zip(left.tolist(), right.tolist(), sims.tolist()) if s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b, va, vb = heapq.heappop(heap)
        if -neg < threshold:
            break
        if not (alive[a] and alive[b]) or version[a] != va or version[b] != vb:
            continue  # stale entry: one side has merged since
        a, b = min(a, b), max(a, b)
        alive[b] = False
        del links[a][b], links[b][a]
        for c, s in links[b].items():
            links[c].pop(b)
            links[a][c] = links[c][a] = links[a].get(c, 0.0) + s
        links[b] = {}
        size[a] += size[b]
        version[a] += 1
        for c, total in links[a].items():
            avg = total / (size[a] * size[c])
            if avg >= threshold:
                heapq.heappush(heap, (-avg, a, c, version[a], version[c]) if a < c else (-avg, c, a, version[c], version[a]))
        members[a].extend(members.pop(b))
    return [sorted(m) for _, m in sorted(members.items())]
