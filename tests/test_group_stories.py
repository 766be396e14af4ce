"""Level 2 grouping: same event from different outlets joins; same-kind events and follow-ups do not."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from generator.group import group_articles
from generator.group_events import trusted_dates
from generator.group_text import names_and_numbers
from generator.model import Article
from tests.test_group_fixtures import (FERRY_FOLLOW_UP, FERRY_OTHER_OUTLET, FERRY_WIRE, QUAKE_NORTH, QUAKE_SOUTH,
                                       article, background, variant)

DAY = dt.date(2026, 11, 10)
WIRE = article("ferry-wire", FERRY_WIRE, "Ferry fire forces evacuation of 212 off Port Anselm", DAY)
OTHER = article("ferry-gazette", FERRY_OTHER_OUTLET, "Burning ferry evacuated; Kestrel Island route closed", DAY)


def _stories(arts: list[Article]) -> list[set[str]]:
    return [{arts[m].path for m in g.members} for g in group_articles(arts)]


def test_same_event_from_different_outlets_is_one_story_with_a_reason():
    arts = background() + [WIRE, OTHER]
    assert {WIRE.path, OTHER.path} in _stories(arts)
    g = next(g for g in group_articles(arts) if arts.index(WIRE) in g.members)
    assert len(set(g.copy_groups)) == 2  # independently written: not copies of one text
    reason = g.reasons[1]
    assert reason.startswith("same event: shared names ") and "text similarity" in reason
    assert any(name in reason for name in ("Anselm", "Drave", "Kestrel", "Larkspur", "Marram", "Olufsen"))
    assert 0 < g.similarity[1] < 1


def test_same_event_joins_with_copies_of_either_text():
    copy = variant(WIRE, "wire-copy", paragraphs=FERRY_WIRE[:3], date=DAY + dt.timedelta(days=1))
    arts = background() + [WIRE, OTHER, copy]
    assert {WIRE.path, OTHER.path, copy.path} in _stories(arts)


def test_two_earthquakes_of_the_same_kind_stay_apart():
    north = article("quake-north", QUAKE_NORTH, "Deadly quake hits Veltrano hill town", DAY)
    south = article("quake-south", QUAKE_SOUTH, "Quake injures 17 in Ostmark Hills", DAY + dt.timedelta(days=2))
    arts = background()[:3] + [north, south, WIRE]
    stories = _stories(arts)
    assert {north.path} in stories and {south.path} in stories


def test_follow_up_about_a_later_event_is_a_separate_story():
    follow = article("ferry-report", FERRY_FOLLOW_UP, "Cracked fuel line caused Marram Star fire, inquiry finds",
                     DAY + dt.timedelta(days=13))
    arts = background() + [WIRE, OTHER, follow]
    stories = _stories(arts)
    assert {follow.path} in stories and {WIRE.path, OTHER.path} in stories


def test_shared_topic_only_is_not_a_story():
    # Both are about ferries and islands, but about different ships and places.
    other_ferry = article("ferry-elsewhere", [
        "The Norrvik ferry company will add a third daily crossing to Gull Holm from next summer, its "
        "owner Henrik Saal said on Monday, after passenger numbers rose by a quarter this year.",
        "The new timetable starts on June 1. Tickets for the early crossing will cost less than the others.",
        "Gull Holm has 600 residents and a youth hostel that is fully booked in July and August.",
    ], "Norrvik adds third Gull Holm crossing", DAY)
    arts = background() + [WIRE, other_ferry]
    assert {other_ferry.path} in _stories(arts)


def test_output_does_not_depend_on_input_order():
    follow = article("ferry-report", FERRY_FOLLOW_UP, "Inquiry blames fuel line", DAY + dt.timedelta(days=13))
    arts = background() + [WIRE, OTHER, follow, variant(WIRE, "wire-copy")]
    expected = sorted(sorted(s) for s in _stories(arts))
    for seed in range(3):
        shuffled = list(arts)
        random.Random(seed).shuffle(shuffled)
        assert sorted(sorted(s) for s in _stories(shuffled)) == expected


def test_placeholder_dates_are_not_trusted():
    real = [article(f"real{k}", FERRY_WIRE[:1], date=DAY) for k in range(3)]
    filler = [article(f"undated{k}", FERRY_WIRE[:1], date=dt.date(2020, 1, 1)) for k in range(3)]
    invalid = [Article("x.txt", "x", DAY, "https://example.invalid/x", ["x"])]
    assert trusted_dates(real + filler + invalid) == [DAY] * 3 + [None] * 4


def test_names_skip_sentence_openers_and_keep_numbers():
    names = names_and_numbers("The ferry left Port Anselm at dawn. Police said 212 people were on Kestrel Island.")
    assert {"port", "anselm", "kestrel", "island", "#212"} <= set(names)
    assert "the" not in names and "police" not in names


@pytest.mark.parametrize("text, expected", [
    ("Police said. The Port Anselm ferry left at 10.30 with 1,200 people.", ["port", "anselm", "#10.30", "#1200"]),
    ('He met them. (Harbour Council) voted: "Yes" said Lund.', ["harbour", "council", "lund"]),
    ("James' (Bob) came; 'Brenholt' won 42-7 in 2026.", ["bob", "#42", "#2026"]),
    ("Mr.Smith met O'Neil's aide in x2 a3b 3,5.", ["o'neil", "#35"]),
])
def test_names_and_numbers_in_order_with_sentence_openers_past_quotes_and_brackets(text, expected):
    """A sentence's first word (after .!?:; and any spaces, quotation marks or brackets, but not reaching back into
    the word before) counts only with a capitalised word after it; numbers inside words do not count."""
    from generator.group_text import names_and_numbers_uncached

    assert names_and_numbers_uncached(text) == expected


def test_empty_input():
    assert group_articles([]) == []


def test_tiny_and_boilerplate_only_articles_do_not_break_grouping():
    arts = background() + [
        article("only-furniture", ["Sign up for our newsletter."], "Newsletter", DAY),
        article("one-word", ["Breaking."], "Breaking", DAY),
        article("one-word-again", ["Breaking."], "Breaking", DAY),
    ]
    groups = group_articles(arts)
    assert sorted(m for g in groups for m in g.members) == list(range(len(arts)))
    assert {"one-word.txt", "one-word-again.txt"} in _stories(arts)  # identical texts are copies


def _edges(pairs: dict[tuple[int, int], float]):
    import numpy as np
    keys = sorted(pairs)
    return (np.array([k[0] for k in keys]), np.array([k[1] for k in keys]), np.array([pairs[k] for k in keys]))


def test_small_fragment_joins_the_larger_story_it_matches():
    from generator.group_stories import attach_stragglers
    story = {(0, 1): 0.5, (0, 2): 0.5, (1, 2): 0.5, (0, 3): 0.5, (1, 3): 0.5, (2, 3): 0.5}
    # texts 4 and 5 (loosely alike) each match the story fairly; text 4 closely matches text 0
    links = {(4, 5): 0.15, (0, 4): 0.3, (1, 4): 0.15, (2, 4): 0.1, (3, 4): 0.1, (0, 5): 0.12, (1, 5): 0.1}
    out = attach_stragglers([[0, 1, 2, 3], [4, 5]], *_edges(story | links))
    assert out == [[0, 1, 2, 3, 4, 5]]


def test_tight_pair_stays_its_own_story_despite_a_look_alike():
    from generator.group_stories import attach_stragglers
    story = {(0, 1): 0.5, (0, 2): 0.5, (1, 2): 0.5, (0, 3): 0.5, (1, 3): 0.5, (2, 3): 0.5}
    # texts 4 and 5 are one story of their own (0.6 alike): a fair link to the big story is not enough
    links = {(4, 5): 0.6, (0, 4): 0.3, (1, 4): 0.2, (2, 4): 0.2, (3, 4): 0.2, (0, 5): 0.2, (1, 5): 0.2}
    out = attach_stragglers([[0, 1, 2, 3], [4, 5]], *_edges(story | links))
    assert out == [[0, 1, 2, 3], [4, 5]]


def test_lone_text_without_a_close_match_stays_alone():
    from generator.group_stories import attach_stragglers
    story = {(0, 1): 0.5, (0, 2): 0.5, (1, 2): 0.5}
    links = {(0, 3): 0.15, (1, 3): 0.15, (2, 3): 0.15}  # fair average, but no close match
    assert attach_stragglers([[0, 1, 2], [3]], *_edges(story | links)) == [[0, 1, 2], [3]]
    links[(0, 3)] = 0.25
    assert attach_stragglers([[0, 1, 2], [3]], *_edges(story | links)) == [[0, 1, 2, 3]]


def test_lone_texts_that_pick_each_other_clearly_pair_up():
    from generator.group_stories import pair_loners
    story = {(0, 1): 0.5}
    # 2 and 3 pick each other (0.14), far ahead of their next matches (0.05, 0.06)
    links = {(2, 3): 0.14, (0, 2): 0.05, (1, 3): 0.06, (3, 4): 0.09, (4, 5): 0.11}
    out = pair_loners([[0, 1], [2], [3], [4], [5]], *_edges(story | links))
    assert [2, 3] in out and [4] in out and [5] in out  # 4 and 5: 0.11 is no clear lead over 0.09
    links[(1, 3)] = 0.1  # 3's next match now close behind: no pair
    assert pair_loners([[0, 1], [2], [3], [4], [5]], *_edges(story | links)) == [[0, 1], [2], [3], [4], [5]]


def test_lone_text_joins_the_story_of_its_clearly_closest_match():
    from generator.group_stories import attach_clear_loners
    story = {(0, 1): 0.5, (2, 3): 0.5}
    # 4 is closest to 0 (0.14), ahead of story {2, 3} (0.06), with a fair average over {0, 1} (0.1)
    links = {(0, 4): 0.14, (1, 4): 0.06, (2, 4): 0.06}
    assert attach_clear_loners([[0, 1], [2, 3], [4]], *_edges(story | links)) == [[0, 1, 4], [2, 3]]
    links[(3, 4)] = 0.12  # a close second in another story: no clear pick
    assert attach_clear_loners([[0, 1], [2, 3], [4]], *_edges(story | links)) == [[0, 1], [2, 3], [4]]


def test_only_candidate_in_a_tiny_run_is_no_clear_pick():
    from generator.group_stories import attach_clear_loners, pair_loners
    # a lone text whose single fair link (shared place name) is to the one story of a tiny run stays alone
    edges = _edges({(0, 1): 0.5, (0, 2): 0.16, (1, 2): 0.16})
    assert attach_clear_loners([[0, 1], [2]], *edges) == [[0, 1], [2]]
    assert pair_loners([[0], [1]], *_edges({(0, 1): 0.16})) == [[0], [1]]


def test_topic_weights_favour_terms_few_texts_of_the_topic_share():
    import numpy as np
    from scipy import sparse

    from generator.group_topics import topic_weighted
    # texts 0-3 are one topic: term 0 is in all four, term 1 only in texts 0 and 1, term 2 in text 0 alone;
    # texts 4-5 are a topic of two, whose weights stay as they were
    dense = np.array([[1, 1, 1], [1, 1, 0], [1, 0, 0], [1, 0, 0], [1, 1, 0], [1, 1, 0]], dtype=float)
    m = sparse.csr_matrix(dense / np.linalg.norm(dense, axis=1, keepdims=True))
    out = topic_weighted(m, np.array([0, 0, 0, 0, 1, 1])).toarray()
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0)
    assert out[0, 1] / out[0, 0] > 1.5  # shared by two of four: log(5/3) + 1 = 1.51 times the topic-wide term
    assert np.isclose(out[0, 2] / out[0, 0], 1.0)  # in no other text: unchanged
    assert np.allclose(out[4:], m.toarray()[4:])
    # rows short of norm 1 (their single-text terms count in the norm) stay short: the single-text part is kept
    short = topic_weighted(sparse.csr_matrix(m.toarray() * 0.8), np.zeros(6, dtype=int)).toarray()
    norms = np.linalg.norm(short, axis=1)
    assert np.allclose(norms[2:4], 0.8) and (norms < 0.9).all() and (norms[[0, 1, 4, 5]] > 0.8).all()


def test_topic_weights_are_the_same_bits_whatever_the_chunk_of_rows(monkeypatch):
    """topic_weighted re-weights a few rows at a time to bound its memory: any chunk size (one row, a row longer
    than the chunk, all rows) gives the very same matrix, and topic_similarities the very same values."""
    import numpy as np
    from scipy import sparse

    import generator.group_topics as gt
    from generator.group_stories import StoryFeatures

    rng = np.random.default_rng(7)
    n, width = 60, 40
    dense = (rng.random((n, width)) < 0.2) * rng.random((n, width))
    dense[5] = rng.random(width) + 0.1  # one long row: longer than the smallest chunks below
    m = sparse.csr_matrix(dense / np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-12))
    labels = rng.integers(0, 6, n)
    monkeypatch.setattr(gt, "TOPIC_CHUNK_ENTRIES", 10**9)
    whole = gt.topic_weighted(m, labels)
    left, right = np.triu_indices(n, 1)
    sims = np.where(rng.random(len(left)) < 0.3, 0.0, 0.1)
    feats = StoryFeatures(m, m, [[] for _ in range(n)], np.zeros(0, np.uint64), np.zeros(0), [], [])
    whole_sims = gt.topic_similarities(feats, left, right, sims, threshold=0.05)
    for chunk in (1, 7, 25, 200):
        monkeypatch.setattr(gt, "TOPIC_CHUNK_ENTRIES", chunk)
        part = gt.topic_weighted(m, labels)
        assert (part.indptr == whole.indptr).all() and (part.indices == whole.indices).all()
        assert part.data.tobytes() == whole.data.tobytes()
        assert gt.topic_similarities(feats, left, right, sims, threshold=0.05).tobytes() == whole_sims.tobytes()
    assert [c for c in gt._row_chunks(np.array([0, 3, 3, 20, 21]), 5)] == [(0, 2), (2, 3), (3, 4)]


def test_merges_need_both_similarities_when_a_second_is_given():
    import numpy as np

    from generator.group_stories import average_link
    left, right = np.array([0, 0, 1, 2]), np.array([1, 2, 2, 3])
    topic = np.array([0.5, 0.2, 0.2, 0.5])
    run = np.array([0.5, 0.5, 0.5, 0.12])  # 2 and 3 are close in their topic, not over the whole run
    assert average_link(4, left, right, topic, 0.15) == [[0, 1], [2, 3]]
    # 2 and 3 may not merge (0.12 over the run); 2 then joins 0 and 1 on both averages (0.2 and 0.5)
    assert average_link(4, left, right, topic, 0.15, also=run, also_threshold=0.2) == [[0, 1, 2], [3]]
    assert average_link(4, left, right, topic, 0.25, also=run, also_threshold=0.2) == [[0, 1], [2], [3]]


def test_lone_texts_sharing_many_names_pair_up_without_a_clear_lead():
    from generator.group_stories import pair_loners
    # 2 and 3 pick each other (0.16) but 3's next match is close (0.14): no clear lead ...
    edges = _edges({(0, 1): 0.5, (2, 3): 0.16, (0, 2): 0.05, (1, 3): 0.14})
    assert pair_loners([[0, 1], [2], [3]], *edges) == [[0, 1], [2], [3]]
    # ... unless group.py found them sure (many shared names): a mutual pick is then enough
    assert pair_loners([[0, 1], [2], [3]], *edges, sure={(2, 3)}) == [[0, 1], [2, 3]]
    assert pair_loners([[0], [1]], *_edges({(0, 1): 0.16}), sure={(0, 1)}) == [[0, 1]]
    # a sure pair still needs the mutual pick and the floor
    assert pair_loners([[0, 1], [2], [3]], *_edges({(0, 1): 0.5, (2, 3): 0.16, (0, 3): 0.2}), sure={(2, 3)}) == \
        [[0, 1], [2], [3]]



def _council_vote(n: int, town: str, plan: str, mayor: str, official: str, votes: int, cost: int) -> Article:
    """One of a wire's templated council-vote stories: the same sentences, its own town, people and figures."""
    return article(f"vote-{n}", [
        f"{town.upper()} (Nordwire) - The {town} council approved the {plan} plan on Tuesday by {votes} votes.",
        f'"We waited years for the {plan} plan to reach this point," Mayor {mayor} said.',
        f"Work at the {plan} site starts in spring and costs {cost} million, {official} said.",
    ], f"{town} council backs {plan} harbour plan", DAY + dt.timedelta(days=n % 3))


