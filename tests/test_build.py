"""End-to-end: content folder -> site/, feed, digest.json, determinism, atomic output."""
import json
import os
import subprocess
import sys
from pathlib import Path

import feedparser

from generator.cli import main
from generator.digest import assign_slugs, slugify

from .conftest import write


def build(content: Path, out: Path, *extra: str) -> int:
    return main(["build", "--content", str(content), "--output", str(out), "--config", str(content / "none.yaml"),
                 "--quiet", *extra])


def site_bytes(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_build_writes_pages_feed_and_digest(content_dir, tmp_path):
    out = tmp_path / "site"
    assert build(content_dir, out) == 0
    for name in ("index.html", "feed.xml", "digest.json", "static/style.css"):
        assert (out / name).is_file(), name
    digest = json.loads((out / "digest.json").read_text())
    titles = [s["title"] for s in digest["stories"]]
    # the trimmed wire copy joins its original: two stories, newest first
    assert titles == ["Harbour city council approves floating solar farm after long debate",
                      "Old rail bridge to reopen for cyclists in spring"]
    solar = digest["stories"][0]
    assert {s["file"] for s in solar["sources"]} == {"wire/solar.txt", "copies/solar-brief.txt"}
    assert solar["summary"][0].startswith("The Porthaven city council on Tuesday approved")
    assert not any("Nordwire" in s for s in solar["summary"])
    for story in digest["stories"]:
        page = out / "stories" / story["url"].split("/stories/")[1] / "index.html"
        assert page.is_file()
        assert 'type="application/rss+xml"' in page.read_text()
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo
    assert len(feed.entries) == len(digest["stories"])
    assert [e.title for e in feed.entries] == titles
    assert len({e.id for e in feed.entries}) == len(feed.entries)


def test_builds_are_byte_identical(content_dir, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert build(content_dir, a) == 0
    env = dict(os.environ, PYTHONHASHSEED="123", TZ="Asia/Tokyo", LC_ALL="C")
    cmd = [sys.executable, "-m", "generator", "build", "--content", str(content_dir), "--output", str(b),
           "--config", str(content_dir / "none.yaml"), "--quiet"]
    subprocess.run(cmd, check=True, env=env, cwd=Path(__file__).parent.parent)
    assert site_bytes(a) == site_bytes(b)


def test_strict_fails_on_diagnostics_but_still_builds(content_dir, tmp_path, capsys):
    write(content_dir / "broken.txt", "A headline\n2026-02-30\nhttps://x.example/\nBody.\n")
    out = tmp_path / "site"
    assert build(content_dir, out) == 0
    assert build(content_dir, out, "--strict") == 1
    err = capsys.readouterr().err
    assert "broken.txt:2: error: bad date" in err
    assert len(json.loads((out / "digest.json").read_text())["stories"]) == 2


def test_failed_render_keeps_previous_site(content_dir, tmp_path, monkeypatch):
    out = tmp_path / "site"
    assert build(content_dir, out) == 0
    before = site_bytes(out)

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("generator.render.render_site", explode)
    try:
        build(content_dir, out)
    except RuntimeError:
        pass
    assert site_bytes(out) == before
    assert not list(tmp_path.glob(".site.tmp-*"))


def test_refuses_foreign_non_empty_output(content_dir, tmp_path, capsys):
    out = tmp_path / "precious"
    write(out / "thesis.tex", "do not delete")
    assert build(content_dir, out) == 1
    assert "not empty" in capsys.readouterr().err
    assert (out / "thesis.tex").read_text() == "do not delete"
    assert build(content_dir, content_dir) == 1


def test_slugs_are_stable_and_collisions_resolved():
    from generator.model import Story
    import datetime as dt

    assert slugify("Blinken urges Russia's Lavrov: ../../etc/passwd") == "blinken-urges-russia-s-lavrov-etc-passwd"
    assert slugify("¡¿?!") == "story"
    day = dt.date(2026, 11, 12)
    stories = [Story(i, "", "Same headline", day, day, [], [], []) for i in ("b2", "a1", "c3")]
    assign_slugs(stories)
    slugs = {s.id: s.slug for s in stories}
    assert slugs == {"a1": "2026-11-12-same-headline", "b2": "2026-11-12-same-headline-2",
                     "c3": "2026-11-12-same-headline-3"}


def test_cli_usage_and_story_tools(content_dir, capsys):
    assert main(["frobnicate"]) == 2
    assert main(["summarize", str(content_dir / "wire" / "solar.txt"), "--sentences", "2"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["summary"]) == 2 and out["summary"][0].startswith("The Porthaven city council")
    assert main(["quotes", str(content_dir / "wire" / "solar.txt")]) == 0
    quotes = json.loads(capsys.readouterr().out)
    assert any("Reed" in (q["speaker"] or "") and q["text"].startswith("We asked for a proper bird survey")
               for q in quotes)


def test_sample_content_groups_as_its_answer_key(tmp_path):
    """content/ ships with an answer key (tests/fixtures/CONTENT.md): copies join, look-alike events do not."""
    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "site"
    assert build(root / "content", out) == 0
    stories = json.loads((out / "digest.json").read_text())["stories"]
    groups = sorted(sorted(Path(s["file"]).name for s in story["sources"]) for story in stories)
    assert len(stories) == 11
    assert ["atlanticledger-lisbon-port-strike.txt", "iberiapress-lisbon-port-strike.txt",
            "tagusdaily-lisbon-port-strike.txt"] in groups
    assert ["coastalherald-mackerel-quota.txt", "harbourpost-mackerel-quota.txt",
            "nordwire-mackerel-quota.txt"] in groups
    assert ["rotterdam-maeslant-barrier-europamorning.md", "rotterdam-maeslant-barrier-lowlandswire.txt"] in groups
    # two earthquakes a week apart and two fare votes in different cities are different events
    assert ["peru-arequipa-earthquake.txt"] in groups and ["turkey-izmir-earthquake.txt"] in groups
    assert ["montreal-council-fare-freeze.txt"] in groups and ["porto-council-metro-fares.txt"] in groups
