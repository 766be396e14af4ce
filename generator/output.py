"""Safe, atomic output: build into a sibling temporary folder, then swap it in.

A killed or failed build leaves the previous site complete; the build never writes outside its output folder
and refuses folders it did not create. Builds into one folder are serialised by a lock, so one build's stale-temp
cleanup can never delete another build's work in progress.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

MARKER = ".newsdigest-output"
BACKGROUND_DELETE_FILES = 1000  # a previous site this large is deleted by a detached process after the swap


class OutputError(Exception):
    pass


def check_output_dir(out: Path, content: Path, project: Path) -> None:
    """Refuse output folders whose replacement would destroy something that is not ours."""
    if out.is_symlink():
        raise OutputError(f"refusing to write the site into {out}: it is a symbolic link (the build replaces the "
                          f"folder it names); pass the real folder {out.resolve()} instead")
    out_r = out.resolve()
    content_r, project_r, home = content.resolve(), project.resolve(), Path.home().resolve()
    if len(out_r.parts) <= 2:
        raise OutputError(f"refusing to write the site into {out}: it is / or a folder directly under /; "
                          f"choose a dedicated folder such as site/")
    named = {project_r: "the project root", content_r: "the content folder", home: "a home folder"}
    for other, what in named.items():
        if out_r == other or other.is_relative_to(out_r):
            raise OutputError(f"refusing to write the site into {out}: it is or contains {what} ({other}); "
                              f"choose a dedicated folder such as site/")
    if out_r.is_relative_to(content_r):
        raise OutputError(f"refusing to write the site into {out}: it is inside the content folder {content}, "
                          f"so the next build would read the site as content")
    if out_r.exists():
        if not out_r.is_dir():
            raise OutputError(f"refusing to write the site into {out}: it exists and is not a folder")
        entries = [p.name for p in out_r.iterdir() if p.name not in (MARKER, ".gitkeep")]
        if entries and not (out_r / MARKER).is_file():
            raise OutputError(f"refusing to write the site into {out}: the folder is not empty and was not "
                              f"created by newsdigest (no {MARKER} marker); empty it or choose another folder")


class _Lock:
    """An exclusive flock on the output's parent folder; the kernel drops it if the process is killed."""

    def __init__(self, folder: Path, blocking: bool = True):
        import fcntl

        self.fd: int | None = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except OSError:
            os.close(self.fd)
            self.fd = None
            if blocking:
                raise

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor releases the flock
            self.fd = None


