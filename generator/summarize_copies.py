"""Which copy of a text a story's summary reads: grouping (group_copies) already knows which of a story's
articles are copies of one text, so the summary reads one of them per copy group instead of analysing every
copy (half the articles of a wire digest are copies) and counting a republished text as several sources."""
from __future__ import annotations

import dataclasses

from generator.model import Article
from generator.summarize_candidates import build_candidates
from generator.summarize_centrality import centrality
from generator.summarize_lede import StoryContext, lede_features, lede_score
from generator.text import content_tokens, split_dateline

OPENING_PARAGRAPHS = 3  # paragraphs of each copy read to judge its opening (captions and bylines may come first)
SAME_OPENING = 0.05  # lede scores (0..1) this close: copies opening alike


def one_per_copy_group(articles: list[Article], copy_groups: list[int]) -> list[int]:
    """Indices of the articles to summarise: per copy group (in order of first appearance) the copy that opens
    the way its writer did (a dateline marking its lede, best on its first sentence, else the most lede-like
    first sentence: summarize makes much the same choice among copies it finds itself), then among copies
    opening alike (within SAME_OPENING) the most complete one (most distinct paragraphs), then the one with its
    apostrophes (a scraper strips them: "dont"), then the first listed (grouping lists the canonical copy first).

    The copies' opening paragraphs are scored together: copies share their words, so that context stands
    for the story's."""
    members: dict[int, list[int]] = {}
    for i, g in enumerate(copy_groups):
        members.setdefault(g, []).append(i)
    out = []
    for idx in members.values():
        out.append(idx[0] if len(idx) == 1 else idx[_best_copy([articles[i] for i in idx])])
    return sorted(out)


def copy_groups_of(articles: list[Article]) -> list[int]:
    """Per article, the id of its copy group as a build's grouping finds them (generator.group): for summarising
    files given together (the `summarize` command) the way a build summarises a story."""
    if len(articles) < 2:
        return [0] * len(articles)
    from generator.group import group_articles

    copy_of = {}
    for group in group_articles(articles):
        copy_of.update(zip(group.members, group.copy_groups))
    return [copy_of[i] for i in range(len(articles))]


def _best_copy(copies: list[Article]) -> int:
    """Index of the copy to read (see one_per_copy_group)."""
    opening = _opening_scores(copies)
    top = max(opening.values(), default=(False, False, 0.0))
    alike = [a for a, (marked, dated, lede) in opening.items()
             if (marked, dated) == top[:2] and lede >= top[2] - SAME_OPENING]
    if not alike:
        return 0
    return max(alike, key=lambda a: (len(set(copies[a].paragraphs)), _apostrophes(copies[a]), -a))


def _apostrophes(article: Article) -> int:
    return sum(p.count("'") + p.count("\u2019") for p in article.paragraphs)


def _opening_scores(copies: list[Article]) -> dict[int, tuple[bool, bool, float]]:
    """Per copy with any readable text: (a dateline anywhere: it marks the lede wherever it sits, dateline on its
    first sentence, lede score of that sentence)."""
    heads = [dataclasses.replace(a, paragraphs=a.paragraphs[:OPENING_PARAGRAPHS]) for a in copies]
    cands = build_candidates(heads)
    first: dict[int, int] = {}
    for i, c in enumerate(cands):
        first.setdefault(c.article, i)
    central = centrality(cands)
    title = copies[0].title
    ctx = StoryContext.build(cands, set(content_tokens(title)) if title else set(), central)
    out = {}
    for a, i in first.items():
        c = cands[i]
        readable = c.first_in_paragraph and not c.leans_back
        marked = c.dateline or any(split_dateline(p)[0] for p in copies[a].paragraphs)
        out[a] = (marked, c.dateline, lede_score(lede_features(c, central[i], ctx)) if readable else 0.0)
    return out
