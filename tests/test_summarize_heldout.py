"""Held-out style cases for "what a good summary is": our own fictional British, US, wire, sports and
business stories with the furniture real pages carry (no real article text, no eval data)."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from generator.summarize import summarize
from generator.summarize_candidates import CONNECTIVES, PRONOUNS, build_candidates, first_word, is_furniture
from generator.text import split_dateline, split_sentences
from tests.summarize_fixtures import article

ROOT = Path(__file__).resolve().parent.parent

# --- British council story (BBC-like page) -------------------------------------------------------------
COUNCIL_LEDE = ("Drivers entering the centre of Wexcombe will pay a daily charge of \u00a39 from April, after "
                "councillors approved the town's first clean air zone on Tuesday night.")
COUNCIL = [
    "By Harriet Pell, BBC News, Wexcombe",
    "Published 3 hours ago",
    "Updated 10:32 GMT",
    "Image source, Getty Images",
    "Image caption, Traffic on the Wexcombe ring road at rush hour",
    COUNCIL_LEDE,
    "The zone covers the area inside the ring road and will operate every day between 7am and 7pm.",
    "Council leader Sunita Rao said the charge was needed to cut air pollution, which has breached legal "
    "limits on three main roads since 2019.",
    "She said: \"We have waited long enough and our children are breathing dirty air every day.\"",
    "Read more: Wexcombe's long fight over the ring road",
    "However, the plan was opposed by local traders, who said it would drive shoppers to out-of-town retail "
    "parks.",
    "WHAT HAPPENS NEXT?",
    "So what does this mean for drivers?",
    "Residents living inside the zone will be exempt for the first two years, the council said.",
    "Sign up for our morning newsletter and get BBC News in your inbox.",
    "Follow BBC Wexcombe on Facebook, X and Instagram.",
]

# --- US wire copy (AP-like) with the dateline lede in the middle of the file ----------------------------
SENATE_LEDE = ("The Senate on Thursday passed a $1.2 trillion bill to repair roads, bridges and water pipes in "
               "all 50 states, sending the measure to the House after weeks of talks between the two parties.")
SENATE = [
    "By JANE DOE Associated Press",
    "\"It's a good day for America,\" Sen. Mark Ruiz, R-Ore., told reporters after the vote.",
    "He said he expected the House to take up the bill before the Aug. 15 recess.",
    "WASHINGTON (AP) \u2014 " + SENATE_LEDE,
    "The vote was 69 to 30, with 19 Republicans joining all 50 Democrats in support.",
    "The bill includes $110 billion for roads and bridges and $55 billion for water systems, according to "
    "the Congressional Budget Office.",
    "Copyright 2026 The Associated Press. All rights reserved.",
    "Associated Press writer Tom Lee in Chicago contributed to this report.",
]

# --- Wire business story (Reuters-like) with a timestamp, trailer and currency note ---------------------
BANK_LEDE = ("Halvard Bank said on Monday it would cut 2,300 jobs over the next two years and close a fifth of "
             "its branches as it moves more customers online, sending its shares up 4.5 percent.")
BANK = [
    "LONDON, Dec 2 (Reuters) - " + BANK_LEDE,
    "The bank, which employs about 41,000 people, said the cuts would save \u00a3350 million a year by 2028.",
    "Chief Executive Alison Marr said the branch closures reflected the way customers now banked.",
    "\"Nine in ten of our customers never set foot in a branch,\" she told analysts on a call.",
    "Unions said they would fight compulsory redundancies.",
    "($1 = 0.7931 pounds)",
    "Reporting by Ola Grieg; Editing by Mark Voss",
]

# --- Sports report (British paper) with captions, a teaser question and a promo ----------------------
MATCH_LEDE = ("Kettering Rovers reached the FA Trophy final for the first time on Saturday, beating Dunmoor "
              "Town 2-1 with a stoppage-time goal from substitute Callum Hay.")
MATCH = [
    MATCH_LEDE,
    "Callum Hay celebrates his winner at Rockingham Road. Photograph: Sam Ince/Getty Images",
    "Dunmoor had led through a first-half penalty from Leon Shaw before Rovers captain Dean Mott headed an "
    "equaliser on the hour.",
    "It was Hay's first goal since he joined on loan from Northfield in January.",
    "Who will Rovers face at Wembley?",
    "Click here for all the latest non-league news.",
    "Rovers will play either Harlow or Saltash in the final on May 18.",
    "(Photo: Sam Ince/Getty Images)",
]

# --- US sports agate (AP-like), a CNN page with story highlights, a British page with its side furniture ----
NBA_LEDE = ("Marcus Webb scored 38 points and the Portland Pioneers beat the St. Louis Rivermen 112-104 on Sunday night "
            "to clinch a playoff spot for the first time since 2019.")
NBA = [
    "PORTLAND, Ore. (AP) \u2014 " + NBA_LEDE,
    "Webb, who missed 12 games in January with a sprained ankle, hit six 3-pointers.",
    "\"We've been waiting a long time for this,\" Webb said. \"The city deserves it.\"",
    "Dale Ortiz added 21 points and 11 rebounds for Portland, which has won eight of its last 10 games.",
    "J.T. Harris led St. Louis with 27 points.",
    "UP NEXT",
    "Rivermen: Host Denver on Tuesday night.",
    "Pioneers: At Sacramento on Wednesday night.",
    "___",
    "More AP NBA: https://apnews.example/hub/nba and https://twitter.example/AP_Sports",
]
CNN_LEDE = ("A 6.1-magnitude earthquake struck off the coast of southern Chile early Thursday, shaking buildings in "
            "the port city of Valdena and prompting a brief tsunami warning, officials said.")
CNN = [
    "Story highlights",
    "The quake struck at 4:12 a.m. local time",
    "No deaths have been reported",
    "(CNN) -- " + CNN_LEDE,
    "The warning was lifted about an hour later, Chile's navy said.",
    "There were no immediate reports of deaths or serious damage, according to the national emergency office.",
    "\"It felt like the whole house was going to fall,\" said Rosa Medina, 54, who lives near the harbor.",
    "Chile sits on the Pacific \"Ring of Fire\" and is one of the most earthquake-prone countries in the world.",
    "CNN's Ana Lopez contributed to this report.",
    "Follow @CNNWorld on Twitter for the latest.",
]
UK_LEDE = ("The Bank of England has held interest rates at 4.5% for a third month, but signalled that cuts could "
           "come as soon as the summer as inflation eases.")
UK = [
    "Faisal Islam",
    "Economics editor",
    "Share",
    UK_LEDE,
    "The Bank's Monetary Policy Committee voted by six to three to keep rates on hold.",
    "Governor Andrew Bailey said: \"We need to be sure that inflation stays low before we cut.\"",
    "Mr Bailey added that the outlook for wages remained uncertain.",
    "What does this mean for mortgages?",
    "About 1.5 million fixed-rate deals are due to end this year.",
    "Getty Images",
    "Analysts at Castlegate Capital said they expected two cuts before Christmas.",
    "Related Topics",
    "Interest rates",
    "Bank of England",
]


# --- Multi-source story: three reports of one rail strike -------------------------------------------
STRIKE_A = [  # wire copy, dateline lede mid-file
    "\"We have been left with no choice,\" the union's general secretary said.",
    "MANCHESTER (Reuters) - Train drivers on the Northline network will strike for 48 hours from Friday "
    "in a dispute over pay, the ASLEF-style union Drivers United said on Wednesday.",
    "The strike is expected to halt almost all services between Manchester, Leeds and Sheffield.",
    "Northline said it had offered a 4 percent rise this year and was disappointed by the decision.",
    "Reporting by Ada Berg; Editing by Olaf Nystrom",
]
STRIKE_B = [  # a local paper's own report
    "Commuters across the north face two days without trains after drivers at Northline voted to walk out "
    "from Friday over pay.",
    "Almost all services between Manchester, Leeds and Sheffield are expected to be cancelled during the "
    "48-hour strike.",
    "Northline said it had offered drivers a 4 percent pay rise this year.",
    "A bakery owner in Leeds said she would open late on Friday so her staff could get to work.",
]
STRIKE_C = [  # a broadcaster's report
    "Drivers at Northline will stage a 48-hour strike starting on Friday after talks on pay broke down, "
    "their union said.",
    "The walkout is expected to cancel almost all services between Manchester, Leeds and Sheffield.",
    "The company said its offer of a 4 percent rise was fair and urged the union to return to talks.",
]


TITLES = {id(COUNCIL): "Wexcombe approves clean air zone charge for drivers",
          id(SENATE): "Senate passes $1.2 trillion bill for roads, bridges and water pipes",
          id(BANK): "Halvard Bank to cut 2,300 jobs and close a fifth of branches",
          id(MATCH): "Late Hay winner sends Kettering Rovers to first FA Trophy final"}


def page(paragraphs: list[str], url: str = "https://news.example/a"):
    """An article as a page carries it: with its headline."""
    return article(paragraphs, url, title=TITLES.get(id(paragraphs), ""))


def _words(summary: list[str]) -> int:
    return sum(len(s.split()) for s in summary)


def _leans_ok(summary: list[str], paragraphs: list[list[str]]) -> bool:
    """A sentence opening with a pronoun or connective is shown right after the sentence it follows."""
    texts = [" ".join(p) for p in paragraphs]
    for k, s in enumerate(summary):
        if first_word(s) in PRONOUNS | CONNECTIVES:
            if k == 0 or not any(summary[k - 1] + " " + s in t for t in texts):
                return False
    return True


# --- Datelines -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("line,rest", [
    ("STOCKHOLM REUTERS, AFP - The talks ended.", "The talks ended."),
    ("(CNN) -- The talks ended.", "The talks ended."),
    ("LONDON (Reuters) - The talks ended.", "The talks ended."),
    ("WASHINGTON \u2014 The talks ended.", "The talks ended."),
    ("WASHINGTON (AP) \u2014 The talks ended.", "The talks ended."),
    ("Paris, Dec 2 (AFP) - The talks ended.", "The talks ended."),
    ("Paris, Dec. 2 (AFP) \u2014 The talks ended.", "The talks ended."),
    ("London, 2 December (Reuters) - The talks ended.", "The talks ended."),
    ("Berlin (dpa) - The talks ended.", "The talks ended."),
    ("SAN FRANCISCO/NEW YORK (Reuters) - The talks ended.", "The talks ended."),
    ("NEW YORK, Jan. 5 (Reuters) - The talks ended.", "The talks ended."),
    ("BERLIN, Oct 3 (dpa) - The talks ended.", "The talks ended."),  # an agency in lower case after a CITY
    ("MOSCOW, Dec. 1 /TASS/. The talks ended.", "The talks ended."),  # TASS's own shape, no dash
    ("MOSCOW /TASS/. The talks ended.", "The talks ended."),
    ("ANKARA (Anadolu) - The talks ended.", "The talks ended."),
    ("Moscow (Interfax) - The talks ended.", "The talks ended."),
    ("London (Sky News) - The talks ended.", "The talks ended."),
    # a byline a scraper glued before the dateline goes with it
    ("By Jane Smith, Associated Press WASHINGTON \u2014 The talks ended.", "The talks ended."),
    ("By ZEKE MILLER Associated Press WASHINGTON (AP) \u2014 The talks ended.", "The talks ended."),
    ("BY ANA LUND AND TOM BERG Reuters OSLO, March 3 (Reuters) - The talks ended.", "The talks ended."),
    # a date and no place (a story from several places), and Reuters' own services
    ("Nov 28 (Reuters) - The talks ended.", "The talks ended."),
    ("Sept. 5 (AP) \u2014 The talks ended.", "The talks ended."),
    ("(Reuters Health) - The talks ended.", "The talks ended."),
    ("GENEVA, Nov 28 (Reuters Breakingviews) - The talks ended.", "The talks ended."),
    ("WASHINGTON, Nov. 28, 2026 \u2014 The talks ended.", "The talks ended."),  # the year too
])
def test_dateline_shapes_are_removed(line, rest):
    dateline, text = split_dateline(line)
    assert dateline and text == rest


@pytest.mark.parametrize("text", ["Paris - the city of light - welcomed them.", "Manchester United - and City - won.",
                                  "Tuesday, Dec 2 - a date to remember - came.", "The (AP) style guide - said so.",
                                  "Apple (AAPL) - Shares rose.", "AC/DC played. The crowd cheered.",
                                  "NASA/JPL said the rover / lander works.", "By Tuesday, OSLO - Lawmakers met.",
                                  "By Friday, the council will vote.", "May 3 was the day the talks ended.",
                                  "Nov 28 - the day of the vote - is near.", "March 4 (local time) - The vote."])
def test_ordinary_sentences_keep_their_text(text):
    assert split_dateline(text) == ("", text)


@pytest.mark.parametrize("head", ["Paris, Dec 2 (AFP) - ", "PARIS (AFP) - ", "Paris (CNN) -- ", "PARIS \u2014 ",
                                  "By Jean Martin, Associated Press PARIS (AP) \u2014 "])
def test_dated_paragraph_is_the_lede_wherever_it_sits_and_the_dateline_is_not_shown(head):
    lede = ("France's parliament approved a law on Tuesday that will raise the pension age to 64 by 2030, ending "
            "months of protests and strikes across the country.")
    paragraphs = ["\"This is a sad day for workers,\" a union leader said outside the building.",
                  "Opposition deputies sang and waved placards as the result was read out.",
                  head + lede,
                  "The law passed by 289 votes to 262 after a night-long debate.",
                  "Unions have called another day of strikes for Thursday."]
    summary = summarize([article(paragraphs)], sentences=3)
    assert summary[0] == lede
    assert not any(w in " ".join(summary) for w in ("AFP", "CNN", "PARIS", "Paris,", "Martin", "Associated"))


def test_us_wire_copy_opens_with_its_dateline_lede_in_the_middle_of_the_file():
    summary = summarize([article(SENATE)], sentences=3)
    assert summary[0] == SENATE_LEDE
    assert not any("WASHINGTON" in s or "(AP)" in s for s in summary)


# --- Furniture -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "By Jane Doe", "By JANE DOE Associated Press", "By Harriet Pell, BBC News, Wexcombe",
    "Reporting by Ola Grieg; Editing by Mark Voss", "(Additional reporting by Tom Lee in Oslo.)",
    "Associated Press writer Tom Lee in Chicago contributed to this report.",
    "(Photo: Reuters)", "Photograph: Sam Ince/Getty Images", "Getty Images", "Image source, Getty Images",
    "Image caption, Traffic on the Wexcombe ring road at rush hour",
    "Read more: Wexcombe's long fight over the ring road", "Click here for all the latest non-league news.",
    "Sign up for our morning newsletter and get BBC News in your inbox.",
    "Follow BBC Wexcombe on Facebook, X and Instagram.", "Follow Jane Doe on Twitter.",
    "Updated 10:32 GMT", "Last updated at 10:32 GMT, Tuesday 3 March.", "Published 3 hours ago",
    "WHAT HAPPENS NEXT?", "THE BANK'S PLAN IN FULL.",
    "So what does this mean for drivers?", "Who will Rovers face at Wembley?",
    "Editor's note: This story has been updated to correct the date of the vote.",
    "(Editor's note: An earlier version misspelled Ms Rao's name.)",
    "Copyright 2026 The Associated Press. All rights reserved.", "All rights reserved.",
    "($1 = 0.7931 pounds)",
    "First published on Tue 3 Mar 2026 10.32 GMT", "Posted Tuesday 3 March 2026 at 10:32am.",
    "Get the latest headlines sent straight to your inbox.", "Share your views in the comments below.",
    "Listen to the latest episode of our podcast on Spotify or Apple Podcasts.",
    "Callum Hay celebrates his winner at Rockingham Road. Photograph: Sam Ince/Getty Images",
    "Fans invade the pitch after the final whistle on Saturday. (Photo: Sam Ince/Getty Images)",
    "Rovers captain Dean Mott lifts the trophy. Picture: PA",
    "Here's what you need to know about the new charge.", "Find out more about the clean air zone below.",
    "This is a developing story and will be updated.", "More to follow.",
])
def test_furniture_lines_are_never_candidates(line):
    assert not build_candidates([article([line])]), line


@pytest.mark.parametrize("line", [
    "Unions said they would fight compulsory redundancies.",
    "By Friday, 40 flights had been cancelled at Tallmark airport.",
    "By contrast, the plan for the northern bypass was approved without a vote.",
    "By Christmas the new bridge should be open to traffic.",
    "The council said it would launch an app for residents by June.",
    "Here is the town's new bridge, the first built in the county since 1911.",
    "By the end of the day, 40 flights had been cancelled at Tallmark airport.",
    "Following the vote, councillors left the chamber in silence.",
    "Updated figures released on Monday showed prices rising by 3.1 percent.",
    "\"Will it work?\" she asked, before answering her own question: probably not.",
    "\"Nine in ten of our customers never set foot in a branch,\" she told analysts on a call.",
])
def test_story_sentences_are_kept(line):
    cands = build_candidates([article([line])])
    assert [c.text for c in cands] == [line]


@pytest.mark.parametrize("caption,sentence", [
    ("Accused: Tom Birch, 41, of Dunmoor, denies two counts of fraud",
     "A former council treasurer took \u00a3240,000 from a fund for flood repairs, a court heard on Monday."),
    ("Haul: The boxes of parts found in the lorry at the Tallmark depot",
     "The amount of stolen car parts seized at the port has doubled in a year, police said."),
    ("Fighter ace: Ivo Marr flew with the squadron in 1943 'The Long Summer'",
     "The story of the pilots who kept flying after the airfield was bombed is to be told in a new film."),
])
def test_a_photo_caption_glued_to_the_sentence_after_it_is_cut_off(caption, sentence):
    cands = build_candidates([article([f"{caption} {sentence}"])])
    assert [c.text for c in cands] == [sentence]
    assert not build_candidates([article([caption + "."])])  # the caption alone stays out


def test_a_scroll_down_prompt_glued_to_a_sentence_is_cut_off():
    sentence = "Rescuers pulled a fisherman from the frozen Aske reservoir after he spent two hours in the water."
    cands = build_candidates([article([f"Scroll down for video {sentence}"])])
    assert [c.text for c in cands] == [sentence]
    assert not build_candidates([article(["Scroll down for video"])])


def test_a_phrase_before_a_colon_is_no_caption_label_when_it_opens_with_a_preposition():
    line = "With the new Harbour: The Musical opening this week, the theatre has sold 9,000 tickets."
    assert [c.text for c in build_candidates([article([line])])] == [line]


def test_a_paragraph_with_a_credit_is_a_caption_only_when_short():
    caption = "Callum Hay celebrates his winner at Rockingham Road. Photograph: Sam Ince/Getty Images"
    story = ("Hay, 19, came on in the 80th minute and scored with his first touch, a low shot from the edge of "
             "the area that went in off the post after Dunmoor had failed to clear a corner. It was the first "
             "time Rovers had reached the final. (Photo: Sam Ince/Getty Images)")
    texts = [c.text for c in build_candidates([article([caption, story])])]
    assert texts == split_sentences(story)[:2]


@pytest.mark.parametrize("paragraphs,lede", [(COUNCIL, COUNCIL_LEDE), (SENATE, SENATE_LEDE), (BANK, BANK_LEDE),
                                             (MATCH, MATCH_LEDE)])
@pytest.mark.parametrize("n", [3, 6])
def test_furniture_never_appears_in_a_summary(paragraphs, lede, n):
    summary = summarize([page(paragraphs)], sentences=n)
    assert summary[0] == lede
    joined = " ".join(summary)
    for junk in ("By ", "Published", "Updated", "Getty", "Image", "Read more", "WHAT HAPPENS", "?", "Sign up",
                 "Follow", "Photograph", "Click here", "Copyright", "rights reserved", "contributed to this",
                 "Reporting by", "pounds)", "LONDON", "(Reuters)"):
        assert junk not in joined, (junk, summary)


@pytest.mark.parametrize("paragraphs,lede", [(NBA, NBA_LEDE), (CNN, CNN_LEDE), (UK, UK_LEDE)])
@pytest.mark.parametrize("n", [1, 3, 5])
def test_pages_with_agate_highlights_and_topic_links_open_with_their_lede(paragraphs, lede, n):
    summary = summarize([article(paragraphs)], sentences=n)
    assert summary[0] == lede and min(n, 3) <= len(summary) <= n
    assert _leans_ok(summary, [paragraphs])
    joined = " ".join(summary)
    for junk in ("(AP)", "PORTLAND", "UP NEXT", "Rivermen:", "___", "http", "Story highlights", "(CNN)",
                 "contributed", "Follow", "Faisal", "Economics editor", "Share", "?", "Getty", "Related Topics"):
        assert junk not in joined, (junk, summary)
    assert all(s in " ".join(paragraphs) for s in summary)


@pytest.mark.xfail(reason="a short shuffled page whose first paragraph is an analyst's reaction is still trusted "
                          "as in the writer's order by the fitted order model (p=0.77), so that paragraph opens",
                   strict=True)
def test_short_shuffled_british_page_opens_with_its_lede():
    shuffled = UK[:]
    random.Random(1).shuffle(shuffled)
    assert summarize([article(shuffled)], sentences=3)[0] == UK_LEDE


# --- Reads on its own ----------------------------------------------------------------------------------

@pytest.mark.parametrize("paragraphs", [COUNCIL, SENATE, BANK, MATCH, STRIKE_A, STRIKE_B])
@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_no_sentence_leans_on_one_not_shown_before_it(paragraphs, n):
    summary = summarize([article(paragraphs)], sentences=n)
    assert summary and _leans_ok(summary, [paragraphs]), summary
    reversed_ = list(reversed(paragraphs))
    summary = summarize([article(reversed_)], sentences=n)
    assert summary and _leans_ok(summary, [reversed_]), summary


@pytest.mark.parametrize("opener", ["That decision", "As a result, the plan", "In addition, the plan",
                                    "Despite this, the plan", "For his part, the mayor", "Even so, the plan",
                                    "By contrast, the plan", "Others", "Instead, the plan"])
def test_multiword_and_demonstrative_openers_lean_back(opener):
    cands = build_candidates([article([opener + " was criticised by the three opposition parties on the council."])])
    assert cands[0].leans_back


def test_display_is_lede_first_then_original_order():
    summary = summarize([page(COUNCIL)], sentences=4)
    assert summary[0] == COUNCIL_LEDE
    positions = [COUNCIL.index(s) for s in summary]
    assert positions == sorted(positions)


# --- Length --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("paragraphs", [COUNCIL, SENATE, BANK, MATCH])
@pytest.mark.parametrize("words", [10, 30, 45, 60, 80])
def test_word_cap_keeps_whole_sentences_and_at_least_the_lede(paragraphs, words):
    summary = summarize([page(paragraphs)], sentences=5, words=words)
    full = summarize([page(paragraphs)], sentences=5)
    assert summary == full[:len(summary)] and summary  # whole sentences, same order, a prefix
    # Only a first sentence longer than the cap may exceed it: it is shown alone, never cut mid-way.
    assert _words(summary) <= words or len(summary) == 1


def test_word_cap_never_skips_a_sentence_to_squeeze_in_a_later_one():
    full = summarize([page(COUNCIL)], sentences=4)
    cap = _words(full[:2]) + 1
    assert summarize([page(COUNCIL)], sentences=4, words=cap) == full[:2]


def test_bare_quote_is_never_shown_however_long_the_summary():
    paragraphs = BANK[:3] + ["\"We have waited long enough for this.\""] + BANK[3:]
    for n in range(1, 8):
        assert not any("waited long enough" in s for s in summarize([article(paragraphs)], sentences=n))


def test_headline_less_page_still_opens_with_a_standalone_sentence():
    summary = summarize([article(COUNCIL)], sentences=3)
    assert summary and first_word(summary[0]) not in PRONOUNS | CONNECTIVES
    assert all(s in COUNCIL for s in summary)


def test_headline_less_short_page_in_order_opens_with_its_lede():
    # Six story paragraphs give five adjacent pairs: too few to call the order shuffled.
    assert summarize([article(COUNCIL)], sentences=3)[0] == COUNCIL_LEDE


@pytest.mark.xfail(reason="shuffled and without a headline, the fitted lede model prefers the sentence that "
                          "introduces a named person (Council leader Sunita Rao ...) over the undated lede",
                   strict=True)
def test_headline_less_shuffled_council_page_opens_with_its_lede():
    shuffled = [COUNCIL[i] for i in (7, 13, 5, 0, 6, 10, 2)]
    assert summarize([article(shuffled)], sentences=3)[0] == COUNCIL_LEDE


def test_cli_summarize_sentences_and_words(tmp_path):
    path = tmp_path / "council.txt"
    path.write_text("Wexcombe approves clean air zone charge for drivers\n20260303\nhttps://news.example/wexcombe\n"
                    + "\n".join(COUNCIL) + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "generator", "summarize", str(path), "--sentences", "2"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)["summary"]
    assert len(summary) == 2 and summary[0] == COUNCIL_LEDE
    run = subprocess.run([sys.executable, "-m", "generator", "summarize", str(path), "--sentences", "4",
                          "--words", "5"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert json.loads(run.stdout)["summary"] == [COUNCIL_LEDE]


# --- Several sources -----------------------------------------------------------------------------------

def _strike():
    return [article(STRIKE_A, "https://wire.example/strike"), article(STRIKE_B, "https://paper.example/strike"),
            article(STRIKE_C, "https://tv.example/strike")]


@pytest.mark.parametrize("n", [2, 3, 4])
def test_several_sources_make_one_summary_with_each_fact_once(n):
    summary = summarize(_strike(), sentences=n)
    joined = " ".join(summary)
    assert len(summary) == n
    assert joined.count("4 percent") <= 1 and joined.count("Leeds and Sheffield") <= 1
    # every report's lede announces the strike from Friday: shown once
    assert sum("Friday" in s and ("strike" in s or "walk out" in s) for s in summary) == 1
    assert "no choice" not in joined and "Reuters" not in joined
    assert n > 3 or "bakery" not in joined  # one paper's colour only once the shared facts are all shown
    assert "strike" in summary[0] and first_word(summary[0]) not in PRONOUNS | CONNECTIVES


@pytest.mark.parametrize("order", [[0, 1, 2], [2, 1, 0], [1, 2, 0]])
def test_several_sources_open_with_the_wire_lede_its_dateline_marks(order):
    arts = _strike()
    summary = summarize([arts[i] for i in order], sentences=3)
    assert summary[0] == STRIKE_A[1].split(" - ", 1)[1]
    assert "MANCHESTER" not in " ".join(summary)


def test_several_sources_prefer_what_several_report():
    summary = summarize(_strike(), sentences=3)
    joined = " ".join(summary)
    assert "Leeds and Sheffield" in joined and "4 percent" in joined


STRIKE_D = [  # a live report whose later sentences all lean on the one before
    "Drivers at Northline walked out on Friday morning at the start of a 48-hour strike over pay.",
    "They were joined on picket lines in Leeds by members of two other unions.",
    "It is the third strike on the network this year.",
    "However, Northline said about one in ten services were still running.",
    "This was mostly on the route between Leeds and York, the company said.",
    "But passengers were told to travel only if their journey was essential.",
]


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6])
def test_several_sources_never_show_a_leaning_sentence_without_its_predecessor(n):
    arts = _strike() + [article(STRIKE_D, "https://live.example/strike")]
    summary = summarize(arts, sentences=n)
    assert summary and _leans_ok(summary, [STRIKE_A, STRIKE_B, STRIKE_C, STRIKE_D]), summary
    assert sum("Friday" in s and ("strike" in s or "walk" in s) for s in summary) == 1


def test_wire_copies_count_as_one_source_of_support():
    # Three outlets run one wire text with a detail nobody else reports; two independent reports share
    # another fact with the wire. The shared fact wins over the wire-only detail.
    wire = ["OSTVIK (Nordwire) - The Ostvik city council voted on Monday to close the old harbour bridge to cars "
            "from June after engineers found cracks in two of its supports.",
            "The bridge, built in 1911, carries about 9,000 vehicles a day.",
            "A brass band played on the bridge after the vote to mark its last summer of traffic.",
            "Repairs are expected to take two years and cost 30 million crowns, the council said."]
    copies = [article(wire, f"https://copy{i}.example/bridge") for i in range(3)]
    own = [article(["Drivers in Ostvik will lose the old harbour bridge from June after the council voted to shut "
                    "it to cars.", "Fixing the cracked supports will take two years and cost 30 million crowns, "
                    "officials said."], "https://paper.example/bridge"),
           article(["Ostvik's harbour bridge will close to cars in June.", "The council said repairs would cost "
                    "30 million crowns and take about two years."], "https://radio.example/bridge")]
    summary = summarize(copies + own, sentences=2)
    joined = " ".join(summary)
    assert "30 million" in joined and "brass band" not in joined
    assert "Nordwire" not in joined and len(summary) == 2


def test_site_config_sets_the_summary_length(tmp_path):
    from generator.config import load_config
    from generator.model import StoryGroup
    from generator.pipeline import _story_parts

    (tmp_path / "site.yaml").write_text("summary_sentences: 2\nsummary_words: 45\n", encoding="utf-8")
    cfg, diags = load_config(tmp_path / "site.yaml")
    assert (cfg.summary_sentences, cfg.summary_words) == (2, 45)
    summary, _ = _story_parts([page(BANK)], cfg, StoryGroup([0], [0], [1.0]))
    assert summary == summarize([page(BANK)], sentences=2, words=45) and summary[0] == BANK_LEDE
    assert 1 <= len(summary) <= 2 and (_words(summary) <= 45 or len(summary) == 1)


def test_source_order_does_not_change_the_facts_chosen():
    arts = _strike()
    one = summarize(arts, sentences=3)
    for order in ([2, 1, 0], [1, 0, 2], [2, 0, 1]):
        assert sorted(summarize([arts[i] for i in order], sentences=3)) == sorted(one)


# --- Sentence splitter ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Mr. Hale arrived at 9 a.m. and left at 4 p.m. on Friday. He said nothing.",
     ["Mr. Hale arrived at 9 a.m. and left at 4 p.m. on Friday.", "He said nothing."]),
    ("He arrived at 10 a.m. Officials greeted him at the door.",
     ["He arrived at 10 a.m.", "Officials greeted him at the door."]),
    ("The talks end at 5 p.m. Eastern time on Friday. Nobody expects a deal.",
     ["The talks end at 5 p.m. Eastern time on Friday.", "Nobody expects a deal."]),
    ("The U.S. economy grew. The U.K. shrank.", ["The U.S. economy grew.", "The U.K. shrank."]),
    ("Talks resume on Dec. 2 in Geneva. Officials expect little.",
     ["Talks resume on Dec. 2 in Geneva.", "Officials expect little."]),
    ("Gov. Ruth Ames visited No. 10 on Jan. 4. She was brief.",
     ["Gov. Ruth Ames visited No. 10 on Jan. 4.", "She was brief."]),
    ("He moved to St. Louis in Jan. 2019. It rained.", ["He moved to St. Louis in Jan. 2019.", "It rained."]),
    ("The index rose 1.75 percent to 4,210.5 points. Bonds fell.",
     ["The index rose 1.75 percent to 4,210.5 points.", "Bonds fell."]),
    ('"We will win," he said. Fans cheered.', ['"We will win," he said.', "Fans cheered."]),
    ('"Will we win?" she asked. Nobody answered.', ['"Will we win?" she asked.', "Nobody answered."]),
    ("J.R.R. Tolkien wrote it. George W. Bush read it. Both were famous.",
     ["J.R.R. Tolkien wrote it.", "George W. Bush read it.", "Both were famous."]),
    ("He paused... Then he spoke again.", ["He paused...", "Then he spoke again."]),
    ("He paused\u2026 Then he spoke again.", ["He paused\u2026", "Then he spoke again."]),
    ("It was a \u2026 strange day. Then it ended.", ["It was a \u2026 strange day.", "Then it ended."]),
    ("Visit www.example.com for details. Email info@example.co.uk. Or call.",
     ["Visit www.example.com for details.", "Email info@example.co.uk.", "Or call."]),
    ("See https://news.example/a.html for more. It has details.",
     ["See https://news.example/a.html for more.", "It has details."]),
    ("The plan has three steps: 1. Build it. 2. Test it. 3. Ship it.",
     ["The plan has three steps: 1. Build it.", "2. Test it.", "3. Ship it."]),
    ("She met Sen. Dale Ross in Washington, D.C. They talked.",
     ["She met Sen. Dale Ross in Washington, D.C.", "They talked."]),
    ("The plane landed in the U.S. Officials said it was safe.",
     ["The plane landed in the U.S.", "Officials said it was safe."]),
    ("She served in the U.S. Navy for ten years.", ["She served in the U.S. Navy for ten years."]),
    ("She was No. 1 in the world. Now she is No. 3.", ["She was No. 1 in the world.", "Now she is No. 3."]),
    ("Lt. Gen. Ray Odom led. Troops followed.", ["Lt. Gen. Ray Odom led.", "Troops followed."]),
    ("Temperatures hit 40C. Ministers met at No. 10 Downing St. on Tuesday.",
     ["Temperatures hit 40C.", "Ministers met at No. 10 Downing St. on Tuesday."]),
    ("The talks were held at 10 Downing St. The prime minister attended.",
     ["The talks were held at 10 Downing St.", "The prime minister attended."]),
    ("He visited St. Paul. The cathedral was full.", ["He visited St. Paul.", "The cathedral was full."]),
])
def test_splitter(text, expected):
    assert split_sentences(text) == expected


def test_word_cap_is_documented():
    assert "longer than" in (summarize.__doc__ or "")
