"""Which pages the site has: editions (front page + per-day archive), stories, outlets, speakers, pagination.

Pure data: each page is a PageSpec (site path, template, context, sitemap date); render.py turns them into HTML.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.digest import slugify
from generator.links import edition_path, outlet_path, page_path, speaker_path, story_path
from generator.model import Digest, Quote, Story, by_fields


@by_fields
@dataclass(slots=True)
class PageSpec:
    path: str  # site path relative to base_url: "" is the front page, "stories/x/" a story
    template: str
    context: dict
    lastmod: dt.date | None  # newest content shown (sitemap); None keeps the page out of the sitemap


@by_fields
@dataclass(slots=True)
class Edition:
    day: dt.date
    stories: list[Story]
    path: str = ""


@by_fields
@dataclass(slots=True)
class Outlet:
    name: str
    slug: str
    stories: list[Story] = field(default_factory=list)

    @property
    def path(self) -> str:
        return outlet_path(self.slug)


@by_fields
@dataclass(slots=True)
class Speaker:
    name: str
    slug: str
    quotes: list[tuple[Quote, Story]] = field(default_factory=list)

    @property
    def path(self) -> str:
        return speaker_path(self.slug)


@by_fields
@dataclass(slots=True)
class Pagination:
    number: int
    count: int
    first_path: str

    def path_of(self, number: int) -> str:
        return page_path(self.first_path, number)

    @property
    def prev_path(self) -> str | None:
        return self.path_of(self.number - 1) if self.number > 1 else None

    @property
    def next_path(self) -> str | None:
        return self.path_of(self.number + 1) if self.number < self.count else None


def editions(digest: Digest) -> list[Edition]:
    """One edition per day that has any source; a story appears in every edition that carried news of it."""
    by_day: dict[dt.date, list[Story]] = {}
    for story in digest.stories:  # already newest first, so each edition keeps that order
        for day in sorted({s.date for s in story.sources}):
            by_day.setdefault(day, []).append(story)
    return [Edition(day, by_day[day], edition_path(day)) for day in sorted(by_day, reverse=True)]


def _unique_slugs(names: list[str]) -> dict[str, str]:
    """Slug per name; names that slugify alike get -2, -3 in sorted-name order, so slugs are stable."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(names):
        base = slugify(name)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[name] = slug
    return slugs


def outlets(digest: Digest) -> list[Outlet]:
    names = sorted({s.outlet for story in digest.stories for s in story.sources if s.outlet})
    slugs = _unique_slugs(names)
    found = {name: Outlet(name, slugs[name]) for name in names}
    for story in digest.stories:
        for name in dict.fromkeys(s.outlet for s in story.sources if s.outlet):
            found[name].stories.append(story)
    return sorted(found.values(), key=lambda o: (o.name.casefold(), o.name))


def speakers(digest: Digest) -> list[Speaker]:
    names = sorted({q.speaker for story in digest.stories for q in story.quotes if q.speaker})
    slugs = _unique_slugs(names)
    found = {name: Speaker(name, slugs[name]) for name in names}
    for story in digest.stories:
        for q in story.quotes:
            if q.speaker:
                found[q.speaker].quotes.append((q, story))
    return sorted(found.values(), key=lambda s: (s.name.casefold(), s.name))


def _paged(first_path: str, items: list, size: int, template: str, context: dict, lastmod) -> list[PageSpec]:
    size = max(1, size)
    chunks = [items[i:i + size] for i in range(0, len(items), size)] or [[]]
    specs = []
    for number, chunk in enumerate(chunks, start=1):
        pagination = Pagination(number, len(chunks), first_path)
        specs.append(PageSpec(pagination.path_of(number), template,
                              dict(context, items=chunk, pagination=pagination), lastmod))
    return specs


def _newest(stories: list[Story]) -> dt.date | None:
    return max((s.updated for s in stories), default=None)


def site_pages(digest: Digest, config) -> list[PageSpec]:
    """Every HTML page of the site, in a stable order."""
    size = config.page_size
    eds = editions(digest)
    pages: list[PageSpec] = []
    for i, ed in enumerate(eds):
        nav = {"edition": ed, "newer": eds[i - 1] if i > 0 else None, "older": eds[i + 1] if i + 1 < len(eds) else None}
        if i == 0:
            pages += _paged("", ed.stories, size, "index.html", dict(nav, front=True), digest.updated)
        pages += _paged(ed.path, ed.stories, size, "edition.html", dict(nav, front=False), ed.day)
    if not eds:
        pages += _paged("", [], size, "index.html", {"edition": None, "newer": None, "older": None, "front": True},
                        digest.updated)
    pages.append(PageSpec("archive/", "archive.html", {"editions": eds}, digest.updated))
    for story in digest.stories:
        pages.append(PageSpec(story_path(story), "story.html", {"story": story}, story.updated))
    all_outlets = outlets(digest)
    pages.append(PageSpec("outlets/", "outlets.html", {"outlets": all_outlets}, digest.updated))
    for outlet in all_outlets:
        pages += _paged(outlet.path, outlet.stories, size, "outlet.html", {"outlet": outlet}, _newest(outlet.stories))
    all_speakers = speakers(digest)
    pages.append(PageSpec("speakers/", "speakers.html", {"speakers": all_speakers}, digest.updated))
    for speaker in all_speakers:
        pages += _paged(speaker.path, speaker.quotes, size, "speaker.html", {"speaker": speaker},
                        _newest([story for _q, story in speaker.quotes]))
    pages.append(PageSpec("search/", "search.html", {}, None))
    return pages
