"""Incremental builds (pages and grouping features reused from the cache) give the bytes of a clean build."""
import sqlite3

import pytest

import generator.render as render
from generator.cache import DB_NAME

from .conftest import write
from .test_pipeline import build, corpus, site_bytes, story_text  # noqa: F401  (fixture)


def _copy_story(n: int, outlet: str) -> str:
    """A syndicated copy of story n under another outlet's URL and headline."""
    lines = story_text(n).splitlines()
    lines[0] = lines[0] + " (update)"
    lines[2] = f"https://{outlet}.example/copy{n}"
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("batch", [render.CACHE_BATCH, 2])  # page entries and story records stored in batches
def test_incremental_builds_equal_clean_builds(corpus, tmp_path, monkeypatch, batch):
    monkeypatch.setattr(render, "CACHE_BATCH", batch)
    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build(corpus, out, cache) == 0
    steps = [
        lambda: write(corpus / "many" / "s50.txt", story_text(50)),  # a new story
        lambda: write(corpus / "many" / "s03.txt", story_text(3).replace("on Tuesday", "on Friday")),  # an edit
        lambda: write(corpus / "copies" / "c05.txt", _copy_story(5, "othernews")),  # a copy joins story 5
        lambda: (corpus / "many" / "s07.txt").unlink(),  # a story goes away
    ]
    for n, step in enumerate(steps):
        step()
        assert build(corpus, out, cache, "--jobs", "1") == 0
        fresh = tmp_path / f"fresh{n}"
        assert build(corpus, fresh, None, "--jobs", "1") == 0
        assert site_bytes(out) == site_bytes(fresh), f"step {n}"


