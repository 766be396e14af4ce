"""Photo captions in agency style and gallery credit lines are page furniture, not story text (our own fictional
lines, no eval data)."""
from __future__ import annotations

import pytest

from generator.summarize import summarize
from generator.summarize_candidates import build_candidates, is_furniture
from tests.summarize_fixtures import article


@pytest.mark.parametrize("line", [
    "In this March 3, 2019, file photo, Mayor Elin Varga speaks at the opening of the Tallmark ferry terminal.",
    "In this Tuesday, Jan. 12, 2021 photo, divers search the Aske reservoir near Dunmoor for the missing boat.",
    "FILE - In this May 4, 2001, file photo, the old Brenholt lighthouse stands above the harbour wall.",
    "In this image made from video provided by Tallmark Police, officers close the road to the port.",
    "In this photo released by the Vestrian navy, a patrol boat tows the trawler back to harbour.",
    "In these photos taken on Sunday, crowds gather on the sea front to watch the regatta.",
    "(AP Photo/Jane Doe) Mayor Elin Varga speaks to reporters outside the Tallmark town hall on Monday.",
    "(Photo by Sam Ince) Rovers captain Dean Mott lifts the cup in front of the away end at Rockingham Road.",
    "See the regatta in pictures Sam Ince/Getty Images Tallmark Sailing Club/Getty Images Jane Doe/AFP/Getty Images",
])
def test_agency_photo_captions_and_gallery_credits_are_furniture(line):
    assert line.startswith("FILE") or is_furniture(line)  # "FILE - " goes with the dateline, the caption after it
    assert not build_candidates([article([line])])


@pytest.mark.parametrize("line", [
    "In this town, photos of the mayor hang in the window of every shop on the high street.",
    "In these pictures the river has burst its banks and the road to Dunmoor is under water.",
    "In this year's budget the council set aside \u00a32m for new images of the coast for its tourist campaign.",
    "These photos show the flooded Tallmark high street on Sunday morning, hours before the river peaked.",
    "The picture agency, Getty Images, bought the Tallmark Courier's archive of 40,000 glass plates in 2019.",
    "Filed under the new rules, the application reached the planning committee in March.",
    "In this case, the court heard, the photographs were taken without the owner's consent.",
])
def test_story_sentences_about_pictures_are_kept(line):
    assert not is_furniture(line)
    assert [c.text for c in build_candidates([article([line])])] == [line]


REGATTA = [
    "Sailors from 14 countries raced in the Tallmark regatta on Sunday, the first held since the harbour reopened.",
    "In this Sunday, June 7, 2026 photo, sailors from 14 countries race past the harbour wall at the Tallmark regatta.",
    "The race was won by the Vestrian crew of the yacht Kestrel, who finished 40 seconds ahead of the hosts.",
    "Organisers said 9,000 people watched from the sea front and the harbour wall, twice as many as expected.",
    "The harbour was closed for two years after a storm destroyed the outer wall in the winter of 2023.",
    "The next regatta will be held in June 2027, the organisers said.",
]


def test_an_agency_caption_is_never_shown_in_a_summary():
    caption = REGATTA[1]
    # the caption re-tells the lede with the story's words: as a sentence it would be among the most central
    for order in (range(6), (3, 1, 0, 5, 2, 4)):
        summary = summarize([article([REGATTA[i] for i in order])], sentences=3)
        assert caption not in summary and len(summary) == 3


_TAIL = " and more words follow here so the line is long enough to pass for a sentence."
_JUNK_OPENERS = ["By Jane Doe,", "By . Harbour Post Reporter", "Published: 10:32 GMT", "Updated: yesterday",
                 "Last updated at 10:32 GMT", "Posted 3 hours ago", "Read more about the vote", "See also the map",
                 "Watch the full interview", "Click here for the map", "Scroll down for the video",
                 "Sign up for alerts", "Follow us on the web", "Image copyright Harbour Post", "Photo credit: Lund",
                 "Picture caption: the pier", "Video caption: the storm", "Copyright 2026 Harbour Post",
                 "Advertisement", "Related stories from the coast", "Share this with a friend",
                 "Additional reporting by Ana Lund", "Reporting by Ana Lund", "Editing by Tom Berg",
                 "Writing by Tom Berg", "Modified on 4 May at 10:32", "Follow Ana Lund on Twitter",
                 "Like us on the network", "Subscribe to our alerts", "Download our free app",
                 "Get our morning newsletter", "All rights reserved", "This article was amended on Friday",
                 "Editor's note: the vote", "Correction: the vote", "($1 = 0.7931 pounds)", "Here's what we know",
                 "Find out more about the ferry", "More to follow on the ferry", "This is a developing story",
                 "Breaking news from the harbour", "This material may not be published, broadcast or rewritten",
                 "Watch the video of the launch", "Subscribe now for the full story", "Contact the author at the desk",
                 "Media contact: Ana Lund", "Press inquiries to the desk", "Investor relations: Tom Berg",
                 "For more information about the ferry", "For immediate release", "SOURCE Harbour Post Group",
                 "This press release contains forward-looking statements", "This interview has been edited"]


@pytest.mark.parametrize("opener", _JUNK_OPENERS)
def test_every_furniture_opener_is_recognised_past_the_first_letters_check(opener):
    """is_furniture tries the page-furniture pattern only on lines opening with one of its first three letters
    (_JUNK_STARTS): a line of every kind the pattern knows, long and punctuated like a sentence, is still caught,
    in either case."""
    from generator.summarize_candidates import is_furniture

    line = opener + _TAIL
    first, _, rest = line.partition(" ")
    assert is_furniture(line) and is_furniture(first.upper() + " " + rest)
    assert not is_furniture("The council" + _TAIL)


@pytest.mark.parametrize("line", [
    "FILE - Mayor Elin Varga speaks at the opening of the Tallmark ferry terminal on March 3, 2019.",
    "FILE \u2013 Divers search the Aske reservoir near Dunmoor for the missing boat.",
    "FILE\u2014The old Brenholt lighthouse stands above the harbour wall.",
    "FILE PHOTO: Rovers captain Dean Mott lifts the cup at Rockingham Road.",
])
def test_archive_photo_captions_are_never_candidates_nor_dated_ledes(line):
    """"FILE - " opens the caption of an archive picture (AP; "FILE PHOTO:" at Reuters): not a dateline's place
    with the lede after it."""
    assert not build_candidates([article([line])])
    summary = summarize([article([line] + REGATTA[:1] + REGATTA[2:5])], sentences=2)
    assert summary[0] == REGATTA[0] and all("Varga" not in s and "Mott" not in s for s in summary)


def test_a_paragraph_opening_with_a_word_like_file_is_kept():
    line = "FILES seized in the raid - 40 boxes of them - were handed to the Tallmark court on Monday."
    assert [c.text for c in build_candidates([article([line])])] == [line]


@pytest.mark.parametrize("line", ["Have you been affected by the storm? Email us at news@harbourpost.example.",
                                  "Readers can e-mail us at tips@harbourpost.example with their pictures."])
def test_a_request_for_readers_mail_is_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["Contact with the crew was lost at 3 p.m., the coastguard said.",
                                  "Watch parties were held across the city on Sunday night.",
                                  "Subscribers to the ferry pass will pay 10 crowns more a month, the operator said."])
def test_story_sentences_opening_like_furniture_are_kept(line):
    assert not is_furniture(line)
