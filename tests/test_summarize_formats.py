"""Article formats beyond the wire story: press releases, live blogs, interviews, pages with bullet lists and cookie
banners. Their furniture never reaches a summary, and their story text still does (fictional texts)."""
from __future__ import annotations

import pytest

from generator.summarize import summarize
from generator.summarize_candidates import build_candidates, is_furniture
from generator.text import split_dateline
from tests.summarize_fixtures import article

RELEASE_LEDE = ("Acme Robotics Inc. today announced the Picker 3, a warehouse robot arm that can grasp 1,200 "
                "different items an hour without being retrained.")
RELEASE = [
    "FOR IMMEDIATE RELEASE",
    "BOSTON, April 2, 2026 /PRNewswire/ -- " + RELEASE_LEDE,
    "The Picker 3 uses six cameras and a suction gripper, and it can be installed on existing conveyor lines in a "
    "single day, the company said.",
    "The arm will ship to customers in North America in the third quarter, priced from $89,000.",
    "About Acme Robotics",
    "Acme Robotics Inc. designs automation systems for logistics companies. Founded in 2015, the company is "
    "headquartered in Boston and employs 340 people.",
    "Media contact: Jordan Lee, press@acme-robotics.example, +1 617 555 0134",
    "This press release contains forward-looking statements that involve risks and uncertainties.",
    "For more information, visit the company's website at acme-robotics.example.",
    "SOURCE Acme Robotics Inc.",
]


@pytest.mark.parametrize("line, place", [
    ("BOSTON, April 2, 2026 /PRNewswire/ -- ", "BOSTON"),
    ("NEW YORK, April 02, 2026 (GLOBE NEWSWIRE) -- ", "NEW YORK"),
    ("SAN JOSE, Calif.--(BUSINESS WIRE)--", "SAN JOSE"),
    ("TORONTO, April 2, 2026 /CNW/ - ", "TORONTO"),
    ("LONDON, April 2, 2026 /PRNewswire-FirstCall/ -- ", "LONDON"),
])
def test_press_release_wire_datelines_are_datelines(line, place):
    dateline, rest = split_dateline(line + RELEASE_LEDE)
    assert dateline.startswith(place) and rest == RELEASE_LEDE


def test_a_press_release_is_summarised_from_its_news_not_its_boilerplate():
    """The dateline marks the lede wherever it stands; the company boilerplate after "About ...", the contacts,
    the legal notice and PR Newswire's closing "SOURCE ..." line are never candidates."""
    texts = [c.text for c in build_candidates([article(RELEASE)])]
    assert texts == [RELEASE_LEDE, RELEASE[2], RELEASE[3]]
    shuffled = RELEASE[5:] + RELEASE[2:4] + RELEASE[:2]
    assert summarize([article(shuffled)], sentences=2)[0] == RELEASE_LEDE


def test_an_about_box_in_a_news_story_stays_story_text():
    """"About Mohawk" over a paragraph on the lion the story is about is a fact box, not a publisher's boilerplate:
    only a paragraph that reads like one (founded, headquartered, company, website ...) is dropped."""
    fact = "Mohawk was one of 35 lions in the Kessel reserve. He was born there in 2009."
    texts = [c.text for c in build_candidates([article(["About Mohawk", fact])])]
    assert texts == ["Mohawk was one of 35 lions in the Kessel reserve.", "He was born there in 2009."]


LIVE = [
    "Storm Orla has left more than 60,000 homes without power along the west coast, the grid operator said on "
    "Wednesday, as winds of up to 90 mph battered seaside towns.",
    "10:42 GMT - Ferry services between Kessport and the islands have been cancelled for the rest of the day.",
    "10.15am: The Met Office has extended its amber wind warning until midnight.",
    "9:58 a.m. ET | Two schools in Harrowby have closed after part of a roof was torn off.",
    "0930 GMT: Engineers have restored power to 4,000 homes in Harrowby.",
]