def test_templated_stories_of_one_wire_about_different_towns_stay_apart():
    # Same template, agency, role words ("Mayor") and single-digit counts: nothing says one event.
    towns = [("Brellin", "Quayside", "Ada Morrow", "Tom Kell", 5, 14), ("Carrow", "Eastpier", "Lena Voss", "Ike Brand", 7, 23),
             ("Dunmere", "Saltgate", "Ora Pike", "Sam Reyes", 5, 41), ("Elsby", "Northmole", "Jon Hale", "Mia Stroud", 6, 57),
             ("Fennick", "Westdock", "Kit Arden", "Lou Marsh", 7, 68)]
    arts = [_council_vote(n, *t) for n, t in enumerate(towns)]
    assert sorted(map(sorted, _stories(arts))) == sorted([a.path] for a in arts)


def test_names_leave_out_roles_and_the_dateline_agency():
    names = names_and_numbers("The council met. Mayor Ada Morrow and Prime Minister Jon Hale spoke of 5 ships and 14 cranes.")
    assert "mayor" not in names and "prime" not in names and "minister" not in names
    assert {"ada", "morrow", "jon", "hale", "#14"} <= set(names) and "#5" not in names
    from generator.group_text import without_agency
    assert without_agency("BRELLIN (Nordwire) - The council voted.") == "BRELLIN The council voted."
    assert without_agency("STOCKHOLM REUTERS, AFP - Talks began.").split()[0] == "STOCKHOLM"
    assert "Reuters" not in without_agency("STOCKHOLM (Reuters) - Talks began.")


