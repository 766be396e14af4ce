"""Group articles into stories: copies of one text first, then (later) same-event coverage."""
from __future__ import annotations

import hashlib

from generator.model import Article, StoryGroup
from generator.text import normalize, tokens


def _shingles(article: Article, k: int = 5) -> set[int]:
    words = tokens(" ".join(article.paragraphs))
    if len(words) < k:
        return {hash(" ".join(words))}
    return {int.from_bytes(hashlib.blake2b(" ".join(words[i:i + k]).encode(), digest_size=8).digest(), "big")
            for i in range(len(words) - k + 1)}


def _containment(a: set[int], b: set[int]) -> float:
    """Share of the smaller text found in the larger one: a trimmed copy scores high."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def group_articles(articles: list[Article], copy_threshold: float = 0.5, story_threshold: float = 0.3) -> list[StoryGroup]:
    shingles = [_shingles(a) for a in articles]
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    exact: dict[str, int] = {}
    for i, a in enumerate(articles):
        key = normalize(" ".join(a.paragraphs)).lower()
        if key in exact:
            parent[find(i)] = find(exact[key])
        else:
            exact[key] = i
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if find(i) != find(j) and _containment(shingles[i], shingles[j]) >= copy_threshold:
                parent[find(j)] = find(i)
    clusters: dict[int, list[int]] = {}
    for i in range(len(articles)):
        clusters.setdefault(find(i), []).append(i)
    groups = []
    for members in clusters.values():
        # canonical: earliest, then longest, then path for determinism
        members.sort(key=lambda i: (articles[i].date, -len(articles[i].text), articles[i].path))
        canon = members[0]
        sims = [1.0 if i == canon else round(_containment(shingles[canon], shingles[i]), 3) for i in members]
        groups.append(StoryGroup(members, [members[0]] * len(members), sims,
                                 ["canonical article" if i == canon else f"copy of the canonical text ({s:.0%} shared)"
                                  for i, s in zip(members, sims)]))
    return groups