class SiteWriter:
    """Collects files in a temporary folder next to the output, then swaps it in atomically."""

    def __init__(self, out: Path, reuse: dict[str, str] | None = None, spare_dir: Path | None = None,
                 spare_manifest: dict[str, tuple[str, int, int]] | None = None):
        """reuse: files of the current site that may be hard-linked (rel -> content hash).
        spare_dir: where the previous site is kept after the swap instead of being deleted; when it already
        holds an older site whose files spare_manifest describes (rel -> (hash, size, mtime_ns)), that
        folder becomes the build folder: its folders are kept and its files that come out the same are
        left in place, so a small change touches few files (see _adopt)."""
        self.out = out
        out.parent.mkdir(parents=True, exist_ok=True)
        self._lock = _Lock(out.parent)  # waits for a concurrent build into the same place to finish
        self.spare_dir = spare_dir if spare_dir is not None and _separate(spare_dir, out) else None
        self.existing: dict[str, str] = {}  # adopted folder: rel -> content hash of a file still to be judged
        self._adopted: dict[str, tuple[int, int]] = {}  # adopted folder: rel -> (size, mtime_ns) as found
        self.kept_stats: dict[str, tuple[int, int]] = {}  # files left in place: their (size, mtime_ns), unchanged
        self._emptied: set[Path] = set()  # adopted folder: folders a stale file was removed from
        self.kept = 0
        try:
            _clean(out)
            adopted = self._adopt(spare_manifest) if self.spare_dir is not None and spare_manifest else None
            self.tmp = adopted or Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
        except BaseException:
            self._lock.release()
            raise
        self._tmp_r = self.tmp.resolve()
        self.written: list[str] = []
        # reuse: site-relative path -> content hash of the file now in `out` (see generator/incremental.py)
        self.reuse = reuse or {}
        self.hashes: dict[str, str] = {}  # content hash of every file written, for the next build's `reuse`
        self.linked = 0
        self._made: set[str] = set()  # folders under tmp this writer created (real, no links), site-relative
        self._root = os.fspath(self._tmp_r)

    def _adopt(self, manifest: dict[str, tuple[str, int, int]]) -> Path | None:
        """Take the spare folder (an older site, kept after an earlier swap) as the build folder. Files that
        are not exactly as `manifest` records them are removed now; the others are judged as the build
        writes (kept when the new bytes are the same, else replaced by a new file: many are hard links
        shared with the live site, so a file in it is never written in place)."""
        spare = self.spare_dir
        if not spare.is_dir() or spare.is_symlink():
            return None
        tmp = self.out.with_name(f".{self.out.name}.tmp-{os.urandom(6).hex()}")
        try:
            os.rename(spare, tmp)
        except OSError:  # e.g. the cache is on another file system
            return None
        tops = {rel.split("/", 1)[0] for rel in manifest}
        with os.scandir(tmp) as it:  # a folder the writer made nothing in (a search index): gone in one go
            foreign = [Path(e.path) for e in it if e.name not in tops and e.is_dir(follow_symlinks=False)]
        for folder in foreign:
            if len(manifest) < BACKGROUND_DELETE_FILES or not _delete_in_background(folder, self.out):
                shutil.rmtree(folder)
        for rel, st in file_stats(tmp).items():
            entry = manifest.get(rel)
            if entry is not None and (entry[1], entry[2]) == st and rel not in (MARKER, ".gitkeep"):
                self.existing[rel] = entry[0]
                self._adopted[rel] = st
            else:
                os.unlink(tmp / rel)
                self._emptied.add((tmp / rel).parent)
        return tmp

    def _keep(self, rel: str, digest: str) -> bool:
        """Leave an adopted file in place when it already holds these bytes; else remove it (False)."""
        old = self.existing.pop(rel, None)
        if old is None:
            return False
        check_rel(rel)
        if old == digest:
            self.hashes[rel] = digest
            self.written.append(rel)
            self.kept += 1
            self.kept_stats[rel] = self._adopted[rel]
            return True
        target = self.path_for(rel)
        os.unlink(target)
        return False

    def path_for(self, rel: str) -> str:
        """Resolve a site-relative path (a string path in the build folder: 10k+ pages, no Path objects),
        refusing anything that would leave the output folder."""
        parts = check_rel(rel)
        folder = rel.rpartition("/")[0]
        plain = "." not in parts and "" not in parts
        if plain and folder in self._made:
            return f"{self._root}/{rel}"  # a plain name in a folder this writer made itself: resolving is pure cost
        if plain and folder and ("/" not in folder or folder.rpartition("/")[0] in self._made):
            try:  # a folder this writer creates right now inside one it made is a real folder: no resolve
                os.mkdir(f"{self._root}/{folder}")
            except FileExistsError:
                pass
            else:
                self._made.add(folder)
                return f"{self._root}/{rel}"
        resolved = (self._tmp_r / rel).resolve()
        if not resolved.is_relative_to(self._tmp_r) or resolved == self._tmp_r:
            raise OutputError(f"refusing to write {rel!r}: outside the output folder")
        return str(resolved)

    def _target(self, rel: str) -> str:
        target = self.path_for(rel)
        folder = rel.rpartition("/")[0]
        if folder not in self._made:  # one mkdir per folder, not per file (10k+ pages)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if target == f"{self._root}/{rel}":  # no link on the way: every folder up to the root is real
                self._made.add(folder)
                while folder and (folder := folder.rpartition("/")[0]) and folder not in self._made:
                    self._made.add(folder)
        return target

    def link_unchanged(self, rel: str, digest: str) -> bool:
        """Take the previous site's file as it is when its content hash is `digest` (the caller knows the new
        bytes would be the same without producing them). False when that file is not available."""
        if self.existing and self._keep(rel, digest):
            return True
        if self.reuse.get(rel) != digest or not self._link_previous(rel, self._target(rel)):
            return False
        self.hashes[rel] = digest
        self.written.append(rel)
        return True

    def write_bytes(self, rel: str, data: bytes) -> None:
        target = self._target(rel)
        if not self._kept_or_linked(rel, hashlib.blake2b(data, digest_size=20).hexdigest(), target):
            with open(target, "wb") as f:
                f.write(data)

    def _kept_or_linked(self, rel: str, digest: str, target: str) -> bool:
        """Record the file `rel` with content hash `digest`; True when no bytes need writing: an adopted file
        holding them is left in place, or the previous site's identical file is hard-linked to `target`."""
        if self.existing and self._keep(rel, digest):
            return True
        self.hashes[rel] = digest
        self.written.append(rel)
        return self.reuse.get(rel) == digest and self._link_previous(rel, target)

    def _link_previous(self, rel: str, target: str) -> bool:
        """Hard-link the previous site's identical file instead of writing a new copy."""
        try:
            os.link(self.out / rel, target, follow_symlinks=False)
        except OSError:
            return False
        self.linked += 1
        return True

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def write_parts(self, rel: str, parts: Iterable[str]) -> None:
        """write_text(rel, "".join(parts)) without the whole text in memory: each part is encoded, hashed and
        written as it comes, to a file beside the target that takes its place once the hash says it must
        (digest.json of 100,000 articles is ~100 MB; joining and encoding it held ~0.4 GB at once)."""
        target = self._target(rel)
        partial = target + ".part"
        hasher = hashlib.blake2b(digest_size=20)
        try:
            with open(partial, "wb") as f:
                for part in parts:
                    data = part.encode("utf-8")
                    hasher.update(data)
                    f.write(data)
            if not self._kept_or_linked(rel, hasher.hexdigest(), target):
                os.replace(partial, target)  # a new file, never written in place (it may be a link to the live site)
        finally:
            if os.path.lexists(partial):
                os.unlink(partial)

    def copy_file(self, src: Path, rel: str) -> None:
        self.write_bytes(rel, src.read_bytes())

    def commit(self) -> None:
        """Swap the finished folder in: at every instant either the old or the new site is complete."""
        try:
            self.remove_stale()
            if (self.out / ".gitkeep").exists():  # the repository's placeholder survives the swap
                (self.tmp / ".gitkeep").touch()
            (self.tmp / MARKER).write_text("This folder is generated by newsdigest; it is replaced on every build.\n")
            os.chmod(self.tmp, 0o755)
            if self.out.exists() and _exchange(self.tmp, self.out):
                self._discard(self.tmp)  # now holds the previous site
                return
            old = None
            if self.out.exists():
                old = self.out.with_name(f".{self.out.name}.old-{os.getpid()}")
                os.rename(self.out, old)
            os.rename(self.tmp, self.out)  # a kill between the two renames is repaired by the next build
            if old is not None:
                self._discard(old)
        finally:
            self._lock.release()

    def drop_stale(self, prefix: str = "", suffix: str = "") -> None:
        """Adopted folder: remove now the files of the older site under `prefix` ending in `suffix` that this
        build has not written, so an indexer reading the folder before commit (Pagefind) never sees them."""
        for rel in [r for r in self.existing if r.startswith(prefix) and r.endswith(suffix)]:
            del self.existing[rel]
            os.unlink(self.tmp / rel)
            self._emptied.add((self.tmp / rel).parent)

    def remove_stale(self) -> None:
        """Adopted folder: remove the files this build did not write, then the folders left empty (before the
        manifest of the new site is taken, which must not list them; commit calls it too)."""
        for rel in self.existing:
            os.unlink(self.tmp / rel)
            self._emptied.add((self.tmp / rel).parent)
        self.existing = {}
        emptied, self._emptied = self._emptied, set()
        for folder in sorted(emptied, key=lambda f: len(f.parts), reverse=True):
            while folder != self.tmp and folder.is_relative_to(self.tmp):
                try:
                    os.rmdir(folder)
                except OSError:  # not empty (or gone): its parents are not empty either
                    break
                folder = folder.parent

    def _discard(self, previous: Path) -> None:
        """Keep the previous site as the spare folder of the next build (see _adopt), or delete it. Removing thousands of page folders takes seconds on a slow disk, which
        the new site does not need to wait for: a large one is renamed to a trash folder and removed by a
        detached process (a trash folder left by a killed deleter is removed by the next build)."""
        if self.spare_dir is not None:
            if self.spare_dir.exists():  # not adopted (unusable): make room
                self._delete(self.spare_dir)
            try:
                os.rename(previous, self.spare_dir)
                os.utime(self.spare_dir)  # its age tells which spare folders are still in use (Previous.save)
                return
            except OSError:
                pass
        self._delete(previous)

    def _delete(self, folder: Path) -> None:
        if len(self.written) < BACKGROUND_DELETE_FILES or not _delete_in_background(folder, self.out):
            shutil.rmtree(folder, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)
        self._lock.release()


