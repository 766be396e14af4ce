"""Extractive summary of one story from all of its sources."""
from __future__ import annotations

from collections import Counter

from generator.model import Article
from generator.text import content_tokens, split_dateline, split_sentences


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def summarize(articles: list[Article], sentences: int = 3, words: int | None = None) -> list[str]:
    """Pick `sentences` sentences: the dateline lede first, then central ones, no near-duplicates."""
    candidates = []  # (article index, paragraph index, sentence index, text, is_lede)
    for ai, article in enumerate(articles):
        for pi, para in enumerate(article.paragraphs):
            dateline, rest = split_dateline(para)
            for si, sent in enumerate(split_sentences(rest)):
                candidates.append((ai, pi, si, sent, bool(dateline) and si == 0))
    if not candidates:
        return []
    toks = [set(content_tokens(c[3])) for c in candidates]
    freq = Counter(t for ts in toks for t in ts)
    scores = []
    for c, ts in zip(candidates, toks):
        centrality = sum(freq[t] for t in ts) / (len(ts) + 5)
        position = 1.0 / (1 + c[1])
        quote_penalty = 0.5 if c[3].lstrip().startswith(('"', "\u201c")) else 1.0
        lede_bonus = 100.0 if c[4] else 0.0
        scores.append(lede_bonus + (centrality * quote_penalty) * (0.5 + position))
    chosen: list[int] = []
    for i in sorted(range(len(candidates)), key=lambda i: (-scores[i], i)):
        if len(chosen) >= sentences:
            break
        if any(_jaccard(toks[i], toks[j]) > 0.5 for j in chosen):
            continue
        chosen.append(i)
    lede = [i for i in chosen if candidates[i][4]]
    rest = sorted((i for i in chosen if not candidates[i][4]), key=lambda i: candidates[i][:3])
    picked = [candidates[i][3] for i in lede + rest]
    if words:
        out, total = [], 0
        for s in picked:
            n = len(s.split())
            if out and total + n > words:
                break
            out.append(s)
            total += n
        picked = out
    return picked
