"""Who said it: cue patterns, titles and appositions, pronouns, descriptions, one name per person. Fictional texts."""
import datetime as dt

import pytest

from generator.model import Article, Quote
from generator.quotes import canonical_speakers, extract_quotes


def article(*paragraphs: str, path: str = "a.txt") -> Article:
    return Article(path=path, title="Fictional story", date=dt.date(2026, 11, 20),
                   url=f"https://example.test/{path}", paragraphs=list(paragraphs))


def speaker_of(a: Article, start: str) -> tuple[str | None, str | None]:
    q = next(q for q in extract_quotes(a) if q.text.startswith(start))
    return q.speaker, q.role


@pytest.mark.parametrize("paragraph, speaker", [
    ('"The port will reopen on Monday," Hanna Olsen said.', "Hanna Olsen"),
    ('"The port will reopen on Monday," said Hanna Olsen.', "Hanna Olsen"),
    ('Hanna Olsen said: "The port will reopen on Monday."', "Hanna Olsen"),
    ('"The port will reopen on Monday," Hanna Olsen told reporters, adding that talks would go on.', "Hanna Olsen"),
    ('"The port will reopen on Monday," according to Hanna Olsen.', "Hanna Olsen"),
    ('According to Hanna Olsen, "the port will reopen on Monday."', "Hanna Olsen"),
    ('"The port will reopen on Monday," Hanna Olsen warned.', "Hanna Olsen"),
    ('"The port will reopen on Monday," Hanna Olsen tweeted.', "Hanna Olsen"),
    ('"The port will reopen on Monday," Hanna Olsen wrote in a letter to staff.', "Hanna Olsen"),
    ('"The port will reopen on Monday," Hanna Olsen insisted.', "Hanna Olsen"),
    ('"The port will reopen on Monday," Hanna Olsen was quoted as saying.', "Hanna Olsen"),
    ('Hanna Olsen argued that "the port will reopen on Monday whatever the unions say."', "Hanna Olsen"),
    ('Hanna Olsen lauded the crews, who she said had "worked through three nights without a break."', "Hanna Olsen"),
])
def test_cue_patterns(paragraph, speaker):
    assert speaker_of(article(paragraph), "")[0] == speaker


def test_called_it_with_a_one_word_quote():
    a = article("Opposition leader Rui Santos called the decision \u201coutrageous\u201d.")
    assert speaker_of(a, "outrageous") == ("Rui Santos", "Opposition leader")


def test_title_and_apposition_become_role():
    a = article('"We expect an answer this week," Deputy Foreign Minister Pavel Orlin said.',
                '"Nothing has been agreed," Harbour Authority spokesman Tom Reyes said.',
                '"We are ready," said Mira Holm, a spokeswoman for the ministry.',
                '"Prices will rise," Jonas Ek, the agency\'s chief economist, said.')
    assert speaker_of(a, "We expect") == ("Pavel Orlin", "Deputy Foreign Minister")
    assert speaker_of(a, "Nothing has") == ("Tom Reyes", "Harbour Authority spokesman")
    assert speaker_of(a, "We are ready") == ("Mira Holm", "spokeswoman for the ministry")
    assert speaker_of(a, "Prices will") == ("Jonas Ek", "agency's chief economist")


def test_pronoun_goes_to_the_speaker_outside_the_quote_not_a_name_inside_it():
    a = article('Karin Voss told reporters Ostia was ready for talks. "We, as President Leon Marek has said, '
                'do not want a conflict," she said.')
    assert speaker_of(a, "We, as President")[0] == "Karin Voss"


def test_pronoun_goes_to_the_nearest_person_not_the_last_speaker():
    a = article('"Diplomacy is the best way out of this crisis," Secretary Alan Brenner told reporters.',
                "Relations sank further, a point underlined by Defence Secretary Lloyd Harmon when he said "
                'during a visit to Seoul: "The best case is that we will not see an incursion this winter."')
    assert speaker_of(a, "The best case")[0] == "Lloyd Harmon"
    assert speaker_of(a, "Diplomacy")[0] == "Alan Brenner"


