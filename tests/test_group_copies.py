"""Level 1 grouping: every syndication transformation is a copy; roundups and shared furniture are not."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.group import group_articles
from generator.model import Article
from tests.test_group_fixtures import (COURIER_FURNITURE, FERRY_WIRE, HARVEST, STATUES, TRAM, article,
                                       background, curl, variant)

WIRE = article("ferry-wire", FERRY_WIRE, "Ferry fire forces evacuation of 212 off Port Anselm", dt.date(2026, 11, 10))


def _copy_group_of(articles: list[Article], path: str) -> tuple[int, int]:
    """(story index, copy group id) of the article with this path."""
    for k, g in enumerate(group_articles(articles)):
        for m, c in zip(g.members, g.copy_groups):
            if articles[m].path == path:
                return k, c
    raise AssertionError(path)


def _are_copies(articles: list[Article], a: str, b: str) -> bool:
    return _copy_group_of(articles, a)[1] == _copy_group_of(articles, b)[1]


TYPO_WIRE = [p.replace("evacuated", "evacuatd").replace("inspected", "inspectd") for p in FERRY_WIRE]

TRANSFORMED = {
    "exact": dict(),
    "trimmed": dict(paragraphs=FERRY_WIRE[:4]),
    "two-paragraph brief": dict(paragraphs=FERRY_WIRE[:2]),
    "paragraphs dropped": dict(paragraphs=FERRY_WIRE[0:1] + FERRY_WIRE[2:5] + FERRY_WIRE[6:7]),
    "paragraphs reordered": dict(paragraphs=[FERRY_WIRE[i] for i in (0, 2, 1, 4, 3, 6, 5, 7)]),
    "new headline": dict(title="Islanders cut off as Larkspur Lines halts all Kestrel sailings"),
    "dateline added": dict(paragraphs=["PORT ANSELM (Reuters) - " + FERRY_WIRE[0]] + FERRY_WIRE[1:]),
    "outlet boilerplate": dict(paragraphs=["By Staff Reporter"] + FERRY_WIRE + COURIER_FURNITURE[:2]),
    "curly quotes": dict(paragraphs=[curl(p) for p in FERRY_WIRE]),
    "a day later": dict(date=dt.date(2026, 11, 11)),
    "typos fixed": dict(paragraphs=TYPO_WIRE),
    "update appended": dict(paragraphs=FERRY_WIRE + [
        "UPDATE: Larkspur Lines said late on Tuesday that a chartered catamaran from the mainland would "
        "carry food and post to the island from Thursday until the ferries are cleared to sail again."]),
    "combined": dict(title="Engine fire halts Kestrel Island ferries",
                     date=dt.date(2026, 11, 11),
                     paragraphs=["PORT ANSELM (Nordwire) - " + curl(FERRY_WIRE[0])] + [curl(p) for p in FERRY_WIRE[2:5]]
                     + ["Update: the coastguard later said all nine patients had gone home."] + COURIER_FURNITURE[:1]),
}


@pytest.mark.parametrize("name", sorted(TRANSFORMED))
def test_syndicated_version_is_a_copy_of_the_wire_text(name):
    copy = variant(WIRE, "copy-" + name.replace(" ", "-"), **TRANSFORMED[name])
    arts = background() + [WIRE, copy]
    assert _are_copies(arts, WIRE.path, copy.path)
    story, _ = _copy_group_of(arts, WIRE.path)
    groups = group_articles(arts)
    members = groups[story].members
    assert {arts[m].path for m in members} == {WIRE.path, copy.path}
    reason = groups[story].reasons[members.index(arts.index(copy))] if members[0] == arts.index(WIRE) else \
        groups[story].reasons[members.index(arts.index(WIRE))]
    assert "copy" in reason


def test_canonical_is_earliest_then_longest_and_scores_are_per_member():
    later = variant(WIRE, "later-full", date=dt.date(2026, 11, 11))
    brief = variant(WIRE, "same-day-brief", paragraphs=FERRY_WIRE[:2])
    arts = [brief, later, WIRE] + background()
    g = next(g for g in group_articles(arts) if arts.index(WIRE) in g.members)
    assert [arts[m].path for m in g.members] == [WIRE.path, brief.path, later.path]
    assert len(g.copy_groups) == len(g.similarity) == len(g.reasons) == 3
    assert len(set(g.copy_groups)) == 1 and g.similarity[0] == 1.0
    assert g.reasons[1].startswith("near-identical copy (") and g.reasons[2] == "exact copy of the text"


def test_copy_group_ids_are_unique_across_the_run():
    arts = background() + [WIRE, variant(WIRE, "dup")]
    ids = [c for g in group_articles(arts) for c in set(g.copy_groups)]
    assert len(ids) == len(set(ids)) == len(arts) - 1


def test_roundup_reusing_paragraphs_of_several_stories_is_a_copy_of_none():
    tram = article("tram-vote", TRAM, "Bellmoor approves tram line", dt.date(2026, 11, 10))
    harvest = article("apple-harvest", HARVEST, "Record apple harvest", dt.date(2026, 11, 10))
    statues = article("bronze-return", STATUES, "Museum returns bronzes", dt.date(2026, 11, 10))
    roundup = article("morning-briefing", ["Good morning. Here is what you need to know today."]
                      + FERRY_WIRE[:2] + TRAM[:1] + HARVEST[:2] + STATUES[:1]
                      + ["That's all for this morning. See you tomorrow."],
                      "Morning briefing: ferry fire, tram vote, apples", dt.date(2026, 11, 10), "briefing.example")
    arts = [WIRE, tram, harvest, statues, roundup]
    groups = group_articles(arts)
    story_of = {arts[m].path: k for k, g in enumerate(groups) for m in g.members}
    assert len({story_of[a.path] for a in arts}) == len(arts), [[arts[m].path for m in g.members] for g in groups]


def test_roundup_holding_all_of_a_short_story_is_not_its_copy():
    short = article("ferry-short", FERRY_WIRE[:2], "Ferry fire off Port Anselm", dt.date(2026, 11, 10))
    others = [article("tram-vote", TRAM), article("apple-harvest", HARVEST), article("bronze-return", STATUES)]
    roundup = article("evening-briefing", FERRY_WIRE[:2] + TRAM[:2] + HARVEST[:1] + STATUES[:1],
                      "Evening briefing", dt.date(2026, 11, 10), "briefing.example")
    arts = [short, roundup] + others
    assert not _are_copies(arts, short.path, roundup.path)


def test_shared_outlet_boilerplate_does_not_make_copies():
    tram = article("tram-vote", TRAM + COURIER_FURNITURE, "Bellmoor approves tram line", outlet="courier.example")
    harvest = article("apple-harvest", HARVEST + COURIER_FURNITURE, "Record apple harvest", outlet="courier.example")
    arts = [tram, harvest, article("bronze-return", STATUES), WIRE]
    groups = group_articles(arts)
    assert all(len(g.members) == 1 for g in groups)


def test_exact_copies_under_any_name_collapse_even_in_bulk():
    copies = [variant(WIRE, f"outlet{k}") for k in range(80)]  # more copies than the shingle index's cap
    arts = background() + [WIRE] + copies
    g = next(g for g in group_articles(arts) if arts.index(WIRE) in g.members)
    assert len(g.members) == 81 and len(set(g.copy_groups)) == 1


def test_many_lightly_edited_copies_stay_one_group():
    # More near-copies than any fixed per-shingle cap: each outlet fixes a different typo and adds a dateline.
    copies = []
    for k in range(120):
        paras = list(FERRY_WIRE)
        p = k % len(paras)
        words = paras[p].split()
        words[k % len(words)] = words[k % len(words)] + "s"
        paras[p] = " ".join(words)
        copies.append(variant(WIRE, f"outlet{k}", paragraphs=[f"PORT ANSELM (Wire{k}) - " + paras[0]] + paras[1:]))
    arts = background() + [WIRE] + copies
    g = next(g for g in group_articles(arts) if arts.index(WIRE) in g.members)
    assert len(g.members) == 121 and len(set(g.copy_groups)) == 1


def test_identical_texts_are_found_by_hash_but_never_joined_on_a_hash_alone(monkeypatch):
    """Identical shingle sets are collapsed by a hash of the set; two different sets whose hashes agreed (forced
    here) stay apart."""
    import hashlib

    import numpy as np

    import generator.group as group

    a = article("a", HARVEST, "Harvest", dt.date(2026, 11, 10))
    copy = article("b", HARVEST, "Harvest (copy)", dt.date(2026, 11, 10))
    other = article("c", TRAM, "Tram", dt.date(2026, 11, 10))
    sets = [group.features_of([x])[1][0] for x in (a, copy, other)]
    assert np.array_equal(sets[0], sets[1]) and not np.array_equal(sets[0], sets[2])

    class Same:  # every set hashes alike
        def __init__(self, *args, **kwargs):
            pass

        def digest(self):
            return b"same"

    for patched in (False, True):
        if patched:
            monkeypatch.setattr(group.hashlib, "blake2b", Same)
        copies, *_ = group._copy_groups([a, copy, other], sets, 0.7)
        assert sorted(sorted(c) for c in copies) == [[0, 1], [2]]
    assert hashlib.blake2b is Same  # the module's hashlib is the one patched (sanity of the test itself)


def test_an_exact_copy_is_one_whose_normalised_text_is_the_same():
    """Other spaces, curly quotes or compatibility characters do not stop a copy being exact; one word does."""
    paras = list(HARVEST)
    retyped = [" " + p.replace("'", "\u2019").replace(" ", "  ") + " " for p in paras]
    retyped[0] = retyped[0].replace("fi", "\ufb01")  # the "fi" ligature: NFKC makes it "fi" again
    edited = paras[:-1] + [paras[-1].replace(" the ", " a ", 1)]
    arts = [article("a", paras, "Harvest", dt.date(2026, 11, 10)),
            article("b", retyped + [""], "Harvest (retyped)", dt.date(2026, 11, 11)),
            article("c", edited, "Harvest (edited)", dt.date(2026, 11, 12))]
    assert edited != paras
    g = next(g for g in group_articles(arts) if 0 in g.members)
    assert g.members == [0, 1, 2] and len(set(g.copy_groups)) == 1
    assert g.reasons[1] == "exact copy of the text" and g.reasons[2].startswith("near-identical copy (")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab C.,'\"\t \u00a0\u2019\u201c\u0301\u00e9\ufb01\u3000\u2028x")),
                        max_size=12), max_size=5))
def test_the_text_key_is_a_hash_of_the_normalised_text(paragraphs):
    """The key made from the paragraphs normalised one by one is the key of the normalised whole text."""
    import hashlib

    from generator.group_text import article_features
    from generator.text import normalize

    a = Article("a.txt", "T", dt.date(2026, 11, 10), "https://x.example/a", paragraphs)
    expected = hashlib.blake2b(normalize(a.text).encode("utf-8", "surrogatepass"), digest_size=16).digest()
    assert article_features(a)[2] == expected