def test_unique_inverse_equals_numpy_unique_above_and_below_the_partitioned_size():
    import numpy as np

    from generator.group_tfidf import unique_inverse

    rng = np.random.default_rng(7)
    for keys in (rng.integers(0, 2**64 - 1, 1_200_000, dtype=np.uint64),  # value ranges sorted one at a time
                 rng.integers(0, 40, 1_100_000, dtype=np.uint64),  # few values: several ranges collapse
                 rng.integers(0, 2**64 - 1, 1000, dtype=np.uint64), np.zeros(0, dtype=np.uint64)):
        terms, cols = np.unique(keys, return_inverse=True)
        got_terms, got_cols = unique_inverse(keys)
        assert got_terms.tolist() == terms.tolist() and got_cols.tolist() == cols.ravel().tolist()
        assert got_cols.dtype == np.int32
        # with counts: how often each key occurs (tfidf's document frequencies), as int32
        counted_terms, counted_cols, counts = unique_inverse(keys, counts=True)
        assert counted_terms.tolist() == terms.tolist() and counted_cols.tolist() == cols.ravel().tolist()
        assert counts.dtype == np.int32 and counts.tolist() == np.bincount(cols.ravel(), minlength=len(terms)).tolist()
        no_terms, same_cols, same_counts = unique_inverse(keys, counts=True, values=False)
        assert no_terms is None and same_cols.tolist() == cols.ravel().tolist() and same_counts.tolist() == counts.tolist()
        # consuming the keys: the inverse written over them, in their own buffer when partitioned, the same answer
        spent = keys.copy()
        c_terms, c_cols, c_counts = unique_inverse(spent, counts=True, consume=True)
        assert c_terms.tolist() == terms.tolist() and c_cols.tolist() == cols.ravel().tolist()
        assert c_cols.dtype == np.int32 and c_counts.tolist() == counts.tolist()
        assert np.shares_memory(c_cols, spent) == (len(keys) >= 1_000_000)
        small = unique_inverse(keys, counts=True, values=False, count_type=np.uint16)[2]
        assert small.dtype == np.uint16 and small.tolist() == counts.tolist()


