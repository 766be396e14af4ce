"""The site model: stories with ids, slugs, summaries, quotes and sources, newest first."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from generator.model import Article, Quote, SourceRef, Story, StoryGroup

_SLUG_MAX_WORDS = 8


def slugify(text: str) -> str:
    """ASCII, lower case, hyphen-separated; never empty, never a path separator or '..'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:_SLUG_MAX_WORDS]) or "story"


def story_id(articles: list[Article]) -> str:
    """Feed id derived from the first report: a source that joins later never changes it."""
    first_day = min(a.date for a in articles)
    anchor = min((a.url for a in articles if a.date == first_day))
    return hashlib.sha256(f"{first_day.isoformat()}|{anchor}".encode()).hexdigest()[:16]


def make_story(group: StoryGroup, articles: list[Article], summary: list[str], quotes: list[Quote]) -> Story:
    members = [articles[i] for i in group.members]
    canonical = members[0]
    sources = [
        SourceRef(a.url, a.outlet, a.title, a.date, a.path, f"c{cg}", sim, reason)
        for a, cg, sim, reason in zip(members, group.copy_groups, group.similarity,
                                      group.reasons or [""] * len(members))
    ]
    # Coverage list reads in publication order; the canonical article stays first.
    sources = sources[:1] + sorted(sources[1:], key=lambda s: (s.date, s.outlet, s.url))
    return Story(
        id=story_id(members),
        slug="",
        title=canonical.title,
        date=min(a.date for a in members),
        updated=max(a.date for a in members),
        summary=summary,
        quotes=quotes,
        sources=sources,
    )


def assign_slugs(stories: list[Story]) -> None:
    """Slug = date + headline; collisions get -2, -3 ... in story-id order, so the result is stable."""
    by_slug: dict[str, list[Story]] = {}
    for story in stories:
        by_slug.setdefault(f"{story.date.isoformat()}-{slugify(story.title)}", []).append(story)
    for base, same in by_slug.items():
        same.sort(key=lambda s: s.id)
        for n, story in enumerate(same):
            story.slug = base if n == 0 else f"{base}-{n + 1}"


def order_stories(stories: list[Story]) -> list[Story]:
    """Newest first (by newest source), then by title and id for determinism."""
    return sorted(stories, key=lambda s: (-s.updated.toordinal(), -s.date.toordinal(), s.title, s.id))
