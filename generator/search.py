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