def test_unchanged_pages_are_linked_not_rendered(corpus, tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build(corpus, out, cache) == 0
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html"))
    inodes = {p: (out / p).stat().st_ino for p in pages}
    write(corpus / "many" / "s50.txt", story_text(50))
    assert build(corpus, out, cache) == 0
    kept = [p for p in pages if (out / p).exists() and (out / p).stat().st_ino == inodes[p]]
    assert any(p.startswith("stories/") for p in kept)  # other stories' pages were reused as they were
    assert "index.html" not in kept  # the front page lists the new story


def test_damaged_page_cache_entries_are_rendered_again(corpus, tmp_path):
    cache, out, fresh = tmp_path / "cache", tmp_path / "site", tmp_path / "fresh"
    assert build(corpus, out, cache) == 0
    db = sqlite3.connect(cache / DB_NAME)
    with db:  # every page entry now claims other content: its checksum no longer matches
        db.execute("UPDATE entries SET value = X'00' || value WHERE ns = 'page'")
    db.close()
    write(corpus / "many" / "s03.txt", story_text(3).replace("on Tuesday", "on Friday"))
    assert build(corpus, out, cache) == 0
    assert build(corpus, fresh, None) == 0
    assert site_bytes(out) == site_bytes(fresh)


def test_theme_change_renders_every_page_again(corpus, tmp_path):
    cache, out, project = tmp_path / "cache", tmp_path / "site", tmp_path / "project"
    templates = project / "mytemplates"
    templates.mkdir(parents=True)
    (project / "site.yaml").write_text("templates_dir: mytemplates\n")
    base = (render.PROJECT_THEMES / "default" / "templates" / "base.html").read_text()
    (templates / "base.html").write_text(base)
    args = ("--config", str(project / "site.yaml"))
    assert build(corpus, out, cache, *args) == 0
    (templates / "base.html").write_text(base.replace("</body>", "<p>theme v2</p></body>"))
    write(corpus / "many" / "s50.txt", story_text(50))  # not an unchanged build either way
    assert build(corpus, out, cache, *args) == 0
    for page in out.rglob("index.html"):
        if page.parent.name != "pagefind":
            assert "theme v2" in page.read_text(), page


def test_grouping_features_come_from_the_cache_for_unchanged_articles(corpus, tmp_path, monkeypatch):
    import generator.group_text as group_text

    cache, out, fresh = tmp_path / "cache", tmp_path / "site", tmp_path / "fresh"
    assert build(corpus, out, cache) == 0
    computed = []
    real = group_text.article_features
    monkeypatch.setattr(group_text, "article_features", lambda a: computed.append(a.path) or real(a))
    write(corpus / "many" / "s03.txt", story_text(3).replace("on Tuesday", "on Friday"))
    assert build(corpus, out, cache) == 0
    assert computed == ["many/s03.txt"]  # only the edited article's features were computed again
    db = sqlite3.connect(cache / DB_NAME)
    with db:  # damaged feature and name entries are dropped and recomputed, never trusted
        db.execute("UPDATE entries SET value = X'00' || value WHERE ns IN ('gfeat', 'gnames')")
    db.close()
    write(corpus / "many" / "s50.txt", story_text(50))
    assert build(corpus, out, cache) == 0
    assert build(corpus, fresh, None) == 0
    assert site_bytes(out) == site_bytes(fresh)


def _spare(cache):
    (spare,) = [p for p in cache.iterdir() if p.name.startswith("spare-")]
    return spare


def test_spare_folder_is_reused_without_touching_the_live_site(corpus, tmp_path):
    """The site before the current one is kept in the cache folder (mostly hard links to the live site) and
    becomes the next build folder: files there are replaced, never written in place."""
    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build(corpus, out, cache) == 0
    write(corpus / "many" / "s50.txt", story_text(50))
    assert build(corpus, out, cache) == 0  # the first site is now the spare
    live = site_bytes(out)
    write(corpus / "many" / "s03.txt", story_text(3).replace("on Tuesday", "on Friday"))
    assert build(corpus, out, cache) == 0  # adopts the spare; the site before is the spare now
    kept = site_bytes(_spare(cache))
    assert {rel: data for rel, data in live.items() if rel in kept} == kept  # nothing written through a link
    assert all(rel in live for rel in kept)


def test_tampered_spare_folder_gives_a_clean_build(corpus, tmp_path):
    cache, out, fresh = tmp_path / "cache", tmp_path / "site", tmp_path / "fresh"
    assert build(corpus, out, cache) == 0
    write(corpus / "many" / "s50.txt", story_text(50))
    assert build(corpus, out, cache) == 0
    spare = _spare(cache)
    page = next(spare.glob("stories/*/index.html"))
    page.unlink()  # not written in place: the live site's copy stays as it is
    page.write_text("tampered")
    write(spare / "stray" / "file.html", "stray")
    write(spare / "stories" / "stray.html", "stray")
    write(corpus / "many" / "s03.txt", story_text(3).replace("on Tuesday", "on Friday"))
    assert build(corpus, out, cache) == 0
    assert build(corpus, fresh, None) == 0
    assert site_bytes(out) == site_bytes(fresh)
    assert not [p for p in out.rglob("*") if p.is_dir() and not any(p.iterdir())]  # no empty folders left


def test_digest_json_from_story_records_is_the_same_text(corpus):
    from generator.config import Config
    from generator.model import Digest
    from generator.pipeline import run

    write(corpus / "many" / "uni.txt", story_text(60).replace("harbour", "härbour \u201cquay\u201d\\ line"))
    config = Config()
    digest = run(config, corpus).digest
    records = [render.story_json(s, config) for s in digest.stories]
    assert len(digest.stories) > 2
    assert render.digest_json(digest, config, records) == render.digest_json(digest, config)
    empty = Digest([], [], 0, None)
    assert render.digest_json(empty, config, []) == render.digest_json(empty, config)


def test_a_marked_listing_page_gets_the_whole_site_indexed(corpus, tmp_path):
    """Pagefind starts on the story pages early only while no other page is marked data-pagefind-body; a
    listing page that turns out to be marked has the early run stopped and the whole site indexed."""
    import pytest

    from generator.search import pagefind_executable

    if not pagefind_executable():
        pytest.skip("pagefind binary not installed")
    cache, out, fresh, project = tmp_path / "cache", tmp_path / "site", tmp_path / "fresh", tmp_path / "project"
    templates = project / "mytemplates"
    templates.mkdir(parents=True)
    (project / "site.yaml").write_text("templates_dir: mytemplates\n")
    outlets = (render.PROJECT_THEMES / "default" / "templates" / "outlets.html").read_text()
    (templates / "outlets.html").write_text(outlets.replace("{% block main %}", "{% block main %}<div data-pagefind-body>"
                                                            "outlets listing</div>", 1))
    args = ("--config", str(project / "site.yaml"))
    for step in range(2):  # cold (the listing is rendered), then with the listing reused from the cache
        assert build(corpus, out, cache, *args) == 0
        marked = [p for p in out.rglob("*.html") if "data-pagefind-body" in p.read_text()]
        assert any(p.parent.name == "outlets" for p in marked)
        assert len(list((out / "pagefind" / "fragment").iterdir())) == len(marked)  # every marked page indexed
        assert build(corpus, fresh, None, *args) == 0
        assert site_bytes(out) == site_bytes(fresh)
        write(corpus / "many" / f"s{60 + step}.txt", story_text(60 + step))


def test_a_shared_cache_keeps_few_spare_folders(corpus, tmp_path):
    from generator.incremental import MAX_SPARES

    cache = tmp_path / "cache"
    for n in range(MAX_SPARES + 2):
        out = tmp_path / f"site{n}"
        assert build(corpus, out, cache) == 0
        write(corpus / "many" / f"s{70 + n}.txt", story_text(70 + n))
        assert build(corpus, out, cache) == 0  # the first site of this output becomes its spare
    assert len(list(cache.glob("spare-*"))) == MAX_SPARES
    assert build(corpus, tmp_path / "site0", cache) == 0
    assert build(corpus, tmp_path / "fresh", None) == 0
    assert site_bytes(tmp_path / "site0") == site_bytes(tmp_path / "fresh")


def test_build_adopting_the_spare_folder_records_a_manifest_the_next_build_trusts(corpus, tmp_path, monkeypatch):
    import generator.incremental as incremental

    cache, out, fresh = tmp_path / "cache", tmp_path / "site", tmp_path / "fresh"
    assert build(corpus, out, cache) == 0
    write(corpus / "many" / "s50.txt", story_text(50))
    assert build(corpus, out, cache) == 0  # the first site becomes the spare folder
    stats = []
    real = incremental._stat_key
    monkeypatch.setattr(incremental, "_stat_key", lambda path: stats.append(path) or real(path))
    write(corpus / "many" / "s03.txt", story_text(3).replace("on Tuesday", "on Friday"))
    assert build(corpus, out, cache) == 0  # builds in the spare: most files are left in place
    pages = list(out.rglob("*.html"))
    # the live site's files are looked at only for pages the spare folder lacks, not all of them
    assert len(stats) < len(pages) / 2, (len(stats), len(pages))
    assert build(corpus, fresh, None) == 0
    assert site_bytes(out) == site_bytes(fresh)
    # the manifest (stats of the files left in place taken when the spare was adopted) matches the folder:
    # nothing changed, so the next build renders nothing
    monkeypatch.setattr(render, "render_site", lambda *a, **k: (_ for _ in ()).throw(AssertionError("rendered")))
    assert build(corpus, out, cache) == 0


@pytest.mark.parametrize("batch", [render.CACHE_BATCH, 2])
def test_first_rebuild_after_a_cold_build_renders_only_what_changed(corpus, tmp_path, monkeypatch, batch):
    # The cold build summarises its few stories in the build process; the rebuild takes them from the cache
    # (unpickled). Page keys must not depend on where a story was made (they did: every page was rendered again).
    # Page entries stored a batch at a time as they come are all there.
    monkeypatch.setattr(render, "CACHE_BATCH", batch)
    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build(corpus, out, cache, "--jobs", "1") == 0
    rendered: list[str] = []
    real = render._render_pages
    monkeypatch.setattr(render, "_render_pages",
                        lambda page, todo, site, **kw: rendered.extend(p.path for p in todo) or real(page, todo, site, **kw))
    write(corpus / "many" / "s50.txt", story_text(50))
    assert build(corpus, out, cache, "--jobs", "1") == 0
    stories = [p for p in rendered if p.startswith("stories/")]
    assert stories  # the new story's page at least
    assert len(stories) <= 3, stories  # not the 11 story pages that did not change


def test_page_key_bytes_do_not_depend_on_shared_objects():
    shared = ["Mayor Ana Ruiz"] * 2  # one string object twice
    apart = ["Mayor Ana Ruiz", "".join(["Mayor ", "Ana Ruiz"])]  # two equal strings
    assert apart[0] is not apart[1]
    assert render._value_bytes({"quotes": shared}) == render._value_bytes({"quotes": apart})


def test_the_previous_build_record_is_read_again_after_the_check(corpus, tmp_path):
    """After a check that finds changes, the record of the last build (every output file's hash) is let go of
    while the stages run and read from the cache again when rendering asks: the same record."""
    from generator.cache import BuildCache
    from generator.config import Config
    from generator.incremental import Previous
    from generator.pipeline import BuildState, scan_stage

    out, cache_dir = tmp_path / "site", tmp_path / "cache"
    assert build(corpus, out, cache_dir) == 0
    write(corpus / "many" / "s01.txt", story_text(1).replace("harbour plan", "harbour plan, revised"))
    with BuildCache(cache_dir) as cache:
        prev = Previous(cache, out, tmp_path, Config())
        recorded = prev.record
        assert recorded and recorded["manifest"]
        state = BuildState(Config(), corpus, cache=cache)
        scan_stage(state)
        prev.check(state)
        assert not state.unchanged and prev._record is False
        assert prev.record == recorded


@pytest.mark.parametrize("beside_search, jobs", [(False, None), (True, 1)])
def test_forked_page_workers_leave_a_core_to_a_large_sites_search(monkeypatch, beside_search, jobs):
    """A rebuild's changed pages of a large site go to forked workers while its changed search shards are indexed:
    one worker fewer then (with two cores: rendered here), so two page workers, each holding its share of the
    digest, and a Pagefind run are not all alive at once (100,000 articles, one article added: 1.75 GB)."""
    from generator import parallel

    asked = []
    monkeypatch.setattr(parallel, "JOBS", 2)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_PAGES", 2)
    monkeypatch.setattr(parallel, "parallel_imap", lambda fn, items, jobs=None: asked.append(jobs) or map(fn, items))
    todo = list(range(5))
    assert render._page_pool(len(todo)) == "forked"
    assert list(render._render_pages(lambda n: (str(n), []), todo, (), beside_search=beside_search)) == \
        [(str(n), []) for n in todo]
    assert asked == [jobs]


def test_the_recorded_manifest_hashes_every_file_and_reused_index_files_are_not_read_again(corpus, tmp_path,
                                                                                         monkeypatch):
    """The snapshot hashes files the writer did not make (the search index), except those that have the size and
    mtime the last build recorded at their path (hard links of the live bundle's files): their recorded hash
    stands. Either way every manifest entry is the hash of the file's bytes."""
    import hashlib
    from pathlib import Path

    from generator.cache import BuildCache
    from generator.incremental import Previous
    from generator.output import MARKER
    from generator.search import pagefind_executable

    if not pagefind_executable():
        pytest.skip("pagefind binary not installed")
    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build(corpus, out, cache) == 0
    read: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.as_posix()) or real(self))
    write(corpus / "many" / "s50.txt", story_text(50))
    assert build(corpus, out, cache) == 0
    monkeypatch.undo()
    with BuildCache(cache) as c:
        manifest = Previous(c, out, Path.cwd(), None).record["manifest"]
    assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {MARKER, ".gitkeep"} \
        == set(manifest)
    for rel, (h, size, _mtime) in manifest.items():
        data = (out / rel).read_bytes()
        assert (hashlib.blake2b(data, digest_size=20).hexdigest(), len(data)) == (h, size), rel
    fragments = [r for r in read if "/pagefind/fragment/" in r]
    kept = [p for p in (out / "pagefind" / "fragment").iterdir() if p.stat().st_nlink > 1]
    assert kept  # fragments of unchanged story pages were seeded from the live bundle (hard links) ...
    assert len(fragments) < len(list((out / "pagefind" / "fragment").iterdir()))  # ... and not read again


