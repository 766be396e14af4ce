"""Sharded search index (generator/search.py): every shard is a bundle the search page merges, unchanged
shards are reused from the live site, and an incremental build gives the bytes of a clean one."""
import json
import time

import pytest

import generator.search as search
from generator.search import BUNDLE_DIR, SHARDS_FILE, pagefind_executable, shard_count, shard_dir, shard_of

from .conftest import write
from .test_pipeline import build, corpus, site_bytes, story_text  # noqa: F401  (fixture)

needs_pagefind = pytest.mark.skipif(pagefind_executable() is None, reason="pagefind binary not installed")


def test_shard_count_is_a_power_of_two_that_doubles_with_the_pages():
    assert shard_count(0) == shard_count(1000, 1000) == 1
    assert shard_count(1001, 1000) == 2 and shard_count(2100, 1000) == 4 and shard_count(8400, 1000) == 16
    assert shard_count(search.SHARD_PAGES) == 1 and shard_count(search.SHARD_PAGES + 1) == 2
    assert shard_count(10**7) == search.MAX_SHARDS
    assert shard_count(13, per_shard=3) == 8


def test_shard_of_is_stable_and_refines_when_k_doubles():
    rels = [f"stories/2026-11-{n:02d}-story-{n}/index.html" for n in range(200)]
    for k in (2, 4, 8):
        assert [shard_of(r, k) for r in rels] == [shard_of(r, k) for r in rels]
        assert all(shard_of(r, 2 * k) % k == shard_of(r, k) for r in rels)  # a shard splits in two
        counts = [sum(shard_of(r, k) == i for r in rels) for i in range(k)]
        assert min(counts) > 200 / k / 2  # roughly balanced


def _shard_inodes(out, k):
    return {i: (out / shard_dir(i) / "pagefind-entry.json").stat().st_ino for i in range(k)}


