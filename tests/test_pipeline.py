"""Parallel and cached builds give the same bytes as a plain serial build; stale or damaged state is rebuilt."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

import generator.pipeline as pipeline
import generator.quotes_stage as quotes_stage
from generator.cache import DB_NAME
from generator.cli import main
from generator.config import Config
from generator.sources import read_content

from .conftest import WIRE, write

REPO = Path(__file__).resolve().parent.parent


def _word(n: int, salt: int) -> str:
    """An invented word unique to (n, salt), so the test stories share no names or rare words."""
    syllables = ["ka", "lo", "mi", "ru", "te", "vo", "zan", "pel", "dor", "sil"]
    x, out = n * 7 + salt * 131 + 1000, []
    while x:
        x, r = divmod(x, len(syllables))
        out.append(syllables[r])
    return "".join(out)


def story_text(n: int) -> str:
    """A small distinct story n (own names, places and numbers), in the seed format."""
    w = [_word(n, k) for k in range(8)]
    return (f"{w[0].title()} council backs {w[1]} harbour plan\n202611{1 + n % 28:02d}\nhttps://news{n}.example/a{n}\n"
            f"{w[2].upper()} (Nordwire) - The {w[2].title()} council approved the {w[1]} plan on Tuesday by "
            f"{n + 3} votes.\n"
            f'"We waited years for the {w[1]} plan to reach this point," Mayor {w[3].title()} {w[4].title()} said.\n'
            f"Work at the {w[5]} site starts in spring and costs {n * 13 + 5} million, {w[6].title()} "
            f"{w[7].title()} said.\n")


@pytest.fixture
def corpus(content_dir):
    for n in range(12):
        write(content_dir / "many" / f"s{n:02d}.txt", story_text(n))
    write(content_dir / "notes.rst", "not an article")
    write(content_dir / "bad.txt", "Headline\n2026-13-45\nhttps://x.example/\nBody.\n")
    write(content_dir / "zz" / "same-as-s04.txt", story_text(4))  # a duplicate file: warned and skipped
    return content_dir


def build(content: Path, out: Path, cache: Path | None, *extra: str) -> int:
    args = ["build", "--content", str(content), "--output", str(out), "--config", str(content / "none.yaml"),
            "--quiet", *extra]
    args += ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    return main(args)


def site_bytes(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_parallel_build_is_byte_identical_to_serial(corpus, tmp_path, monkeypatch):
    build(corpus, tmp_path / "serial", None, "--jobs", "1")
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FILES", 0)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_STORIES", 0)
    monkeypatch.setattr(quotes_stage, "PARALLEL_MIN_QUOTES", 0)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FEATURES", 0)
    calls = []
    real = pipeline.parallel_map
    monkeypatch.setattr(pipeline, "parallel_map", lambda fn, items, jobs, **kw: calls.append(jobs)
                        or real(fn, items, jobs, **kw))
    real_imap = pipeline.parallel_imap
    read_forked = []  # the files parsed on forked workers (by columns: the read stage)
    monkeypatch.setattr(pipeline, "parallel_imap", lambda fn, items, jobs, **kw: calls.append(jobs)
                        or (kw.get("columns") and read_forked.append(len(items))) or real_imap(fn, items, jobs, **kw))
    import generator.parallel as par

    started = []
    real_background = par.background_map
    monkeypatch.setattr(par, "background_map", lambda setup, payload, n, jobs: started.append(jobs)
                        or real_background(setup, payload, n, jobs))
    monkeypatch.setattr(par, "PARALLEL_MIN_PAGES", 0)
    rendered = []
    real_clean = par.clean_imap
    monkeypatch.setattr(par, "clean_imap", lambda setup, payload, n, **kw: rendered.append(n) or real_clean(setup, payload, n, **kw))
    build(corpus, tmp_path / "parallel", None, "--jobs", "2")
    assert calls == [2, 2, 2]  # the read stage, grouping features and the story stage went to the pool
    assert started == [1]  # the quotes, on one worker while this process grouped
    assert rendered == []  # a small site's pages render on forked workers
    assert site_bytes(tmp_path / "parallel") == site_bytes(tmp_path / "serial")
    import generator.render as render

    monkeypatch.setattr(render, "CLEAN_MIN_PAGES", 0)
    build(corpus, tmp_path / "clean", None, "--jobs", "2")
    assert rendered and rendered[0] > 10  # now on workers started clean, from the pickled site
    assert site_bytes(tmp_path / "clean") == site_bytes(tmp_path / "serial")
    made = []
    real_chunks = pipeline.clean_chunk_imap
    monkeypatch.setattr(pipeline, "clean_chunk_imap", lambda fn, items, jobs: made.append(len(items))
                        or real_chunks(fn, items, jobs))
    monkeypatch.setattr(pipeline, "CLEAN_MIN_STORIES", 0)
    build(corpus, tmp_path / "clean-stories", None, "--jobs", "2")
    assert made and made[0] >= 10  # the stories too, each sent with its articles and their quotes
    assert site_bytes(tmp_path / "clean-stories") == site_bytes(tmp_path / "serial")
    read_clean = []
    monkeypatch.setattr(pipeline, "clean_chunk_imap", lambda fn, items, jobs, **kw: read_clean.append((len(items), kw))
                        or real_chunks(fn, items, jobs, **kw))
    monkeypatch.setattr(pipeline, "CLEAN_MIN_STORIES", 10**9)
    monkeypatch.setattr(pipeline, "CLEAN_READ_MIN_FILES", 0)
    build(corpus, tmp_path / "clean-read", None, "--jobs", "2")
    # the files parsed on workers started clean (by columns, as on forked ones), the rest as before
    assert read_forked and read_forked[0] >= 12
    assert read_clean == [(read_forked[0], {"columns": True})]
    assert site_bytes(tmp_path / "clean-read") == site_bytes(tmp_path / "serial")


def test_stages_run_apart_in_a_forked_child_give_the_same_site_and_fill_the_cache(corpus, tmp_path, monkeypatch):
    """A large build runs its stages in a forked child that hands back the digest (pipeline.APART_MIN_FILES): the
    site, the diagnostics and the cache it leaves are those of a build in one process."""
    import glob
    import tempfile

    from generator.cache import BuildCache

    assert build(corpus, tmp_path / "serial", None, "--jobs", "1") == 0
    leftovers = glob.glob(tempfile.gettempdir() + "/newsdigest-*.result")
    monkeypatch.setattr(pipeline, "APART_MIN_FILES", 0)
    forks = []
    real_call = pipeline.call_in_child
    monkeypatch.setattr(pipeline, "call_in_child", lambda fn, **kw: forks.append(os.getpid()) or real_call(fn, **kw))
    for jobs in ("1", "2"):
        assert build(corpus, tmp_path / f"apart{jobs}", tmp_path / f"cache{jobs}", "--jobs", jobs) == 0
        assert site_bytes(tmp_path / f"apart{jobs}") == site_bytes(tmp_path / "serial")
    assert len(forks) == 2
    assert glob.glob(tempfile.gettempdir() + "/newsdigest-*.result") == leftovers
    with BuildCache(tmp_path / "cache2") as cache:  # what the child stored, and the parent's file stats
        assert len(cache.get_all("read")) >= 12 and len(cache.get_all("story")) > 5 and cache.get_all("fstat")
    # the next build starts from that cache: after an edit, the same site as a clean build of the edited content
    write(corpus / "many" / "s05.txt", story_text(5).replace("harbour plan", "harbour plan, at last"))
    assert build(corpus, tmp_path / "apart2", tmp_path / "cache2", "--jobs", "2") == 0
    assert len(forks) == 3
    monkeypatch.setattr(pipeline, "APART_MIN_FILES", 10**9)
    assert build(corpus, tmp_path / "edited", None, "--jobs", "1") == 0
    assert site_bytes(tmp_path / "apart2") == site_bytes(tmp_path / "edited")


def test_a_stage_failing_in_the_forked_child_fails_the_build_here(corpus, monkeypatch):
    def failing_group(state):
        raise RuntimeError("grouping failed")

    monkeypatch.setattr(pipeline, "APART_MIN_FILES", 0)
    monkeypatch.setattr(pipeline, "STAGES", [(n, failing_group if n == "group" else f) for n, f in pipeline.STAGES])
    with pytest.raises(RuntimeError, match="grouping failed") as failed:
        pipeline.run(Config(), corpus, jobs=2)
    if hasattr(failed.value, "__notes__"):
        assert "failing_group" in failed.value.__notes__[0]  # the child's traceback


def test_call_in_child_returns_the_result_and_reports_a_child_that_died():
    import signal

    from generator.forked import call_in_child

    parent = os.getpid()
    assert call_in_child(lambda: (os.getpid() != parent, [1, 2, 3])) == (True, [1, 2, 3])
    here = []  # in_parent: run here once the child is started, the child unaffected by what it drops
    kept = [1, 2]
    assert call_in_child(lambda: (os.getpid(), len(kept)), in_parent=lambda: here.append(os.getpid()) or kept.clear()
                         )[1] == 2
    assert here == [parent] and kept == []
    with pytest.raises(ValueError, match="no such thing"):
        call_in_child(lambda: int("no such thing"))
    with pytest.raises(RuntimeError, match="killed by signal 9"):
        call_in_child(lambda: os.kill(os.getpid(), signal.SIGKILL))


def test_quote_worker_parses_the_file_again_only_while_its_bytes_are_unchanged(corpus):
    import pickle

    from generator.quotes import extract_quotes
    from generator.quotes_stage import quotes_worker
    from generator.sources import read_article
    from generator.sources_files import same_bytes

    path = corpus / "many" / "s03.txt"
    article, _ = read_article(path, "many/s03.txt")
    same = same_bytes(path.read_bytes())
    quotes_of = quotes_worker(pickle.dumps([(str(path), path.name, "many/s03.txt", same),
                                                      (str(path), path.name, "many/s03.txt", b"other bytes")]))
    assert quotes_of(0) == extract_quotes(article) and quotes_of(0)
    assert quotes_of(1) is None  # edited since the build read it: the story stage extracts from its article


def test_a_failing_stage_cancels_the_background_quotes(corpus, monkeypatch):
    import glob
    import tempfile

    def failing_group(state):
        raise RuntimeError("grouping failed")

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_STORIES", 0)
    monkeypatch.setattr(quotes_stage, "PARALLEL_MIN_QUOTES", 0)
    monkeypatch.setattr(pipeline, "STAGES", [(n, failing_group if n == "group" else f) for n, f in pipeline.STAGES])
    pending = glob.glob(tempfile.gettempdir() + "/newsdigest-*.payload")
    with pytest.raises(RuntimeError, match="grouping failed"):
        pipeline.run(Config(), corpus, jobs=2)
    assert glob.glob(tempfile.gettempdir() + "/newsdigest-*.payload") == pending  # the workers' payload is gone


@pytest.mark.parametrize("jobs", [1, 2])
def test_cached_read_matches_read_content(corpus, tmp_path, monkeypatch, jobs):
    import generator.sources as sources
    from generator.cache import BuildCache

    expected = read_content(corpus)
    # fresh results are stored a batch at a time as they arrive: batches of 4 over 13 article files
    monkeypatch.setattr(pipeline, "READ_BATCH", 4)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FILES", 0)
    parsed = []
    real = sources.read_article
    monkeypatch.setattr(sources, "read_article", lambda path, rel, *a: parsed.append(rel) or real(path, rel, *a))
    for run in range(2):  # cold, then every file from the cache
        parsed.clear()
        with BuildCache(tmp_path / "cache") as cache:
            state = pipeline.BuildState(Config(), corpus, cache=cache, jobs=jobs)
            pipeline.read_stage(state)
        assert (state.articles, state.diagnostics) == expected
        assert any("duplicate" in d.message for d in state.diagnostics)
        if run:  # only the duplicate file is looked at again (to word its warning)
            assert parsed == ["zz/same-as-s04.txt"]
        elif jobs == 1:  # every file (on workers with jobs 2, where this process cannot count them)
            assert {a.path for a in expected[0]} | {"bad.txt", "zz/same-as-s04.txt"} == set(parsed)


def test_warm_build_skips_and_edits_rebuild_exactly(corpus, tmp_path, capsys):
    cache, out, fresh = tmp_path / "cache", tmp_path / "site", tmp_path / "fresh"
    assert build(corpus, out, cache) == 0
    first = site_bytes(out)
    assert main(["build", "--content", str(corpus), "--output", str(out), "--config", str(corpus / "none.yaml"),
                 "--cache-dir", str(cache)]) == 0
    captured = capsys.readouterr()
    assert "(unchanged)" in captured.out
    assert "bad.txt:2: error: bad date" in captured.err  # diagnostics are repeated on a skipped build
    assert site_bytes(out) == first
    inode = (out / "static" / "style.css").stat().st_ino

    write(corpus / "many" / "s03.txt", story_text(3).replace("on Tuesday", "on Wednesday"))
    write(corpus / "many" / "s99.txt", story_text(99))
    assert build(corpus, out, cache) == 0
    assert build(corpus, fresh, None) == 0
    assert site_bytes(out) == site_bytes(fresh)
    assert (out / "static" / "style.css").stat().st_ino == inode  # unchanged file hard-linked, not rewritten
    assert site_bytes(out) != first


def test_tampered_output_or_changed_config_is_not_skipped(corpus, tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(corpus, out, cache)
    good = site_bytes(out)
    (out / "index.html").write_text("vandalised")
    build(corpus, out, cache)
    assert site_bytes(out) == good
    (out / "stray.html").write_text("left behind")
    build(corpus, out, cache)
    assert not (out / "stray.html").exists()
    build(corpus, out, cache, "--base-url", "https://elsewhere.example/sub/")
    assert "https://elsewhere.example/sub/" in (out / "digest.json").read_text()


def test_damaged_cache_is_rebuilt_not_trusted(corpus, tmp_path):
    cache, out, fresh = tmp_path / "cache", tmp_path / "site", tmp_path / "fresh"
    build(corpus, out, cache)
    (cache / DB_NAME).write_bytes(b"\0garbage" * 500)
    write(corpus / "many" / "s05.txt", story_text(5).replace("Tuesday", "Friday"))
    assert build(corpus, out, cache) == 0
    build(corpus, fresh, None)
    assert site_bytes(out) == site_bytes(fresh)
    assert build(corpus, out, cache) == 0  # and the rebuilt cache works
    assert site_bytes(out) == site_bytes(fresh)


def test_story_cache_reuses_unchanged_stories(corpus, tmp_path, monkeypatch):
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(corpus, out, cache)
    computed = []
    real = pipeline._story_parts
    monkeypatch.setattr(pipeline, "_story_parts",
                        lambda arts, cfg, members, *rest: computed.append(members) or real(arts, cfg, members, *rest))
    write(corpus / "many" / "s07.txt", story_text(7).replace("Tuesday", "Monday"))
    build(corpus, out, cache)
    assert len(computed) == 1  # only the edited story was summarised again


def test_help_imports_no_heavy_modules():
    code = ("import sys\nfrom generator.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "main(['build', '--help'])\n"
            "heavy = {'jinja2', 'numpy', 'feedgen', 'yaml', 'markdown_it', 'scipy', 'sqlite3'} & set(sys.modules)\n"
            "print(sorted(heavy))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_build_from_a_folder_without_site_yaml(tmp_path):
    write(tmp_path / "content" / "solar.txt", WIRE)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    run = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "site" / "static" / "style.css").is_file()
    assert (tmp_path / ".cache" / DB_NAME).is_file()
    again = subprocess.run([sys.executable, "-m", "generator", "build", "--no-cache"], cwd=tmp_path, env=env,
                           capture_output=True, text=True)
    assert again.returncode == 0 and "(unchanged)" not in again.stdout


def test_parallel_map_keeps_order_and_every_item():
    from generator import parallel

    items = list(range(203))
    offset = 7  # a closure: workers inherit it through fork, nothing is pickled but indices and results
    assert parallel.parallel_map(lambda x: x * x + offset, items, 2) == [x * x + offset for x in items]
    assert parallel.parallel_map(lambda x: x, [], 2) == []
    assert list(parallel.parallel_imap(str, items[:5], 1)) == ["0", "1", "2", "3", "4"]


PARENT_ONLY = []  # filled by the test below in this process only: a forked worker would see it


def _clean_item_setup(payload: bytes):
    import pickle

    offset = pickle.loads(payload)
    return lambda i: (i * i + offset, len(PARENT_ONLY))


def test_clean_imap_keeps_order_and_starts_workers_clean():
    import pickle

    from generator import parallel

    PARENT_ONLY.append("heap of the build process")
    try:
        payload = pickle.dumps(7)
        got = list(parallel.clean_imap(_clean_item_setup, payload, 203, 2))
        assert got == [(i * i + 7, 0) for i in range(203)]  # in order, and nothing of this process's heap
        assert list(parallel.clean_imap(_clean_item_setup, payload, 3, 1)) == [(i * i + 7, 1) for i in range(3)]
        # apart: one job, still on a clean worker (the page workers beside a search index)
        assert list(parallel.clean_imap(_clean_item_setup, payload, 3, 1, apart=True)) == [(i * i + 7, 0) for i in range(3)]
        assert list(parallel.clean_imap(_clean_item_setup, payload, 0, 2)) == []
    finally:
        PARENT_ONLY.clear()


def _setup_dying_in_workers(payload: bytes):
    import multiprocessing
    import os

    if multiprocessing.parent_process() is not None:
        os._exit(3)  # as a worker killed for memory would
    return lambda i: i + len(payload)


def _square_and_parent_heap(x: int) -> tuple[int, int]:
    return x * x, len(PARENT_ONLY)


def _die_in_workers(x: int) -> int:
    import multiprocessing
    import os

    if multiprocessing.parent_process() is not None:
        os._exit(3)
    return -x


def test_clean_chunk_imap_keeps_order_sends_items_and_starts_workers_clean():
    from generator import parallel

    PARENT_ONLY.append("heap of the build process")
    try:
        items = list(range(600))  # more than one chunk per worker: results come back in input order
        assert list(parallel.clean_chunk_imap(_square_and_parent_heap, items, 2)) == [(x * x, 0) for x in items]
        assert list(parallel.clean_chunk_imap(_square_and_parent_heap, items[:3], 1)) == [(0, 1), (1, 1), (4, 1)]
        assert list(parallel.clean_chunk_imap(_square_and_parent_heap, [], 2)) == []
        # by columns (the read stage of a large build): a chunk comes back field by field, as the same rows
        assert list(parallel.clean_chunk_imap(_square_and_parent_heap, items, 2, columns=True)) == \
            [(x * x, 0) for x in items]
        assert parallel._apply_chunk_columns(_square_and_parent_heap, [3, 4]) == ([9, 16], [1, 1])
    finally:
        PARENT_ONLY.clear()


def test_clean_workers_that_die_leave_the_work_to_this_process():
    from generator import parallel

    assert list(parallel.clean_imap(_setup_dying_in_workers, b"xy", 40, 2)) == [i + 2 for i in range(40)]
    assert list(parallel.clean_chunk_imap(_die_in_workers, list(range(40)), 2)) == [-i for i in range(40)]
    assert parallel.background_map(_setup_dying_in_workers, b"xyz", 30, 1).result() == [i + 3 for i in range(30)]


def test_parallel_map_by_columns_gives_the_same_rows():
    """By columns (the read stage: articles apart from their features), a chunk's results travel field by field
    and come back as the same tuples, in order."""
    from generator import parallel

    rows = [(x, -x, str(x)) for x in range(600)]
    assert parallel.parallel_map(lambda x: (x, -x, str(x)), range(600), 2, columns=True) == rows
    assert parallel.parallel_map(lambda x: (x, -x, str(x)), range(600), 1, columns=True) == rows
    parallel._TASK = (lambda x: (x, x * x), [3, 4], True)
    try:  # what a worker sends back for a chunk: one list per field
        assert parallel._run_range((0, 2)) == ([3, 4], [9, 16])
    finally:
        parallel._TASK = None


def test_background_workers_take_their_cores_from_the_pools_started_beside_them(monkeypatch):
    """While background_map's workers run (the quotes beside grouping), a pool started without a job count gets
    the rest of the cores: on 2, none, and its items run here, one at a time (a lazy sequence is never
    materialised whole)."""
    from generator import parallel
    from generator.group_text import LazyList

    monkeypatch.setattr(parallel, "JOBS", 3)
    assert parallel.free_jobs() == 3
    pending = parallel.background_map(_setup_dying_in_workers, b"xy", 10, 2)
    assert parallel.free_jobs() == 1
    made = []
    lazy = LazyList(lambda i: made.append(i) or i, 5)
    PARENT_ONLY.append("heap of the build process")
    try:  # run here: they see this process's heap
        assert list(parallel.clean_chunk_imap(_square_and_parent_heap, lazy)) == [(i * i, 1) for i in range(5)]
    finally:
        PARENT_ONLY.clear()
    assert made == [0, 1, 2, 3, 4]
    PARENT_ONLY.append("heap of the build process")
    try:  # apart: on one worker started clean all the same (it does not see this heap)
        assert list(parallel.clean_chunk_imap(_square_and_parent_heap, list(range(5)), apart=True)) == \
            [(i * i, 0) for i in range(5)]
    finally:
        PARENT_ONLY.clear()
    assert pending.result() == [i + 2 for i in range(10)]
    assert parallel.free_jobs() == 3  # collected: the cores are free again
    cancelled = parallel.background_map(_setup_dying_in_workers, b"xy", 10, 1)
    assert parallel.free_jobs() == 2
    cancelled.cancel()
    assert parallel.free_jobs() == 3


def test_theme_change_is_not_skipped(corpus, tmp_path, capsys):
    project = tmp_path / "project"
    static = project / "themes" / "default" / "static"
    write(static / "style.css", "body { color: black }\n")
    write(project / "site.yaml", "title: Theme test\n")
    args = ["build", "--content", str(corpus), "--output", str(project / "site"), "--config",
            str(project / "site.yaml"), "--cache-dir", str(project / ".cache")]
    assert main(args) == 0 and main(args) == 0
    assert "(unchanged)" in capsys.readouterr().out
    write(static / "style.css", "body { color: navy }\n")
    assert main(args) == 0
    assert "(unchanged)" not in capsys.readouterr().out
    assert (project / "site" / "static" / "style.css").read_text() == "body { color: navy }\n"


def test_files_written_beside_the_writer_are_in_the_manifest(corpus, tmp_path, monkeypatch, capsys):
    """A renderer may add files straight into the build folder (a search indexer does): still skippable."""
    import generator.render as render

    real = render.render_site

    def with_extra(digest, config, root, writer, *args, **kwargs):
        result = real(digest, config, root, writer, *args, **kwargs)
        (writer.tmp / "index-extra").mkdir()
        (writer.tmp / "index-extra" / "part.bin").write_bytes(b"\x00\x01")
        return result

    monkeypatch.setattr(render, "render_site", with_extra)
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(corpus, out, cache)
    build(corpus, out, cache, "--jobs", "1")
    assert (out / "index-extra" / "part.bin").read_bytes() == b"\x00\x01"
    main(["build", "--content", str(corpus), "--output", str(out), "--config", str(corpus / "none.yaml"),
          "--cache-dir", str(cache)])
    assert "(unchanged)" in capsys.readouterr().out


def test_same_articles_reuse_the_grouping(corpus, tmp_path, monkeypatch):
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(corpus, out, cache)
    import generator.group as group

    calls = []
    real = group.group_articles
    monkeypatch.setattr(group, "group_articles", lambda *a, **k: calls.append(1) or real(*a, **k))
    build(corpus, out, cache, "--base-url", "https://other.example/")  # same articles: grouping reused
    assert calls == []
    write(corpus / "many" / "s01.txt", story_text(1).replace("spring", "autumn"))
    build(corpus, out, cache)
    assert calls == [1]


def _age(folder: Path, seconds: int) -> None:
    """Give every file under folder a modification time `seconds` ago (a corpus older than the racy window)."""
    import time

    old = time.time_ns() - seconds * 10**9
    for p in folder.rglob("*"):
        if p.is_file():
            os.utime(p, ns=(old, old))


def test_old_unchanged_files_are_not_read_again_but_a_same_size_edit_with_its_old_mtime_is(corpus, tmp_path,
                                                                                          monkeypatch):
    import generator.sources_files as sources_files

    cache, out, fresh = tmp_path / "cache", tmp_path / "site", tmp_path / "fresh"
    _age(corpus, 3600)
    assert build(corpus, out, cache) == 0
    reads: list[str] = []
    real_read = sources_files.read_capped
    monkeypatch.setattr(sources_files, "read_capped", lambda path, *a: reads.append(path.name) or real_read(path, *a))
    assert build(corpus, out, cache) == 0
    assert reads == []  # the stat records from the first build stand for the bytes
    assert build(corpus / "many" / "..", out, cache) == 0
    assert reads == []  # the same folder, named otherwise: the same records
    # Same size, same modification time: only the change time (which no one can set) tells the edit apart.
    target = corpus / "many" / "s03.txt"
    before = target.stat()
    target.write_text(story_text(3).replace("6 votes", "9 votes"), encoding="utf-8")
    assert target.stat().st_size == before.st_size
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert build(corpus, out, cache) == 0
    assert "s03.txt" in reads
    assert build(corpus, fresh, None) == 0
    assert site_bytes(out) == site_bytes(fresh)


def test_a_stat_record_taken_right_after_a_change_is_not_trusted(corpus, tmp_path, monkeypatch):
    """A file modified just before (or while) a build could change again within its timestamp resolution without
    its mtime moving: its record is not trusted and the file is read again (git's racy-timestamp rule)."""
    import generator.sources_files as sources_files

    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build(corpus, out, cache) == 0  # files written a moment ago
    reads: list[str] = []
    real_read = sources_files.read_capped
    monkeypatch.setattr(sources_files, "read_capped", lambda path, *a: reads.append(path.name) or real_read(path, *a))
    assert build(corpus, out, cache) == 0
    assert "s03.txt" in reads


@pytest.mark.parametrize("apart", [False, True])
def test_timings_give_wall_and_cpu_seconds_for_every_stage(corpus, tmp_path, monkeypatch, capsys, apart):
    """NEWSDIGEST_TIMINGS=1 (bench/scale.py reads it) prints each stage's wall and CPU seconds, also when the
    stages ran in a forked child; a stage that burns CPU shows it."""
    import re
    import time

    monkeypatch.setenv("NEWSDIGEST_TIMINGS", "1")
    monkeypatch.setattr(pipeline, "APART_MIN_FILES", 0 if apart else 10**9)
    real_group = pipeline.group_stage

    def busy_group(state):  # half a second of CPU in this process, in the stage it belongs to
        end = time.process_time() + 0.5
        while time.process_time() < end:
            pass
        real_group(state)

    monkeypatch.setattr(pipeline, "STAGES", [(n, busy_group if n == "group" else f) for n, f in pipeline.STAGES])
    assert build(corpus, tmp_path / "out", None, "--jobs", "1") == 0
    err = capsys.readouterr().err
    wall, cpu = ({k: float(v) for k, v in re.findall(r"(\w+) ([0-9.]+)s", re.search(rf"^{label}: (.*)$", err, re.M)[1])}
                 for label in ("timings", "cpu"))
    stages = ["scan", "read", "quotes", "group", "stories", "digest", "render"]
    assert list(wall) == stages and list(cpu) == stages
    assert 0.5 <= cpu["group"] and cpu["group"] <= wall["group"] + 0.5
    assert all(v >= 0 for v in cpu.values())


def test_gc_paused_turns_the_collector_off_inside_and_restores_it():
    import gc

    from generator.memory import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested: the outer block's state comes back
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with gc_paused():
            raise RuntimeError("a stage failed")
    assert gc.isenabled()
    gc.disable()
    try:  # a caller that had it off keeps it off
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("apart", [False, True])
def test_the_stages_run_without_automatic_gc_and_rendering_with_it(corpus, tmp_path, monkeypatch, apart):
    """The stages build up every article's data with the cyclic collector paused (memory.gc_paused); rendering,
    and whatever runs after the build, has it back."""
    import gc
    import json

    monkeypatch.setattr(pipeline, "APART_MIN_FILES", 0 if apart else 10**9)
    seen = {}

    def watched(name, stage):
        def run(state):
            seen[name] = gc.isenabled()
            stage(state)
        return run

    monkeypatch.setattr(pipeline, "STAGES", [(n, watched(n, f)) for n, f in pipeline.STAGES])
    from generator import render

    real_render = render.render_site

    def watched_render(*args, **kwargs):
        seen["render"] = gc.isenabled()
        return real_render(*args, **kwargs)

    monkeypatch.setattr(render, "render_site", watched_render)
    seen_path = tmp_path / "seen.json"
    if apart:  # the stages run in a forked child: it reports what it saw through a file
        real_stages = pipeline._run_stages

        def reporting(state):
            real_stages(state)
            seen_path.write_text(json.dumps(seen))
        monkeypatch.setattr(pipeline, "_run_stages", reporting)
    assert build(corpus, tmp_path / "out", None, "--jobs", "1") == 0
    if apart:
        seen.update(json.loads(seen_path.read_text()))
    assert seen == {"read": False, "quotes": False, "group": False, "stories": False, "digest": False, "render": True}
    assert gc.isenabled()


def test_freed_memory_goes_back_to_the_system_while_pages_are_written(corpus, tmp_path, monkeypatch):
    """Every TRIM_PAGES pages written the build hands freed memory back (render.TRIM_PAGES)."""
    import generator.render as render

    calls = []
    monkeypatch.setattr(render, "TRIM_PAGES", 3)
    monkeypatch.setattr(render, "release_memory", lambda: calls.append(1))
    assert build(corpus, tmp_path / "out", None, "--jobs", "1") == 0
    pages = sum(1 for _ in (tmp_path / "out").rglob("index.html"))
    assert pages >= 6 and len(calls) == pages // 3


def test_stages_apart_keep_the_scan_records_of_files_still_there_and_prune_the_rest(corpus, tmp_path, monkeypatch):
    """With the stages in a forked child, the child prunes the scan's file records (the build process let go of
    its record of which were used): a file still there keeps its record, a removed one loses it."""
    from generator.cache import BuildCache

    monkeypatch.setattr(pipeline, "APART_MIN_FILES", 0)
    cache_dir = tmp_path / "cache"
    assert build(corpus, tmp_path / "out", cache_dir, "--jobs", "2") == 0
    with BuildCache(cache_dir) as cache:
        first = set(cache.get_all("fstat"))
    assert "zz/same-as-s04.txt" in first and "many/s05.txt" in first
    (corpus / "zz" / "same-as-s04.txt").unlink()
    write(corpus / "many" / "s05.txt", story_text(5).replace("harbour plan", "harbour plan, at last"))
    assert build(corpus, tmp_path / "out", cache_dir, "--jobs", "2") == 0
    with BuildCache(cache_dir) as cache:
        assert set(cache.get_all("fstat")) == first - {"zz/same-as-s04.txt"}


def test_the_scan_stats_each_content_file_once(corpus, tmp_path, monkeypatch):
    """The file record the scan stage keeps comes from the stat the content scan took (to bound the total size),
    not from a second one; the records still let the next scan skip reading the files."""
    from generator.cache import BuildCache

    real_stat, seen = os.stat, []

    def counting(path, *args, **kwargs):
        seen.append(os.fspath(path))
        return real_stat(path, *args, **kwargs)

    with BuildCache(tmp_path / "cache") as cache:
        state = pipeline.BuildState(Config(), corpus, cache=cache)
        monkeypatch.setattr(os, "stat", counting)
        pipeline.scan_stage(state)
        monkeypatch.setattr(os, "stat", real_stat)
        files = [os.fspath(e.path) for e in state.entries]
        assert len(files) >= 12 and all(seen.count(f) == 1 for f in files)
        assert len(cache.get_all("fstat")) == len(files)
