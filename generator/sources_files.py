"""Find and open content files safely: symlink policy, special files, size cap, printable paths.

Policy (docs/limits.md): hidden files and folders are skipped; links to folders are never followed (no loops);
a link to a file inside the content folder is read once, a link that leaves the folder, dangles or loops is
refused; FIFOs, devices and sockets are refused without being opened for a blocking read.
"""
from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from generator.model import Diagnostic

MAX_DEPTH = 64  # folder nesting below content/; deeper folders are reported, not read
MAX_TOTAL_BYTES = 2048 * 1024 * 1024  # all files of one build together (a year of wire copy, 100k+ articles, is ~700 MB): bounds memory
MAX_FILE_BYTES = 10 * 1024 * 1024  # larger files are refused before reading (a news article is ~10-100 KB)
SUFFIXES = (".markdown", ".md", ".txt")
_READ_CHUNK = 1 << 20


class ReadError(Exception):
    """A file that cannot be read as bytes; the message says why."""


@dataclass(frozen=True)
class Entry:
    path: Path  # what to open (for a followed link: the resolved target)
    rel: str  # printable content-relative name, used in diagnostics and as Article.path
    link_target: str | None = None  # content-relative target when the entry is a followed symlink
    # os.stat of `path` as the scan found it (scan() stats every file to bound the total): the build's file
    # record is made from it instead of a second stat (100,000 files); None where the stat failed
    stat_result: os.stat_result | None = field(default=None, compare=False, repr=False)


def display_path(rel: str) -> str:
    """Make a file name safe to print and to put in output: undecodable bytes and control characters escaped.

    A newline or escape sequence in a file name must not forge a `path:line:` diagnostic or a terminal command.
    """
    if rel.isascii() and rel.isprintable():  # nothing to escape (most names): no per-character look-up
        return rel
    text = rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    out = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp"):
            out.append(ascii(ch)[1:-1])
        else:
            out.append(ch)
    return "".join(out)


