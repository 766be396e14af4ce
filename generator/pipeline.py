"""The build pipeline as a named list of stages over one state object (cf. markdown-it's parser_core).

Speed lives here, around the stage functions, never inside them: per-file parse results and per-story
summaries+quotes come from the content-hash cache (generator/cache.py) when their inputs are unchanged,
misses run on a fork-based process pool above a size threshold (results are collected in input order,
so they are identical to a serial run), and an unchanged input with an intact output skips the build.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator.config import Config
from generator.forked import call_in_child
from generator.memory import gc_paused, release_memory
from generator.model import Article, Diagnostic, Digest, Story, StoryGroup
from generator.packed import PackedArticle, PackedArticles, unpacked, without_text
from generator.parallel import can_fork, clean_chunk_imap, cpu_seconds, parallel_imap, parallel_map
from generator.quotes_stage import quotes_stage

PARALLEL_MIN_FILES = 1500  # parsing a file costs ~0.1 ms: below this a pool costs more than it saves
PARALLEL_MIN_STORIES = 200  # a story's summary and quotes cost ~1-4 ms
PARALLEL_MIN_FEATURES = 1000  # an article's grouping features cost ~0.5 ms


@dataclass
class BuildState:
    config: Config
    content_dir: Path
    articles: list[Article] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    groups: list[StoryGroup] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    digest: Digest | None = None
    cache: object | None = None  # a generator.cache.BuildCache, or None for --no-cache
    jobs: int = 1
    entries: list = field(default_factory=list)  # sources_files.Entry per candidate file, in read order
    scan_diagnostics: list[Diagnostic] = field(default_factory=list)
    file_keys: list[tuple[str, str | None]] = field(default_factory=list)  # (path, content hash) per file
    byte_hashes: list[bytes | None] = field(default_factory=list)  # per entry, for duplicate-file detection
    article_keys: list[str] = field(default_factory=list)  # per article: hash of its file
    fingerprint: str = ""  # every input of the build (set by the `before` hook, incremental.Previous.check)
    unchanged: bool = False  # same inputs as the last build and its output intact: nothing to do
    counts: tuple[int, int] = (0, 0)  # articles read, stories
    warnings: list[str] = field(default_factory=list)  # render warnings, restored on an unchanged build
    timings: dict[str, float] = field(default_factory=dict)  # wall seconds per stage
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds per stage (parallel.cpu_seconds)
    fresh: list[int] = field(default_factory=list)  # articles parsed this run (not from the cache), in order
    # grouping features (group_text.compact_features) of the fresh articles, made by the worker that parsed them
    fresh_features: dict[int, tuple] = field(default_factory=dict)
    quotes_pending: object | None = None  # parallel.Pending: quotes of `fresh` articles, extracted meanwhile
    # per story (as `stories`): (number of a key quote, why) for each not found verbatim (build_report.quote_problems)
    quote_problems: list[list[tuple[int, str]]] = field(default_factory=list)

    def release_articles(self) -> None:
        """Drop the articles and what grouping made of them, once the digest is made: rendering needs only
        the digest, and the text of every article is the largest thing a build holds."""
        self.articles, self.groups, self.entries, self.fresh = [], [], [], []
        self.fresh_features, self.quote_problems = {}, []
        release_memory()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


# -- read -----------------------------------------------------------------------------------------------
def scan_stage(state: BuildState) -> None:
    """Find the content (sources.scan) and hash every file: keys for the parse cache and the build fingerprint.
    A file whose stat record (path, size, mtime, ctime, inode, device) is the one the cache holds for it,
    taken at least RACY_SECONDS after its last modification, keeps its recorded hashes unread (git's rule
    against racy timestamps: a change within the file system's timestamp resolution of the record would not
    show)."""
    import time

    from generator.cache import digest
    from generator.sources_files import ReadError, read_capped, same_bytes, scan

    entries, diags = scan(state.content_dir)
    state.entries = sorted(entries, key=lambda e: e.rel)  # read_content's order
    state.scan_diagnostics = diags
    known = state.cache.get_many("fstat", [e.rel for e in state.entries]) if state.cache is not None else {}
    now = time.time_ns()
    keys, records = [], {}
    # the record names a file by its absolute path, however the content folder was given (relative to one
    # working folder, or absolute): a build started elsewhere then finds the same records
    where = os.path.abspath(state.content_dir) + os.sep
    for entry in state.entries:
        stat = _file_stat(entry, where + entry.rel) if state.cache is not None else None
        record = known.get(entry.rel)
        if (stat is not None and isinstance(record, tuple) and len(record) == 4 and record[0] == stat
                and stat[2] < record[1] - RACY_SECONDS * 10**9):
            keys.append((entry.rel, record[2], record[3]))
            continue
        try:
            raw = read_capped(entry.path)
        except ReadError:
            keys.append((entry.rel, None, None))  # read_article reports it; never cached
            continue
        # same-bytes hash as read_content's duplicate check, and the cache key (name decides the format),
        # made from it: the bytes are hashed once
        same = same_bytes(raw)
        keys.append((entry.rel, digest(entry.rel, entry.path.name, same), same))
        if stat is not None:  # taken before the read: a change during it differs from the record next time
            records[entry.rel] = (stat, now, keys[-1][1], same)
    if records and state.cache is not None:
        state.cache.put_many("fstat", records)
    state.file_keys = [(rel, key) for rel, key, _ in keys] + [(str(d), "diagnostic") for d in diags]
    state.byte_hashes = [h for _rel, _key, h in keys]


RACY_SECONDS = 3  # a stat record is trusted only for files last modified this long before it was taken


def _file_stat(entry, name: str) -> tuple | None:
    """What a change to the file's bytes changes: its name (absolute path), size, modification and change times,
    inode, device. From the stat the scan took (before the file is read, as the record needs), else a new one."""
    st = entry.stat_result
    if st is None:
        try:
            st = os.stat(entry.path)
        except OSError:
            return None
    return (name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def _read_one(entry, pack: bool = False) -> tuple[Article | PackedArticle | None, list[Diagnostic], tuple | None]:
    """The file's article (packed with `pack`) and diagnostics, and the article's grouping features: made here, on
    the worker that parsed it, the articles need not travel to a worker again (5,000 articles, cold: read and group
    stages together 5.5-6.0 -> 4.9-5.3 s)."""
    from generator.group_text import compact_features
    from generator.sources import read_article

    article, diags = read_article(entry.path, entry.rel)
    if article is None:
        return None, diags, None
    return PackedArticle.of(article) if pack else article, diags, compact_features(article)


# From this many files the articles are held packed (generator/packed.py): their text is a large build's largest
# holding (100,000 articles: ~0.65 GB as strings, ~0.25 GB packed), and after reading it is used a story at a time.
PACK_MIN_FILES = 20_000
READ_BATCH = 2000  # fresh parse results stored in the cache per transaction
CLEAN_READ_MIN_FILES = 20_000  # from this many files to parse, on workers started clean (see read_stage)


def read_stage(state: BuildState) -> None:
    """sources.read_content, file by file, with cached results for files whose bytes are unchanged."""
    from generator.sources import read_article

    if not state.entries and not state.file_keys:
        scan_stage(state)
    n = len(state.entries)
    keys = [key for _rel, key in state.file_keys[:n]]
    hits = state.cache.get_many("read", [k for k in keys if k]) if state.cache is not None else {}
    seen: dict[bytes, str] = {}
    plan: list[str] = []  # per entry: "hit", "todo" or "dup"
    for entry, key, same in zip(state.entries, keys, state.byte_hashes):
        if same is not None and same in seen:
            plan.append("dup")
            continue
        if same is not None:
            seen[same] = entry.rel
        plan.append("hit" if key in hits else "todo")
    todo = [i for i, p in enumerate(plan) if p == "todo"]
    jobs = state.jobs if len(todo) >= PARALLEL_MIN_FILES else 1
    pack = n >= PACK_MIN_FILES
    if pack:  # the compressed text goes to a file in the cache folder (or the system's temporary one)
        state.articles = PackedArticles(spill_to=state.cache.folder if state.cache is not None else "")
    # Results are taken as they arrive, in file order: each fresh one is stored in the cache (a batch of
    # READ_BATCH at a time) and appended (a large build's then goes to the spill file), so its text is never held
    # for all files at once (100,000 articles: ~0.25 GB of packed text in the process at the end of reading)
    # (by columns: a chunk's articles arrive apart from their features, see parallel_imap)
    # A large build reads on workers started clean: the build's child forked ones as it held ~0.24 GB, which each
    # worker's RSS then counted again (100,000 articles: the tree's RSS sum peaked while reading, 1,413 MiB)
    clean = jobs > 1 and len(todo) >= CLEAN_READ_MIN_FILES
    results = (clean_chunk_imap if clean else parallel_imap)(partial(_read_one, pack=pack),
                                                             [state.entries[i] for i in todo], jobs, columns=True)
    batch: dict[str, tuple] = {}
    state.diagnostics.extend(state.scan_diagnostics)
    dup_seen = {}
    try:
        for i, (entry, key) in enumerate(zip(state.entries, keys)):
            is_fresh = plan[i] == "todo"
            if plan[i] == "dup":  # read_article words the duplicate warning itself
                dup_seen[state.byte_hashes[i]] = seen[state.byte_hashes[i]]
                article, diags = read_article(entry.path, entry.rel, dup_seen)
            elif is_fresh:
                article, diags, features = next(results)
                if state.cache is not None and key:
                    batch[key] = (article, diags)  # (pickled before it is appended: spilled, it holds no text)
                    if len(batch) >= READ_BATCH:
                        state.cache.put_many("read", batch)
                        batch.clear()
            else:
                article, diags = hits.pop(key)  # (taken out as used: not held twice)
            state.diagnostics.extend(diags)
            if article is not None:
                if not pack:  # (a cached result may be packed: a larger build read the file)
                    article = unpacked(article)
                if is_fresh:
                    state.fresh_features[len(state.articles)] = features
                    state.fresh.append(len(state.articles))
                state.articles.append(article)
                state.article_keys.append(key or _article_key(unpacked(article)))
    finally:
        results.close()  # (every result is taken by now, unless this failed: closing ends the pool)
    if batch:
        state.cache.put_many("read", batch)


def _article_key(article: Article) -> str:
    import pickle

    from generator.cache import digest

    return digest(pickle.dumps(article, protocol=4))


# -- group ----------------------------------------------------------------------------------------------
PAIRS_KEY = "last"  # one entry: the pair counts of the last build that grouped (group_pairs)


def group_stage(state: BuildState) -> None:
    """Grouping looks at all articles at once, so its result is cached for the exact same article set only
    (a theme, base_url or summary-length change then skips it)."""
    from generator import group_text
    from generator.cache import digest
    from generator.group import group_articles
    from generator.group_pairs import PairMemo

    cfg = state.config
    params = (cfg.copy_threshold, cfg.story_threshold, cfg.story_max_days)
    key = digest(repr(params), *state.article_keys)
    cached = state.cache.get("group", key) if state.cache is not None else None
    if isinstance(cached, list):
        state.groups = cached
        # the features and names the next grouping reads: not read now, so kept from pruning here
        state.cache.keep("gfeat", state.article_keys)
        state.cache.keep_all("gnames")
        return
    features = _group_features(state)
    # the last build's shared-shingle counts: copy detection then pairs only what was added, edited or removed
    pair_memo = PairMemo(state.cache.get("gpairs", PAIRS_KEY), state.article_keys, _cached_shingles(state.cache)) \
        if state.cache is not None else None
    names = group_text.CacheMemo(state.cache, "gnames") if state.cache is not None else {}
    spill = (lambda new: state.cache.put_many("gnames", new)) if state.cache is not None else None
    with group_text.precomputed(state.articles, features, names, spill) as used:
        # emptied, not just deleted (the context manager keeps its arguments): grouping then holds the only
        # references and drops the shingles once copies are found (group_text.release_shingles)
        features.clear()
        state.groups = group_articles(state.articles, copy_threshold=cfg.copy_threshold,
                                      story_threshold=cfg.story_threshold, story_max_days=cfg.story_max_days,
                                      pair_memo=pair_memo)
        used = set(used)
    if state.cache is not None:
        state.cache.put("group", key, state.groups)
        if pair_memo is not None and pair_memo.kept is not None:
            state.cache.put("gpairs", PAIRS_KEY, pair_memo.kept)
        # (what memoized_many computed is stored already)
        state.cache.put_many("gnames", names.added)
        state.cache.keep("gnames", used)


def _cached_shingles(cache):
    """fetch() for group_pairs.PairMemo: the shingle sets of articles by their cache keys, from the grouping features
    cached for them (None where missing)."""
    def fetch(keys: list[str]) -> list:
        got = cache.get_many("gfeat", keys)
        return [got[k][1] if isinstance(got.get(k), (tuple, list)) and len(got[k]) == 3 else None for k in keys]

    return fetch


def _features_of_one(article: Article):
    from generator.group_text import compact_features

    return compact_features(article)


def _group_features(state: BuildState) -> list:
    """group_text.compact_features per article: from the cache by the article's file hash, else computed
    (on the pool when many are missing, e.g. a cold build) and stored."""
    keys = state.article_keys
    made = state.fresh_features
    hits = state.cache.get_many("gfeat", [k for i, k in enumerate(keys) if i not in made]) \
        if state.cache is not None else {}
    todo = [i for i, k in enumerate(keys) if k not in hits and i not in made]
    jobs = state.jobs if len(todo) >= PARALLEL_MIN_FEATURES else 1
    fresh = dict(zip(todo, parallel_map(_features_of_one, [state.articles[i] for i in todo], jobs)))
    fresh.update(made)
    state.fresh_features = {}
    if state.cache is not None and fresh:
        state.cache.put_many("gfeat", {keys[i]: f for i, f in fresh.items()})
    return [fresh[i] if i in fresh else hits[k] for i, k in enumerate(keys)]


# -- stories --------------------------------------------------------------------------------------------
def _story_parts(articles: list[Article], cfg: Config, group: StoryGroup,
                 extracted: dict[int, list] | None = None) -> tuple[list[str], list]:
    """Summary (of one copy per copy group: summarize_copies) and key quotes (from every member) of a story."""
    from generator.quotes import key_quotes
    from generator.summarize import summarize
    from generator.summarize_copies import one_per_copy_group

    members = group.members
    arts = [articles[i] for i in members]
    read = one_per_copy_group(arts, group.copy_groups)
    summary = summarize([arts[k] for k in read], sentences=cfg.summary_sentences, words=cfg.summary_words)
    found = [extracted.get(i) for i in members] if extracted else None
    return summary, key_quotes(arts, summary, limit=cfg.quotes_per_story, extracted=found)


# From this many stories to make, their workers start clean and get each story's articles pickled with it: forked
# ones copy the pages of this process's heap whose objects they touch (reference counts), and a large build's
# heap is mostly the articles (100,000 articles: each forked worker grew to ~1 GB, the build's peak).
CLEAN_MIN_STORIES = 10_000


def _story_item(articles: list[Article] | PackedArticles, group: StoryGroup, extracted: dict[int, list] | None
                ) -> tuple:
    """What _story_parts reads of one story, on its own: its articles (packed when held so: the worker unpacks
    them), its group numbered from 0, their quotes."""
    members = group.members
    found = {k: extracted.get(i) for k, i in enumerate(members)} if extracted else None
    arts = [articles.packed(i) for i in members] if isinstance(articles, PackedArticles) else \
        [articles[i] for i in members]
    return arts, StoryGroup(list(range(len(members))), group.copy_groups, []), found


def _story_parts_of(cfg: Config, item: tuple) -> tuple[list[str], list]:
    arts, group, found = item
    return _story_parts([unpacked(a) for a in arts], cfg, group, found)


def _copy_partition(group: StoryGroup) -> list[int]:
    """The story's copy groups numbered within the story (run-wide ids shift with unrelated stories)."""
    ids: dict[int, int] = {}
    return [ids.setdefault(g, len(ids)) for g in group.copy_groups]