def check_rel(rel: str) -> list[str]:
    """The parts of a site-relative path; OutputError unless it is a plain path inside the site."""
    parts = rel.split("/")
    if not rel or "\x00" in rel or "\\" in rel or rel.startswith("/") or ".." in parts:
        raise OutputError(f"refusing to write {rel!r}: not a plain path inside the output folder")
    return parts


def _separate(spare: Path, out: Path) -> bool:
    """The spare folder must be neither inside the site nor around it."""
    s, o = spare.resolve(), out.resolve()
    return not (s.is_relative_to(o) or o.is_relative_to(s))


def file_stats(root: Path, descend=None, skip_unreadable: bool = False,
               known: dict[str, tuple[int, int]] | None = None) -> dict[str, tuple[int, int]]:
    """rel -> (size, mtime_ns) of every non-folder entry under root (a link to a folder counts as a file), in one
    scandir pass with no Path objects (10k+ files). descend(prefix, name) says whether to enter a folder; with
    skip_unreadable a folder that cannot be read is passed over, else its OSError is raised. known: files whose
    stats the caller already has (not stat'ed again)."""
    found: dict[str, tuple[int, int]] = {}
    known = known or {}
    stack = [("", os.fspath(root))]
    while stack:
        prefix, folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                for entry in it:
                    rel = prefix + entry.name
                    if entry.is_dir(follow_symlinks=False):
                        if descend is None or descend(prefix, entry.name):
                            stack.append((rel + "/", entry.path))
                    elif rel in known:
                        found[rel] = known[rel]
                    else:
                        st = entry.stat(follow_symlinks=False)
                        found[rel] = (st.st_size, st.st_mtime_ns)
        except OSError:
            if not skip_unreadable:
                raise
    return found


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders with Linux renameat2(RENAME_EXCHANGE); False where unsupported."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def clean_stale_temps(out: Path) -> None:
    """Remove temporary folders left by killed builds, unless another build holds the lock (they are its own)."""
    if not out.parent.exists():
        return
    lock = _Lock(out.parent, blocking=False)
    if lock.fd is None:
        return
    try:
        _clean(out)
    finally:
        lock.release()


