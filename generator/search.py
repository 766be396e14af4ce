"""Full-text search with Pagefind (PyPI `pagefind[bin]` ships the binary); optional: absent = warning only."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

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
    exe = pagefind_executable()
    if exe is None:
        return "search: pagefind binary not found (pip install 'pagefind[bin]'); the site is built without search"
    cmd = [exe, "--site", str(site_dir), "--output-subdir", BUNDLE_DIR, "--silent"] + (["--glob", glob] if glob else [])
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"search: pagefind failed to run: {exc}"
    if result.returncode != 0:
        return f"search: pagefind exited with {result.returncode}: {(result.stderr or result.stdout).strip()[:500]}"
    return None