def story_stage(state: BuildState) -> None:
    """Summary and key quotes per story, cached by the story's member files and the config."""
    from generator.build_report import quote_problems
    from generator.cache import digest
    from generator.digest import make_story

    cfg, articles = state.config, state.articles
    # exactly the settings _story_parts passes on: a new base_url or title does not redo summaries
    salt = digest(repr((cfg.summary_sentences, cfg.summary_words, cfg.quotes_per_story)))
    # the members and which of them are copies of one text (the summary reads one copy of each)
    keys = [digest(salt, *(state.article_keys[i] for i in g.members), repr(_copy_partition(g))) for g in state.groups]
    hits = state.cache.get_many("story", keys) if state.cache is not None and keys else {}
    hits = {k: v for k, v in hits.items() if type(v) is tuple and len(v) == 3}  # (summary, quotes, quote problems)
    todo = [n for n, k in enumerate(keys) if k not in hits]
    extracted = dict(zip(state.fresh, state.quotes_pending.result())) if state.quotes_pending else None
    state.quotes_pending = None
    jobs = state.jobs if len(todo) >= PARALLEL_MIN_STORIES else 1
    if jobs > 1 and len(todo) >= CLEAN_MIN_STORIES:
        parts = list(clean_chunk_imap(partial(_story_parts_of, cfg), [_story_item(articles, state.groups[n], extracted)
                                                                     for n in todo], jobs))
    else:
        parts = parallel_map(lambda n: _story_parts(articles, cfg, state.groups[n], extracted), todo, jobs)
    fresh = dict(zip(todo, parts))
    fields_of = without_text(articles)  # a story's record needs no text
    for n, group in enumerate(state.groups):
        summary, quotes = fresh[n] if n in fresh else hits[keys[n]][:2]
        state.stories.append(make_story(group, fields_of, summary, quotes))
    # the key quotes not found verbatim in their articles, checked once per story and cached with it (checking
    # every story again took 1.3 s of a one-article rebuild at 20,000 articles)
    checked = dict(zip(todo, quote_problems([state.stories[n] for n in todo], articles)))
    state.quote_problems = [checked[n] if n in checked else hits[keys[n]][2] for n in range(len(state.groups))]
    if state.cache is not None and fresh:
        state.cache.put_many("story", {keys[n]: (*part, checked[n]) for n, part in fresh.items()})


