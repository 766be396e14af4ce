"""Interruption: SIGKILL at any moment of a build leaves a complete, servable site; the next build succeeds."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import write
from .test_reliability_util import article, leftovers, names, site_files

ROOT = Path(__file__).resolve().parent.parent
# Runs a build that announces each step on stdout and stops (sleeps) at the step named in STOP_AT, so the test
# can SIGKILL it exactly there. Only the announcing is patched in: the writer, swap and cleanup are the real ones.
HARNESS = r"""
import os, sys, time
import generator.output as out

stop_at = os.environ["STOP_AT"]

def mark(name):
    print(name, flush=True)
    if name == stop_at:
        time.sleep(60)

real_write, real_exchange, real_rename = out.SiteWriter.write_bytes, out._exchange, os.rename
count = [0]

def write_bytes(self, rel, data):
    count[0] += 1
    mark(f"write-{count[0]}")
    real_write(self, rel, data)

def exchange(a, b):
    mark("before-swap")
    if os.environ.get("NO_RENAMEAT2"):
        return False
    done = real_exchange(a, b)
    mark("after-swap")
    return done

def rename(a, b):
    real_rename(a, b)
    mark("after-rename-" + os.path.basename(str(b))[:5])

out.SiteWriter.write_bytes, out._exchange, out.os.rename = write_bytes, exchange, rename
from generator.cli import main
mark("start")
sys.exit(main(sys.argv[1:]))
"""


def make_content(folder: Path, n: int, prefix: str) -> None:
    for i in range(n):
        write(folder / f"{prefix}{i:03d}.txt",
              article(f"{prefix} story number {i} about topic {i * 7919 % 1000}", url=f"https://x.example/{prefix}{i}",
                      body=f"Paragraph about matter {i} and item {i * 31 % 97} in the {prefix} series."))


def run_build(tmp_path: Path, env: dict | None = None, harness: bool = False, wait_for: str | None = None):
    cmd = [sys.executable, "-c", HARNESS] if harness else [sys.executable, "-m", "generator"]
    cmd += ["build", "--content", str(tmp_path / "content"), "--output", str(tmp_path / "site"),
            "--config", str(tmp_path / "none.yaml"), "--quiet"]
    full_env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    if wait_for is None:
        return subprocess.run(cmd, env=full_env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    proc = subprocess.Popen(cmd, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=tmp_path)
    seen = []
    for line in proc.stdout:
        seen.append(line.strip())
        if line.strip() == wait_for:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert wait_for in seen, (seen[-5:], proc.stderr.read())
    return proc


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The old site (20 stories) and the new one (adds 10) as built without interruption."""
    base = tmp_path_factory.mktemp("ref")
    make_content(base / "content", 20, "old")
    assert run_build(base).returncode == 0
    old = site_files(base / "site")
    shutil.copytree(base / "site", base / "old-site")
    make_content(base / "content", 10, "new")
    assert run_build(base).returncode == 0
    return old, site_files(base / "site"), base / "old-site"


def start_from_old_site(tmp_path: Path, old_site: Path) -> None:
    """The state after an uninterrupted old build (copied, to save a build per test), plus new content."""
    make_content(tmp_path / "content", 20, "old")
    shutil.copytree(old_site, tmp_path / "site")
    make_content(tmp_path / "content", 10, "new")


@pytest.mark.parametrize("stop_at,env", [
    ("start", {}),
    ("write-1", {}),
    ("write-7", {}),
    ("before-swap", {}),
    ("after-swap", {}),  # new site in place, old one not yet deleted
    ("after-rename-.site", {"NO_RENAMEAT2": "1"}),  # fallback swap: old site moved aside, new not yet in
])
def test_sigkill_leaves_a_complete_site_and_next_build_works(tmp_path, sites, stop_at, env):
    old, new, old_site = sites
    start_from_old_site(tmp_path, old_site)
    run_build(tmp_path, env={"STOP_AT": stop_at, **env}, harness=True, wait_for=stop_at)
    now = site_files(tmp_path / "site") if (tmp_path / "site").exists() else None
    if stop_at.startswith("after-rename"):
        assert now is None  # the one window without a site/ folder: the next build (or cleanup) restores it
    else:
        assert now in (old, new), "site is a mix of two builds or incomplete"
    result = run_build(tmp_path)
    assert result.returncode == 0, result.stderr
    assert site_files(tmp_path / "site") == new
    assert names(tmp_path) == {"content", "site"} and not leftovers(tmp_path)  # stale temp folders cleaned


def test_sigkill_at_random_moments_of_a_real_build(tmp_path, sites):
    """No hooks at all: kill a plain build at moments spread over its run time; the site is always the old or
    the new one, never a mix or a partial one."""
    old, new, old_site = sites
    start_from_old_site(tmp_path, old_site)
    cmd = [sys.executable, "-m", "generator", "build", "--content", str(tmp_path / "content"),
           "--config", str(tmp_path / "none.yaml"), "--quiet", "--output"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    subprocess.run(cmd + [str(tmp_path / "probe")], env=env, check=True, capture_output=True, cwd=tmp_path)
    duration = time.perf_counter() - started  # a full build here, to spread the kills over it
    shutil.rmtree(tmp_path / "probe")
    for share in (0.1, 0.5, 0.8, 0.95, 1.0):
        proc = subprocess.Popen(cmd + [str(tmp_path / "site")], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=tmp_path)
        time.sleep(share * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        assert site_files(tmp_path / "site") in (old, new)
    assert run_build(tmp_path).returncode == 0
    assert site_files(tmp_path / "site") == new
    assert names(tmp_path) == {"content", "site"} and not leftovers(tmp_path)