def test_quote_checks_are_cached_with_their_story(corpus, tmp_path, monkeypatch):
    """The verbatim check of a story's key quotes runs when the story is made and is cached with it: a rebuild
    checks only the stories it makes again (it used to check every story on every build)."""
    import json

    import generator.build_report as build_report

    real = build_report.quote_problems
    monkeypatch.setattr(build_report, "quote_problems", lambda stories, articles: [
        [(k, "flagged by the test") for k in range(len(s.quotes))] for s in stories])
    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build(corpus, out, cache) == 0
    first = json.loads((out / "build-report.json").read_text())["unverified_quotes"]
    assert first and {q["reason"] for q in first} == {"flagged by the test"}
    monkeypatch.setattr(build_report, "quote_problems", real)
    write(corpus / "many" / "s50.txt", story_text(50))
    assert build(corpus, out, cache) == 0
    second = json.loads((out / "build-report.json").read_text())["unverified_quotes"]
    assert second == first  # the cached stories' checks, as made; the new story's quotes were really checked
    fresh = tmp_path / "fresh"
    assert build(corpus, fresh, None) == 0
    assert json.loads((fresh / "build-report.json").read_text())["unverified_quotes"] == []


def test_added_edited_and_removed_articles_are_paired_without_pairing_every_text_again(corpus, tmp_path, monkeypatch):
    """Copy detection brings the last build's shared-shingle counts up to date for added, edited and removed articles
    (generator/group_pairs.py): pairing every text again is not called, and the site is a clean build's."""
    import generator.group_copies as group_copies
    import generator.group_pairs as group_pairs

    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build(corpus, out, cache) == 0

    def refuse(*args, **kwargs):
        raise AssertionError("every text paired again")

    with monkeypatch.context() as patch:
        for module in (group_copies, group_pairs):
            patch.setattr(module, "shared_shingle_pairs", refuse)
        write(corpus / "many" / "s50.txt", story_text(50))  # a new story
        write(corpus / "copies" / "c05.txt", _copy_story(5, "othernews"))  # a copy joins story 5
        assert build(corpus, out, cache, "--jobs", "1") == 0
        write(corpus / "many" / "s03.txt", story_text(3).replace("on Tuesday", "on Friday"))  # an edit
        (corpus / "many" / "s07.txt").unlink()  # a story goes away
        assert build(corpus, out, cache, "--jobs", "1") == 0
    fresh = tmp_path / "fresh"
    assert build(corpus, fresh, None, "--jobs", "1") == 0
    assert site_bytes(out) == site_bytes(fresh)


