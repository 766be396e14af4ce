"""Render the digest: Jinja2 pages, feeds, digest.json, build report and theme assets, written atomically."""
from __future__ import annotations

import copyreg
import json
import os
import pickle
import shutil
import sys
from dataclasses import fields
from pathlib import Path
from typing import Iterable, Iterator

from generator.config import Config
from generator.links import safe_url, story_path, text_fragment_url  # noqa: F401  (re-exported)
from generator.memory import release_memory
from generator.model import Digest, Story
from generator.pages import Edition, Outlet, Speaker
from generator.render_env import (PROJECT_THEMES, add_name_index, human_date, make_env, page_renderer,  # noqa: F401
                                  static_dir, theme_dirs)

# -- reusing unchanged pages ------------------------------------------------------------------------------
# A page is a function of its template inputs (the PageSpec: path, template, context), the templates, the
# config and the generator's code, plus whatever it reads from the whole site while rendering: the digest
# (through _TrackedDigest) and the outlet/speaker name index. Its cache key hashes the inputs (stories by
# their content hash, so a listing's key stays small); the site-wide reads are recorded during rendering
# with the value seen, and the previous page is reused only when its key matches, every recorded read gives
# the same value now, and the previous output still holds that page's file unmodified (it is hard-linked).
SEARCH_BODY = "data-pagefind-body"
STORIES = "stories/"  # where story pages live (generator.links.story_path)
# From this many pages to render, page workers start clean (see _render_pages). Below it forked ones copy
# less (10,000 articles, 14,500 pages: 100-150 MB private each), and a clean worker's start (imports,
# templates, the unpickled site) costs ~0.4 s of CPU: 1.0-1.3 s more CPU for a 5,000-article cold build.
CLEAN_MIN_PAGES = 20_000
CACHE_BATCH = 5000  # page entries and story records stored in the cache per transaction, not all at the end
# Every this many pages written, freed memory goes back to the system (memory.release_memory): each page's HTML
# arrives from a worker, is encoded and hashed here, and glibc kept the freed buffers (20,000 articles: the build
# process's peak 206 -> 193 MiB; one trim costs 1-90 ms).
TRIM_PAGES = 2000


def _stories_only(marked: list[str]) -> bool:
    return all(rel.startswith(STORIES) for rel in marked)


_LISTINGS = frozenset((Edition, Outlet, Speaker))  # listing objects: keyed by the hash of their value, memoised


def _named(name: str) -> str:
    """Stands for a story or listing in a page's key pickle (see _KeyPickler); never called."""
    return name


class _KeyPickler(pickle.Pickler):
    """Pickles page inputs for their cache key (see _PageKeys._pickled): a story as its content hash, a listing
    object as the hash of its value. Through a dispatch table, which the C pickler consults only for objects
    that are not plain data (a persistent_id hook is called back for every string and number: 100,000 articles,
    7 of the 11 s the keys took).

    Without memo (fast mode): a memo writes an object met twice as a back-reference, so one value pickled
    differently depending on which of its parts were one object, and that depends on where it was made. A story
    summarised in the build process and the same story unpickled from the cache or a worker got different keys:
    the first rebuild of a site summarised in one process (under 200 stories, or after `--jobs 1`) rendered every
    page again (5,000 articles: 7,278 pages instead of 112 after one added article). Page inputs hold no cycles."""

    def __init__(self, file, keys: "_PageKeys | None" = None):
        super().__init__(file, protocol=4)
        if keys is not None:
            self.dispatch_table = keys.dispatch
        self.fast = True


def _value_bytes(value, keys: "_PageKeys | None" = None) -> bytes:
    """value's pickle without memo (see _KeyPickler): equal values give equal bytes wherever they were made."""
    import io

    buffer = io.BytesIO()
    _KeyPickler(buffer, keys).dump(value)
    return buffer.getvalue()