def test_unique_inverse_scans_its_ranges_in_chunks_with_the_same_answer(monkeypatch):
    import numpy as np

    from generator import group_tfidf

    keys = np.random.default_rng(3).integers(0, 2**64 - 1, 1_100_000, dtype=np.uint64)
    terms, cols = np.unique(keys, return_inverse=True)
    monkeypatch.setattr(group_tfidf, "SCAN_CHUNK", 70_001)
    got_terms, got_cols = group_tfidf.unique_inverse(keys)
    assert got_terms.tolist() == terms.tolist() and got_cols.tolist() == cols.ravel().tolist()


def test_release_tail_keeps_the_head_of_an_array():
    import numpy as np

    from generator.memory import release_tail

    a = np.arange(3_000_000, dtype=np.int64)
    release_tail(a, 8 * 1_000_000)
    assert a[:1_000_000].tolist() == list(range(1_000_000))
    release_tail(a[:10], 0)  # less than a page: nothing to hand back
    assert a[:10].tolist() == list(range(10))


def test_tfidf_takes_terms_or_counted_terms_and_lets_go_of_its_input(monkeypatch):
    """tfidf empties the list it is given (its arrays would otherwise be held twice at grouping's peak), handing memory
    back as it copies; counted terms (the memo's form) and raw keys give the same rows and IDF."""
    import numpy as np

    from generator import group_tfidf
    from generator.group_tfidf import term_counts, tfidf

    rng = np.random.default_rng(11)
    raw = [rng.integers(0, 300, 60, dtype=np.uint64) for _ in range(40)]
    trims = []
    monkeypatch.setattr(group_tfidf, "release_memory", lambda: trims.append(1))
    monkeypatch.setattr(group_tfidf, "TRIM_TERMS", 500)
    given = list(raw)
    m1, terms1, idf1 = tfidf(given)
    assert given == [] and len(trims) >= 3
    counted = [term_counts(k) for k in raw]
    m2, terms2, idf2 = tfidf(counted)
    assert counted == [] and (m1 != m2).nnz == 0
    assert terms1.tolist() == terms2.tolist() and idf1.tolist() == idf2.tolist()
    df = np.array([sum(t in set(k.tolist()) for k in raw) for t in terms1.tolist()])
    assert idf1.tolist() == (np.log(41 / (1 + df)) + 1.0).tolist()
    # without the vocabulary: the same rows, and no term keys or IDF kept
    m3, terms3, idf3 = tfidf(list(raw), vocabulary=False)
    assert terms3 is None and idf3 is None
    assert m3.shape == m1.shape and m3.indices.tolist() == m1.indices.tolist() and m3.data.tolist() == m1.data.tolist()
    # a text's counts come as 16 bits (32 only for a text too long for them); either, or both mixed, same rows
    assert {term_counts(k)[1].dtype for k in raw} == {np.dtype(np.uint16)}
    assert term_counts(np.zeros(2**16, dtype=np.uint64))[1].tolist() == [2**16]
    mixed = [term_counts(k) for k in raw]
    mixed[3] = (mixed[3][0], mixed[3][1].astype(np.int32))
    m4, _, _ = tfidf(mixed)
    assert m4.indices.tolist() == m1.indices.tolist() and m4.data.tolist() == m1.data.tolist()


