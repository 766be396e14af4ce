"""Our own feed checks, after the W3C feed validator's rules: used by `check` and by the tests.

Each function takes the feed bytes and the URL the feed is published at and returns a list of problems.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
RFC_3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
RFC_822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                     r"\d{4} \d{2}:\d{2}:\d{2} ([+-]\d{4}|GMT|UT)$")
URL_ATTRS = {"href", "src", "cite", "poster", "action"}


class _UrlCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value or "" for name, value in attrs if name in URL_ATTRS]


def relative_urls(html: str) -> list[str]:
    """URLs in an HTML fragment that a feed reader could not resolve (anything not absolute http(s))."""
    collector = _UrlCollector()
    collector.feed(html)
    return [u for u in collector.urls if urlsplit(u).scheme not in ("http", "https") or not urlsplit(u).netloc]


def is_rfc822(value: str | None) -> bool:
    if not value or not RFC_822.match(value):
        return False
    try:
        parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return False
    return True


def is_rfc3339(value: str | None) -> bool:
    return bool(value and RFC_3339.match(value))


def _parse(data: bytes, what: str, problems: list[str]):
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        problems.append(f"{what}: not well-formed XML: {exc}")
        return None


def check_rss(data: bytes, feed_url: str) -> list[str]:
    problems: list[str] = []
    root = _parse(data, "rss", problems)
    if root is None:
        return problems
    if root.tag != "rss" or root.get("version") != "2.0":
        problems.append("rss: root element must be <rss version=\"2.0\">")
    channel = root.find("channel")
    if channel is None:
        return problems + ["rss: missing <channel>"]
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"rss: channel is missing <{name}>")
    if channel.find("lastBuildDate") is not None and not is_rfc822(channel.findtext("lastBuildDate")):
        problems.append(f"rss: lastBuildDate is not an RFC 822 date: {channel.findtext('lastBuildDate')!r}")
    selfs = [el.get("href") for el in channel.findall(f"{ATOM}link") if el.get("rel") == "self"]
    if selfs != [feed_url]:
        problems.append(f"rss: atom:link rel=self must be {feed_url}, found {selfs}")
    guids = []
    for n, item in enumerate(channel.findall("item"), start=1):
        if not (item.findtext("title") or item.findtext("description")):
            problems.append(f"rss: item {n} needs a title or a description")
        guid = item.find("guid")
        if guid is None or not (guid.text or "").strip():
            problems.append(f"rss: item {n} has no guid")
        else:
            guids.append(guid.text)
            if guid.get("isPermaLink") != "false" and not guid.text.startswith(("http://", "https://")):
                problems.append(f"rss: item {n} guid is not a URL, so it needs isPermaLink=\"false\"")
        if item.find("pubDate") is not None and not is_rfc822(item.findtext("pubDate")):
            problems.append(f"rss: item {n} pubDate is not an RFC 822 date: {item.findtext('pubDate')!r}")
        for url in relative_urls(item.findtext("description") or ""):
            problems.append(f"rss: item {n} description has a relative URL {url!r}")
        link = item.findtext("link")
        if link and not urlsplit(link).scheme:
            problems.append(f"rss: item {n} link is relative: {link!r}")
    if len(guids) != len(set(guids)):
        problems.append("rss: guids are not unique")
    return problems


def check_atom(data: bytes, feed_url: str) -> list[str]:
    problems: list[str] = []
    root = _parse(data, "atom", problems)
    if root is None:
        return problems
    if root.tag != f"{ATOM}feed":
        return problems + ["atom: root element must be an Atom <feed>"]
    for name in ("id", "title", "updated"):
        if not (root.findtext(f"{ATOM}{name}") or "").strip():
            problems.append(f"atom: feed is missing <{name}>")
    if not is_rfc3339(root.findtext(f"{ATOM}updated")):
        problems.append(f"atom: feed updated is not an RFC 3339 date: {root.findtext(f'{ATOM}updated')!r}")
    selfs = [el.get("href") for el in root.findall(f"{ATOM}link") if el.get("rel") == "self"]
    if selfs != [feed_url]:
        problems.append(f"atom: link rel=self must be {feed_url}, found {selfs}")
    feed_author = root.find(f"{ATOM}author") is not None
    ids = []
    for n, entry in enumerate(root.findall(f"{ATOM}entry"), start=1):
        for name in ("id", "title", "updated"):
            if not (entry.findtext(f"{ATOM}{name}") or "").strip():
                problems.append(f"atom: entry {n} is missing <{name}>")
        ids.append(entry.findtext(f"{ATOM}id"))
        for name in ("updated", "published"):
            value = entry.findtext(f"{ATOM}{name}")
            if value is not None and not is_rfc3339(value):
                problems.append(f"atom: entry {n} {name} is not an RFC 3339 date: {value!r}")
        if not feed_author and entry.find(f"{ATOM}author") is None:
            problems.append(f"atom: entry {n} has no author and the feed has none")
        if entry.find(f"{ATOM}summary") is None or entry.find(f"{ATOM}content") is None:
            problems.append(f"atom: entry {n} must carry both summary and content")
        content = entry.find(f"{ATOM}content")
        if content is not None and content.get("type") == "html":
            for url in relative_urls(content.text or ""):
                problems.append(f"atom: entry {n} content has a relative URL {url!r}")
        for link in entry.findall(f"{ATOM}link"):
            if not urlsplit(link.get("href", "")).scheme:
                problems.append(f"atom: entry {n} link is relative: {link.get('href')!r}")
    if len(ids) != len(set(ids)):
        problems.append("atom: entry ids are not unique")
    return problems


def check_json_feed(data: bytes, feed_url: str) -> list[str]:
    try:
        feed = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        return [f"json feed: not valid JSON: {exc}"]
    problems: list[str] = []
    if not isinstance(feed, dict):
        return ["json feed: top level must be an object"]
    if feed.get("version") != JSON_FEED_VERSION:
        problems.append(f"json feed: version must be {JSON_FEED_VERSION}")
    if not isinstance(feed.get("title"), str) or not feed["title"]:
        problems.append("json feed: title is required")
    if feed.get("feed_url") != feed_url:
        problems.append(f"json feed: feed_url must be {feed_url}, found {feed.get('feed_url')!r}")
    items = feed.get("items")
    if not isinstance(items, list):
        return problems + ["json feed: items must be an array"]
    ids = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(f"json feed: item {n} must be an object")
            continue
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(f"json feed: item {n} needs a string id")
        ids.append(item.get("id"))
        if not (item.get("content_html") or item.get("content_text")):
            problems.append(f"json feed: item {n} needs content_html or content_text")
        for name in ("date_published", "date_modified"):
            if name in item and not is_rfc3339(item[name]):
                problems.append(f"json feed: item {n} {name} is not an RFC 3339 date: {item[name]!r}")
        for url in relative_urls(item.get("content_html") or ""):
            problems.append(f"json feed: item {n} content_html has a relative URL {url!r}")
        for name in ("url", "external_url"):
            if name in item and not urlsplit(item[name]).scheme:
                problems.append(f"json feed: item {n} {name} is relative")
    if len(ids) != len(set(ids)):
        problems.append("json feed: item ids are not unique")
    return problems