class _PageKeys:
    """Cache keys of pages and current values of the site-wide reads they recorded."""

    def __init__(self, digest: Digest, salt: str, index: dict[str, dict[str, str]]):
        self.digest, self.salt, self.index = digest, salt, index
        self._story: dict[int, str] = {}
        self._attr: dict[str, str] = {}
        self._memo: dict[int, tuple] = {}
        self.dispatch = copyreg.dispatch_table.copy()
        self.dispatch[Story] = lambda story: (_named, ("story:" + self.story_hash(story),))
        for kind in _LISTINGS:
            self.dispatch[kind] = lambda obj: (_named, (type(obj).__qualname__ + ":" + self.listing_hash(obj),))

    def story_hash(self, story: Story) -> str:
        from generator.cache import digest as hash_of

        h = self._story.get(id(story))
        if h is None:
            h = self._story[id(story)] = hash_of(_value_bytes(story))
        return h

    def _pickled(self, value) -> bytes:
        """Bytes that determine everything a template can read from value: its pickle, with stories by content
        hash and the listing objects of generator.pages (an outlet with all its stories, a day, a speaker) by
        the hash of their own such pickle, memoised, as they recur on every page of a listing (their full value
        in every page's key made the keys of a large site cost quadratic time)."""
        return _value_bytes(value, self)

    def listing_hash(self, obj) -> str:
        from generator.cache import digest as hash_of

        memo = self._memo.get(id(obj))
        if memo is None or memo[0] is not obj:
            # its state, not obj itself (which the pickler would name by this very hash)
            state = {f.name: getattr(obj, f.name) for f in fields(obj)}  # (slots dataclasses: no vars())
            memo = self._memo[id(obj)] = (obj, hash_of(self._pickled(state)))  # obj kept alive: id not reused
        return memo[1]

    def key(self, page) -> str:
        from generator.cache import digest as hash_of

        return hash_of(self.salt, page.path, page.template, self._pickled((page.context, page.lastmod)))

    def value(self, kind: str, name: str):
        """What a recorded read gives in this build."""
        if kind == "digest":
            if name not in self._attr:
                from generator.cache import digest as hash_of

                self._attr[name] = hash_of(self._pickled(getattr(self.digest, name, None)))
            return self._attr[name]
        return self.index[kind].get(name)

    def recorded(self, deps) -> list[tuple]:
        """deps as stored: (kind, name, value), the digest's attributes by hash."""
        return sorted({(kind, name, self.value(kind, name) if kind == "digest" else value)
                       for kind, name, value in deps})

    def still_valid(self, deps) -> bool:
        return all(self.value(kind, name) == value for kind, name, value in deps)


def page_salt(config: Config, root: Path, code_fp: str, has_search: bool) -> str:
    """Everything every page depends on besides its own inputs: code, config, templates, search on/off."""
    from generator.cache import digest as hash_of, tree_fingerprint

    return hash_of(code_fp, repr(sorted(vars(config).items(), key=lambda kv: kv[0])),
                   tree_fingerprint(theme_dirs(config, root)), str(has_search))


def digest_json(digest: Digest, config: Config, records: Iterable[str] | None = None) -> str:
    """digest.json. records: story_json of each story, e.g. from the cache (the same bytes, assembled)."""
    return "".join(digest_json_parts(digest, config, records))


def digest_json_parts(digest: Digest, config: Config, records: Iterable[str] | None = None) -> Iterator[str]:
    """digest_json() in pieces, a story's record at a time (for SiteWriter.write_parts); records: each story's
    story_json, in order, when known."""
    data = {
        "title": config.title,
        "base_url": config.base,
        "updated": digest.updated.isoformat() if digest.updated else None,
        "stories": [],
    }
    if not digest.stories:
        yield json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
        return
    head = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
    assert head.endswith('"stories": []\n}')
    yield head[:-len("[]\n}")] + "[\n"
    records = iter(records) if records is not None else (story_json(story, config) for story in digest.stories)
    for k, record in enumerate(records):
        # a record's JSON text has no raw newline: its lines are indented one level deeper
        yield ("  " if k == 0 else ",\n  ") + record.replace("\n", "\n  ")
    yield "\n ]\n}\n"


def _cached_records(digest: Digest, config: Config, cache, page_keys: _PageKeys) -> Iterator[str]:
    """story_json of each story, in order: from the cache by the story's content hash and the base URL, else
    made and stored; CACHE_BATCH stories at a time (100,000 articles: 42,000 records, ~0.1 GB of text)."""
    from generator.cache import digest as hash_of

    stories = digest.stories
    for start in range(0, len(stories), CACHE_BATCH):
        part = stories[start:start + CACHE_BATCH]
        keys = [hash_of(page_keys.story_hash(story), config.base) for story in part]
        found = cache.get_many("json", keys)
        records = [found.get(k) if isinstance(found.get(k), str) else story_json(story, config)
                   for k, story in zip(keys, part)]
        cache.put_many("json", {k: r for k, r in zip(keys, records) if k not in found})
        yield from records


def story_json(story: Story, config: Config) -> str:
    """One story's record as digest.json writes it, at the top level."""
    return json.dumps(story_record(story, config), ensure_ascii=False, indent=1, sort_keys=False)