def test_tfidf_rows_have_sorted_indices_so_row_products_take_scipys_canonical_path():
    import numpy as np

    from generator.group_tfidf import tfidf

    rng = np.random.default_rng(3)
    keys = [rng.integers(0, 500, 80, dtype=np.uint64) for _ in range(50)]
    m, _, _ = tfidf(keys, keep=20)
    assert m.has_sorted_indices
    assert all((np.diff(m.indices[m.indptr[r]:m.indptr[r + 1]]) > 0).all() for r in range(m.shape[0]))


@pytest.mark.parametrize("clean", [False, True])
def test_words_and_names_derived_on_the_pool_equal_the_serial_ones(monkeypatch, clean):
    """memoized_many computes the texts missing from the memo on forked workers when there are many (on workers
    started clean, sent their texts in chunks, when there are very many): the features (and the memo it fills for
    the next build) must be the ones a serial run makes."""
    import numpy as np

    from generator import group_text, parallel
    from generator.group_stories import story_features

    rng = random.Random(5)
    words = "harbour council ferry Brenholt Anselm vote storm tide pier mayor Lund 42 bridge 1,200 repairs".split()
    titles = [f"Ferry {i} delayed at Port Anselm" for i in range(24)]
    bodies = [[" ".join(rng.choice(words) for _ in range(30)) + "." for _ in range(4)] for _ in range(24)]

    def run(jobs: int):
        monkeypatch.setattr(parallel, "JOBS", jobs)
        monkeypatch.setattr(group_text, "PARALLEL_MEMO_MIN", 2)
        monkeypatch.setattr(group_text, "CLEAN_MEMO_MIN", 2 if clean else 10**9)
        memo, spilled = {}, {}
        with group_text.precomputed([], [], memo, spilled.update):
            f = story_features(titles, bodies)
        return f, memo, spilled

    (serial, serial_memo, serial_words), (pooled, pooled_memo, pooled_words) = run(1), run(2)
    assert pooled.name_lists == serial.name_lists and pooled.heads == serial.heads
    assert (pooled.words != serial.words).nnz == 0 and (pooled.names != serial.names).nnz == 0
    assert list(pooled_memo) == list(serial_memo)
    assert len(serial_words) == 24 and list(pooled_words) == list(serial_words)
    assert all(np.array_equal(pooled_words[k][1][0], serial_words[k][1][0]) for k in serial_words)