def test_he_and_she_follow_gender():
    a = article("Mayor Sofia Lind met union leader Peter Dahl on Friday.",
                '"We found a compromise that protects the night buses," she said.',
                '"It is not enough for the drivers, but it is a start," he said.')
    assert speaker_of(a, "We found")[0] == "Sofia Lind"
    assert speaker_of(a, "It is not enough")[0] == "Peter Dahl"


def test_following_quotes_in_the_same_paragraph_and_the_next_keep_the_speaker():
    a = article('"The storm surge was the highest in forty years," water board chair Eva Smit said. '
                '"We closed the gates at midnight."',
                '"Without the barrier, the old town would have flooded."')
    assert [q.speaker for q in extract_quotes(a)] == ["Eva Smit"] * 3


def test_subject_with_but_said():
    a = article('Senator Ruth Adler declined to endorse the bill but said "the goal itself is the right one."')
    assert speaker_of(a, "the goal")[0] == "Ruth Adler"


def test_organisations_and_descriptions_as_speakers():
    a = article('"A vote for Harlow is a vote for higher rents," the ad\'s narrator says.',
                'The ministry called the report "deeply misleading and politically motivated."',
                '"The figures do not add up," the newspaper wrote in an editorial.')
    assert speaker_of(a, "A vote for")[0] == "the ad's narrator"
    assert speaker_of(a, "deeply")[0] == "The ministry"
    assert speaker_of(a, "The figures")[0] == "the newspaper"


def test_scare_quote_without_a_cue_has_no_speaker():
    a = article('The opposition accused the mayor of running a "vanity project" at the harbour.',
                'Critics have mocked the plan online.')
    assert all(q.speaker is None or q.speaker == "The opposition" for q in extract_quotes(a))
    b = article('The scheme, known locally as the "blue line", opens next year.')
    assert [q.speaker for q in extract_quotes(b)] == [None]


def test_one_name_per_person_within_an_article():
    a = article("Secretary of State Antony Brenner met his counterpart in Oslo.",
                '"The door to diplomacy is open," Brenner told reporters.',
                '"We will not wait forever," Secretary Brenner added.')
    quotes = extract_quotes(a)
    assert {q.speaker for q in quotes} == {"Antony Brenner"}
    assert quotes[0].role == "Secretary of State"


def test_canonical_speakers_across_articles_merges_surnames_only_when_unambiguous():
    quotes = [Quote("a b c d", "Brenner", path="x"), Quote("e f g h", "Antony Brenner", "Secretary of State", path="y"),
              Quote("i j k l", "Clinton", path="x"), Quote("m n o p", "Hillary Clinton", path="y"),
              Quote("q r s t", "Bill Clinton", path="z")]
    out = canonical_speakers(quotes)
    assert [q.speaker for q in out] == ["Antony Brenner", "Antony Brenner", "Clinton", "Hillary Clinton",
                                        "Bill Clinton"]
    assert out[0].role == "Secretary of State"
    assert quotes[0].speaker == "Brenner"  # inputs are not modified


def test_name_between_commas_after_a_role_and_signatures_after_a_dash():
    a = article("The commission's chief negotiator, Marta Oliveira Pires, said the cut was \"painful but fair\".",
                '"The dunes held, and so did the people behind them." \u2015 Lotte Brink')
    assert speaker_of(a, "painful") == ("Marta Oliveira Pires", "commission's chief negotiator")
    assert speaker_of(a, "The dunes held")[0] == "Lotte Brink"


def test_canonical_speakers_completes_roles_but_keeps_a_different_one():
    quotes = [Quote("a b c d", "Femke Loo", "Minister", path="x"),
              Quote("e f g h", "Femke Loo", "Water Management Minister", path="y"),
              Quote("i j k l", "Femke Loo", None, path="z"),
              Quote("m n o p", "Femke Loo", "former mayor", path="w")]
    assert [q.role for q in canonical_speakers(quotes)] == [
        "Water Management Minister", "Water Management Minister", "Minister", "former mayor"]
