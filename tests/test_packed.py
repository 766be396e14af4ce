"""Articles held packed (generator/packed.py) give back exactly the articles they hold, and grouping, the story stage
and the build report read them as they read a list: the same groups, the same site."""
import dataclasses
import datetime as dt
import pickle

import pytest

import generator.pipeline as pipeline
from generator import group_text
from generator import packed as packed_module
from generator.build_report import unverified_quotes
from generator.group import group_articles
from generator.group_text import LazyList, compact_features
from generator.model import Article, Digest
from generator.packed import PackedArticle, PackedArticles, text_lengths, unpacked, without_text

from .test_group_fixtures import FERRY_FOLLOW_UP, FERRY_OTHER_OUTLET, FERRY_WIRE, QUAKE_SOUTH, article, background, \
    curl, variant
from .test_pipeline import REPO, build, site_bytes

ODD = Article("odd/é.md", "Ünïcode & <tags>", dt.date(2026, 1, 2), "https://x.example/é",
              ["", "line one\nline two", "emoji \U0001f4f0 and a lone surrogate-free \u00a0 space", "x" * 5000],
              outlet="X", tags=["a", "b"], body_html="<p>body</p>")


def test_a_packed_article_unpacks_to_the_same_article_and_pickles_as_itself():
    packed = PackedArticle.of(ODD)
    assert packed.unpack() == ODD and packed.unpack() is not ODD
    assert packed.lean.paragraphs == [] and packed.lean.title == ODD.title and packed.lean.tags == ODD.tags
    assert packed.text_length == len(ODD.text)
    again = pickle.loads(pickle.dumps(packed))
    assert isinstance(again, PackedArticle) and again.unpack() == ODD and again.text_length == len(ODD.text)
    assert len(packed.blob) < len("".join(ODD.paragraphs).encode())  # held smaller than its text
    assert unpacked(packed) == ODD and unpacked(ODD) is ODD
    empty = dataclasses.replace(ODD, paragraphs=[])
    assert PackedArticle.of(empty).unpack() == empty and PackedArticle.of(empty).text_length == 0


def test_packed_text_is_plain_zlib_either_way(monkeypatch):
    """Packed with ISA-L (isal) or with the standard zlib (where isal is missing), the blob is zlib's format: a
    cached article packed by one unpacks with the other."""
    import marshal
    import zlib

    assert marshal.loads(zlib.decompress(PackedArticle.of(ODD).blob)) == ODD.paragraphs
    monkeypatch.setattr(packed_module, "zlib", zlib)
    by_stdlib = PackedArticle.of(ODD)
    monkeypatch.undo()
    assert packed_module.zlib.__name__ == "isal.isal_zlib"  # the dependency is what runs
    assert by_stdlib.unpack() == ODD


def test_packed_articles_index_like_the_list_they_hold():
    arts = background() + [ODD]
    held = PackedArticles(arts)
    assert len(held) == len(arts)
    assert [held[i] for i in range(len(arts))] == arts and list(held) == arts
    assert held[-1] == ODD and held[1:3] == arts[1:3]
    with pytest.raises(IndexError):
        held[len(arts)]
    assert held.packed(2).unpack() == arts[2]
    held.append(PackedArticle.of(arts[0]))  # taken as it is
    assert held[len(arts)] == arts[0]
    assert text_lengths(held) == text_lengths(held[:]) == [len(a.text) for a in held]
    assert [a.paragraphs for a in without_text(held)] == [[]] * len(held)
    assert [(a.path, a.url, a.date) for a in without_text(held)] == [(a.path, a.url, a.date) for a in held]
    assert without_text(arts) is arts


def test_spilled_packed_articles_keep_their_text_in_an_unnamed_file_and_hand_out_whole_articles(tmp_path):
    arts = background() + [ODD]
    given = [PackedArticle.of(a) for a in arts]
    held = PackedArticles(given[:-1], spill_to=tmp_path)
    held.append(ODD)
    assert [held[i] for i in range(len(arts))] == arts and list(held) == arts and held[-1] == ODD
    assert all(isinstance(item.blob, tuple) for item in held._items)  # offsets only, no text in memory
    assert isinstance(given[0].blob, bytes)  # the caller's article is left as it was
    for i, a in enumerate(arts):  # what a worker is sent: the bytes, pickled, unpacked there
        whole = held.packed(i)
        assert isinstance(whole.blob, bytes) and pickle.loads(pickle.dumps(whole)).unpack() == a
    assert text_lengths(held) == [len(a.text) for a in arts]
    assert [a.title for a in without_text(held)] == [a.title for a in arts]
    assert list(tmp_path.iterdir()) == []  # unnamed: nothing is left behind, even by a killed build
    default_folder = PackedArticles(arts[:2], spill_to="")  # the system's temporary folder
    assert list(default_folder) == arts[:2]