def test_word_features_leave_the_memo_once_read_and_new_ones_go_to_the_spill_sink():
    """Grouping's word terms are its largest memo entries (100,000 articles: 0.5 GB): memoized_many hands new ones
    to the spill sink (the build's cache) at once and takes found ones out of the memo, so the memo never holds
    them while grouping runs. The next build, given what was spilled, computes nothing again and gets the same."""
    from generator import group_text
    from generator.group_stories import story_features

    titles = ["Storm closes Lund pier", "Brenholt council votes on ferry", "Storm closes Lund pier"]
    bodies = [["A storm closed the pier at Lund on Monday, Mayor Anselm said."],
              ["Brenholt's council voted 7-2 for the new ferry on Tuesday."],
              ["A storm closed the pier at Lund on Monday, Mayor Anselm said."]]
    memo, spilled = {}, {}
    with group_text.precomputed([], [], memo, spilled.update) as used:
        first = story_features(titles, bodies)
        used = set(used)
    assert len(spilled) == 2 and set(spilled) <= used  # one entry per distinct text, all kept by the cache
    assert not any(k.startswith("w") for k in memo)
    memo_next, spilled_next = dict(spilled), {}
    with group_text.precomputed([], [], memo_next, spilled_next.update):
        again = story_features(titles, bodies)
    assert spilled_next == {} and memo_next == {}  # found, and taken out
    assert again.name_lists == first.name_lists and (again.words != first.words).nnz == 0