def test_live_blog_entries_are_shown_without_their_times_and_never_as_datelines():
    got = build_candidates([article(LIVE)])
    assert [c.text for c in got[1:]] == [
        "Ferry services between Kessport and the islands have been cancelled for the rest of the day.",
        "The Met Office has extended its amber wind warning until midnight.",
        "Two schools in Harrowby have closed after part of a roof was torn off.",
        "Engineers have restored power to 4,000 homes in Harrowby."]
    assert not any(c.dateline for c in got)


def test_numbers_opening_a_sentence_are_not_taken_for_times():
    line = "2.5 million people voted on Sunday, 12 percent more than in 2019, the election board said."
    assert [c.text for c in build_candidates([article([line])])] == [line]


def test_an_interview_is_summarised_from_its_introduction():
    intro = ("Marine biologist Petra Lund has spent 20 years counting puffins on the Skarholm islands, where numbers "
             "have fallen by half since 2010.")
    paragraphs = [intro, "Q: How many puffins are left on Skarholm?",
                  "A: About 11,000 breeding pairs this year. In 2010 we counted more than 22,000.",
                  "Q. What is driving the decline?",
                  "A: Mostly food. The sand eels the chicks depend on have moved north as the sea has warmed.",
                  "This interview has been edited for length and clarity."]
    assert [c.text for c in build_candidates([article(paragraphs)])] == [intro]


@pytest.mark.parametrize("line", [
    "\u2022 Prices rose 2.9 per cent in the year to May, down from 3.4 per cent",
    "\u25aa Food prices fell for the first time since 2019, the statistics office said.",
    "> The central bank meets again on June 24, when economists expect a cut.",
    "We use cookies to improve your experience on our site.",
    "By continuing to browse you agree to our use of cookies.",
    "Have your say: should museums return artefacts? Let us know in the comments.",
    "Media contact: Jordan Lee, press@acme-robotics.example, +1 617 555 0134.",
    "This interview has been condensed and edited for clarity.",
    # an embedded tweet as scraped, comment widgets, opinion disclaimers, audio and membership appeals
    "Great scenes at Millbrook tonight pic.twitter.com/abc123XYZ \u2014 Redhaven FC (@RedhavenFC) April 18, 2026",
    "What a night for the club \u2014 Redhaven FC (@RedhavenFC) April 18, 2026",
    "Log in or register to post comments and join the discussion with other readers.",
    "Please enable JavaScript to view the comments powered by Disqus.",
    "Your browser does not support the video tag.",
    "It's free to sign up and you can unsubscribe at any time.",
    "The views expressed here are the author's own and do not reflect those of the publisher.",
    "Opinions expressed by contributors are their own.",
    "Listen to this story.", "Enjoy more audio and podcasts on iOS or Android.",
    "Please consider supporting our journalism with a subscription today.", "Thank you for reading.",
    "We'd love to hear from you.", "Send your story ideas to tips@harbourpost.example.",
    # corrections, republication and sponsorship notes
    "An earlier version of this article misstated the number of council members who voted.",
    "Email newsdesk@harbourpost.example with your story.", "Follow our live coverage here.",
    "Click to see more photos of the storm.", "This article is more than 2 years old.",
    "This article originally appeared on The Conversation.",
    "A version of this story first appeared in the Harbour Post.", "Produced in association with the Kessport Trust.",
    "This content is sponsored by Acme Robotics.", "Sponsored content from Acme Robotics and partners.",
])
def test_bullets_banners_and_contacts_are_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Fans kept the band going by continuing to use its songs in their own videos, the label said.",
    "The regulator fined the company over its use of cookies on Tuesday, the agency said.",
    "The company changed its privacy policy on Monday, prompting complaints from users.",
    "\u2014 A dispatcher is credited with saving a woman trapped inside the trunk of a car, police said.",
    "#MeToo founder Tarana Burke spoke at the rally in Harrowby on Saturday.",
    "Sources said the minister would resign on Friday.",
    "South Korea's exports rose 4 percent in May, the trade ministry said.",
    "For the first time in a decade, the Kessport ferry ran every day of the winter.",
    "The views expressed by the minister were criticised by opposition parties on Monday.",
    "Users who register to comment on the site must give their real names, the new law says.",
    "The band's Twitter account (@Redhaven) posted the news on Monday.",
    "Investors who support independent journalism funds said the deal was fair.",
    "Readers who want to comment on the plan have until Friday, the council said.",
    '"Our approach is patience, not force," the coach said after the appeal was heard.',
    "If we are not back in the cup after our appeal, we will go to court, the club said.",
    "An earlier version of the bill was rejected by the senate in 2024.",
    "Produced in Kessport since 1901, the boats are sold worldwide.",
    "Sponsored by the council, the festival ran for three days in June.",
    "Emails seen by the Herald show the minister knew of the plan.",
    "Clicks on the council's website rose 40 percent after the storm.",
])
def test_story_sentences_like_those_are_kept(line):
    assert not is_furniture(line)


