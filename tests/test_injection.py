"""Injection: hostile headlines, text, speakers, URLs and config values cannot break out of HTML, attributes,
JSON or feeds. Every output file is parsed (html.parser, xml.etree, json) and searched for script elements,
event-handler attributes and javascript: URLs that the input put there."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import write
from .test_reliability_util import build

MARK = "XSS"  # every payload carries it, so a script or handler from the input is recognisable
HEADLINES = [
    "</title><script>alert('XSS1')</script>",
    "\"><img src=x onerror=alert('XSS2')>",
    "]]></title><script>alert('XSS3')</script><title>",
    "</script><script>alert('XSS4')</script><!--",
    "&lt;script&gt;alert('XSS5')&lt;/script&gt; and &amp;",
]
BODY = [
    "<script>alert('XSS6')</script> The council met on Tuesday to approve the harbour plan.",
    "\"<b onmouseover=alert('XSS7')>We will build it</b>,\" said Mayor Eve</script><script>alert('XSS8').",
    "]]></description><script>alert('XSS9')</script> Officials said the plan would cost millions.",
    "\"Nothing here is </p><iframe src=javascript:alert('XSS10')> safe,\" said Councillor Bob Onerror.",
]
URLS = [
    "https://x.example/a\"onmouseover=\"alert('XSS11')",
    "https://x.example/'><script>alert('XSS12')</script>",
    "https://x.example/</script><svg/onload=alert('XSS13')>",
    "https://x.example/?q=\"}]</script>&x=XSS14",
    "HTTPS://x.example/#\"><img/src=x/onerror=alert('XSS15')>",
]
MARKDOWN = """\
---
title: "<svg onload=alert('XSS16')>Markdown</svg> headline"
date: 2026-11-12
url: "https://x.example/md'\\"><script>alert('XSS17')</script>"
source: "</span><script>alert('XSS18')</script>"
tags: ["<script>alert('XSS19')</script>", "javascript:alert('XSS20')", "../../../etc/passwd", "a/b\\\\c"]
---
[click me](javascript:alert('XSS21')) and [data](data:text/html,<script>alert('XSS22')</script>) and
<script>alert('XSS23')</script> <img src=x onerror="alert('XSS24')">

