"""Feeds: RSS 2.0, Atom and JSON Feed 1.1 checked against W3C-validator-style rules, feedparser and stability."""
import json
import xml.etree.ElementTree as ET

import feedparser
import pytest

from generator.feed_checks import ATOM, check_atom, check_json_feed, check_rss, is_rfc3339, is_rfc822

from .sitebuild import SUB_PATH_BASE, add_late_copy, add_stories, build_site


@pytest.fixture
def site(content_dir, tmp_path):
    add_stories(content_dir)
    out = tmp_path / "site"
    assert build_site(content_dir, out) == 0
    return out


def stories(out):
    return json.loads((out / "digest.json").read_text())["stories"]


def test_all_three_feeds_pass_our_validator_rules(site):
    assert check_rss((site / "feed.xml").read_bytes(), SUB_PATH_BASE + "feed.xml") == []
    assert check_atom((site / "atom.xml").read_bytes(), SUB_PATH_BASE + "atom.xml") == []
    assert check_json_feed((site / "feed.json").read_bytes(), SUB_PATH_BASE + "feed.json") == []


def test_feedparser_reads_every_feed_without_bozo(site):
    expected = [s["title"] for s in stories(site)]
    ids = {f"urn:newsdigest:story:{s['id']}" for s in stories(site)}
    for name in ("feed.xml", "atom.xml"):
        feed = feedparser.parse((site / name).read_bytes())
        assert not feed.bozo, (name, feed.get("bozo_exception"))
        assert [e.title for e in feed.entries] == expected  # newest first, as on the site
        assert {e.id for e in feed.entries} == ids
    data = json.loads((site / "feed.json").read_text())
    assert [i["title"] for i in data["items"]] == expected
    assert {i["id"] for i in data["items"]} == ids
    # feedparser has no JSON Feed support; feedparser-rs has the same API and reads all three formats.
    import feedparser_rs

    for name, version in (("feed.xml", "rss20"), ("atom.xml", "atom10"), ("feed.json", "json11")):
        parsed = feedparser_rs.parse((site / name).read_bytes())
        assert not parsed.bozo and parsed.version == version, name
        # ids in order (its titles are HTML-sanitised, so the hostile headline would not compare)
        assert [e.id for e in parsed.entries] == [f"urn:newsdigest:story:{s['id']}" for s in stories(site)], name


def test_rss_guid_is_not_a_permalink_and_dates_come_from_content(site):
    channel = ET.fromstring((site / "feed.xml").read_bytes()).find("channel")
    newest = max(s["updated"] for s in stories(site))
    assert newest == "2026-11-14"
    assert channel.findtext("lastBuildDate") == "Sat, 14 Nov 2026 00:00:00 +0000"
    for item in channel.findall("item"):
        assert item.find("guid").get("isPermaLink") == "false"


def test_atom_published_is_first_report_and_updated_is_newest_source(site):
    root = ET.fromstring((site / "atom.xml").read_bytes())
    by_id = {f"urn:newsdigest:story:{s['id']}": s for s in stories(site)}
    assert root.findtext(f"{ATOM}updated").startswith(max(s["updated"] for s in by_id.values()))
    for entry in root.findall(f"{ATOM}entry"):
        story = by_id[entry.findtext(f"{ATOM}id")]
        assert entry.findtext(f"{ATOM}published").startswith(story["date"])
        assert entry.findtext(f"{ATOM}updated").startswith(story["updated"])
        assert entry.findtext(f"{ATOM}summary")
        content = entry.findtext(f"{ATOM}content")
        assert "<blockquote cite=" in content or not story["quotes"]
        for source in story["sources"]:
            assert f'href="{source["url"].replace("&", "&amp;")}"' in content


def test_item_content_has_summary_quotes_and_absolute_source_links(site):
    solar = next(s for s in stories(site) if s["title"].startswith("Harbour city council"))
    item = next(i for i in json.loads((site / "feed.json").read_text())["items"] if i["id"].endswith(solar["id"]))
    html = item["content_html"]
    assert solar["summary"][0] in html
    assert "#:~:text=" in html and "<blockquote cite=\"https://" in html
    assert SUB_PATH_BASE + "stories/" in html
    assert item["date_published"] == solar["date"] + "T00:00:00+00:00"
    assert item["date_modified"] == solar["updated"] + "T00:00:00+00:00"