def digest_stage(state: BuildState) -> None:
    from generator.digest import assign_slugs, order_stories

    assign_slugs(state.stories)
    problems = {id(story): found for story, found in zip(state.stories, state.quote_problems)}
    stories = order_stories(state.stories)
    newest = max((s.updated for s in stories), default=None)
    state.digest = Digest(stories, state.diagnostics, len(state.articles), newest)
    state.digest.unverified = [(story, story.quotes[k], why) for story in stories for k, why in problems[id(story)]]
    state.counts = (len(state.articles), len(stories))


STAGES = [
    ("read", read_stage),
    ("quotes", quotes_stage),
    ("group", group_stage),
    ("stories", story_stage),
    ("digest", digest_stage),
]


@contextmanager
def measured(state: BuildState, name: str) -> Iterator[None]:
    """Record the block's wall seconds in state.timings[name] and its CPU seconds in state.cpu[name] (when it
    does not raise)."""
    started, cpu = time.perf_counter(), cpu_seconds()
    yield
    state.timings[name] = time.perf_counter() - started
    state.cpu[name] = cpu_seconds() - cpu


def _run_stages(state: BuildState) -> None:
    try:
        with gc_paused():  # (the stages build up every article's data: see memory.gc_paused)
            for name, stage in STAGES:
                with measured(state, name):
                    stage(state)
                    release_memory()
    finally:
        if state.quotes_pending is not None:  # a stage failed before the story stage collected them
            state.quotes_pending.cancel()
            state.quotes_pending = None
    if state.cache is not None:
        for ns in ("read", "group", "story", "gfeat", "gnames"):
            state.cache.prune(ns)


