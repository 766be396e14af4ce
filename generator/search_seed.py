"""Seed a shard's new Pagefind bundle with the previous bundle's content-addressed files.

Pagefind names its fragment, index-chunk, filter and meta files by a hash of their contents and skips writing
(and gzip-compressing) such a file when one of that name is already in its output folder. A shard indexed again
after a small change shares almost all of those files with its previous bundle: hard-linked into the empty
output folder first, Pagefind writes only the new ones (5,000 articles, one 2,100-page bundle: 2.0-3.1 s
fresh, 0.84-0.94 s seeded). Pagefind truncates and rewrites its other files (pagefind.js, the entry file, the
WASM), which must therefore never be links shared with the live site: only hash-named files are seeded.

Afterwards the seeded files the new index does not use are removed (found from the entry file and the meta
index it names, CBOR), so the bundle holds exactly the files a fresh run writes. When that cannot be
established the caller indexes again from an empty folder."""
from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

HASHED_FOLDERS = {"fragment": ".pf_fragment", "index": ".pf_index", "filter": ".pf_filter"}
META_PREFIX, META_SUFFIX = "pagefind.", ".pf_meta"
SIGNATURE = b"pagefind_dcd"  # Pagefind's prefix inside every gzipped file


def available() -> bool:
    """Whether a seeded bundle can be checked (cbor2 reads Pagefind's meta index): without it, never seed,
    or every seeded run would be followed by a second one from an empty folder."""
    try:
        import cbor2  # noqa: F401
    except ImportError:
        return False
    return True


def is_hashed(rel: str) -> bool:
    """A bundle file named by its content hash (never rewritten by Pagefind)."""
    folder, _, name = rel.rpartition("/")
    if not folder:
        return name.startswith(META_PREFIX) and name.endswith(META_SUFFIX)
    return "/" not in folder and HASHED_FOLDERS.get(folder) is not None and name.endswith(HASHED_FOLDERS[folder])


def seed(previous: Path, recorded: dict[str, tuple[int, int]], out: Path) -> int:
    """Hard-link the hash-named files of the previous bundle (its files as `recorded`, checked again one by one:
    a file changed since is left out) into `out`. Returns how many were linked."""
    linked = 0
    made: set[str] = set()
    for rel in sorted(r for r in recorded if is_hashed(r)):
        source = previous / rel
        try:
            st = os.stat(source, follow_symlinks=False)
            if (st.st_size, st.st_mtime_ns) != tuple(recorded[rel]):
                continue
            parent = os.path.dirname(rel)
            if parent not in made:
                (out / parent).mkdir(parents=True, exist_ok=True)
                made.add(parent)
            os.link(source, out / rel, follow_symlinks=False)
        except OSError:
            continue
        linked += 1
    return linked


def prune(out: Path) -> bool:
    """Remove the hash-named files of bundle `out` that its index does not use. False when the index could not
    be read or a file it names is missing: the bundle is then not to be trusted."""
    used = used_files(out)
    if used is None or any(not (out / rel).is_file() for rel in used["required"]):
        return False
    keep = used["named"]
    for folder, suffix in HASHED_FOLDERS.items():
        try:
            names = os.listdir(out / folder)
        except FileNotFoundError:
            continue
        for name in names:
            if name.endswith(suffix) and name[:-len(suffix)] not in keep:
                os.unlink(out / folder / name)
    for name in os.listdir(out):
        if name.startswith(META_PREFIX) and name.endswith(META_SUFFIX) and _meta_hash(name) not in used["metas"]:
            os.unlink(out / name)
    return True


def _meta_hash(name: str) -> str:
    return name[len(META_PREFIX):-len(META_SUFFIX)]


def used_files(out: Path) -> dict[str, set[str]] | None:
    """What the bundle's index refers to: "metas" (meta index hashes, per language), "named" (every string in
    those indexes: the hashes of the fragments, chunks and filters among them) and "required" (the files the
    search must be able to load: metas, page fragments, index chunks, filters). None if unreadable."""
    try:
        import cbor2
    except ImportError:
        return None
    try:
        entry = json.loads((out / "pagefind-entry.json").read_text("utf-8"))
        languages = entry["languages"].values()
        metas = {lang["hash"] for lang in languages}
        named: set[str] = set()
        required: set[str] = set()
        for h in metas:
            if not isinstance(h, str) or "/" in h:
                return None
            raw = gzip.decompress((out / f"{META_PREFIX}{h}{META_SUFFIX}").read_bytes())
            if not raw.startswith(SIGNATURE):
                return None
            meta = cbor2.loads(raw[len(SIGNATURE):])
            named |= _strings(meta)
            required.add(f"{META_PREFIX}{h}{META_SUFFIX}")
            # [version, pages [[hash, words]], index chunks [[from, to, hash]], filters [[name, hash]], ...]
            pages, chunks, filters = meta[1], meta[2], meta[3]
            required |= {f"fragment/{p[0]}.pf_fragment" for p in pages}
            required |= {f"index/{c[2]}.pf_index" for c in chunks}
            required |= {f"filter/{f[1]}.pf_filter" for f in filters}
            if len(pages) != _page_count(entry, h):
                return None
    except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError, EOFError,
            gzip.BadGzipFile, cbor2.CBORDecodeError):
        return None
    if any(not isinstance(rel, str) or ".." in rel for rel in required):
        return None
    return {"metas": metas, "named": named, "required": required}


def _page_count(entry: dict, meta_hash: str) -> int:
    """The page count the entry file gives for the language whose meta index is `meta_hash`."""
    return next(lang["page_count"] for lang in entry["languages"].values() if lang["hash"] == meta_hash)


def _strings(value) -> set[str]:
    """Every string inside a decoded CBOR value."""
    out: set[str] = set()
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            out.add(v)
        elif isinstance(v, (list, tuple)):
            stack.extend(v)
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
    return out


def clear(out: Path) -> None:
    """Remove the bundle's hash-named files (not its other files, nor other shards' bundles inside it)."""
    import shutil

    for folder in HASHED_FOLDERS:
        shutil.rmtree(out / folder, ignore_errors=True)
    try:
        names = os.listdir(out)
    except FileNotFoundError:
        return
    for name in names:
        if is_hashed(name):
            os.unlink(out / name)
