"""Full-text search with Pagefind (PyPI `pagefind[bin]` ships the binary); optional: absent = warning only."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterable

BUNDLE_DIR = "pagefind"  # where Pagefind writes its index and UI, inside the site


def pagefind_executable() -> str | None:
    """The binary from the pagefind_bin wheel, else one on PATH."""
    try:
        from pagefind_bin import get_executable

        return str(get_executable())
    except (ImportError, FileNotFoundError):
        return shutil.which("pagefind")


def build_search_index(site_dir: Path, glob: str | None = None) -> str | None:
    """Index the HTML in site_dir (only the files matching `glob`, if given) into site_dir/pagefind/.
    Returns a warning, or None on success."""
    return start_search_index(site_dir, glob).wait()


class SearchIndexRun:
    """A Pagefind run in the background: the build writes its remaining (non-HTML) files meanwhile."""

    def __init__(self, proc=None, problem: str | None = None):
        self.proc, self.problem = proc, problem

    def cancel(self) -> None:
        """Stop the run (its partial output is the caller's to remove)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
        if self.proc is not None:
            self.proc.communicate()
        self.proc, self.problem = None, None

    def wait(self, timeout: float = 300) -> str | None:
        """Wait for Pagefind to finish. Returns a warning, or None on success."""
        if self.proc is None:
            return self.problem
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            self.proc.kill()
            self.proc.communicate()
            return f"search: pagefind failed to run: {exc}"
        finally:
            if self.proc.poll() is None:  # interrupted while waiting: never leave it writing into the site
                self.proc.kill()
                self.proc.wait()
        if self.proc.returncode != 0:
            return f"search: pagefind exited with {self.proc.returncode}: {(err or out).strip()[:500]}"
        return None


def start_search_index(site_dir: Path, glob: str | None = None) -> SearchIndexRun:
    """Start indexing the HTML in site_dir (see build_search_index); every HTML file must already be written."""
    exe = pagefind_executable()
    if exe is None:
        return SearchIndexRun(problem="search: pagefind binary not found (pip install 'pagefind[bin]'); "
                                      "the site is built without search")
    cmd = [exe, "--site", str(site_dir), "--output-subdir", BUNDLE_DIR, "--silent"] + (["--glob", glob] if glob else [])
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
    except OSError as exc:
        return SearchIndexRun(problem=f"search: pagefind failed to run: {exc}")
    return SearchIndexRun(proc)


# -- sharded index ------------------------------------------------------------------------------------------
# Pagefind has no incremental mode and its memory grows with the pages of one run. Story pages are therefore
# split into K shards by a hash of their path (stable: a page stays in its shard while K is unchanged); each
# shard is its own Pagefind bundle: shard 0 at pagefind/ (which also serves the UI), shard i at
# pagefind/shard-XX/. The search page loads the first and merges the others (PagefindUI `mergeIndex`,
# listed in SHARDS_FILE). A shard whose pages have the same bytes as in the last build is hard-linked from
# the live site instead of indexed again (the cache records its key and the stats of its bundle's files).
# One index answers rare words best (each shard that lacks a word answers with its nearest prefix, so merged
# shards add noise), so a site keeps one bundle up to SHARD_PAGES story pages (Pagefind then peaks near
# 0.5 GB) and only larger sites are split, each shard holding SHARD_PAGES / 2 to SHARD_PAGES pages.
SHARD_PAGES = 4000  # at most this many story pages per shard (from half as many: K doubles)
MAX_SHARDS = 64  # every shard is fetched by a search in the browser: beyond this, shards grow instead
SHARDS_FILE = "search/shards.json"  # the bundles the search page merges, relative to pagefind/
SHARD_JOBS = 2  # Pagefind runs at a time (each one's memory is bounded by its shard's size)


def shard_count(pages: int, per_shard: int | None = None) -> int:
    """K: a power of two, so that K changes (and every shard is rebuilt) only when the story count doubles."""
    per_shard = per_shard or SHARD_PAGES
    k = 1
    while pages > k * per_shard and k < MAX_SHARDS:
        k *= 2
    return k


def plan_shards(rels: Iterable[str], k: int | None = None) -> tuple[int, list[list[str]]]:
    """K (shard_count, or k) and each shard's pages, sorted; fewer shards when one would be empty (Pagefind
    refuses to write an empty bundle)."""
    rels = sorted(rels)
    k = k or shard_count(len(rels))
    while k > 1 and len({shard_of(rel, k) for rel in rels}) < k:
        k //= 2
    members: list[list[str]] = [[] for _ in range(k)]
    for rel in rels:
        members[shard_of(rel, k)].append(rel)
    return k, members


def shard_of(rel: str, k: int) -> int:
    if k == 1:
        return 0
    return int.from_bytes(hashlib.blake2b(rel.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little") % k


def shard_dir(i: int) -> str:
    """A shard's bundle folder inside the site."""
    return BUNDLE_DIR if i == 0 else f"{BUNDLE_DIR}/shard-{i:02d}"


def shards_json(k: int) -> str:
    return json.dumps({"merge": [shard_dir(i)[len(BUNDLE_DIR) + 1:] + "/" for i in range(1, k)]}) + "\n"


def _exe_fingerprint(exe: str) -> str:
    try:
        st = os.stat(exe)
    except OSError:
        return exe
    return f"{exe}:{st.st_size}:{st.st_mtime_ns}"


def _bundle_stats(folder: Path, skip_shards: bool) -> dict[str, tuple[int, int]] | None:
    """rel -> (size, mtime_ns) of a bundle's files (shard 0's without the other shards' folders)."""
    from generator.output import file_stats

    try:
        return file_stats(folder, lambda prefix, name: not (skip_shards and not prefix and name.startswith("shard-")))
    except OSError:
        return None


class ShardedSearch:
    """Index story pages shard by shard (see above), in a background thread, at most SHARD_JOBS at a time.

    pages: site-relative story page paths with their content hash; live: the current site (shards are
    reused from it), cache: a BuildCache or None."""

    def __init__(self, site_dir: Path, pages: dict[str, str] | None, live: Path | None = None, cache=None,
                 k: int | None = None, glob: str = "stories/**/*.html", narrow: bool = False,
                 expected: Iterable[str] | None = None):
        """narrow: one Pagefind at a time until widen() is called (the build's page workers are still busy
        on every core, so a second run would add its memory to theirs, not speed).
        expected: instead of `pages`, the story pages to come (pages=None): each shard is indexed once ready()
        hands over its pages' hashes, so the first shards are indexed while the later ones are still rendered."""
        import threading

        self.site_dir, self.live, self.cache, self.glob = Path(site_dir), live, cache, glob
        self.k, self.members = plan_shards(pages if pages is not None else list(expected or ()), k)
        self.exe = pagefind_executable()
        self.problem: str | None = None
        self.reused: list[int] = []
        self.indexed: list[int] = []
        self.seconds: dict[int, float] = {}  # shard -> wall seconds (staging and Pagefind)
        self.cpu: dict[int, float] = {}  # shard -> Pagefind's CPU seconds
        self.max_rss = 0  # the largest Pagefind process's peak RSS, bytes
        self._procs: dict[int, subprocess.Popen] = {}
        self._cancelled = False
        self._lock = threading.Lock()
        self._slots = threading.Condition()  # Pagefind runs started and allowed (see narrow); shards made ready
        self._running, self._limit = 0, 1 if narrow else SHARD_JOBS
        self._fp = _exe_fingerprint(self.exe or "")
        self._where = str(live.resolve()) if live is not None else ""
        self.keys: list[str | None] = [None] * self.k  # per shard, once its pages' hashes are known
        self._recorded: dict[int, object] = {}  # shard -> its bundle's file stats as cached by the last build
        self._previous: dict[int, object] = {}  # shard -> the live bundle's file stats, whatever its pages
        self._bundles: dict[int, dict] = {}  # shard -> this build's bundle file stats (for the next _previous)
        self.seeded: dict[int, int] = {}  # shard -> files of the live bundle its new index started from
        self._fresh: dict[str, dict] = {}
        if self.exe is None:
            self.problem = ("search: pagefind binary not found (pip install 'pagefind[bin]'); "
                            "the site is built without search")
            self._thread = None
            return
        if pages is not None:
            for i in range(self.k):
                self.ready(i, pages)
        self._thread = threading.Thread(target=self._run, args=(list(range(self.k)),), daemon=True)
        self._thread.start()

    def ready(self, i: int, hashes: dict[str, str]) -> None:
        """Shard i's pages are all written; hashes: their content hashes (a dict holding at least those)."""
        key = _key(self._fp, self._where, self.k, i, [(rel, hashes[rel]) for rel in self.members[i]])
        # the cache is read here, in the build's thread (its database connection is that thread's)
        recorded = previous = None
        if self.cache is not None and self.live is not None:
            recorded = self.cache.get("search", key)
            previous = self.cache.get("search", _bundle_key(self._fp, self._where, i))
        with self._slots:
            self._recorded[i] = recorded
            self._previous[i] = previous
            self.keys[i] = key
            self._slots.notify_all()

    def _reuse(self, i: int) -> bool:
        """Hard-link shard i's bundle from the live site when its pages are unchanged and it is as recorded."""
        recorded = self._recorded.get(i)
        if not isinstance(recorded, dict) or not recorded:
            return False
        source = self.live / shard_dir(i)
        if _bundle_stats(source, i == 0) != recorded:
            return False
        target = self.site_dir / shard_dir(i)
        made: set[str] = set()
        try:
            for rel in sorted(recorded):
                parent = os.path.dirname(rel)
                if parent not in made:
                    (target / parent).mkdir(parents=True, exist_ok=True)
                    made.add(parent)
                os.link(source / rel, target / rel, follow_symlinks=False)
        except OSError:
            for rel in recorded:
                try:
                    os.unlink(target / rel)
                except OSError:
                    pass
            return False
        self._fresh[self.keys[i]] = recorded
        self._bundles[i] = recorded
        self.reused.append(i)
        return True

    def _run(self, todo: list[int]) -> None:
        from concurrent.futures import ThreadPoolExecutor

        # one thread more than Pagefind runs at a time: the next shard's staging folder is made while the runs go on
        # (100,000 articles: 16 shards of ~2,600 pages, each staged in 1-3 s during which no Pagefind ran)
        jobs = max(1, min(SHARD_JOBS + 1, (os.cpu_count() or 1) + 1, len(todo)))
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for problem in pool.map(self._index, todo):
                if problem and self.problem is None:
                    self.problem = problem

    def widen(self) -> None:
        """Allow SHARD_JOBS Pagefind runs at a time from now on."""
        with self._slots:
            self._limit = SHARD_JOBS
            self._slots.notify_all()

    def _index(self, i: int) -> str | None:
        """Stage shard i (outside the limit on Pagefind runs), then index it when a run may start."""
        import time

        with self._slots:
            self._slots.wait_for(lambda: self.keys[i] is not None or self._cancelled)
        if self._cancelled or self._reuse(i):
            return None
        start = time.perf_counter()
        staged = self._stage(i)
        if isinstance(staged, str):
            return staged
        staging = time.perf_counter() - start
        try:
            with self._slots:
                self._slots.wait_for(lambda: self._running < self._limit or self._cancelled)
                self._running += 1
            try:
                return self._index_now(i, staged, time.perf_counter() - staging)  # its wall time: no waiting
            finally:
                with self._slots:
                    self._running -= 1
                    self._slots.notify_all()
        finally:
            if staged is not None:  # thousands of page folders (20,000 articles: 1.4 s of the build's wall time)
                from generator.output import BACKGROUND_DELETE_FILES, remove_temporary

                remove_temporary(staged, background=len(self.members[i]) >= BACKGROUND_DELETE_FILES)

    def _stage(self, i: int) -> Path | str | None:
        """A staging folder holding hard links to shard i's pages (same relative paths); None for one bundle
        (Pagefind reads the build folder itself, as an unsharded build); a warning if it could not be made."""
        if self.k == 1:
            return None
        stage = self.site_dir.with_name(f"{self.site_dir.name}-pf{i:02d}")  # cleaned as a temp
        shutil.rmtree(stage, ignore_errors=True)
        try:
            for rel in self.members[i]:
                (stage / rel).parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(self.site_dir / rel, stage / rel)
                except OSError:
                    shutil.copyfile(self.site_dir / rel, stage / rel)
        except OSError as exc:
            shutil.rmtree(stage, ignore_errors=True)
            return f"search: could not prepare shard {i}: {exc}"
        return stage

    def _index_now(self, i: int, stage: Path | None, start: float) -> str | None:
        """Run Pagefind on shard i's staging folder (or the build folder for one bundle), its output folder
        seeded with the live bundle's hash-named files (generator.search_seed); should the seeded bundle not
        check out, once more from an empty one."""
        import time

        from generator import search_seed

        if self._cancelled:
            return None
        out = self.site_dir / shard_dir(i)
        previous = self._previous.get(i)
        seeded = 0
        if isinstance(previous, dict) and previous and self.live is not None and search_seed.available():
            seeded = search_seed.seed(self.live / shard_dir(i), previous, out)
        problem = self._pagefind(i, self.site_dir if stage is None else stage, out)
        if problem is None and seeded and not self._cancelled and not search_seed.prune(out):
            search_seed.clear(out)
            seeded = 0
            problem = self._pagefind(i, self.site_dir if stage is None else stage, out)
        if problem is not None or self._cancelled:
            return problem
        stats = _bundle_stats(out, i == 0)
        if stats:
            with self._lock:
                self._fresh[self.keys[i]] = stats
                self._bundles[i] = stats
                self.indexed.append(i)
                self.seeded[i] = seeded
                self.seconds[i] = time.perf_counter() - start
        return None

    def _pagefind(self, i: int, site: Path, out: Path) -> str | None:
        """One Pagefind run indexing `site` into `out`: a warning, or None (also when cancelled)."""
        import time

        cmd = [self.exe, "--site", str(site), "--output-path", str(out), "--silent", "--glob", self.glob]
        usage = None
        try:
            with tempfile.TemporaryFile() as log:
                with self._lock:
                    if self._cancelled:
                        return None
                    proc = self._procs[i] = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
                peak = 0
                try:  # its own CPU time and peak memory (for NEWSDIGEST_TIMINGS and the bench)
                    while True:
                        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                        if pid:
                            proc.returncode = os.waitstatus_to_exitcode(status)
                            break
                        peak = max(peak, _high_water(proc.pid))
                        time.sleep(0.05)
                except ChildProcessError:  # already reaped (a cancel polled it)
                    proc.wait()
                log.seek(0)
                err = log.read(2000).decode("utf-8", "replace")
        except OSError as exc:
            return f"search: pagefind failed to run: {exc}"
        if self._cancelled:
            return None
        if proc.returncode != 0:
            return f"search: pagefind exited with {proc.returncode}: {err.strip()[:500]}"
        if usage is not None:
            with self._lock:
                self.cpu[i] = self.cpu.get(i, 0.0) + usage.ru_utime + usage.ru_stime
                self.max_rss = max(self.max_rss, peak)
        return None

    def cancel(self) -> None:
        """Stop every run (their partial output is the caller's to remove)."""
        with self._lock:
            self._cancelled = True
            procs = list(self._procs.values())
        with self._slots:
            self._slots.notify_all()
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
        if self._thread is not None:
            self._thread.join()
        self.problem = None

    def wait(self, timeout: float = 1800) -> str | None:
        """Wait for every shard. Returns a warning, or None on success; records the shards in the cache."""
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                self.cancel()
                return "search: pagefind did not finish in time"
        if self.problem is None and self.cache is not None:
            self.cache.put_many("search", self._fresh)
            if self.live is not None:  # where the next build finds this build's bundles: in the live site
                self.cache.put_many("search", {_bundle_key(self._fp, self._where, i): stats
                                               for i, stats in self._bundles.items()})
        if self.cache is not None:
            self.cache.prune("search")
        return self.problem


def _key(exe_fp: str, where: str, k: int, i: int, pages: list[tuple[str, str]]) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in (exe_fp, where, str(k), str(i), *(f"{rel}\0{digest}" for rel, digest in pages)):
        b = part.encode("utf-8", "surrogatepass")
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def _bundle_key(exe_fp: str, where: str, i: int) -> str:
    """The cache key of shard i's bundle in the site at `where`, whatever pages it indexed."""
    return _key(exe_fp, where, -1, i, [])


def _high_water(pid: int) -> int:
    """A running process's peak RSS in bytes (VmHWM; ru_maxrss would include the forking parent's)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0