# From this many files the stages run in a forked child that hands back only the digest (forked.call_in_child):
# rendering then runs in a process holding little besides it, where after the stages this one kept most of the
# memory the articles had held (100,000 articles: 1.2 GB resident with a digest of ~0.15 GB).
APART_MIN_FILES = 20_000


def _stages_apart(state: BuildState) -> tuple:
    """_run_stages in the child, on a cache connection of its own; what the build needs of it afterwards."""
    if state.cache is not None:
        state.cache.reopen(inherited=True)
    _run_stages(state)
    if state.cache is not None:
        state.cache.prune("fstat")  # the build process let go of the scan's record (_scan_left_to_child)
    problems = state.cache.problems if state.cache is not None else []
    return state.diagnostics, state.digest, state.counts, state.timings, state.cpu, problems


def _scan_left_to_child(state: BuildState) -> None:
    """The files found (a Path each) are the child's to read: here they would only stay in memory while it runs
    (100,000 files: this process 147-149 -> 141 MiB during the stages). So are the files' content hashes, once the
    no-change check has made its fingerprint of them (the only use this process had for them), and the record of
    the scan's cache entries, which the child prunes (20,000 files: this process 54 -> 38 MiB during the stages)."""
    import gc

    state.entries, state.byte_hashes, state.scan_diagnostics = [], [], []
    if state.fingerprint:
        state.file_keys = []
    if state.cache is not None:
        state.cache.forget_used("fstat")
    gc.collect()
    release_memory()


def run(config: Config, content_dir: Path, cache=None, jobs: int = 1, before=None) -> BuildState:
    """Run the stages. `before(state)` runs after the content scan and may set state.unchanged to stop."""
    state = BuildState(config, content_dir, cache=cache, jobs=max(1, jobs))
    with measured(state, "scan"):
        scan_stage(state)
    if before is not None:
        before(state)
        if state.unchanged:
            return state
    if len(state.entries) >= APART_MIN_FILES and can_fork():
        known = len(cache.problems) if cache is not None else 0  # the child starts with a copy of them
        state.diagnostics, state.digest, state.counts, state.timings, cpu, problems = call_in_child(
            partial(_stages_apart, state), in_parent=partial(_scan_left_to_child, state))
        state.cpu.update(cpu)
        if cache is not None:
            cache.problems.extend(problems[known:])
            cache.reopen()
        apart = True
    else:
        _run_stages(state)
        apart = False
    if cache is not None and not apart:  # (apart, the child pruned it)
        cache.prune("fstat")
    return state