def scan(root: Path) -> tuple[list[Entry], list[Diagnostic]]:
    """Every candidate file under root in a stable order, plus diagnostics for what is skipped and why."""
    root_r = root.resolve()
    entries: list[Entry] = []
    links: list[tuple[Path, str]] = []
    diags: list[Diagnostic] = []

    def walk_error(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else root
        rel = display_path(where.relative_to(root).as_posix()) if where != root else "."
        diags.append(Diagnostic(rel, 1, f"cannot read folder: {exc.strerror or exc}; files in it are skipped"))

    for base, depth, dirnames, filenames, links_here in _walk(root, walk_error):
        keep = []
        for d in dirnames:
            if d.startswith("."):
                continue
            if (base / d).is_symlink():
                diags.append(_folder_link(base / d, root, root_r))
            elif depth >= MAX_DEPTH:
                diags.append(Diagnostic(display_path((base / d).relative_to(root).as_posix()), 1,
                                        f"folder nested deeper than {MAX_DEPTH} levels; not read"))
            else:
                keep.append(d)
        dirnames[:] = keep  # _walk descends only into these
        prefix = "" if depth == 0 else base.relative_to(root).as_posix() + "/"  # once per folder, not per file
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = base / name
            raw = prefix + name
            rel = display_path(raw)
            if rel != raw:
                diags.append(Diagnostic(rel, 1, "file name has undecodable bytes or control characters; "
                                                "shown escaped", "warning"))
            if not name.lower().endswith(SUFFIXES):
                diags.append(Diagnostic(rel, 1, f"not an article file (expected {', '.join(SUFFIXES)}); skipped",
                                        "warning"))
            elif name in links_here:
                links.append((path, rel))
            else:
                entries.append(Entry(path, rel))
    direct = {e.path.resolve() for e in entries} if links else set()  # resolve only when needed
    followed: dict[Path, str] = {}
    for path, rel in links:
        entry, diag = _file_link(path, rel, root, root_r, direct, followed)
        if diag:
            diags.append(diag)
        if entry:
            entries.append(entry)
    entries.sort(key=lambda e: e.rel)
    return _within_total(entries, diags), diags


def _within_total(entries: list[Entry], diags: list[Diagnostic]) -> list[Entry]:
    """Keep files (in path order) while their sizes add up to MAX_TOTAL_BYTES: bounds a build's memory, for
    every caller of scan(). Oversize files count nothing: they are refused unread."""
    kept, total = [], 0
    for entry in entries:
        try:
            st = os.stat(entry.path)
        except OSError:
            st = None  # read_capped reports the problem
        size = st.st_size if st is not None and st.st_size <= MAX_FILE_BYTES else 0
        if total + size > MAX_TOTAL_BYTES:
            diags.append(Diagnostic(entry.rel, 1, f"skipped: the build's total content limit of "
                                                  f"{MAX_TOTAL_BYTES} bytes is reached (build fewer files at a time)"))
            continue
        total += size
        # (completing the entry before anyone sees it: a new frozen Entry per file cost half the second stat saved)
        object.__setattr__(entry, "stat_result", st)
        kept.append(entry)
    return kept


def _walk(root: Path, on_error):
    """Like os.walk (top-down, links to folders not followed) but with a stack, not recursion: a tree a
    thousand folders deep must not raise RecursionError. Yields (folder, depth, dirnames, filenames, links),
    sorted, links being the file names that are symbolic links; the caller may prune dirnames in place."""
    stack = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as it:
                items = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            on_error(exc)
            continue
        dirnames, filenames, links = [], [], set()
        for item in items:
            try:
                is_dir = item.is_dir()  # follows links, as os.walk does, so folder links can be reported
            except OSError:
                is_dir = False
            (dirnames if is_dir else filenames).append(item.name)
            if not is_dir and item.is_symlink():  # known from the folder listing: no lstat per file
                links.add(item.name)
        yield folder, depth, dirnames, filenames, links
        stack.extend((folder / d, depth + 1) for d in reversed(dirnames))


def _resolve(path: Path) -> tuple[Path | None, str | None]:
    try:
        return path.resolve(strict=True), None
    except RuntimeError:  # Python < 3.13 reports a loop this way
        return None, "symbolic link loop"
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return None, "symbolic link loop"
        return None, f"broken symbolic link ({exc.strerror or exc})"


def _folder_link(path: Path, root: Path, root_r: Path) -> Diagnostic:
    rel = display_path(path.relative_to(root).as_posix())
    target, problem = _resolve(path)
    if problem:
        return Diagnostic(rel, 1, f"{problem}; skipped")
    if target.is_relative_to(root_r):
        return Diagnostic(rel, 1, "link to a folder inside the content folder is not followed (its files are "
                                  "read from their real place)", "warning")
    return Diagnostic(rel, 1, f"link to a folder outside the content folder ({display_path(str(target))}) "
                              "refused; copy the files in instead")


def _file_link(path: Path, rel: str, root: Path, root_r: Path, direct: set[Path],
               followed: dict[Path, str]) -> tuple[Entry | None, Diagnostic | None]:
    target, problem = _resolve(path)
    if problem:
        return None, Diagnostic(rel, 1, f"{problem}; skipped")
    if not target.is_relative_to(root_r):
        return None, Diagnostic(rel, 1, f"symbolic link to a file outside the content folder "
                                        f"({display_path(str(target))}) refused; copy the file in instead")
    target_rel = display_path(target.relative_to(root_r).as_posix())
    if target in direct or target in followed:
        first = followed.get(target, target_rel)
        return None, Diagnostic(rel, 1, f"symbolic link to {first}, which is read already; skipped", "warning")
    followed[target] = rel
    return Entry(target, rel, target_rel), None


def same_bytes(raw: bytes) -> bytes:
    """A file's bytes hashed: two files with one hash are the same file (and the build reads it as it was)."""
    import hashlib

    return hashlib.blake2b(raw, digest_size=16).digest()


def read_capped(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a regular file, never more than limit bytes into memory; special files are refused unopened-for-read."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("not a regular file (a FIFO, device or socket); skipped")
        if info.st_size > limit:
            raise ReadError(f"file is {info.st_size} bytes, over the {limit}-byte limit; skipped unread")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(_READ_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # the file grew after the size check
            raise ReadError(f"file is over the {limit}-byte limit; skipped")
        return b"".join(chunks)
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