"Quoted <script>alert('XSS25')</script> words here," said <b>Mallory</b> O'Hara.
"""
CONFIG = """\
title: "</title><script>alert('XSS26')</script>"
description: "\\"><script>alert('XSS27')</script>"
language: "en\\"><script>alert('XSS28')</script>"
"""
URL_ATTRS = {"href", "src", "action", "formaction", "cite", "poster", "data", "background", "srcset", "ping",
             "xlink:href", "manifest", "longdesc", "usemap", "codebase", "icon"}
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data|file):", re.I)


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.text: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)


def check_html(html: str, where: str) -> Elements:
    parsed = Elements()
    parsed.feed(html)
    parsed.close()
    for tag, attrs in parsed.tags:
        for name, value in attrs:
            assert not name.startswith("on"), f"{where}: event handler <{tag} {name}={value!r}>"
            if name in URL_ATTRS and value:
                plain = re.sub(r"[\x00-\x20]", "", value)
                assert not BAD_SCHEME.match(plain), f"{where}: <{tag} {name}={value!r}>"
            if name == "style" and value:
                assert "expression(" not in value.lower() and "url(" not in value.lower(), where
        assert not (tag in ("iframe", "object", "embed", "base", "svg", "img", "form")
                    and any(MARK in (v or "") for _, v in attrs)), f"{where}: injected <{tag}>"
    for attrs, body in parsed.scripts:
        if "json" in (attrs.get("type") or ""):
            # JSON-LD is data, not code: it carries the headline (so the payload text), but must stay one
            # valid JSON document, i.e. nothing broke out of the element or got truncated.
            json.loads(body)
            continue
        assert MARK not in body and MARK not in attrs.get("src", ""), f"{where}: injected script {body[:80]!r}"
    return parsed


def check_xml(data: bytes, where: str) -> ET.Element:
    """Item/entry descriptions and contents are HTML (RSS 2.0, Atom type=html) and are checked as HTML; channel
    fields are plain text, which XML escaping alone keeps in place."""
    root = ET.fromstring(data)  # well-formed: nothing broke out of an element or CDATA section
    html_holders = [el for el in root.iter() if el.tag.rsplit("}", 1)[-1] in ("item", "entry")]
    html_fields = {id(child) for holder in html_holders for child in holder}
    for el in root.iter():
        for name, value in el.attrib.items():  # link attributes (RSS, Atom, OPML, sitemap); text ones may say anything
            if name.rsplit("}", 1)[-1].lower() in ("href", "url", "htmlurl", "xmlurl", "src", "uri", "domain"):
                assert not BAD_SCHEME.match(value.strip()), f"{where}: {el.tag} {name}={value!r}"
        text = (el.text or "").strip()
        tag = el.tag.rsplit("}", 1)[-1]
        if tag in ("link", "guid", "id", "url", "comments") and text:
            assert not BAD_SCHEME.match(text), f"{where}: <{tag}>{text}"
        if tag in ("description", "summary", "content", "encoded") and text and id(el) in html_fields:
            check_html(text, f"{where} <{tag}>")  # HTML carried inside XML, as a feed reader renders it
    return root


def json_strings(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from ((k, s) for _, s in json_strings(v)) if not isinstance(v, str) else [(k, v)]
    elif isinstance(value, list):
        for v in value:
            yield from json_strings(v)
    elif isinstance(value, str):
        yield "", value


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("inj")
    content = base / "content"
    for i, title in enumerate(HEADLINES):
        topic = ["fisheries quota", "school roof", "tram timetable", "library hours", "flood barrier"][i]
        body = f"{BODY[i % len(BODY)]}\nThe {topic} decision ({i}) surprised residents of district {i * 17}."
        body += f"\n{BODY[(i + 1) % len(BODY)]}" if i % 2 else ""
        write(content / f"h{i}.txt", f"{title}\n2026111{i}\n{URLS[i]}\n{body}\n")
    write(content / "story.md", MARKDOWN)
    write(base / "site.yaml", CONFIG)
    base_url = "https://digest.example/x'\"><script>alert('XSS29')</script>/"
    code, _, err = build(content, base / "site", "--base-url", base_url, config=base / "site.yaml")
    assert code == 0, err
    assert not [line for line in err.splitlines() if ": error:" in line], err  # every payload file was read
    return base / "site", err


def test_every_output_file_is_clean(hostile_site):
    site, _ = hostile_site
    checked = {"html": 0, "xml": 0, "json": 0}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            check_html(path.read_text("utf-8"), rel)
            checked["html"] += 1
        elif path.suffix in (".xml", ".rss", ".atom"):
            check_xml(path.read_bytes(), rel)
            checked["xml"] += 1
        elif path.suffix == ".json":
            for key, value in json_strings(json.loads(path.read_text("utf-8"))):
                if key.endswith("url") or key in ("source", "href", "link"):
                    assert not BAD_SCHEME.match(value.strip()), (rel, key, value)
                if key.endswith("_html"):  # JSON Feed content_html and the like: HTML a reader renders
                    check_html(value, f"{rel} {key}")
            checked["json"] += 1
    assert checked["html"] >= 3 and checked["xml"] >= 1 and checked["json"] >= 1


def test_payloads_survive_as_text_not_markup(hostile_site):
    """Escaping, not deletion: the headline a user wrote is shown exactly, as text."""
    site, _ = hostile_site
    digest = json.loads((site / "digest.json").read_text("utf-8"))
    titles = {s["title"] for s in digest["stories"]}
    for headline in HEADLINES:
        if headline in titles:
            pages = [p for p in (site / "stories").rglob("index.html") if headline in "".join(
                check_html(p.read_text("utf-8"), p.name).text)]
            assert pages, f"headline {headline!r} not shown as text on its story page"
    assert titles & set(HEADLINES)
    feed = check_xml((site / "feed.xml").read_bytes(), "feed.xml")
    assert {el.text for el in feed.iter("title")} & set(HEADLINES)
    index = check_html((site / "index.html").read_text("utf-8"), "index.html")
    assert "</title><script>alert('XSS26')</script>" in "".join(index.text)  # the config title, as text


def test_hostile_base_url_schemes_are_refused(tmp_path):
    write(tmp_path / "content" / "a.txt", "T\n20261112\nhttps://x.example/a\nBody.\n")
    for base in ("javascript:alert('XSS30')//", "data:text/html,XSS31", "//x.example/", "https://x.example/\n"):
        code, _, err = build(tmp_path / "content", tmp_path / "site", "--base-url", base)
        assert code == 0 and "base_url" in err, err
        for page in (tmp_path / "site").rglob("*.html"):
            check_html(page.read_text("utf-8"), page.name)
        check_xml((tmp_path / "site" / "feed.xml").read_bytes(), "feed.xml")


def test_control_characters_in_config_do_not_break_the_feed(tmp_path):
    write(tmp_path / "content" / "a.txt", "T\n20261112\nhttps://x.example/a\nBody.\n")
    write(tmp_path / "site.yaml", 'title: "Bad \\x01 title \\uFFFE"\ndescription: "ok"\n')
    code, _, err = build(tmp_path / "content", tmp_path / "site", config=tmp_path / "site.yaml")
    assert code == 0 and "title" in err
    check_xml((tmp_path / "site" / "feed.xml").read_bytes(), "feed.xml")


def test_slugs_never_leave_the_stories_folder(hostile_site):
    site, _ = hostile_site
    digest = json.loads((site / "digest.json").read_text("utf-8"))
    for story in digest["stories"]:
        slug = story["url"].split("/stories/", 1)[1].rstrip("/")
        assert re.fullmatch(r"[a-z0-9-]+", slug) and ".." not in slug, slug
        assert (site / "stories" / slug / "index.html").is_file()


def check_site(site: Path) -> None:
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            check_html(path.read_text("utf-8"), rel)
        elif path.suffix == ".xml":
            check_xml(path.read_bytes(), rel)
        elif path.suffix == ".json":
            for key, value in json_strings(json.loads(path.read_text("utf-8"))):
                if key.endswith("_html"):
                    check_html(value, f"{rel} {key}")


def test_fuzzed_markup_never_escapes():
    """Random mixes of markup fragments as headline, paragraphs, speaker and URL path."""
    import tempfile

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(["<", ">", "\"", "'", "&", "/", "=", " ", "script", "XSS", "on", "onload", "img",
                              "svg", "]]>", "<!--", "-->", "javascript:", "</", "\\", "&lt;", "&#x3C;", "\u2028",
                              "{{", "}}", "{%", "`", "said", "Mayor Ann", "\"Quote", "word"])
    fragment = st.lists(pieces, min_size=1, max_size=14).map("".join)
    url_path = st.lists(st.sampled_from(["<", ">", "\"", "'", "&", "XSS", "script", "/", "(", ")", "%", "#", "?"]),
                        max_size=10).map("".join)

    import os

    @settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", 36)) // 3, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(title=fragment, paras=st.lists(fragment, min_size=1, max_size=4), path=url_path)
    def run(title, paras, path):
        with tempfile.TemporaryDirectory() as tmp:
            content = Path(tmp) / "content"
            body = "\n".join(f"\"{p} is XSS,\" said Mayor {p[:10]}." for p in paras)
            write(content / "a.txt", f"Fuzz {title}\n20261112\nhttps://x.example/{path}\n{body}\n")
            write(content / "b.md", f"---\ntitle: {json.dumps('Md ' + title)}\ndate: 2026-11-11\n"
                                    f"url: {json.dumps('https://y.example/' + path)}\nsource: {json.dumps(title)}\n"
                                    f"---\n{body}\n")
            code, _, err = build(content, Path(tmp) / "site")
            assert code == 0, err
            check_site(Path(tmp) / "site")

    run()
