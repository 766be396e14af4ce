"""A search bundle indexed again starts from the live bundle's hash-named files (generator/search_seed.py):
Pagefind then writes only new files, and the result is the bundle a fresh run writes, byte for byte."""
import os

import pytest

import generator.search as search
import generator.search_seed as search_seed
from generator.search import BUNDLE_DIR, pagefind_executable, shard_dir

from .conftest import write
from .test_pipeline import build, corpus, site_bytes, story_text  # noqa: F401  (fixture)

needs_pagefind = pytest.mark.skipif(pagefind_executable() is None, reason="pagefind binary not installed")


def test_only_hash_named_files_are_seeded():
    assert search_seed.is_hashed("fragment/en_1a2b3c4.pf_fragment")
    assert search_seed.is_hashed("index/en_1a2b3c4.pf_index")
    assert search_seed.is_hashed("filter/en_1a2b3c4.pf_filter")
    assert search_seed.is_hashed("pagefind.en_1a2b3c4d.pf_meta")
    # rewritten in place by every Pagefind run: a link shared with the live site would change it too
    for rel in ("pagefind.js", "pagefind-entry.json", "wasm.en.pagefind", "pagefind-ui.css",
                "search/shards.json", "fragment/en_1.pf_index", "shard-01/fragment/en_1.pf_fragment",
                "index/sub/en_1.pf_index"):
        assert not search_seed.is_hashed(rel), rel


def _spy(monkeypatch):
    """Record what seed() linked and what prune() said."""
    seen = {"seeded": [], "pruned": []}
    real_seed, real_prune = search_seed.seed, search_seed.prune

    def seed(previous, recorded, out):
        n = real_seed(previous, recorded, out)
        seen["seeded"].append(n)
        return n

    def prune(out):
        ok = real_prune(out)
        seen["pruned"].append(ok)
        return ok
    monkeypatch.setattr(search_seed, "seed", seed)
    monkeypatch.setattr(search_seed, "prune", prune)
    return seen


def _first_build(corpus, tmp_path):
    """Build the corpus once with a cache: (cache folder, site, a folder for a clean build to compare with)."""
    cache, out, fresh = tmp_path / "cache", tmp_path / "site", tmp_path / "fresh"
    assert build(corpus, out, cache, "--jobs", "1") == 0
    return cache, out, fresh


def _assert_same_as_clean(corpus, out, fresh):
    """The site holds the bytes a clean build (no cache, no previous site) writes."""
    assert build(corpus, fresh, None, "--jobs", "1") == 0
    assert site_bytes(out) == site_bytes(fresh)


def _count_runs(monkeypatch) -> list:
    """A list that gets one entry per Pagefind run."""
    runs = []
    real_run = search.ShardedSearch._pagefind
    monkeypatch.setattr(search.ShardedSearch, "_pagefind", lambda self, *a: runs.append(a) or real_run(self, *a))
    return runs


def _edit(corpus):
    write(corpus / "many" / "s03.txt", story_text(3).replace("on Tuesday", "on Friday"))


def _hashed_files(bundle):
    return sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*")
                  if p.is_file() and search_seed.is_hashed(p.relative_to(bundle).as_posix()))


def _all_hashed(out):
    """site-relative path -> inode of every shard bundle's hash-named files."""
    found = {}
    for bundle in [out / BUNDLE_DIR, *sorted((out / BUNDLE_DIR).glob("shard-*"))]:
        for rel in _hashed_files(bundle):
            found[(bundle / rel).relative_to(out).as_posix()] = (bundle / rel).stat().st_ino
    return found


@needs_pagefind
@pytest.mark.parametrize("shards", [1, 4])
def test_a_rebuilt_index_starts_from_the_live_bundle_and_equals_a_fresh_one(corpus, tmp_path, monkeypatch, shards):
    if shards > 1:
        monkeypatch.setattr(search, "SHARD_PAGES", 3)
    cache, out, fresh = _first_build(corpus, tmp_path)
    before = _all_hashed(out)
    seen = _spy(monkeypatch)
    _edit(corpus)
    write(corpus / "many" / "s40.txt", story_text(40))  # a new story too
    assert build(corpus, out, cache, "--jobs", "1") == 0
    assert seen["seeded"] and all(n > 0 for n in seen["seeded"]) and seen["pruned"] == [True] * len(seen["seeded"])
    after = _all_hashed(out)
    assert any(after.get(rel) == ino for rel, ino in before.items())  # the same files, linked, not rewritten
    assert any(rel not in after for rel in before)  # the edited page's old fragment is gone
    _assert_same_as_clean(corpus, out, fresh)


@needs_pagefind
def test_a_bundle_whose_index_cannot_be_read_is_indexed_again_from_nothing(corpus, tmp_path, monkeypatch):
    cache, out, fresh = _first_build(corpus, tmp_path)
    runs = _count_runs(monkeypatch)
    monkeypatch.setattr(search_seed, "used_files", lambda out: None)  # e.g. a Pagefind with another meta format
    _edit(corpus)
    assert build(corpus, out, cache, "--jobs", "1") == 0
    # seeded, then once more from an empty bundle (else the seeded files the index does not use would stay)
    assert len(runs) == 2
    _assert_same_as_clean(corpus, out, fresh)


@needs_pagefind
def test_a_live_bundle_file_changed_by_hand_is_not_seeded(corpus, tmp_path, monkeypatch):
    cache, out, fresh = _first_build(corpus, tmp_path)
    seen = _spy(monkeypatch)
    bundle = out / BUNDLE_DIR
    # the fragments of the pages that stay the same keep their names in the new index
    damaged = [rel for rel in _hashed_files(bundle) if rel.startswith("fragment/")][::2]
    for rel in damaged:  # same name, other bytes: Pagefind would keep them as they are if they were seeded
        path = bundle / rel
        path.unlink()
        path.write_bytes(b"damaged")
    _edit(corpus)
    assert build(corpus, out, cache, "--jobs", "1") == 0
    assert seen["seeded"] and seen["seeded"][0] > 0
    assert all((bundle / rel).read_bytes() != b"damaged" for rel in damaged if (bundle / rel).exists())
    _assert_same_as_clean(corpus, out, fresh)


@needs_pagefind
def test_prune_keeps_what_the_index_uses_and_removes_the_rest(corpus, tmp_path):
    out = tmp_path / "site"
    assert build(corpus, out, None, "--jobs", "1") == 0
    bundle = out / shard_dir(0)
    used = _hashed_files(bundle)
    extra = ["fragment/en_0000000.pf_fragment", "index/en_0000000.pf_index", "pagefind.en_0000000000.pf_meta"]
    for rel in extra:
        (bundle / rel).parent.mkdir(exist_ok=True)
        (bundle / rel).write_bytes(b"old")
    assert search_seed.prune(bundle)
    assert _hashed_files(bundle) == used
    assert (bundle / "pagefind.js").is_file()  # the other files stay
    os.unlink(bundle / next(rel for rel in used if rel.startswith("fragment/")))
    assert not search_seed.prune(bundle)  # a fragment the index names is missing


@needs_pagefind
def test_without_cbor2_nothing_is_seeded_and_pagefind_runs_once(corpus, tmp_path, monkeypatch):
    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build(corpus, out, cache, "--jobs", "1") == 0
    monkeypatch.setitem(__import__("sys").modules, "cbor2", None)  # import cbor2 now raises ImportError
    runs = _count_runs(monkeypatch)
    seen = _spy(monkeypatch)
    _edit(corpus)
    assert build(corpus, out, cache, "--jobs", "1") == 0
    assert seen["seeded"] == [] and len(runs) == 1