def test_lazy_list_makes_each_item_when_read():
    made = []
    lazy = LazyList(lambda i: made.append(i) or i * i, 5)
    assert len(lazy) == 5 and made == []
    assert lazy[3] == 9 and lazy[-1] == 16 and lazy[1:3] == [1, 4] and list(lazy) == [0, 1, 4, 9, 16]
    with pytest.raises(IndexError):
        lazy[5]


def _corpus() -> list[Article]:
    wire = article("wire", FERRY_WIRE, "Storm delays Brenholt ferry", dt.date(2026, 11, 10))
    return background() + [
        wire,
        variant(wire, "copy-one", paragraphs=[curl(p) for p in FERRY_WIRE]),
        variant(wire, "copy-two", paragraphs=FERRY_WIRE[:3], date=dt.date(2026, 11, 11)),
        article("other", FERRY_OTHER_OUTLET, "Brenholt ferry stays in port", dt.date(2026, 11, 10)),
        article("follow", FERRY_FOLLOW_UP, "Brenholt ferry sails again", dt.date(2026, 11, 12)),
        article("quake-south", QUAKE_SOUTH, "Quake shakes Veltrano coast", dt.date(2026, 11, 9)),
    ]


@pytest.mark.parametrize("handed_over", [False, True])
def test_grouping_packed_articles_gives_the_groups_of_the_list(handed_over):
    arts = _corpus()
    expected = group_articles(arts)
    assert any(len(g.members) >= 3 for g in expected)  # copies and same-event coverage: a real test
    held = PackedArticles(arts)
    if handed_over:  # the pipeline's way: the features made when the files were read
        features = [compact_features(a) for a in arts]
        with group_text.precomputed(held, features, {}):
            features.clear()
            got = group_articles(held)
    else:
        got = group_articles(held)
    assert got == expected


def test_the_build_report_checks_quotes_in_packed_articles():
    arts = _corpus()
    from generator.digest import make_story
    from generator.model import Quote

    group = group_articles(arts)[0]
    real = Quote(text=arts[group.members[0]].paragraphs[0][:40], speaker=None, path=arts[group.members[0]].path)
    made_up = Quote(text="words nobody wrote", speaker=None, path=arts[group.members[0]].path)
    story = make_story(group, arts, ["s"], [real, made_up])
    digest = Digest([story], [], len(arts), None)
    expected = unverified_quotes(digest, arts)
    assert [q.text for _, q, _ in expected] == ["words nobody wrote"]
    assert unverified_quotes(digest, PackedArticles(arts)) == expected


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_build_with_packed_articles_is_byte_identical(tmp_path, monkeypatch, jobs):
    """The sample content (copies, multi-source stories, quotes) built with its articles held packed, its stories
    made on workers started clean (sent packed) and its word features computed there too, gives the same site
    as a plain build; a later plain build from the cache the packed one left gets the same site again."""
    content = REPO / "content"
    build(content, tmp_path / "plain", None, "--jobs", "1")
    monkeypatch.setattr(pipeline, "PACK_MIN_FILES", 0)
    monkeypatch.setattr(pipeline, "CLEAN_MIN_STORIES", 0)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_STORIES", 0)
    monkeypatch.setattr(group_text, "PARALLEL_MEMO_MIN", 2)
    monkeypatch.setattr(group_text, "CLEAN_MEMO_MIN", 2)
    packs = []
    real_of = PackedArticle.of
    monkeypatch.setattr(PackedArticle, "of", classmethod(lambda cls, a: packs.append(a.path) or real_of(a)))
    spilled = []
    real_write = packed_module._SpillFile.write
    monkeypatch.setattr(packed_module._SpillFile, "write", lambda self, blob: spilled.append(blob) or real_write(self, blob))
    assert build(content, tmp_path / "packed", tmp_path / "cache", "--jobs", jobs) == 0
    assert len(packs) == 16  # every article was packed (read here: too few files for the pool)
    assert len(spilled) == 16  # ... and its text held in the spill file, not in memory
    assert site_bytes(tmp_path / "packed") == site_bytes(tmp_path / "plain")
    monkeypatch.setattr(pipeline, "PACK_MIN_FILES", 10**9)
    assert build(content, tmp_path / "from-cache", tmp_path / "cache", "--jobs", "1") == 0
    assert site_bytes(tmp_path / "from-cache") == site_bytes(tmp_path / "plain")