def story_record(story: Story, config: Config) -> dict:
    return {
        "id": story.id,
        "url": config.base + story_path(story),
        "title": story.title,
        "date": story.date.isoformat(),
        "updated": story.updated.isoformat(),
        "summary": story.summary,
        "quotes": [{"text": q.text, "speaker": q.speaker, "role": q.role, "source": safe_url(q.source)}
                   for q in story.quotes],
        "sources": [{"url": safe_url(s.url), "outlet": s.outlet, "title": s.title, "date": s.date.isoformat(),
                     "file": s.file, "copy_group": s.copy_group, "similarity": s.similarity, "reason": s.reason}
                    for s in story.sources],
    }


def render_site(digest: Digest, config: Config, root: Path, writer, progress=None, cache=None) -> list[str]:
    """Write every page, feed and asset through `writer` (a SiteWriter). Returns warnings (e.g. no search).

    With a build cache (generator.cache.BuildCache) and a writer that offers the previous site's files,
    pages whose inputs are unchanged are hard-linked from the previous site instead of rendered."""
    from generator.build_report import build_report, report_json_parts
    from generator.feeds import atom_feed, feed_config_problems, rss_feed
    from generator.feeds_json import json_feed
    from generator.feeds_opml import opml
    from generator.pages import PageSpec, site_pages
    from generator.search import (BUNDLE_DIR, SHARDS_FILE, ShardedSearch, pagefind_executable, plan_shards,
                                  shards_json, start_search_index)
    from generator.seo import robots_txt, sitemap_xml_parts

    warnings = [f"config: {problem}" for problem in feed_config_problems(config)]
    has_search = bool(config.search) and pagefind_executable() is not None
    if config.search and not has_search:
        warnings.append("search: pagefind binary not found (pip install 'pagefind[bin]'); site built without search")
    env = make_env(config, root, has_search)
    index = add_name_index(env, digest)
    report = build_report(digest, config)
    pages = site_pages(digest, config)
    pages.append(PageSpec("report/", "report.html", {"report": report}, None))
    render_page = page_renderer(env, digest)

    reuse = getattr(writer, "reuse", None)
    adopted = getattr(writer, "existing", {})
    keys: list[str | None] = [None] * len(pages)
    done: dict[int, tuple] = {}  # page number -> (content hash, deps, marked) of the previous site's file
    if cache is not None and reuse:
        page_keys = _PageKeys(digest, page_salt(config, root, cache.code_fp, has_search), index)
        keys = [page_keys.key(page) for page in pages]
        hits = cache.get_many("page", keys)
        for n, (page, key) in enumerate(zip(pages, keys)):
            hit = hits.get(key)
            # the file is in the adopted spare folder (no stat: SiteWriter checked it) or in the live site
            rel = page.path + "index.html"
            if (isinstance(hit, tuple) and len(hit) == 3
                    and (adopted.get(rel) == hit[0] or reuse.get(rel) == hit[0])
                    and page_keys.still_valid(hit[1])):
                done[n] = hit
    elif cache is not None:
        page_keys = _PageKeys(digest, page_salt(config, root, cache.code_fp, has_search), index)
        keys = [page_keys.key(page) for page in pages]
    # The 404 page and theme assets first, then story pages, then the listings: Pagefind can start on the
    # story pages while the listings are written (see below).
    marked: list[str] = []  # pages that tell Pagefind what to index (data-pagefind-body)
    not_found, _ = render_page(PageSpec("404.html", "404.html", {}, None))
    writer.write_text("404.html", not_found)
    if SEARCH_BODY in not_found:
        marked.append("404.html")
    static = static_dir(config, root)
    for asset in sorted(static.rglob("*")):
        if asset.is_file():
            writer.copy_file(asset, "static/" + asset.relative_to(static).as_posix())
            if asset.suffix.lower() in (".html", ".htm"):
                marked.append("static/")  # an HTML asset: let Pagefind look at every page
    is_story = [page.path.startswith(STORIES) for page in pages]
    story_ns = [n for n in range(len(pages)) if is_story[n]]
    # A sharded search index (search.plan_shards) starts on each shard as soon as its story pages are written:
    # story pages are written shard by shard (until then, Pagefind waited for all of them: 100,000 articles, 16
    # shards). When every story page is marked for Pagefind and nothing else is, as with the default theme.
    site_dir = getattr(writer, "tmp", None)  # the folder being built, indexed before it is swapped in
    searching = has_search and site_dir is not None
    listing_marked = any(done[n][2] for n in done if not is_story[n])
    early = searching and not marked and not listing_marked
    if early:
        shard_k, shard_members = plan_shards([pages[n].path + "index.html" for n in story_ns])
        early = shard_k > 1
    if early:
        shard_of_rel = {rel: j for j, rels in enumerate(shard_members) for rel in rels}
        story_ns.sort(key=lambda n: shard_of_rel[pages[n].path + "index.html"])
        unwritten = [len(rels) for rels in shard_members]
    order = story_ns + [n for n in range(len(pages)) if not is_story[n]]
    stories = len(story_ns)
    todo = [pages[n] for n in order if n not in done]
    for name in sorted({page.template for page in todo}):  # compiled once, before any worker forks
        env.get_template(name)
    # A large site's story pages are indexed while the rest is rendered: Pagefind then takes a core of its own, and
    # the page workers one fewer (each holds the whole digest and every page: 100,000 articles, ~0.4 GB apiece)
    large_site = len(pages) >= CLEAN_MIN_PAGES
    rendered = _render_pages(render_page, todo, (config, root, has_search, digest), beside_search=early and large_site)
    # a large site's listings rendered on clean page workers while its story pages are indexed: one Pagefind run
    # at a time meanwhile (100,000 articles: two page workers of ~0.6 GB and two Pagefind runs of ~0.3 GB were the
    # build's peak; 3.97 -> 3.61 GB). A smaller site keeps both runs: its second shard would otherwise wait for
    # the listings and end the build later (10,000 articles: rendering 9.5 -> 16 s)
    # (a rebuild's few changed pages of a large site go to forked workers: with two Pagefind runs beside them,
    # 100,000 articles, the build took 2.0 GB, with one run beside two workers 1.75 GB; each of those workers holds
    # its own share of the digest, so they too get a core fewer: on two cores the pages are rendered here)
    pool = _page_pool(len(todo))
    rendering_on_workers = pool == "clean" or (pool == "forked" and large_site)
    fresh: dict[str, object] = {}
    # Pagefind indexes only the pages marked data-pagefind-body when any page is; when all those are story
    # pages (the default theme), it need not parse the listings at all (the same index, sooner). It starts
    # as soon as the story pages are written when no listing is known to be marked (a listing page reused
    # from the previous site says whether it is); should a listing rendered later turn out to be marked,
    # that run is stopped and the whole site indexed instead.
    search = None

    def start_search(stories_only: bool):
        """Only story pages are marked: the sharded index of the marked story pages (see generator.search),
        each shard reused from the live site when its pages are unchanged. Else one index of the site."""
        if not stories_only:
            return start_search_index(Path(site_dir))
        story_pages = {rel: writer.hashes[rel] for rel in marked if rel in writer.hashes}
        return ShardedSearch(Path(site_dir), story_pages, live=getattr(writer, "out", None), cache=cache,
                             glob=STORIES + "**/*.html", narrow=rendering_on_workers)
    try:
        if early:
            search = ShardedSearch(Path(site_dir), None, live=getattr(writer, "out", None), cache=cache,
                                   glob=STORIES + "**/*.html", narrow=rendering_on_workers,
                                   expected=[rel for rels in shard_members for rel in rels])
        for i, n in enumerate(order):
            if i == stories and searching and marked and not listing_marked and _stories_only(marked):
                _drop_stale(writer, STORIES, ".html")  # every story page is written: older ones must not be indexed
                if search is None:
                    search = start_search(True)
            page = pages[n]
            rel = page.path + "index.html"
            if n in done and writer.link_unchanged(rel, done[n][0]):
                is_marked = done[n][2]
            else:
                html, deps = next(rendered) if n not in done else render_page(page)
                writer.write_text(rel, html)
                is_marked = SEARCH_BODY in html
                if keys[n] is not None:
                    fresh[keys[n]] = (writer.hashes[rel], page_keys.recorded(deps), is_marked)
                    if len(fresh) >= CACHE_BATCH:  # stored as they come, not all held to the end
                        cache.put_many("page", fresh)
                        fresh.clear()
            if is_marked:
                marked.append(rel)
            if early and i < stories:
                if not is_marked:  # a story page Pagefind would not index: the shards are planned at the end
                    early = False
                    search.cancel()
                    shutil.rmtree(Path(site_dir) / BUNDLE_DIR, ignore_errors=True)
                    search = None
                else:
                    j = shard_of_rel[rel]
                    unwritten[j] -= 1
                    if not unwritten[j]:
                        search.ready(j, writer.hashes)
            if progress:
                progress(i + 1, len(pages))
            if i % TRIM_PAGES == TRIM_PAGES - 1:
                release_memory()
        # The page workers are done: close the pool now, not when this function returns, or they stay
        # alive through the search index and the feeds (at 100,000 articles, 3 GB of copy-on-write pages).
        rendered.close()
        if isinstance(search, ShardedSearch):
            search.widen()  # the page workers' cores and memory are free now
        # Every HTML file is written now: Pagefind indexes them while the feeds and JSON files are made.
        if searching:
            stories_only = bool(marked) and _stories_only(marked)
            if search is not None and not stories_only:
                search.cancel()
                shutil.rmtree(Path(site_dir) / BUNDLE_DIR, ignore_errors=True)
                search = None
            if search is None:
                _drop_stale(writer, "", ".html")
                search = start_search(stories_only)
            writer.write_text(SHARDS_FILE, shards_json(getattr(search, "k", 1)))  # what search.js merges
        elif has_search:
            writer.write_text(SHARDS_FILE, shards_json(1))
        if cache is not None:
            cache.put_many("page", fresh)
            cache.prune("page")
        writer.write_bytes("feed.xml", rss_feed(digest, config, env))
        writer.write_bytes("atom.xml", atom_feed(digest, config, env))
        writer.write_text("feed.json", json_feed(digest, config, env))
        writer.write_text("opml.xml", opml(digest, config))
        records = _cached_records(digest, config, cache, page_keys) if cache is not None else None
        writer.write_parts("digest.json", digest_json_parts(digest, config, records))
        if cache is not None:
            cache.prune("json")
        writer.write_parts("build-report.json", report_json_parts(report))
        writer.write_parts("sitemap.xml", sitemap_xml_parts(pages, config))
        writer.write_text("robots.txt", robots_txt(config))
        writer.write_text(".nojekyll", "")  # GitHub Pages: serve files as they are, no Jekyll processing
    except BaseException:
        if search is not None:
            search.cancel()
        raise
    problem = search.wait() if search is not None else None
    if problem:
        warnings.append(problem)
    if isinstance(search, ShardedSearch) and os.environ.get("NEWSDIGEST_TIMINGS"):
        print(f"search: {search.k} shard(s), {len(search.indexed)} indexed (wall {sum(search.seconds.values()):.2f}s, "
              f"Pagefind cpu {sum(search.cpu.values()):.2f}s, largest Pagefind RSS {search.max_rss / 2**20:.0f} MiB), "
              f"{len(search.reused)} reused, {sum(search.seeded.values())} files seeded", file=sys.stderr)
    return warnings