@needs_pagefind
def test_every_shard_is_a_bundle_listed_for_merging(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    out = tmp_path / "site"
    assert build(corpus, out, None) == 0
    stories = sorted(p.relative_to(out).as_posix() for p in (out / "stories").rglob("index.html"))
    merge = json.loads((out / SHARDS_FILE).read_text())["merge"]
    k = len(merge) + 1
    assert 4 <= k <= shard_count(len(stories), 2)
    assert merge == [shard_dir(i)[len(BUNDLE_DIR) + 1:] + "/" for i in range(1, k)]
    for i in range(k):
        bundle = out / shard_dir(i)
        assert (bundle / "pagefind-entry.json").is_file() and list((bundle / "fragment").iterdir()), i
        indexed = len(list((bundle / "fragment").iterdir()))
        assert indexed == sum(shard_of(rel, k) == i for rel in stories), i  # one fragment per page
    assert not list(tmp_path.glob(".site.tmp*"))  # the staging folders are gone


@needs_pagefind
def test_large_staging_folders_go_to_a_background_deleter(corpus, tmp_path, monkeypatch):
    """A shard's staging folder of BACKGROUND_DELETE_FILES+ pages is renamed to a trash name and deleted by a
    detached process, so the build does not wait for it (20,000 articles: 1.4 s)."""
    import generator.output as output

    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    monkeypatch.setattr(output, "BACKGROUND_DELETE_FILES", 1)
    started = []
    spawn = output._spawn_rm
    monkeypatch.setattr(output, "_spawn_rm", lambda rm, folders: started.extend(folders) or spawn(rm, folders))
    out = tmp_path / "site"
    assert build(corpus, out, None) == 0
    assert started and all(p.name.startswith(".site.trash-") and "-pf" in p.name for p in started)
    assert not list(tmp_path.glob(".site.tmp*"))
    deadline = time.monotonic() + 30
    while list(tmp_path.glob(".site.trash-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not list(tmp_path.glob(".site.trash-*"))


def test_remove_temporary_now_or_in_the_background(tmp_path):
    from generator.output import remove_temporary

    for name, background in ((".site.tmp-ab-pf01", False), ("stage", True), (".site.tmp-cd-pf02", True)):
        folder = tmp_path / name
        (folder / "stories" / "a").mkdir(parents=True)
        (folder / "stories" / "a" / "index.html").write_text("x")
        remove_temporary(folder, background)
        assert not folder.exists()
    deadline = time.monotonic() + 30
    while list(tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not list(tmp_path.iterdir())


@needs_pagefind
def test_incremental_sharded_build_reuses_unchanged_shards_and_equals_a_clean_build(corpus, tmp_path,
                                                                                    monkeypatch):
    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build(corpus, out, cache, "--jobs", "1") == 0
    k = len(json.loads((out / SHARDS_FILE).read_text())["merge"]) + 1
    steps = [
        lambda: write(corpus / "many" / "s03.txt", story_text(3).replace("on Tuesday", "on Friday")),  # an edit
        lambda: write(corpus / "many" / "s50.txt", story_text(50)),  # a new story (K stays the same)
    ]
    for n, step in enumerate(steps):
        before = _shard_inodes(out, k)
        step()
        assert build(corpus, out, cache, "--jobs", "1") == 0
        assert len(json.loads((out / SHARDS_FILE).read_text())["merge"]) + 1 == k
        after = _shard_inodes(out, k)
        reused = [i for i in range(k) if after[i] == before[i]]
        assert 0 < len(reused) < k, f"step {n}: {reused}"  # the changed story's shard only is indexed again
        fresh = tmp_path / f"fresh{n}"
        assert build(corpus, fresh, None, "--jobs", "1") == 0
        assert site_bytes(out) == site_bytes(fresh), f"step {n}"


@needs_pagefind
def test_a_modified_shard_in_the_live_site_is_indexed_again(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    cache, out, fresh = tmp_path / "cache", tmp_path / "site", tmp_path / "fresh"
    assert build(corpus, out, cache) == 0
    entry = out / shard_dir(1) / "pagefind-entry.json"
    good = entry.read_bytes()
    entry.unlink()
    entry.write_bytes(b"{}")  # damaged by hand
    write(corpus / "many" / "s03.txt", story_text(3).replace("on Tuesday", "on Friday"))
    assert build(corpus, out, cache) == 0
    assert (out / shard_dir(1) / "pagefind-entry.json").read_bytes() == good
    assert build(corpus, fresh, None) == 0
    assert site_bytes(out) == site_bytes(fresh)


def _fake_pagefind(tmp_path):
    """A stand-in for the Pagefind binary that logs how many runs are going on when it starts."""
    running, log = tmp_path / "running", tmp_path / "concurrent.log"
    running.mkdir()
    exe = tmp_path / "fake-pagefind"
    exe.write_text(f"""#!/bin/sh
out=""
while [ $# -gt 0 ]; do [ "$1" = "--output-path" ] && out="$2"; shift; done
touch {running}/$$
ls {running} | wc -l >> {log}
sleep 0.4
mkdir -p "$out" && echo '{{}}' > "$out/pagefind-entry.json"
rm {running}/$$
""")
    exe.chmod(0o755)
    return str(exe), log


@pytest.mark.parametrize("widen", [False, True])
def test_a_narrow_index_runs_one_pagefind_at_a_time_until_widened(tmp_path, monkeypatch, widen):
    exe, log = _fake_pagefind(tmp_path)
    monkeypatch.setattr(search, "pagefind_executable", lambda: exe)
    monkeypatch.setattr(search, "SHARD_JOBS", 2)
    monkeypatch.setattr(search.os, "cpu_count", lambda: 2)
    site = tmp_path / "site"
    pages = {f"stories/s{n}/index.html": f"hash{n}" for n in range(40)}
    for rel in pages:
        write(site / rel, "<html><body data-pagefind-body>x</body></html>")
    run = search.ShardedSearch(site, pages, k=4, narrow=True)
    if widen:
        run.widen()
    assert run.wait() is None
    counts = [int(line) for line in log.read_text().split()]
    assert len(counts) == 4 and sorted(run.indexed) == [0, 1, 2, 3]
    assert max(counts) == (2 if widen else 1)


def test_the_next_shard_is_staged_while_a_pagefind_run_goes_on(tmp_path, monkeypatch):
    # one run at a time (narrow): each run's end finds the next shard's staging folder made, so no gap opens
    # between runs while a shard's ~2,600 hard links are made (100,000 articles: 16 shards)
    site = tmp_path / "site"
    log = tmp_path / "staged.log"
    exe = tmp_path / "fake-pagefind"
    exe.write_text(f"""#!/bin/sh
out=""
while [ $# -gt 0 ]; do [ "$1" = "--output-path" ] && out="$2"; shift; done
sleep 0.4
ls -d {site}-pf* | wc -l >> {log}
mkdir -p "$out" && echo '{{}}' > "$out/pagefind-entry.json"
""")
    exe.chmod(0o755)
    monkeypatch.setattr(search, "pagefind_executable", lambda: str(exe))
    monkeypatch.setattr(search, "SHARD_JOBS", 2)
    monkeypatch.setattr(search.os, "cpu_count", lambda: 2)
    pages = {f"stories/s{n}/index.html": f"hash{n}" for n in range(40)}
    for rel in pages:
        write(site / rel, "<html><body data-pagefind-body>x</body></html>")
    run = search.ShardedSearch(site, pages, k=4, narrow=True)
    assert run.wait() is None and sorted(run.indexed) == [0, 1, 2, 3]
    staged = [int(line) for line in log.read_text().split()]
    assert len(staged) == 4 and min(staged[:3]) >= 2  # its own folder and the next one's (one-at-a-time staging: 1)
    assert not list(tmp_path.glob("site-pf*"))  # every staging folder removed


def test_a_shard_is_indexed_only_once_its_pages_are_ready(tmp_path, monkeypatch):
    # render hands each shard over as soon as its story pages are written (ShardedSearch.ready), so the first
    # shards are indexed while the rest are still rendered; none may start before its pages are all there
    site, log = tmp_path / "site", tmp_path / "started.log"
    exe = tmp_path / "fake-pagefind"
    exe.write_text(f"""#!/bin/sh
out=""
while [ $# -gt 0 ]; do [ "$1" = "--output-path" ] && out="$2"; shift; done
echo "$out" >> {log}
mkdir -p "$out" && echo '{{}}' > "$out/pagefind-entry.json"
""")
    exe.chmod(0o755)
    monkeypatch.setattr(search, "pagefind_executable", lambda: str(exe))
    pages = {f"stories/s{n}/index.html": f"hash{n}" for n in range(40)}
    for rel in pages:
        write(site / rel, "<html><body data-pagefind-body>x</body></html>")
    run = search.ShardedSearch(site, None, k=4, expected=list(pages))
    assert run.k == 4 and sorted(rel for m in run.members for rel in m) == sorted(pages)
    run.ready(2, pages)
    deadline = time.monotonic() + 10
    while not log.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    assert log.read_text().split() == [str(site / shard_dir(2))]  # shard 2 only: the others are not ready
    for i in (0, 1, 3):
        run.ready(i, pages)
    assert run.wait() is None and sorted(run.indexed) == [0, 1, 2, 3]
    assert sorted(log.read_text().split()) == sorted(str(site / shard_dir(i)) for i in range(4))
    assert run.keys == search.ShardedSearch(site, pages, k=4).keys  # the same bundles as when handed all at once


@needs_pagefind
def test_story_pages_a_theme_leaves_unmarked_get_the_whole_site_indexed(corpus, tmp_path, monkeypatch):
    # a sharded index is started before the story pages are written; the first one without data-pagefind-body
    # stops it, and the site is indexed as a whole, as a clean build would
    from generator import render

    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    project, out, fresh = tmp_path / "project", tmp_path / "site", tmp_path / "fresh"
    (project / "mytemplates").mkdir(parents=True)
    (project / "site.yaml").write_text("templates_dir: mytemplates\n")
    story = (render.PROJECT_THEMES / "default" / "templates" / "story.html").read_text()
    assert " data-pagefind-body" in story
    (project / "mytemplates" / "story.html").write_text(story.replace(" data-pagefind-body", ""))
    args = ("--config", str(project / "site.yaml"), "--jobs", "1")
    assert build(corpus, out, tmp_path / "cache", *args) == 0
    assert json.loads((out / SHARDS_FILE).read_text())["merge"] == []  # one bundle of the whole site
    assert (out / BUNDLE_DIR / "pagefind-entry.json").exists() and not list((out / BUNDLE_DIR).glob("shard-*"))
    assert build(corpus, fresh, None, *args) == 0
    assert site_bytes(out) == site_bytes(fresh)
