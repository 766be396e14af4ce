"""An installed generator (a wheel, not this checkout) carries its default theme and builds from any folder."""
from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTICLE = ("Harbour ferry resumes service after storm\n20260312\nhttps://example.org/ferry\n"
           "OSTERBY - The harbour ferry resumed service on Thursday after a storm closed the crossing for two days.\n"
           "\"We are glad to be back on the water,\" said captain Lena Vik, who has run the route for ten years.\n")


def _wheel(tmp_path: Path) -> Path:
    """Build the project's wheel from a copy of its sources (the build leaves build/ and egg-info behind)."""
    pytest.importorskip("setuptools.build_meta")
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    for name in ("generator", "themes"):
        shutil.copytree(REPO / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path / "dist"
    run = subprocess.run([sys.executable, "-c", "import sys; from setuptools import build_meta as b; "
                          "print(b.build_wheel(sys.argv[1]))", str(dist)],
                         cwd=src, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    return dist / run.stdout.strip().splitlines()[-1]


def test_the_wheel_ships_every_file_of_the_default_theme_and_builds_from_another_folder(tmp_path):
    wheel = _wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    theme_files = [p.relative_to(REPO).as_posix() for p in (REPO / "themes").rglob("*") if p.is_file()]
    assert theme_files
    missing = [rel for rel in theme_files if f"generator/{rel}" not in names]
    assert not missing, missing

    # the unpacked wheel as the only `generator` on the path (-S: no .pth, so not this checkout's editable install)
    installed = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(installed)
    site = tmp_path / "elsewhere"
    (site / "content").mkdir(parents=True)
    (site / "content" / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    env = {"PYTHONPATH": f"{installed}:{sysconfig.get_paths()['purelib']}:{sysconfig.get_paths()['platlib']}",
           "PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1773300000"}
    where = subprocess.run([sys.executable, "-S", "-c", "import generator.render_env as r; print(r.PROJECT_THEMES)"],
                           cwd=site, env=env, capture_output=True, text=True, timeout=60)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()) == installed / "generator" / "themes"
    build = subprocess.run([sys.executable, "-S", "-m", "generator", "build", "--no-cache", "--quiet"],
                           cwd=site, env=env, capture_output=True, text=True, timeout=120)
    assert build.returncode == 0, build.stderr[-2000:]
    index = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert "Harbour ferry resumes service after storm" in index
    assert (site / "site" / "static" / "style.css").read_bytes() == (REPO / "themes/default/static/style.css").read_bytes()
    assert list((site / "site" / "stories").glob("*/index.html"))
