"""Scaling benchmark: cold builds at two sizes, with per-stage times and growth ratios.

    make bench-scale                     # 10,000 then 100,000 articles (long: tens of minutes)
    SIZES=2000,20000 make bench-scale

The issue's bound: from 10k to 100k articles the build, and the grouping stage on its own, should grow
at most ~11x (a quadratic stage would grow 100x). Peak memory is the PSS and RSS sum of the build's
process tree, as in bench_build.py.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_build import REPO, prepare, timed  # noqa: E402


def _stage_seconds(label: str, out: str) -> dict[str, float]:
    """The build's "<label>: stage 1.23s ..." line (NEWSDIGEST_TIMINGS) as a dict."""
    return {k: float(v) for k, v in re.findall(r"(\w+) ([0-9.]+)s", " ".join(re.findall(rf"^{label}: (.*)$", out, re.M)))}


def cold(n: int, seed: int, root: Path) -> tuple[float, dict[str, float], tuple[int, int], dict[str, float]]:
    work = root / f"N{n}-s{seed}"
    prepare(work, n, seed, with_hugo=False)
    for p in (work / "site", work / "cache"):
        shutil.rmtree(p, ignore_errors=True)
    cmd = [sys.executable, "-m", "generator", "build", "--content", str(work / "content"), "--output",
           str(work / "site"), "--cache-dir", str(work / "cache"), "--config", str(work / "none.yaml")]
    seconds, peak, out = timed(cmd, REPO, dict(os.environ, NEWSDIGEST_TIMINGS="1"))
    stages, cpu = _stage_seconds("timings", out), _stage_seconds("cpu", out)
    print(f"{n:>7} articles: {seconds:8.1f} s   PSS {peak[1] / 2**20:6.0f} MiB, RSS sum {peak[0] / 2**20:6.0f} MiB   "
          + " ".join(f"{k} {v:.1f}s" for k, v in stages.items()), flush=True)
    print(f"{'':>7}  CPU by stage (user+sys, with the workers that ended in it): "
          + " ".join(f"{k} {v:.1f}s" for k, v in cpu.items()) + f"; total {sum(cpu.values()):.1f}s", flush=True)
    return seconds, stages, peak, cpu


def main() -> None:
    sizes = [int(s) for s in os.environ.get("SIZES", "10000,100000").split(",")]
    seed = int(os.environ.get("SEED", "1"))
    results = {n: cold(n, seed, REPO / "bench-out") for n in sizes}
    small, large = sizes[0], sizes[-1]
    if small == large:
        return
    growth = large / small
    (t0, s0, _, c0), (t1, s1, _, c1) = results[small], results[large]
    print(f"growth {small} -> {large} articles ({growth:.0f}x more): build {t1 / t0:.1f}x"
          + "".join(f", {k} {s1[k] / s0[k]:.1f}x" for k in ("group", "stories", "render") if s0.get(k) and k in s1)
          + f" (bound ~{growth * 1.1:.0f}x)")
    # The build is CPU-bound on a small machine: CPU growth says whether a stage's work grows faster than the
    # articles, where wall time also moves with the machine's load and the disk.
    if sum(c0.values()) and sum(c1.values()):
        print(f"CPU growth: build {sum(c1.values()) / sum(c0.values()):.1f}x"
              + "".join(f", {k} {c1[k] / c0[k]:.1f}x" for k in ("read", "group", "stories", "render") if c0.get(k) and k in c1))


if __name__ == "__main__":
    main()
