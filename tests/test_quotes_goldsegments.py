"""The PolNeAR gold loader reads quoted segments off the paragraphs when the converted ones are broken (fictional text)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))

from quoteeval_gold import _misparsed, paragraph_segments  # noqa: E402

PARA = '"The bridge will open in May," Mayor Ines Dorval said. "We kept every promise.'


def test_content_starting_after_the_opening_mark_gives_both_quotes():
    # The annotated content starts after the first mark, so pairing marks inside it gives only the '" "' between
    # the two quotes: an empty segment. Both quotes are read off the paragraph instead.
    spans = [[0, 1, 31], [0, 55, len(PARA)]]
    q = {"text": PARA[1:31] + " " + PARA[55:], "quoted_segments": [""], "text_spans": spans}
    assert _misparsed(q, [], [PARA])
    got = [seg for _, _, seg in paragraph_segments(spans, [PARA])]
    assert got == ["The bridge will open in May,", "We kept every promise."]


def test_quote_running_on_has_no_closing_mark():
    para = '"Nobody will be left behind on the island.'
    q = {"text": para, "quoted_segments": [], "text_spans": [[0, 0, len(para)]]}
    assert _misparsed(q, [], [para])
    assert paragraph_segments(q["text_spans"], [para]) == [(0, 1, para[1:])]


def test_well_formed_segments_are_kept():
    seg = "The bridge will open in May,"
    q = {"text": '"' + seg + '"', "quoted_segments": [seg], "text_spans": [[0, 0, 31]]}
    assert not _misparsed(q, [(0, 1, seg)], [PARA])
    assert _misparsed(q, [(0, 2, seg[1:])], [PARA])  # located, but not right after an opening mark
