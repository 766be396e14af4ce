"""Shared helpers for the reliability, injection and property tests (no tests in here)."""
from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from generator.cli import main

DIAG_LINE = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+): (?P<level>error|warning): (?P<msg>.+)$")
GOOD = "Title here\n20261112\nhttps://x.example/a\nBody paragraph one.\n"


def article(title="Title here", date="20261112", url="https://x.example/a", body="Body paragraph one.") -> str:
    return f"{title}\n{date}\n{url}\n{body}\n"


def build(content: Path, out: Path, *extra: str, config: Path | None = None) -> tuple[int, str, str]:
    """Run `newsdigest build` in-process; returns (exit code, stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    args = ["build", "--content", str(content), "--output", str(out),
            "--config", str(config or content.parent / "site.yaml"), *extra]
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(args)
    return code, stdout.getvalue(), stderr.getvalue()


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """Temporary or half-swapped build folders next to the site (there must be none after a build)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".site.tmp-", ".site.old-")))


def names(folder: Path) -> set[str]:
    """What is in a folder, less the build cache (the one thing a build may write besides its site)."""
    return {p.name for p in folder.iterdir()} - {".cache"}
