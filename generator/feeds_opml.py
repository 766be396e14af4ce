"""opml.xml: every outlet seen, with its home page, so a reader can follow the originals."""
from __future__ import annotations

from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from generator.links import safe_url
from generator.model import Digest


def opml(digest: Digest, config) -> str:
    from generator.pages import outlets

    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', "<head>",
             f"<title>{escape(config.title)}: outlets</title>",
             f"<ownerId>{escape(config.base)}</ownerId>", "</head>", "<body>"]
    for outlet in outlets(digest):
        home = _home(min(s.url for story in outlet.stories for s in story.sources if s.outlet == outlet.name))
        lines.append(f"<outline text={quoteattr(outlet.name)} title={quoteattr(outlet.name)} type=\"link\" "
                     f"url={quoteattr(home)} htmlUrl={quoteattr(home)}/>")
    lines += ["</body>", "</opml>"]
    return "\n".join(lines) + "\n"


def _home(url: str) -> str:
    parts = urlsplit(safe_url(url))
    return f"{parts.scheme}://{parts.netloc}/"
