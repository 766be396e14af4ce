"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
from __future__ import annotations

import json

from generator.feeds import FEED_FILES, feed_settings, item_html, midnight
from generator.links import safe_url, story_path
from generator.model import Digest

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def json_feed(digest: Digest, config, env) -> str:
    settings = feed_settings(config, "json")
    items = []
    for story in digest.stories[: settings.size]:
        items.append({
            "id": f"urn:newsdigest:story:{story.id}",
            "url": config.base + story_path(story),
            "title": story.title,
            "content_html": item_html(story, env, settings.content),
            "summary": " ".join(story.summary) or story.title,
            "date_published": midnight(story.date).isoformat(),
            "date_modified": midnight(story.updated).isoformat(),
            "authors": [{"name": name} for name in dict.fromkeys(s.outlet for s in story.sources if s.outlet)],
            "external_url": safe_url(story.sources[0].url) if story.sources else None,
        })
        if items[-1]["external_url"] is None:
            del items[-1]["external_url"]
    feed = {
        "version": JSON_FEED_VERSION,
        "title": config.title,
        "home_page_url": config.base,
        "feed_url": config.base + FEED_FILES["json"],
        "description": config.description,
        "language": config.language,
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"