@pytest.mark.parametrize("kicker", ["EXCLUSIVE: ", "BREAKING: ", "BREAKING NEWS: ", "Breaking: ", "DEVELOPING - ",
                                    "JUST IN: ", "FIRST ON CNN: ", "Exclusive - ", "URGENT: "])
def test_a_kicker_before_the_lede_is_dropped_and_the_lede_kept(kicker):
    """"EXCLUSIVE: <lede>" read as a caption's label made the lede page furniture: the kicker goes, the lede stays
    and opens the summary."""
    lede = ("Transport minister Helen Vance resigned on Tuesday night after documents showed her department awarded "
            "14 million pounds of contracts to a firm run by her brother-in-law.")
    rest = ["Ms Vance said in a letter to the prime minister that she had done nothing wrong.",
            "The contracts, for road-sign maintenance, were awarded without a tender in 2024 and 2025.",
            "Opposition parties have called for an independent inquiry into the awards."]
    assert [c.text for c in build_candidates([article([kicker + lede])])] == [lede]
    assert summarize([article([kicker + lede] + rest)], sentences=2)[0] == lede


def test_a_kicker_and_a_dateline_both_go():
    got = build_candidates([article(["EXCLUSIVE: OSLAND (Reuters) - Prices rose 2.9 per cent in May, figures showed."])])
    assert [(c.text, c.dateline) for c in got] == [("Prices rose 2.9 per cent in May, figures showed.", True)]


@pytest.mark.parametrize("line", ["PICTURED: Mayor Elin Varga at the opening of the ferry terminal on Monday.",
                                  "UPDATE: A spokesperson for the council responded to our inquiry on Tuesday."])
def test_a_caption_label_or_an_editors_update_note_is_not_a_kicker(line):
    assert not build_candidates([article([line])])


@pytest.mark.parametrize("repeat", ["Norland house prices fall for first time in four years as mortgage rates bite hard",
                                    "NORLAND HOUSE PRICES FALL FOR FIRST TIME IN FOUR YEARS AS MORTGAGE RATES BITE HARD.",
                                    "Norland house prices fall for first time in four years as  mortgage rates bite hard"])
def test_the_headline_repeated_as_a_paragraph_is_not_a_candidate(repeat):
    """Shown above the summary already; a long one (12+ words) passed for a sentence without a full stop."""
    title = "Norland house prices fall for first time in four years as mortgage rates bite hard"
    lede = ("House prices in Norland fell 1.2 per cent in the year to September, the first annual drop since 2022, "
            "the mortgage lender Nordbank said.")
    got = build_candidates([article([repeat, lede], title=title)])
    assert [c.text for c in got] == [lede]
    assert len(build_candidates([article([repeat + " Buyers stayed away from the market all summer.", lede], title=title)])) >= 2
