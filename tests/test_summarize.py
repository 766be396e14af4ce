"""What a good summary is, on fictional fixtures: lede first, no duplicates, reads on its own, length."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.sources import read_file
from generator.summarize import choose_ledes, summarize
from generator.summarize_candidates import CONNECTIVES, PRONOUNS, build_candidates, first_word, glued_caption
from generator.text import split_sentences
from tests.summarize_fixtures import (FURNITURE, GLUED_CAPTION, HARBOUR_PARAGRAPHS, HOOK_PARAGRAPHS, LEDE,
                                      POOL_PARAGRAPHS, REACTOR_PARAGRAPHS, RESTATEMENT, WIRE_PARAGRAPHS, article)

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds" / "000_b696d36f1c6d484c.txt"


def test_dateline_marks_the_lede_wherever_it_sits_and_is_not_shown():
    summary = summarize([article(WIRE_PARAGRAPHS)], sentences=3)
    assert summary[0] == LEDE
    assert not any("REUTERS" in s or "TALLMARK" in s for s in summary)


def test_lede_is_not_repeated_in_other_words():
    summary = summarize([article(WIRE_PARAGRAPHS)], sentences=5)
    assert RESTATEMENT not in summary
    assert len(summary) == 5


def test_several_copies_make_one_summary_with_the_lede_once():
    copies = [article(WIRE_PARAGRAPHS, "https://wire.example/1"),
              article(list(reversed(WIRE_PARAGRAPHS)), "https://paper.example/2"),
              article(WIRE_PARAGRAPHS[3:] + WIRE_PARAGRAPHS[:3], "https://site.example/3")]
    summary = summarize(copies, sentences=4)
    assert summary[0] == LEDE
    assert len(summary) == len(set(summary)) == 4
    assert RESTATEMENT not in summary


@pytest.mark.skipif(not SEED.exists(), reason="project seed not available")
def test_project_seed_starts_with_its_dateline_lede():
    seed = read_file(SEED, SEED.name)
    copy = dataclasses.replace(seed, url=seed.url + "?copy", paragraphs=list(reversed(seed.paragraphs)))
    for articles in ([seed], [seed, copy]):
        summary = summarize(articles, sentences=3)
        assert summary[0].startswith("US Secretary of State Antony Blinken met his Russian counterpart")
        assert not any(s.startswith("Blinken delivered the warning") for s in summary)
        assert len(summary) == len(set(summary))


def test_file_order_is_trusted_when_the_first_paragraph_reads_like_a_lede():
    summary = summarize([article(HARBOUR_PARAGRAPHS)], sentences=3)
    assert summary[0] == HARBOUR_PARAGRAPHS[0]
    positions = [HARBOUR_PARAGRAPHS.index(s) if s in HARBOUR_PARAGRAPHS else -1 for s in summary]
    assert positions == sorted(positions)  # original order after the lede


def test_a_lede_paragraph_of_several_sentences_is_continued_in_the_writers_order():
    lede_paragraph = split_sentences(REACTOR_PARAGRAPHS[0])
    assert len(lede_paragraph) == 2
    summary = summarize([article(REACTOR_PARAGRAPHS)], sentences=3)
    # the next paragraph completes the writer's opening, though a later one shares more of the story's words
    assert summary == lede_paragraph + [REACTOR_PARAGRAPHS[1]]
    # a one-sentence lede is followed by the most central sentences, not by the next one in the file
    one = [lede_paragraph[0]] + REACTOR_PARAGRAPHS[1:]
    summary = summarize([article(one)], sentences=3)
    assert summary[0] == lede_paragraph[0] and REACTOR_PARAGRAPHS[1] not in summary
    # shuffled, the order is not trusted and nothing is continued
    shuffled = [REACTOR_PARAGRAPHS[i] for i in (3, 1, 5, 0, 4, 2)]
    assert REACTOR_PARAGRAPHS[1] not in summarize([article(shuffled)], sentences=3)


def test_a_hook_opening_a_feature_gives_way_to_the_nut_of_the_story():
    hook, nut, winner = split_sentences(HOOK_PARAGRAPHS[0])
    # the file's first sentence names nothing the story is about: without it the order reads as the writer's,
    # the nut opens the summary and the writer's opening is continued in file order
    assert summarize([article(HOOK_PARAGRAPHS)], sentences=3) == [nut, winner, HOOK_PARAGRAPHS[1]]
    # in any order of the paragraphs the hook itself is never shown
    for order in ((1, 0, 2, 3, 4, 5, 6), (4, 2, 1, 0, 5, 3, 6), (6, 3, 1, 0, 5, 2, 4), (0, 2, 3, 6, 5, 4, 1)):
        summary = summarize([article([HOOK_PARAGRAPHS[i] for i in order])], sentences=3)
        assert hook not in summary and len(summary) == 3


def test_a_caption_glued_to_a_sentence_without_a_label_is_never_the_lede():
    glued = POOL_PARAGRAPHS[3]
    assert glued.startswith(GLUED_CAPTION) and glued_caption(glued)
    # shuffled, the caption (names, a place, a day) would out-score the real lede as the best paragraph opener
    shuffled = [POOL_PARAGRAPHS[i] for i in (5, 3, 2, 6, 0, 4, 1)]
    cands = build_candidates([article(shuffled)])
    ledes, _ = choose_ledes(cands, _lede_scores(cands))
    assert cands[ledes[0]].text == POOL_PARAGRAPHS[0]
    # in the writer's order the first paragraph is the lede
    cands = build_candidates([article(POOL_PARAGRAPHS)])
    assert choose_ledes(cands, _lede_scores(cands)) == ({0: 0}, {0})


def _lede_scores(cands):
    from generator.summarize import _analyse
    return _analyse(cands, set())[1]


@pytest.mark.parametrize("sentence", [
    "Rescuers search the Aske reservoir near Dunmoor on Sunday after the ice gave way In the hours that followed, "
    "divers pulled two fishermen from the water.",
    "The burned-out warehouse at the port of Brenholt seen from the harbour wall the morning after the blaze The "
    "fire started in a storage shed used by a paint supplier, officials said.",
])
def test_glued_caption_spots_a_caption_run_into_the_next_sentence(sentence):
    assert glued_caption(sentence)


@pytest.mark.parametrize("sentence", [
    "Holm told The Tallmark Post that the campaign would go on until the council changed its mind.",  # a title
    "Bell scored twice for Norland A against Vestria in a warm-up match at the Tallmark stadium last week.",
    "She starred in four of the Carry On films before she moved to the stage in Tallmark, her agent said.",
    "He was given an A grade for the project, which he had worked on for two years, his teacher said.",
    "The pool closed in the winter of 1998 and In the years since it has had three different operators.",  # "and"
    "Police search the area.",  # too short to hold a caption and a sentence
])
def test_glued_caption_leaves_ordinary_sentences_alone(sentence):
    assert not glued_caption(sentence)


def test_lede_is_recovered_from_shuffled_paragraphs_without_a_dateline():
    shuffled = [HARBOUR_PARAGRAPHS[i] for i in (3, 4, 6, 0, 2, 5, 1)]
    assert summarize([article(shuffled)], sentences=3)[0] == HARBOUR_PARAGRAPHS[0]


def _leans_ok(summary: list[str], paragraphs: list[str]) -> bool:
    """Every sentence opening with a pronoun or connective follows the sentence it depends on."""
    text = " ".join(paragraphs)
    for k, s in enumerate(summary):
        if first_word(s) in PRONOUNS or first_word(s) in CONNECTIVES:
            if k == 0 or (summary[k - 1] + " " + s) not in text:
                return False
    return True


@pytest.mark.parametrize("order", [list(range(7)), [3, 4, 6, 0, 2, 5, 1], [6, 5, 4, 3, 2, 1, 0]])
@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_no_dangling_pronoun_or_connective(order, n):
    paragraphs = [HARBOUR_PARAGRAPHS[i] for i in order]
    summary = summarize([article(paragraphs)], sentences=n)
    assert _leans_ok(summary, paragraphs)


def test_bylines_captions_read_more_and_bare_quotes_never_appear():
    summary = summarize([article(FURNITURE)], sentences=6)
    joined = " ".join(summary)
    for junk in ("By Mara", "PUBLISHED", "Photo", "Read more", "end of an era", "Quiet streets"):
        assert junk not in joined
    assert summary[0].startswith("The city council of Ostvik voted")


def test_sentence_supported_by_several_sources_beats_a_single_source_detail():
    lede = ("Floods forced 3,000 people from their homes in the Brenholt valley on Friday after the river Aske "
            "burst its banks following two days of heavy rain, rescue services said.")
    a = article([lede, "A baker on Mill Street said his shop smelled of mud and old bread for a week.",
                 "The river Aske rose three metres overnight, the highest level since records began in 1890."],
                "https://one.example/a")
    b = article(["Rescue crews worked through the night in the Brenholt valley as water kept rising.",
                 "The Aske rose three metres overnight to its highest level since records began, officials said."],
                "https://two.example/b")
    c = article(["Residents of the Brenholt valley spent the night in school halls.",
                 "Officials said the river Aske had risen three metres overnight, a record since 1890."],
                "https://three.example/c")
    summary = summarize([a, b, c], sentences=2)
    assert summary[0] == lede
    assert "three metres" in summary[1] and "baker" not in " ".join(summary)


def test_near_duplicates_across_sources_count_once():
    fact = "The Aske rose three metres overnight to its highest level since records began, officials said."
    arts = [article(HARBOUR_PARAGRAPHS + [fact], f"https://s{i}.example/x") for i in range(3)]
    summary = summarize(arts, sentences=5)
    assert len(summary) == len(set(summary))


def test_length_in_sentences_and_words():
    art = article(HARBOUR_PARAGRAPHS)
    assert len(summarize([art], sentences=2)) == 2
    assert summarize([art], sentences=0) == []
    short = summarize([art], sentences=5, words=40)
    assert 1 <= len(short) and (len(short) == 1 or sum(len(s.split()) for s in short) <= 40)
    assert summarize([art], sentences=5, words=1) == [HARBOUR_PARAGRAPHS[0]]  # whole sentences, at least one


def test_deterministic_and_empty_input():
    arts = [article(WIRE_PARAGRAPHS), article(HARBOUR_PARAGRAPHS, "https://b.example/b")]
    assert summarize(arts) == summarize(arts)
    assert summarize([]) == []
    assert summarize([article(["By Mara Quist"])]) == []


def test_wire_copies_with_dateline_byline_or_cut_summarise_like_the_original():
    original = article(HARBOUR_PARAGRAPHS, "https://wire.example/a")
    dated = article(["BRENHOLT (Reuters) - " + HARBOUR_PARAGRAPHS[0]] + HARBOUR_PARAGRAPHS[1:]
                    + ["Reporting by Ada Berg; Editing by Olaf Nyström"], "https://paper.example/b")
    trimmed = article(["By Staff Reporter"] + HARBOUR_PARAGRAPHS[:-1], "https://site.example/c")
    assert summarize([original, dated, trimmed], sentences=3) == summarize([original], sentences=3)


def test_a_connective_left_behind_by_a_dropped_caption_never_opens_the_summary():
    paragraphs = ["Harbour blaze: Smoke rises over Brenholt. But the fire that destroyed three warehouses at the "
                  "port on Sunday was only the latest in a string of blazes, officials said.",
                  '"It was like a wall of heat," he said.', "He said nobody was hurt in the blaze at the port.",
                  '"We will rebuild the warehouses," she added.', "They will meet again on Monday at the port.",
                  "Firefighters from three towns fought the blaze for six hours."]
    for n in (1, 3):
        summary = summarize([article(paragraphs)], sentences=n)
        assert summary and first_word(summary[0]) not in CONNECTIVES
    # Even when no paragraph looks like a lede, file order is not trusted to open with "But ...".
    cands = build_candidates([article(paragraphs)])
    assert 0 not in choose_ledes(cands, [0.0] * len(cands))[1]


@pytest.mark.parametrize("opening", ["As a result,", "As a consequence,"])
def test_a_sentence_opening_with_a_consequence_leans_on_the_one_before(opening):
    cands = build_candidates([article([f"{opening} the Brenholt ferry will not run on Tuesday or Wednesday."])])
    assert cands[0].leans_back


def test_fragments_starting_lower_case_are_not_shown():
    paragraphs = HARBOUR_PARAGRAPHS[:1] + ["the rest of the harbour, including the fish market and two cranes, "
                                           "was undamaged and reopened by the evening."] + HARBOUR_PARAGRAPHS[1:]
    assert not any(s[0].islower() for s in summarize([article(paragraphs)], sentences=6))


def test_several_sources_select_shared_facts_and_open_with_a_standalone_sentence():
    # Source one opens on a side detail; the facts all three report must still be selected,
    # and the summary must not open with a sentence leaning on one before it.
    a = article(["A choir rehearsed in the Tarnby town hall on Thursday evening.",
                 "The Tarnby council approved a new tram line linking the harbour and the university on Thursday.",
                 "It will cost 40 million crowns and open in 2027, the council said."], "https://one.example/t")
    b = article(["Tarnby councillors approved a tram line between the harbour and the university on Thursday.",
                 "The line will cost 40 million crowns and should open in 2027."], "https://two.example/t")
    c = article(["A new tram line linking Tarnby harbour and the university was approved by the council.",
                 "Building the line will cost 40 million crowns, with trams running from 2027."], "https://three.example/t")
    summary = summarize([a, b, c], sentences=2)
    joined = " ".join(summary)
    assert "choir" not in joined and "tram line" in joined and "40 million" in joined
    assert first_word(summary[0]) not in PRONOUNS | CONNECTIVES


def test_order_evidence_full_names_and_abbreviations_come_first_in_the_writers_order():
    from generator.summarize_order import order_evidence
    paragraphs = ["Harbour master Leon Yeaman said the Brenholt Port Authority (BPA) would reopen the quay on Monday.",
                  "Mr Yeaman said repairs had cost the BPA more than expected.",
                  "The BPA board meets again next week, Yeaman added."]
    cands = build_candidates([article(paragraphs)])
    assert order_evidence(cands, list(range(len(cands))), 1) > 0
    reordered = build_candidates([article(paragraphs[1:] + paragraphs[:1])])
    assert order_evidence(reordered, list(range(len(reordered))), 1) < 0


def test_source_support_sparse_product_equals_the_loop(monkeypatch):
    import generator.summarize_centrality as summarize_module

    arts = [article(WIRE_PARAGRAPHS, url="https://a.example/1"), article(HARBOUR_PARAGRAPHS, url="https://b.example/2"),
            article(WIRE_PARAGRAPHS[:3] + HARBOUR_PARAGRAPHS[:2], url="https://c.example/3"),
            article([RESTATEMENT, LEDE], url="https://d.example/4")]
    cands = build_candidates(arts)
    monkeypatch.setattr(summarize_module, "SPARSE_SUPPORT_FROM", 10**9)
    loop = summarize_module.source_support(cands)
    monkeypatch.setattr(summarize_module, "SPARSE_SUPPORT_FROM", 0)
    assert summarize_module.source_support(cands) == loop
    assert max(loop) >= 1  # the shared wire paragraphs are supported by another source


@pytest.mark.parametrize("opening", ["Although", "While", "Though", "Whereas"])
def test_a_sentence_opening_with_a_subordinate_clause_stands_on_its_own(opening):
    # "Although X, Y." carries both clauses in one sentence: it leans on nothing before it, and can be the lede.
    paragraphs = [f"{opening} the storm had passed by Monday night, the Brenholt ferry company kept all six of its "
                  "ferries in port on Tuesday, stranding 900 passengers on the islands.",
                  "The company said waves of four metres were still forecast for the crossing.",
                  "Passengers were given rooms at two hotels on Kalvø, the company said.",
                  '"We are sorry, but safety comes first," said ferry director Ole Brink.']
    cands = build_candidates([article(paragraphs)])
    assert not cands[0].leans_back
    assert summarize([article(paragraphs)], sentences=2)[0] == paragraphs[0]


@pytest.mark.parametrize("text, tail", [
    ("It will take us the whole summer,' she said.", True),
    ('We will rebuild every warehouse by the summer."', True),
    ("'It will take us the whole summer,' she said.", False),
    ('Mayor Eva Sund said: "We will rebuild every warehouse."', False),
    ('"[The port] is the heart of this town," Sund said.', False),
    ("The dockers' union said it's too early to tell.", False),
])
def test_a_sentence_closing_a_quotation_it_never_opened_is_a_quote_tail(text, tail):
    from generator.summarize_candidates import quote_tail
    assert quote_tail(text) is tail


def test_the_tail_of_a_quotation_leans_back_and_never_opens_the_story():
    # Paragraphs out of order: the first one finishes a quotation begun elsewhere. It cannot open the writer's text,
    # and it is not shown without the sentence that opens the quotation.
    tail = "Every warehouse will be rebuilt by the summer, and the ferries will run again on Tuesday,\" Sund said."
    paragraphs = [tail, 'Mayor Eva Sund told reporters: "The harbour is the heart of this town.'] + HARBOUR_PARAGRAPHS
    cands = build_candidates([article(paragraphs)])
    assert cands[0].leans_back
    # not trusted to open the writer's text even when it read like a lede
    assert 0 not in choose_ledes(cands, [1.0] + [0.0] * (len(cands) - 1))[1]
    for n in (3, 4, 5):
        summary = summarize([article(paragraphs)], sentences=n)
        assert tail not in summary and summary[0] == HARBOUR_PARAGRAPHS[0]


def test_a_photo_caption_without_a_full_stop_is_never_the_lede():
    # A caption kept as a sentence names people, places and the day like a lede, but has no full stop: the writer's
    # ledes always end with one. It must not be guessed as the lede nor open the summary.
    caption = ("Harbour master Leon Yeaman counts cars at the Brenholt ferry terminal on Saturday as the summer "
               "timetable began")
    paragraphs = [
        "Famed for its quiet beaches, the island of Kalvø is not where anyone expects a traffic jam.",
        "But on Saturday hundreds of cars queued for six hours at the Brenholt ferry terminal as the new summer "
        "timetable began.",
        "Harbour master Leon Yeaman said the company had sold twice as many tickets as the ferries could carry.",
        caption,
        "The ferry company apologised and promised two extra sailings a day from next week.",
        "Some drivers gave up and went home, Yeaman said.",
        "Ferry director Ole Brink said a third ferry would join the route in July.",
    ]
    summary = summarize([article(paragraphs)], sentences=3)
    assert summary[0] != caption


def test_a_first_sentence_calling_someone_mr_x_does_not_open_the_writers_text():
    # "Mr Yeaman" is a second reference: the writer named him in full before, so the file does not open where the
    # writer's text does, however lede-like the sentence reads. A full name after the honorific is an introduction.
    paragraphs = ["Mr Yeaman said the ferries to Kalvø would run again on Tuesday after the storm.",
                  "Harbour master Leon Yeaman closed the Brenholt ferry terminal on Sunday as waves of four metres "
                  "hit the coast.",
                  "About 900 passengers were stranded on the islands overnight.",
                  "The ferry company said it would refund all tickets for Sunday and Monday."]
    cands = build_candidates([article(paragraphs)])
    assert 0 not in choose_ledes(cands, [1.0] + [0.0] * (len(cands) - 1))[1]
    introduced = build_candidates([article(["Mr Leon Yeaman" + paragraphs[0][len("Mr Yeaman"):]] + paragraphs[1:])])
    assert 0 in choose_ledes(introduced, [1.0] + [0.0] * (len(introduced) - 1))[1]
