"""A story's summary reads one copy per copy group (generator.summarize_copies), chosen the way an editor would:
the copy in its writer's order, then the most complete, then the one a scraper did not strip; and a paragraph a
file repeats counts once. Fictional texts only."""
from __future__ import annotations

from generator.model import StoryGroup
from generator.summarize import summarize
from generator.summarize_candidates import build_candidates
from generator.summarize_copies import one_per_copy_group
from tests.summarize_fixtures import HARBOUR_PARAGRAPHS, WIRE_PARAGRAPHS, article


def _shuffled(paragraphs: list[str]) -> list[str]:
    """Out of the writer's order, as a scraper may leave a page: the lede in the middle."""
    return paragraphs[3:] + paragraphs[:3]


def test_the_copy_in_its_writers_order_is_read_whichever_is_listed_first():
    in_order = article(HARBOUR_PARAGRAPHS, "https://a.example/fire")
    shuffled = article(_shuffled(HARBOUR_PARAGRAPHS), "https://b.example/fire")
    assert one_per_copy_group([in_order, shuffled], [7, 7]) == [0]
    assert one_per_copy_group([shuffled, in_order], [7, 7]) == [1]


def test_a_copy_whose_lede_carries_the_dateline_is_read():
    # the seed's shape: the dateline lede sits mid-file; the other copy lost its dateline and opens with quotes
    dated = article(WIRE_PARAGRAPHS, "https://a.example/talks")
    undated = article([p.replace("TALLMARK REUTERS, AFP - ", "") for p in WIRE_PARAGRAPHS], "https://b.example/talks")
    assert one_per_copy_group([undated, dated], [0, 0]) == [1]


def test_among_copies_opening_alike_the_complete_unstripped_one_is_read():
    full = HARBOUR_PARAGRAPHS + ["The island's ferry operator said it was the company's worst disruption since 2011."]
    stripped = [p.replace("'", "") for p in full]
    brief = full[:-2]
    repeated = full[:3] + [full[2]] + full[3:-1]  # one paragraph twice, the last one cut
    copies = [article(p, f"https://{n}.example/fire") for n, p in
              (("brief", brief), ("repeated", repeated), ("stripped", stripped), ("clean", full))]
    assert one_per_copy_group(copies, [1, 1, 1, 1]) == [3]
    assert one_per_copy_group(copies[:3], [1, 1, 1]) == [2]  # complete beats a longer file with a repeat


def test_one_copy_per_group_and_every_other_text_is_read_in_story_order():
    fire = article(HARBOUR_PARAGRAPHS, "https://a.example/fire")
    fire_copy = article(_shuffled(HARBOUR_PARAGRAPHS), "https://b.example/fire")
    talks = article(WIRE_PARAGRAPHS, "https://c.example/talks")
    assert one_per_copy_group([fire_copy, talks, fire], [4, 9, 4]) == [1, 2]
    assert one_per_copy_group([talks], [0]) == [0]


def test_story_summary_is_the_summary_of_the_copy_read(tmp_path):
    from generator.config import load_config
    from generator.pipeline import _story_parts

    cfg, _ = load_config(tmp_path / "none.yaml")
    in_order = article(HARBOUR_PARAGRAPHS, "https://a.example/fire")
    shuffled = article(_shuffled(HARBOUR_PARAGRAPHS), "https://b.example/fire")
    summary, _ = _story_parts([shuffled, in_order], cfg, StoryGroup([0, 1], [5, 5], [1.0, 0.98]))
    assert summary == summarize([in_order], sentences=cfg.summary_sentences, words=cfg.summary_words)
    assert summary[0] == HARBOUR_PARAGRAPHS[0]


def test_a_repeated_paragraph_is_one_candidate():
    once = build_candidates([article(HARBOUR_PARAGRAPHS)])
    twice = build_candidates([article(HARBOUR_PARAGRAPHS[:4] + HARBOUR_PARAGRAPHS[1:2] + HARBOUR_PARAGRAPHS[4:])])
    assert [c.text for c in twice] == [c.text for c in once]


def test_summarize_command_reads_one_copy_of_files_given_together(tmp_path, capsys):
    import json

    from generator.cli import main
    from generator.summarize_copies import copy_groups_of

    # a republished copy, lightly edited (no sentence left verbatim, so summarize alone would count it as a
    # second source backing the first) and out of order
    edited = [p.replace(" said", " says").replace("Sunday", "Sunday morning") for p in HARBOUR_PARAGRAPHS]
    texts = {"b-copy.txt": _shuffled(edited), "a-wire.txt": HARBOUR_PARAGRAPHS, "c-talks.txt": WIRE_PARAGRAPHS}
    paths = []
    for name, paragraphs in texts.items():
        path = tmp_path / name
        path.write_text(f"Harbour fire\n20240305\nhttps://{name[:-4]}.example/x\n" + "\n".join(paragraphs) + "\n",
                        encoding="utf-8")
        paths.append(path)
    from generator.sources import read_file

    articles = [read_file(p, str(p)) for p in paths]
    groups = copy_groups_of(articles)
    assert groups[0] == groups[1] != groups[2]  # the two fire texts are copies, the talks story is not
    assert main(["summarize", *map(str, paths)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"] == summarize([articles[1], articles[2]], sentences=3)
    assert out["summary"] != summarize(articles, sentences=3)  # the copy's sentences no longer back the original's
    assert copy_groups_of(articles[:1]) == [0]