def _render_pages(render_page, todo: list, site: tuple, beside_search: bool = False
                  ) -> Iterator[tuple[str, list[tuple]]]:
    """render_page(page) for each page, in order: in this process when there are few; on forked page workers
    for a mid-sized site; for a large one on workers started clean (parallel.clean_imap) from the pickled pages
    and site (config, root, has_search, digest), as forked ones came to hold 1.3-1.5 GB each at 100,000
    articles (copy-on-write of the build's heap)."""
    import pickle

    from generator import parallel
    from generator.render_env import page_worker

    pool = _page_pool(len(todo))
    if pool == "here":
        yield from map(render_page, todo)
    elif pool == "forked":
        # beside a large site's search (a rebuild's changed pages): one worker fewer, here when that leaves one
        yield from parallel.parallel_imap(render_page, todo, jobs=parallel.JOBS - 1 if beside_search else None)
    else:
        # no local name for the payload: clean_imap lets go of it once the workers have it
        yield from parallel.clean_imap(page_worker, pickle.dumps((*site, todo), protocol=pickle.HIGHEST_PROTOCOL),
                                       len(todo), jobs=parallel.JOBS - 1 if beside_search else None, apart=True)


def _page_pool(pages: int) -> str:
    """Where _render_pages renders this many pages: "here", on "forked" workers or on "clean" ones."""
    from generator import parallel

    if parallel.JOBS <= 1 or pages < parallel.PARALLEL_MIN_PAGES:
        return "here"
    return "forked" if pages < CLEAN_MIN_PAGES else "clean"


def _drop_stale(writer, prefix: str, suffix: str) -> None:
    drop = getattr(writer, "drop_stale", None)  # a writer building into an adopted older site
    if drop is not None:
        drop(prefix, suffix)


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal (never in logs or with --quiet)."""

    def __init__(self, enabled: bool, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = enabled and self.stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < 20:  # short builds finish before a bar would help
            return
        width = 30
        filled = width * done // total
        self.stream.write(f"\rrendering [{'#' * filled}{' ' * (width - filled)}] {done}/{total} pages")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()