def test_feed_id_survives_a_new_source_joining_the_story(content_dir, tmp_path):
    out = tmp_path / "site"
    assert build_site(content_dir, out) == 0
    before = {s["title"]: s for s in stories(out)}
    solar_before = before["Harbour city council approves floating solar farm after long debate"]
    add_late_copy(content_dir)
    assert build_site(content_dir, out) == 0
    solar_after = next(s for s in stories(out) if s["id"] == solar_before["id"])
    assert len(solar_after["sources"]) == len(solar_before["sources"]) + 1
    assert solar_after["updated"] == "2026-11-15" and solar_after["date"] == solar_before["date"]
    entry_ids = [e.id for e in feedparser.parse((out / "atom.xml").read_bytes()).entries]
    assert f"urn:newsdigest:story:{solar_before['id']}" in entry_ids


def test_per_feed_size_and_summary_mode(content_dir, tmp_path):
    add_stories(content_dir)
    out = tmp_path / "site"
    config = "feeds:\n  rss: {size: 1, content: summary}\n  json: {size: 2}\n"
    assert build_site(content_dir, out, SUB_PATH_BASE, config) == 0
    rss = feedparser.parse((out / "feed.xml").read_bytes())
    assert len(rss.entries) == 1
    assert "<blockquote" not in rss.entries[0].description
    assert len(json.loads((out / "feed.json").read_text())["items"]) == 2
    atom = feedparser.parse((out / "atom.xml").read_bytes())
    assert len(atom.entries) == len(stories(out))  # falls back to feed_size
    assert any("<blockquote" in e.content[0].value for e in atom.entries)


def test_empty_site_feeds_use_source_date_epoch_not_the_clock(tmp_path, monkeypatch):
    content = tmp_path / "content"
    content.mkdir()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    out = tmp_path / "site"
    assert build_site(content, out) == 0
    assert "Tue, 14 Nov 2023 00:00:00 +0000" in (out / "feed.xml").read_text()
    assert check_atom((out / "atom.xml").read_bytes(), SUB_PATH_BASE + "atom.xml") == []


def test_opml_lists_every_outlet(site):
    root = ET.fromstring((site / "opml.xml").read_bytes())
    outlets = {o.get("text") for o in root.iter("outline")}
    seen = {src["outlet"] for s in stories(site) for src in s["sources"]}
    assert outlets == seen and len(seen) >= 3
    assert all(o.get("htmlUrl").startswith("https://") for o in root.iter("outline"))


BAD_RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://a.example/</link>
<description>d</description><lastBuildDate>2026-11-12</lastBuildDate>
<item><title>a</title><guid>x1</guid><description>&lt;a href="/rel"&gt;r&lt;/a&gt;</description></item>
<item><title>b</title><guid isPermaLink="false">x1</guid><pubDate>Thu, 12 Nov 2026</pubDate></item>
</channel></rss>"""


def test_the_checks_catch_broken_feeds():
    problems = "\n".join(check_rss(BAD_RSS, "https://a.example/feed.xml"))
    for expected in ("lastBuildDate is not an RFC 822", "rel=self", "isPermaLink", "relative URL '/rel'",
                     "pubDate is not an RFC 822", "guids are not unique"):
        assert expected in problems
    assert "not well-formed" in check_rss(b"<rss><channel>", "x")[0]
    atom = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><updated>2026-11-12</updated>' \
           b'<entry><id>a</id><title>x</title><updated>2026-11-12T00:00:00Z</updated></entry></feed>'
    problems = "\n".join(check_atom(atom, "https://a.example/atom.xml"))
    for expected in ("missing <id>", "RFC 3339", "rel=self", "no author", "both summary and content"):
        assert expected in problems
    problems = "\n".join(check_json_feed(b'{"version": "1", "items": [{"id": 3}, {"id": 3}]}', "u"))
    for expected in ("version must be", "title is required", "feed_url", "string id", "content_html", "not unique"):
        assert expected in problems
    assert is_rfc3339("2026-11-12T00:00:00+00:00") and not is_rfc3339("2026-11-12")
    assert is_rfc822("Thu, 12 Nov 2026 00:00:00 +0000") and not is_rfc822("Thu, 12 Nov 2026")