def test_the_memo_read_from_the_cache_as_asked_gives_the_same_features_without_computing(tmp_path, monkeypatch):
    """The build's memo is read from the cache when grouping asks (group_text.CacheMemo), not loaded whole at its
    start: a second run finds every text's word features there and computes none; a damaged entry is computed
    again; what names_and_numbers derives on its own is kept in `added` for the build to store."""
    from generator import group_stories, group_text
    from generator.cache import BuildCache
    from generator.group_stories import story_features

    titles = ["Storm closes Lund pier", "Brenholt council votes on ferry"]
    bodies = [["A storm closed the pier at Lund on Monday, Mayor Anselm said."],
              ["Brenholt's council voted 7-2 for the new ferry on Tuesday."]]
    with BuildCache(tmp_path / "cache") as cache:
        memo = group_text.CacheMemo(cache, "gnames")
        with group_text.precomputed([], [], memo, lambda new: cache.put_many("gnames", new)):
            first = story_features(titles, bodies)
            names = group_text.names_and_numbers("Mayor Anselm of Lund said so.")
        assert list(memo.added.values()) == [names]
        stored = cache.get_all("gnames")
        assert len(stored) == 2

        def never(*texts):
            raise AssertionError("computed again")
        real = group_stories._text_features
        monkeypatch.setattr(group_stories, "_text_features", never)
        with group_text.precomputed([], [], group_text.CacheMemo(cache, "gnames"), None):
            again = story_features(titles, bodies)
        assert again.name_lists == first.name_lists and (again.words != first.words).nnz == 0
        # one entry damaged: that text is computed again, the other still found
        damaged = next(iter(stored))
        cache.db.execute("UPDATE entries SET value = ? WHERE ns = 'gnames' AND key = ?", (b"junk", damaged))
        made = []
        monkeypatch.setattr(group_stories, "_text_features", lambda *t: made.append(t) or real(*t))
        with group_text.precomputed([], [], group_text.CacheMemo(cache, "gnames"), None):
            third = story_features(titles, bodies)
        assert len(made) == 1 and third.name_lists == first.name_lists and (third.words != first.words).nnz == 0


