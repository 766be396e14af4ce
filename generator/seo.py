"""What search engines and link previews read: schema.org JSON-LD, sitemap.xml, robots.txt."""
from __future__ import annotations

import json
from xml.sax.saxutils import escape

from generator.links import safe_url, story_path
from generator.model import Story


def json_for_script(data) -> str:
    """JSON that is safe inside <script>: '<', '>' and '&' are escaped, so '</script>' cannot close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def news_article(story: Story, config) -> dict:
    """schema.org NewsArticle for a story page; isBasedOn lists every source article."""
    url = config.base + story_path(story)
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": story.date.isoformat(),
        "dateModified": story.updated.isoformat(),
        "description": " ".join(story.summary),
        "inLanguage": config.language,
        "publisher": {"@type": "Organization", "name": config.title, "url": config.base},
        "isBasedOn": [
            {"@type": "NewsArticle", "headline": s.title, "url": safe_url(s.url), "datePublished": s.date.isoformat(),
             "publisher": {"@type": "Organization", "name": s.outlet}}
            for s in story.sources
        ],
    }


def sitemap_xml_parts(pages, config):
    """sitemap.xml a line at a time (for SiteWriter.write_parts): pages with a content date; lastmod is the newest
    source shown on the page."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    for page in pages:
        if page.lastmod is not None:
            yield (f"<url><loc>{escape(config.base + page.path)}</loc>"
                   f"<lastmod>{page.lastmod.isoformat()}</lastmod></url>\n")
    yield "</urlset>\n"


def robots_txt(config) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {config.base}sitemap.xml\n"
