"""The built site: sub-path links, publishing files, head tags, JSON-LD, editions, pages, overrides, report."""
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from generator.link_check import html_files, link_problems
from generator.render import Progress

from .conftest import write
from .sitebuild import HOSTILE_TITLE, SUB_PATH_BASE, add_stories, base_content, build_site

BASE_PATH = "/digest/"


class Tags(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self._in_script = [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append([dict(attrs), ""])

    def handle_data(self, data):
        if self._in_script is not None:
            self.scripts[-1][1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def find(self, tag, **want):
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in want.items())]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("site")
    content = base_content(tmp / "content")
    add_stories(content)
    out = tmp / "site"
    assert build_site(content, out, SUB_PATH_BASE, "title: Harbour Digest\npage_size: 1\n") == 0
    return out


def digest(out):
    return json.loads((out / "digest.json").read_text())


def page(out, path):
    return (out / path / "index.html").read_text() if not path.endswith(".html") else (out / path).read_text()


def test_every_internal_link_resolves_under_the_sub_path(site):
    assert link_problems(site, SUB_PATH_BASE) == []
    for html_file in html_files(site):
        for tag, attrs in Tags(html_file.read_text()).tags:
            for name in ("href", "src"):
                value = attrs.get(name) or ""
                if value.startswith("/"):
                    assert value.startswith(BASE_PATH), (html_file, value)


def test_link_check_finds_breakage(site, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    (copy / "archive" / "index.html").unlink()
    (copy / "speakers" / "index.html").write_text('<a href="/elsewhere/x/">x</a><a href="../../up/">u</a>'
                                                  '<a href="../archive/">a</a><a href="../outlets/">o</a>')
    problems = link_problems(copy, SUB_PATH_BASE)
    text = "\n".join(problems)
    assert "broken link '/digest/archive/'" in text
    assert "speakers/index.html: broken link '../archive/'" in text  # relative links are resolved too
    assert "outside the base path" in text and "'../../up/' leaves the site" in text
    assert not any("'../outlets/'" in p for p in problems)


def test_publishing_files_404_robots_sitemap(site):
    assert (site / ".nojekyll").is_file()
    not_found = Tags(page(site, "404.html"))
    assert not_found.find("link", rel="stylesheet")[0]["href"] == "/digest/static/style.css"
    assert not not_found.find("link", rel="canonical")
    assert "Sitemap: https://reader.example/digest/sitemap.xml" in (site / "robots.txt").read_text()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urls = {u.findtext(f"{ns}loc"): u.findtext(f"{ns}lastmod")
            for u in ET.fromstring((site / "sitemap.xml").read_bytes())}
    for story in digest(site)["stories"]:
        assert urls[story["url"]] == story["updated"]  # lastmod = the story's newest source
    assert urls[SUB_PATH_BASE] == digest(site)["updated"]
    assert all(u.startswith(SUB_PATH_BASE) for u in urls)


def test_every_page_has_a_complete_head(site):
    for html_file in html_files(site):
        html = html_file.read_text()
        tags = Tags(html)
        name = html_file.relative_to(site).as_posix()
        assert re.search(r'<html lang="en">', html), name
        assert "<title>" in html and tags.find("meta", name="description"), name
        for prop in ("og:title", "og:description", "og:type", "og:site_name"):
            assert tags.find("meta", property=prop), (name, prop)
        assert tags.find("meta", name="twitter:card"), name
        icon = tags.find("link", rel="icon")[0]["href"]
        assert icon.startswith(BASE_PATH) or icon.startswith("data:"), name
        feeds = {a["type"]: a["href"] for a in tags.find("link", rel="alternate")}
        assert feeds == {"application/rss+xml": SUB_PATH_BASE + "feed.xml",
                         "application/atom+xml": SUB_PATH_BASE + "atom.xml",
                         "application/feed+json": SUB_PATH_BASE + "feed.json"}, name
        if name != "404.html":
            canonical = tags.find("link", rel="canonical")[0]["href"]
            assert canonical == SUB_PATH_BASE + name.removesuffix("index.html"), name


def test_hostile_headline_is_escaped_and_json_ld_cannot_break_out(site):
    ferry = next(s for s in digest(site)["stories"] if s["title"] == HOSTILE_TITLE)
    path = ferry["url"].removeprefix(SUB_PATH_BASE)
    html = page(site, path)
    assert "<script>alert" not in html and "<script>alert" not in page(site, "")
    assert "&lt;/script&gt;&lt;script&gt;alert" in html
    tags = Tags(html)
    ld = [body for attrs, body in tags.scripts if attrs.get("type") == "application/ld+json"]
    assert len(ld) == 1 and len(tags.scripts) == 1  # the headline did not open a second script
    data = json.loads(ld[0])
    assert data["@type"] == "NewsArticle" and data["headline"] == HOSTILE_TITLE
    assert [b["url"] for b in data["isBasedOn"]] == [s["url"] for s in ferry["sources"]]
    assert data["datePublished"] == ferry["date"] and data["dateModified"] == ferry["updated"]


def test_story_page_quotes_coverage_and_why_grouped(site):
    solar = next(s for s in digest(site)["stories"] if s["title"].startswith("Harbour city council"))
    html = page(site, solar["url"].removeprefix(SUB_PATH_BASE))
    tags = Tags(html)
    assert len(tags.find("blockquote")) == len(solar["quotes"]) > 0
    fragment_links = [a["href"] for a in tags.find("a") if "#:~:text=" in a.get("href", "")]
    assert len(fragment_links) == len(solar["quotes"])
    assert all(link.startswith(q["source"] + "#:~:text=") for link, q in zip(fragment_links, solar["quotes"]))
    for source in solar["sources"]:
        assert tags.find("a", href=source["url"]), source["url"]
        assert source["title"] in html and source["outlet"] in html
        assert f'<time datetime="{source["date"]}">' in html
    assert "2 sources, 1 of them near-identical wire copy." in html
    # why each source is here, said once: the grouping reason carries its own similarity figure
    assert "Grouped: near-identical copy (" in html and "% of its text shared)" in html
    assert "Canonical report: canonical article (earliest, then longest)" in html
    assert "(similarity " not in html
    assert f'<time datetime="{solar["date"]}">' in html


def test_front_page_is_latest_edition_and_archive_has_prev_next(site):
    days = sorted({src["date"] for s in digest(site)["stories"] for src in s["sources"]}, reverse=True)
    front = page(site, "")
    assert f'Latest edition: <time datetime="{days[0]}">' in front
    for i, day in enumerate(days):
        html = page(site, day.replace("-", "/") + "/")
        assert f'Edition of <time datetime="{day}">' in html
        if i + 1 < len(days):
            assert f'href="{BASE_PATH}{days[i + 1].replace("-", "/")}/">Previous edition' in html
        if i > 0:
            assert f'href="{BASE_PATH}{days[i - 1].replace("-", "/")}/">← Next edition' in html
    archive = page(site, "archive/")
    assert all(f'{BASE_PATH}{d.replace("-", "/")}/' in archive for d in days)


def test_outlet_and_speaker_pages_with_pagination(site):
    outlets = page(site, "outlets/")
    assert 'href="/digest/outlets/valley-post/"' in outlets
    first = page(site, "outlets/valley-post/")  # two stories, page_size 1
    second = page(site, "outlets/valley-post/page/2/")
    assert 'rel="next" href="/digest/outlets/valley-post/page/2/"' in first and "Page 1 of 2" in first
    assert 'rel="prev" href="/digest/outlets/valley-post/"' in second
    speaker_pages: dict[str, str] = {}  # speaker name -> all their pages' HTML
    for html_file in sorted((site / "speakers").rglob("index.html")):
        html = html_file.read_text()
        name = re.search(r"<h1>Quotes by (.*?)</h1>", html)
        if name:
            speaker_pages[name.group(1)] = speaker_pages.get(name.group(1), "") + html
    quoted = [(q["speaker"], q["text"], s) for s in digest(site)["stories"] for q in s["quotes"] if q["speaker"]]
    assert quoted
    for name, text, story in quoted:
        assert text in speaker_pages[name]
        assert f'href="{story["url"].removeprefix("https://reader.example")}"' in speaker_pages[name]
    speakers_index = page(site, "speakers/")
    assert all(name in speakers_index for name in speaker_pages)


def test_template_override_replaces_one_template(content_dir, tmp_path):
    write(tmp_path / "mytemplates" / "_story_card.html",
          '<article class="custom-card"><h2><a href="{{ url(story_path(story)) }}">{{ story.title }}</a></h2></article>\n')
    out = tmp_path / "site"
    assert build_site(content_dir, out, SUB_PATH_BASE, f"templates_dir: {tmp_path / 'mytemplates'}\n") == 0
    front = page(out, "")
    assert 'class="custom-card"' in front and "Latest edition" in front  # rest of the theme still used
    story = next((out / "stories").glob("*/index.html")).read_text()
    assert "Coverage" in story


def test_a_missing_theme_or_templates_folder_is_a_warning_at_its_config_line(content_dir, tmp_path, capsys):
    out = tmp_path / "site"
    config = content_dir.parent / "site-test.yaml"
    settings = "title: Harbour Digest\ntheme: harbour-dark\ntemplates_dir: nowhere\n"
    assert build_site(content_dir, out, SUB_PATH_BASE, settings) == 0
    err = capsys.readouterr().err
    assert f"{config}:2: warning: theme 'harbour-dark' not found in {config.parent / 'themes'}" in err
    assert f"{config}:3: warning: templates_dir 'nowhere' is not a folder under {config.parent}" in err
    assert "Latest edition" in page(out, "")  # built with the default theme all the same
    assert build_site(content_dir, out, SUB_PATH_BASE, settings, "--strict") == 1  # (the warnings are all it has)
    capsys.readouterr()
    write(content_dir.parent / "themes" / "harbour-dark" / "templates" / "_story_card.html",
          '<article class="dark-card">{{ story.title }}</article>\n')
    (content_dir.parent / "nowhere").mkdir()
    assert build_site(content_dir, out, SUB_PATH_BASE, settings, "--strict") == 0
    err = capsys.readouterr().err
    assert "harbour-dark" not in err and "nowhere" not in err
    assert 'class="dark-card"' in page(out, "")


def test_build_report_lists_skipped_merged_single_and_unverified(site):
    report = json.loads((site / "build-report.json").read_text())
    assert any(d["file"] == "broken.txt" and d["level"] == "error" for d in report["diagnostics"])
    assert any(s["title"].startswith("Harbour city council") and len(s["sources"]) == 2
               for s in report["merged_stories"])
    assert any(s["title"] == HOSTILE_TITLE for s in report["single_source_stories"])
    assert report["quotes_checked"] is True and report["unverified_quotes"] == []
    html = page(site, "report/")
    assert "broken.txt" in html and "Single-source stories" in html and "&lt;/script&gt;" in html


def test_unverified_quote_is_reported():
    import datetime as dt

    from generator.build_report import unverified_quotes
    from generator.model import Article, Digest, Quote, Story

    day = dt.date(2026, 11, 12)
    article = Article("a.txt", "T", day, "https://a.example/", ["He said \u201cwe will build it\u201d today."])
    good = Quote("we will build it", "X", source="https://a.example/", path="a.txt")
    bad = Quote("we will never build it", "X", source="https://a.example/", path="a.txt")
    story = Story("id1", "s", "T", day, day, [], [good, bad], [])
    found = unverified_quotes(Digest([story], [], 1, day), [article])
    assert [(q.text, why) for _s, q, why in found] == [("we will never build it", "text not found verbatim in the source")]


def test_search_index_is_built_or_warned(site, content_dir, tmp_path, monkeypatch, capsys):
    from generator.search import pagefind_executable

    if pagefind_executable():
        assert (site / "pagefind" / "pagefind-ui.js").is_file()
        assert 'data-base="/digest/"' in page(site, "search/")
    monkeypatch.setattr("generator.search.pagefind_executable", lambda: None)
    out = tmp_path / "nosearch"
    assert build_site(content_dir, out) == 0
    assert "pagefind binary not found" in capsys.readouterr().err
    assert not (out / "pagefind").exists() and "not available" in page(out, "search/")


def test_progress_bar_only_on_a_terminal():
    plain = io.StringIO()
    Progress(enabled=True, stream=plain)(20, 20)
    assert plain.getvalue() == ""

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    tty = Terminal()
    bar = Progress(enabled=True, stream=tty)
    bar(10, 40)
    bar(40, 40)
    assert "10/40 pages" in tty.getvalue() and tty.getvalue().endswith("40/40 pages\n")
    quiet = Terminal()
    Progress(enabled=False, stream=quiet)(40, 40)
    assert quiet.getvalue() == ""


def test_text_fragment_links_encode_directive_syntax():
    from generator.links import text_fragment_url

    short = text_fragment_url("https://a.example/p?x=1#top", "Yes, co-operation & trust")
    assert short == "https://a.example/p?x=1#:~:text=Yes%2C%20co%2Doperation%20%26%20trust"
    long = text_fragment_url("https://a.example/p", "one two three four five six seven eight nine ten")
    assert long == "https://a.example/p#:~:text=one%20two%20three%20four,seven%20eight%20nine%20ten"
    assert text_fragment_url("https://a.example/p", "   ") == "https://a.example/p"


def test_front_page_paginates_the_latest_edition(tmp_path):
    content = tmp_path / "content"
    for n, topic in enumerate(("tram depot fire", "school roof repair", "museum night opening")):
        write(content / f"s{n}.txt", f"Story about the {topic}\n20261120\nhttps://news{n}.example/{n}\n"
              f"Residents of district {n} talked about the {topic} all week long, officials said.\n")
    out = tmp_path / "site"
    assert build_site(content, out, SUB_PATH_BASE, "page_size: 2\n") == 0
    first, second = page(out, ""), page(out, "page/2/")
    assert first.count('<article class="story">') == 2 and second.count('<article class="story">') == 1
    assert 'rel="next" href="/digest/page/2/"' in first and 'rel="prev" href="/digest/"' in second
    assert "Page 2 of 2" in second and (out / "2026/11/20/page/2/index.html").is_file()
    assert "Earlier stories" not in first  # every story is in the latest edition


def test_build_report_json_is_one_line_per_entry_and_round_trips():
    from generator.build_report import report_json

    report = {"articles_read": 3, "diagnostics": [], "merged_stories": [{"title": "Vote \"won\" <b>", "copies": 1},
                                                                        {"title": "Ferry ⛴", "copies": 0}]}
    text = report_json(report)
    assert json.loads(text) == report and text.endswith("}\n")
    assert '  {"title": "Ferry ⛴", "copies": 0}\n' in text  # each entry on its own line, UTF-8 kept
