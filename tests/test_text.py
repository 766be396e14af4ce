"""Normalisation, datelines, sentence splitting and tokens (fictional examples)."""
from hypothesis import given
from hypothesis import strategies as st

from generator.text import STOPWORDS, content_tokens, normalize, split_dateline, split_sentences, tokens


def test_normalize_straightens_quotes_and_spaces():
    assert normalize("\u201cHi\u201d  it\u2019s \u2014 fine ") == "\"Hi\" it's - fine"


def test_wire_dateline_with_several_agencies():
    assert split_dateline("OSLO REUTERS, AFP - The minister met her counterpart.") == (
        "OSLO REUTERS, AFP -", "The minister met her counterpart.")


def test_other_dateline_shapes():
    assert split_dateline("(CNN) -- A storm hit the coast.")[1] == "A storm hit the coast."
    assert split_dateline("(CNN)A storm hit the coast.")[1] == "A storm hit the coast."
    assert split_dateline("Lisbon (CNN)A storm hit the coast.")[1] == "A storm hit the coast."
    assert split_dateline("Porto Alegre, Brazil (CNN) A storm hit.")[1] == "A storm hit."
    assert split_dateline("LONDON, Dec 2 (AP) \u2014 Prices rose.")[1] == "Prices rose."
    assert split_dateline("PORTVILLE, Ore. --A ferry sank.")[1] == "A ferry sank."


def test_no_dateline_in_ordinary_sentences():
    for text in ("The mayor - who won easily - spoke.", "Officials told reporters - briefly - nothing.",
                 "US-Canada talks resume today."):
        assert split_dateline(text) == ("", text)


def test_abbreviations_titles_and_dates_do_not_split():
    text = "Mr. Dale met Dr. Ives on Dec. 2 at 5 p.m. in St. Olaf. They talked."
    assert split_sentences(text) == ["Mr. Dale met Dr. Ives on Dec. 2 at 5 p.m. in St. Olaf.", "They talked."]


def test_us_splits_only_before_a_sentence_opener():
    assert split_sentences("She moved to the U.S. Navy base. It was 2004.") == [
        "She moved to the U.S. Navy base.", "It was 2004."]
    assert split_sentences("He lives in the U.S. He likes it.") == ["He lives in the U.S.", "He likes it."]


def test_decimals_initials_and_quotes():
    assert split_sentences("Shares fell 3.5 percent. Jane Q. Roe sold hers.") == [
        "Shares fell 3.5 percent.", "Jane Q. Roe sold hers."]
    assert split_sentences('"We won." Fans cheered.') == ['"We won."', "Fans cheered."]
    assert split_sentences('"We won!" she said. Fans cheered.') == ['"We won!" she said.', "Fans cheered."]


def test_enumerations_and_ellipses():
    assert split_sentences("1) Buy milk 2) Sell eggs") == ["1) Buy milk", "2) Sell eggs"]
    assert split_sentences("a. Red b. Blue") == ["a. Red", "b. Blue"]
    assert split_sentences("It was . . . odd. Then it ended.") == ["It was . . . odd.", "Then it ended."]


@given(st.lists(st.sampled_from(["Mr. Ames left.", "It rose 2.5%.", '"Go!" he said.', "The U.S. Army won.",
                                 "Why?", "Ms. Lee, 40, agreed.", "See p. 4 now."]), min_size=1, max_size=6))
def test_splitting_loses_no_text(parts):
    text = " ".join(parts)
    assert " ".join(split_sentences(text)) == text


def test_tokens_and_content_tokens():
    assert tokens("The Minister's plan, 2024!") == ["the", "minister's", "plan", "2024"]
    assert content_tokens("The minister said it was a plan") == ["minister", "plan"]
    assert "the" in STOPWORDS


def test_a_time_zone_in_brackets_after_am_does_not_end_the_sentence():
    assert split_sentences("The quake hit at 10:17 a.m. (0717 GMT) at a depth of 11 km. It was felt widely.") == [
        "The quake hit at 10:17 a.m. (0717 GMT) at a depth of 11 km.", "It was felt widely."]
    assert split_sentences("The meeting ended at 5 p.m. The mayor left.") == ["The meeting ended at 5 p.m.", "The mayor left."]
