"""Whole-build reuse: skip a build whose inputs are unchanged, and let unchanged output files be hard-linked.

A record per output folder, in the build cache, holds the fingerprint of every input (generator source,
config, theme files, each content file's bytes) and a manifest of the output it produced: per file its
content hash, size and mtime. When the fingerprint matches and the output folder still holds exactly
those files unmodified, the build has nothing to do. Otherwise the manifest's entries whose files are
intact are offered to SiteWriter, which hard-links a page from the previous site instead of writing it
again when the new bytes are the same (unchanged pages keep their inode and mtime, so deploy tools
that compare timestamps upload only what changed).
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from generator.cache import BuildCache, digest, tree_fingerprint
from generator.output import MARKER, file_stats


def _stat_key(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _tree_stats(out: Path, known: dict[str, tuple[int, int]] | None = None) -> dict[str, tuple[int, int]]:
    """rel -> (size, mtime_ns) for every file under out (one scandir pass, no Path objects: 10k+ files); known:
    files whose stats are at hand."""
    found = file_stats(out, skip_unreadable=True, known=known)
    for rel in (MARKER, ".gitkeep"):  # written by SiteWriter.commit itself, not by the render
        found.pop(rel, None)
    return found


def _tools() -> str:
    """External programs whose presence changes the output (the search indexer, when the site has one)."""
    try:
        from generator.search import pagefind_executable
    except ImportError:
        return ""
    return str(pagefind_executable())


class LiveFiles:
    """rel -> content hash of a file of the live site that is still as the manifest says, checked on lookup (a build
    that adopts the spare folder looks up only the pages it does not find there: 100,000 articles, 140,000 stats
    saved)."""

    def __init__(self, out: Path, manifest: dict[str, tuple[str, int, int]]):
        self.out, self.manifest = out, manifest
        self._checked: dict[str, str | None] = {}

    def get(self, rel: str, default=None):
        if rel not in self._checked:
            entry = self.manifest.get(rel)
            self._checked[rel] = entry[0] if entry and _stat_key(self.out / rel) == (entry[1], entry[2]) else None
        found = self._checked[rel]
        return default if found is None else found

    def __bool__(self) -> bool:
        return bool(self.manifest)


MAX_SPARES = 3  # spare folders (previous sites, see generator/output.py) kept in one cache folder


class Previous:
    """The last build into `out`, as recorded in the cache; `check` is a pipeline `before` hook."""

    def __init__(self, cache: BuildCache, out: Path, root: Path, config):
        self.cache, self.out, self.root, self.config = cache, out, root, config
        self.key = digest(str(out.resolve()))
        self._record: dict | None | bool = False  # False: not read from the cache (yet, or again)
        self.written: set[str] = set()

    @property
    def record(self) -> dict | None:
        if self._record is False:
            record = self.cache.get("build", self.key)
            self._record = record if isinstance(record, dict) and isinstance(record.get("manifest"), dict) else None
        return self._record

    def fingerprint(self, file_keys) -> str:
        from generator.render import static_dir, theme_dirs

        theme = tree_fingerprint(theme_dirs(self.config, self.root) + [static_dir(self.config, self.root)])
        config = repr(sorted(vars(self.config).items(), key=lambda kv: kv[0]))
        return digest(self.cache.code_fp, config, theme, _tools(),
                      *(f"{rel}\0{key}" for rel, key in file_keys))

    def intact(self) -> bool:
        """The output folder holds exactly the recorded files, none touched since."""
        if not (self.out / MARKER).is_file():
            return False
        return _tree_stats(self.out) == {rel: (size, mtime) for rel, (_h, size, mtime) in self.record["manifest"].items()}

    def check(self, state) -> None:
        """Mark the build unchanged (restoring the recorded diagnostics and counts) when nothing changed."""
        if any(key is None for _rel, key in state.file_keys):
            return  # an unreadable file or symlink: let the full build diagnose it
        state.fingerprint = self.fingerprint(state.file_keys)
        rec = self.record
        if rec and rec.get("fingerprint") == state.fingerprint and self.intact():
            state.unchanged = True
            state.diagnostics = list(rec["diagnostics"])
            state.counts = tuple(rec["counts"])
            state.warnings = list(rec.get("warnings", []))
        else:
            # read again when rendering asks: the stages run first (in a forked child for a large build), and the
            # record of every output file (100,000 articles: ~75 MB) would sit in this process meanwhile
            self._record = False

    def spare(self) -> dict:
        """SiteWriter arguments for the spare folder: the site before the current one, kept (mostly hard
        links) in the cache folder after the swap, so the next build rewrites only what changed."""
        spare_dir = self.cache.folder / f"spare-{self.key[:20]}"
        manifest = self.record.get("spare") if self.record else None
        return {"spare_dir": spare_dir, "spare_manifest": manifest if isinstance(manifest, dict) else None}

    def reusable(self) -> "LiveFiles":
        """rel -> content hash for previous output files that are still as the manifest says."""
        return LiveFiles(self.out, self.record["manifest"] if self.record else {})

    def snapshot(self, folder: Path, hashes: dict[str, str],
                 known: dict[str, tuple[int, int]] | None = None) -> dict[str, tuple[str, int, int]]:
        """Manifest of the finished build folder, taken before the swap (renames keep size and mtime), while
        the writer still holds the output lock, so a concurrent build's files are never recorded as ours.
        Files a renderer wrote without the writer (e.g. a search index) are hashed here. known: (size, mtime_ns)
        of files the build left in place (SiteWriter.kept_stats), not stat'ed again (100,000 articles: 140,000
        files). A file the writer did not make that has the size and mtime the last build recorded at its path (a
        search shard reused or seeded from the live site: a hard link to the recorded file) keeps the recorded
        hash, as the no-change check trusts such a record (100,000 articles: ~44,000 index files read and hashed
        on every rebuild, 15.5 s with cold caches)."""
        manifest = {}
        previous = self.record["manifest"] if self.record else {}
        for rel, st in sorted(_tree_stats(folder, known).items()):
            h = hashes.get(rel)
            if h is None:
                old = previous.get(rel)
                h = old[0] if old is not None and tuple(old[1:]) == st else \
                    hashlib.blake2b((folder / rel).read_bytes(), digest_size=20).hexdigest()
            manifest[rel] = (h, *st)
        self.written = set(hashes)  # the files the writer made (the rest, e.g. a search index, are not kept)
        return manifest

    def save(self, state, manifest: dict[str, tuple[str, int, int]], diagnostics, warnings=()) -> None:
        """Record this build (call after the new site is committed)."""
        if not state.fingerprint and not any(key is None for _rel, key in state.file_keys):
            state.fingerprint = self.fingerprint(state.file_keys)
        # the site just replaced is now the spare folder: the files its writer made, as they were
        old = self.record or {}
        old_written = set(old.get("written", ()))
        spare = {rel: entry for rel, entry in old.get("manifest", {}).items() if rel in old_written} or None
        self.cache.put("build", self.key, {"fingerprint": state.fingerprint, "manifest": manifest,
                                           "diagnostics": list(diagnostics), "counts": list(state.counts),
                                           "warnings": list(warnings), "written": sorted(self.written),
                                           "spare": spare})
        self._drop_old_spares()

    def _drop_old_spares(self) -> None:
        """Keep the spare folders of the MAX_SPARES most recently built outputs (a cache shared by many
        output folders, e.g. by tests, would otherwise keep a copy of each of their sites)."""
        from generator.output import delete_folder

        spares = []
        for folder in self.cache.folder.glob("spare-*"):
            try:
                spares.append((folder.stat().st_mtime_ns, folder.name, folder))
            except OSError:
                continue
        for *_, folder in sorted(spares, reverse=True)[MAX_SPARES:]:
            delete_folder(folder)
        for folder in self.cache.folder.glob(".spare-*.trash-*"):  # left by a deleter that was killed
            delete_folder(folder)