def delete_folder(folder: Path) -> None:
    """Remove a folder of ours: renamed to a trash name beside it and removed by a detached process."""
    if not _delete_in_background(folder, folder):
        shutil.rmtree(folder, ignore_errors=True)


def _delete_in_background(folder: Path, out: Path) -> bool:
    """Rename `folder` to a trash name next to `out` and start a detached `rm -rf` on it (False if impossible)."""
    return _hand_to_deleter(folder, out.with_name(f".{out.name}.trash-{os.getpid()}-{os.urandom(4).hex()}"))


def remove_temporary(folder: Path, background: bool) -> None:
    """Delete a temporary folder next to a build folder (`.site.tmp-X-...`) now, or (background) renamed to a trash
    name (`.site.trash-X-...`, which the next build hands to a deleter again should this one be cut short) by a
    detached, niced `rm -rf` that the build does not wait for."""
    if not (background and ".tmp-" in folder.name
            and _hand_to_deleter(folder, folder.with_name(folder.name.replace(".tmp-", ".trash-", 1)))):
        shutil.rmtree(folder, ignore_errors=True)


def _hand_to_deleter(folder: Path, trash: Path) -> bool:
    """Rename `folder` to `trash` and start a detached `rm -rf` on it; False (folder untouched) if impossible."""
    rm = shutil.which("rm")
    if rm is None:
        return False
    try:
        os.rename(folder, trash)
    except OSError:
        return False
    if not _spawn_rm(rm, [trash]):
        shutil.rmtree(trash, ignore_errors=True)
    return True


def _spawn_rm(rm: str, folders: list[Path]) -> bool:
    import subprocess

    nice = shutil.which("nice")
    cmd = ([nice, "-n", "10"] if nice else []) + [rm, "-rf", "--", *map(os.fspath, folders)]
    try:  # own session, no inherited pipes: a caller waiting for our output does not wait for the deleter
        subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         close_fds=True, start_new_session=True)
    except OSError:
        return False
    return True


def _clean(out: Path) -> None:
    """Restore a site caught between two renames, then delete leftovers. Caller holds the lock."""
    olds = sorted(out.parent.glob(f".{out.name}.old-*"))
    if not out.exists() and olds:
        os.rename(olds[-1], out)
    for p in out.parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(p, ignore_errors=True)
    for p in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(p, ignore_errors=True)
    trash = sorted(out.parent.glob(f".{out.name}.trash-*"))  # a deleter may still be at work on them
    rm = shutil.which("rm")
    if trash and not (rm and _spawn_rm(rm, trash)):
        for p in trash:
            shutil.rmtree(p, ignore_errors=True)
