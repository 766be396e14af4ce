"""Extractive summary of one story from all of its sources.

1. Candidates: every sentence of every source, datelines removed, page furniture dropped.
2. Lede: a dateline marks it wherever it sits; else the first sentence when the file order looks
   trustworthy (it reads like a lede); else the sentence the lede model likes best.
3. Body: central sentences (words many sentences and sources repeat), with a position bonus where
   order is known, near-duplicates counted once, sentences that lean on a missing predecessor skipped.
4. Display: lede first, then source order; a cut to `words` keeps whole sentences.
"""
from __future__ import annotations

from collections import Counter

from generator.model import Article
from generator.summarize_candidates import Candidate, build_candidates
from generator.summarize_lede import lede_features, lede_score
from generator.text import content_tokens

CENTRALITY_SMOOTHING = 3.0  # added to a sentence's length: short sentences need more evidence
POSITION_WEIGHT = 0.6  # bonus 0.6/(1+k) for the k-th sentence after the lede when order is known
TRUST_MARGIN = 0.15  # file order is trusted when its first sentence is this close to the best lede score
DUPLICATE_JACCARD = 0.5  # content-token overlap above which two sentences say the same thing
BARE_QUOTE_SHARE = 0.75  # a sentence mostly inside quotes, with no speaker around it


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def centrality(cands: list[Candidate]) -> list[float]:
    """Mean story-wide frequency of a sentence's content words, scaled to [0, 1]."""
    tf = Counter(t for c in cands for t in c.tokens)
    raw = [sum(tf[t] for t in c.tokens) / (len(c.tokens) + CENTRALITY_SMOOTHING) for c in cands]
    top = max(raw, default=0.0) or 1.0
    return [r / top for r in raw]


def _choose_lede(cands: list[Candidate], lede: list[float], central: list[float]) -> tuple[int | None, set[int]]:
    """Index of the lede candidate and the set of articles whose file order is trusted."""
    by_article: dict[int, list[int]] = {}
    for i, c in enumerate(cands):
        by_article.setdefault(c.article, []).append(i)
    trusted, options = set(), []
    for a, idx in by_article.items():
        first = idx[0]
        best = max(idx, key=lambda i: (lede[i], -i))
        dated = [i for i in idx if cands[i].dateline]
        if dated:
            options.append((2.0 + central[dated[0]], dated[0]))
            if dated[0] == first:
                trusted.add(a)
        elif lede[first] >= lede[best] - TRUST_MARGIN:
            trusted.add(a)
            options.append((lede[first] + central[first], first))
        else:
            options.append((lede[best] + central[best], best))
    if not options:
        return None, trusted
    return max(options, key=lambda o: (o[0], -o[1]))[1], trusted


def summarize(articles: list[Article], sentences: int = 3, words: int | None = None) -> list[str]:
    """Pick up to `sentences` sentences (and at most `words` words, whole sentences) for one story."""
    cands = build_candidates(articles)
    if not cands or sentences <= 0:
        return []
    central = centrality(cands)
    title_tokens = set(content_tokens(articles[0].title)) if articles and articles[0].title else set()
    lede = [lede_score(lede_features(c, central[i], title_tokens)) for i, c in enumerate(cands)]
    lede_i, trusted = _choose_lede(cands, lede, central)

    # Position after the lede is known in trusted articles and inside the lede's own paragraph.
    anchor = {a: next(i for i, c in enumerate(cands) if c.article == a) for a in trusted}
    scores = []
    for i, c in enumerate(cands):
        s = central[i]
        start = anchor.get(c.article)
        if start is not None:
            s += POSITION_WEIGHT / (1 + cands[i].index - cands[start].index)
        elif lede_i is not None and c.article == cands[lede_i].article and c.paragraph == cands[lede_i].paragraph:
            s += POSITION_WEIGHT / (1 + max(0, c.index - cands[lede_i].index))
        if c.quote_share > BARE_QUOTE_SHARE:
            s -= 1.0
        scores.append(s)

    chosen: list[int] = [lede_i] if lede_i is not None else []
    token_sets = [set(c.tokens) for c in cands]
    order = sorted(range(len(cands)), key=lambda i: (-scores[i], i))
    for i in order:
        if len(chosen) >= sentences:
            break
        if i in chosen or any(_jaccard(token_sets[i], token_sets[j]) > DUPLICATE_JACCARD for j in chosen):
            continue
        if cands[i].leans_back and not _predecessor_chosen(cands, i, chosen):
            continue
        chosen.append(i)
    return _cut([cands[i].text for i in _display_order(cands, chosen)], words)


def _predecessor_chosen(cands: list[Candidate], i: int, chosen: list[int]) -> bool:
    c = cands[i]
    return any(cands[j].article == c.article and cands[j].paragraph == c.paragraph and cands[j].index == c.index - 1
               for j in chosen)


def _display_order(cands: list[Candidate], chosen: list[int]) -> list[int]:
    """Lede first, then source order (article, sentence)."""
    if not chosen:
        return []
    head, rest = chosen[0], sorted(chosen[1:], key=lambda i: (cands[i].article, cands[i].index))
    out = [head]
    for i in rest:
        out.append(i)
    return out


def _cut(picked: list[str], words: int | None) -> list[str]:
    if not words:
        return picked
    out, total = [], 0
    for s in picked:
        n = len(s.split())
        if out and total + n > words:
            break
        out.append(s)
        total += n
    return out