def test_the_build_after_pages_went_away_is_followed_by_a_no_change_build(corpus, tmp_path, capsys):
    """A build that adopts the spare folder removes the older site's pages it did not make (an outlet page whose only
    article went away). Its record of the new site was taken before that removal and listed them, so the next
    build never found the site as recorded and did all its work again (5,000 articles: 1.8 s instead of 0.2 s)."""
    from generator.cli import main

    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build(corpus, out, cache) == 0
    write(corpus / "many" / "s50.txt", story_text(50))  # with its own outlet page
    assert build(corpus, out, cache) == 0
    write(corpus / "many" / "s03.txt", story_text(3).replace("on Tuesday", "on Friday"))
    assert build(corpus, out, cache) == 0
    (corpus / "many" / "s50.txt").unlink()  # adopts the site that has s50's pages
    assert build(corpus, out, cache) == 0
    capsys.readouterr()
    assert main(["build", "--content", str(corpus), "--output", str(out), "--config", str(corpus / "none.yaml"),
                 "--cache-dir", str(cache)]) == 0
    assert "(unchanged)" in capsys.readouterr().out


def test_a_build_that_reuses_the_grouping_keeps_the_grouping_features(corpus, tmp_path):
    """A build whose article set is unchanged takes the stories from the cache without grouping (a new site title);
    it must not prune the grouping features and the names memo it did not need to read, or the next build with a
    new article works them out again for every article (at 100,000 articles, most of a cold build's grouping)."""
    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build(corpus, out, cache) == 0

    def entries(ns: str) -> int:
        db = sqlite3.connect(cache / DB_NAME)
        try:
            return db.execute("SELECT COUNT(*) FROM entries WHERE ns = ?", (ns,)).fetchone()[0]
        finally:
            db.close()

    features, names = entries("gfeat"), entries("gnames")
    assert features and names
    write(corpus / "none.yaml", "title: Another Digest\n")
    assert build(corpus, out, cache) == 0
    assert (entries("gfeat"), entries("gnames")) == (features, names)
