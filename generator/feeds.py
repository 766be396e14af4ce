"""Feeds built with feedgen. Dates come from the content, never the wall clock."""
from __future__ import annotations

import datetime as dt

from generator.config import Config
from generator.model import Digest


def _midnight(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)


def rss_feed(digest: Digest, config: Config, env) -> bytes:
    from feedgen.feed import FeedGenerator

    item_tpl = env.get_template("feed_item.html")
    fg = FeedGenerator()
    fg.title(config.title)
    fg.description(config.description)
    # feedgen writes the last link added as the RSS <link>, so the self link goes first.
    fg.link(href=config.base + "feed.xml", rel="self")
    fg.link(href=config.base, rel="alternate")
    fg.language(config.language)
    fg.generator("newsdigest")
    if digest.updated:
        fg.lastBuildDate(_midnight(digest.updated))
    stories = digest.stories[: config.feed_size]
    # feedgen prepends entries, so add oldest first to list newest first.
    for story in reversed(stories):
        fe = fg.add_entry()
        fe.title(story.title)
        fe.link(href=config.base + f"stories/{story.slug}/")
        fe.guid(f"urn:newsdigest:story:{story.id}", permalink=False)
        fe.pubDate(_midnight(story.updated))
        fe.description(item_tpl.render(story=story))
    return fg.rss_str(pretty=True)