def test_the_word_hash_cache_stays_bounded_and_hashes_stay_the_same(monkeypatch):
    from generator import group_text

    words = [f"word{i}" for i in range(50)]
    expected = group_text.token_hashes(words).tolist()
    monkeypatch.setattr(group_text, "TOKEN_CACHE_MAX", 8)
    monkeypatch.setattr(group_text, "_TOKEN_HASH", group_text._TokenHashes())
    assert group_text.token_hashes(words).tolist() == expected
    assert len(group_text._TOKEN_HASH) <= 8
    assert group_text.token_hashes(words[::-1]).tolist() == expected[::-1]


def test_candidate_pairs_are_every_pair_sharing_an_uncommon_keyword_within_the_date_window(monkeypatch):
    """candidate_similarities in date blocks with a renumbered keyword vocabulary gives exactly the pairs the
    definition gives: i < j sharing a keyword in 2..max(MIN_COMMON_DF, 1%) texts, dates at most max_days apart
    (or unknown), at least one shared name or number, blended similarity >= MIN_EDGE."""
    import numpy as np

    from generator import group_stories as gs

    rng = random.Random(7)
    places = ["Harwick", "Dunmere", "Calloway", "Brisk", "Tolven", "Marrow", "Quince", "Lattery"]
    words = ["ferry", "strike", "harbour", "council", "budget", "tram", "flood", "bridge", "school", "vote",
             "tunnel", "market", "festival", "drought", "rail", "port"]
    titles, bodies, dates = [], [], []
    for k in range(300):
        place = rng.sample(places, 2)
        body = [" ".join(rng.choices(words, k=12)) + f" in {place[0]} and {place[1]}." for _ in range(3)]
        titles.append(f"{rng.choice(words).title()} news {k}")
        bodies.append(body)
        dates.append(None if k % 17 == 0 else dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(60)))
    feats = gs.story_features(titles, bodies)
    monkeypatch.setattr(gs, "CANDIDATE_BLOCK", 16)  # many blocks, each with its own window
    monkeypatch.setattr(gs, "MIN_COMMON_DF", 40)  # some keywords too common to propose
    left, right, sims = gs.candidate_similarities(feats, dates, max_days=5)

    n = len(titles)
    presence = (feats.words > 0).astype(np.int64).toarray()
    uncommon = (presence.sum(axis=0) >= 2) & (presence.sum(axis=0) <= 40)
    assert 0 < uncommon.sum() < presence.shape[1]  # both kinds occur: the test can tell them apart
    words_dot = (feats.words @ feats.words.T).toarray()
    names_dot = (feats.names @ feats.names.T).toarray()
    expected = []
    for i in range(n):
        for j in range(i + 1, n):
            if not (presence[i] & presence[j] & uncommon).any() or names_dot[i, j] <= 0:
                continue
            if dates[i] and dates[j] and abs((dates[i] - dates[j]).days) > 5:
                continue
            s = (1 - gs.NAME_WEIGHT) * words_dot[i, j] + gs.NAME_WEIGHT * names_dot[i, j]
            if s >= gs.MIN_EDGE:
                expected.append((i, j, s))
    assert len(expected) > 50
    assert list(zip(left.tolist(), right.tolist())) == [(i, j) for i, j, _ in expected]
    assert np.allclose(sims, [s for _, _, s in expected])
