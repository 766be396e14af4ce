"""RSS 2.0 and Atom feeds built with feedgen. Dates come from the content, never the wall clock.

One item per story; its id is Story.id (derived from the first report), so it survives new sources and
slug changes. Items are newest first; every link in item content is absolute.
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from generator.config import Config
from generator.links import source_date_epoch, story_path
from generator.model import Digest, Story

FEED_FILES = {"rss": "feed.xml", "atom": "atom.xml", "json": "feed.json"}
CONTENT_MODES = ("full", "summary")


@dataclass(frozen=True)
class FeedSettings:
    size: int
    content: str  # "full" or "summary"


def feed_settings(config: Config, kind: str) -> FeedSettings:
    """Per-feed size/content from config.feeds, falling back to feed_size and full content."""
    own = config.feeds.get(kind) if isinstance(config.feeds, dict) else None
    own = own if isinstance(own, dict) else {}
    size = own.get("size", config.feed_size)
    content = own.get("content", "full")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        size = config.feed_size
    if content not in CONTENT_MODES:
        content = "full"
    return FeedSettings(size, content)


def feed_config_problems(config: Config) -> list[str]:
    """Human-readable problems in the `feeds` config key (used by `check`)."""
    problems = []
    if not isinstance(config.feeds, dict):
        return ["feeds: must be a mapping of rss/atom/json to {size, content}"]
    for kind, own in config.feeds.items():
        if kind not in FEED_FILES:
            problems.append(f"feeds: unknown feed {kind!r} (known: {', '.join(FEED_FILES)})")
        elif not isinstance(own, dict):
            problems.append(f"feeds.{kind}: must be a mapping with size and/or content")
        else:
            for key, value in own.items():
                if key == "size" and not (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
                    problems.append(f"feeds.{kind}.size: must be a whole number >= 0, got {value!r}")
                elif key == "content" and value not in CONTENT_MODES:
                    problems.append(f"feeds.{kind}.content: must be full or summary, got {value!r}")
                elif key not in ("size", "content"):
                    problems.append(f"feeds.{kind}: unknown key {key!r}")
    return problems


def midnight(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)


def feed_updated(digest: Digest) -> dt.datetime:
    """Newest content date; an empty site falls back to SOURCE_DATE_EPOCH, never to the wall clock."""
    return midnight(digest.updated or source_date_epoch())


def item_html(story: Story, env, mode: str) -> str:
    template = "feed_item.html" if mode == "full" else "feed_summary.html"
    return env.get_template(template).render(story=story)


def _generator(digest: Digest, config: Config, kind: str):
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(config.base)
    fg.title(config.title)
    fg.description(config.description)
    fg.language(config.language)
    fg.generator("newsdigest", uri=None)
    # feedgen initialises updated/lastBuildDate to now(); overwrite them with the content date.
    fg.updated(feed_updated(digest))
    fg.lastBuildDate(feed_updated(digest))
    if kind == "rss":
        # feedgen writes the last link added as the RSS <link>, so the self link goes first.
        fg.link(href=config.base + FEED_FILES[kind], rel="self")
        fg.link(href=config.base, rel="alternate")
    else:
        fg.link(href=config.base, rel="alternate")
        fg.link(href=config.base + FEED_FILES[kind], rel="self")
    return fg


def _add_entries(fg, digest: Digest, config: Config, env, kind: str) -> None:
    settings = feed_settings(config, kind)
    stories = digest.stories[: settings.size]
    # feedgen prepends entries, so add oldest first to list newest first.
    for story in reversed(stories):
        fe = fg.add_entry()
        fe.title(story.title)
        fe.link(href=config.base + story_path(story), rel="alternate")
        fe.published(midnight(story.date))
        fe.updated(midnight(story.updated))
        summary = " ".join(story.summary) or story.title
        if kind == "rss":
            fe.guid(f"urn:newsdigest:story:{story.id}", permalink=False)
            fe.description(item_html(story, env, settings.content))
        else:
            fe.id(f"urn:newsdigest:story:{story.id}")
            # type="html" with escaped text: readers that render summaries as HTML still show it as text.
            fe.summary(html.escape(summary, quote=False), type="html")
            fe.content(item_html(story, env, settings.content), type="html")


def rss_feed(digest: Digest, config: Config, env) -> bytes:
    fg = _generator(digest, config, "rss")
    _add_entries(fg, digest, config, env, "rss")
    return fg.rss_str(pretty=True)


def atom_feed(digest: Digest, config: Config, env) -> bytes:
    fg = _generator(digest, config, "atom")
    fg.author(name=config.title, uri=config.base)  # Atom requires an author on the feed or every entry
    _add_entries(fg, digest, config, env, "atom")
    return fg.atom_str(pretty=True)
