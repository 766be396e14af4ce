"""Key quotes per story, on a fictional article shaped like a wire report on a diplomatic meeting."""
import datetime as dt

from generator.model import Article
from generator.quotes import extract_quotes, key_quotes, verify_quote

# Same shape as a real wire story (shuffled paragraphs, titles, pronouns, scare quotes); all names invented.
TALKS = [
    'Marov told reporters Ostravia was ready for dialogue with Velmar. "We, as President Dmitri Kolsky has stated, '
    'do not want any conflicts," he said.',
    '"The situation in the region is very alarming," he added. "It is clear that this will be one of the main '
    'topics of discussion at the presidential level."',
    '"Should Ostravia choose the path of escalation, the Secretary made clear that we and our allies are prepared to '
    'impose significant costs," Foreign Office spokesman Ned Harlan said.',
    'Washington was willing to help, Brenner said, but "if Ostravia decides to pursue confrontation, there will be '
    'serious consequences".',
    'OSLO (Nordwire) - Secretary of State Antony Brenner met his Ostravian counterpart on Thursday to warn him of '
    'the "serious consequences" Ostravia would suffer if it invaded Velmar.',
    '"The date has not yet been agreed. There are difficulties in aligning the calendars of the two leaders," '
    'Deputy Foreign Minister Sergei Valko said. "There is no movement on bilateral affairs," he was quoted as '
    'saying by news agencies.',
    'A senior official said Brenner and Marov had a "serious, sober and business-like" meeting.',
    '"The best way to avert the crisis is through diplomacy," Brenner told reporters before the talks.',
    'Relations have sunk to their lowest level in decades, a point underlined by Defence Secretary Lloyd Harmon '
    'when he said during a visit to Seoul: "The best case is that we won\'t see an incursion this winter."',
    'Brenner delivered the warning to Ostravian Foreign Minister Alexei Marov at a meeting in Oslo.',
    '"The architecture of strategic stability is rapidly being destroyed, the alliance refuses to examine our '
    'proposals," Marov said.',
    'Velmar has denied any plan to retake the region by force, accusing Ostravia of spouting "propaganda nonsense".',
]


def article(paragraphs, path="talks.txt") -> Article:
    return Article(path=path, title="Brenner urges Marov to choose diplomacy", date=dt.date(2026, 11, 20),
                   url=f"https://example.test/{path}", paragraphs=list(paragraphs))


def by_start(quotes, start):
    return next(q for q in quotes if q.text.startswith(start))


def test_every_quote_of_the_talks_story_has_the_right_speaker():
    quotes = extract_quotes(article(TALKS))
    expected = {
        "We, as President": "Alexei Marov",
        "The situation in the region": "Alexei Marov",
        "Should Ostravia choose": "Ned Harlan",
        "if Ostravia decides": "Antony Brenner",
        "The date has not": "Sergei Valko",
        "There is no movement": "Sergei Valko",
        "The best way to avert": "Antony Brenner",
        "The best case": "Lloyd Harmon",
        "The architecture": "Alexei Marov",
    }
    for start, speaker in expected.items():
        assert by_start(quotes, start).speaker == speaker, start
    assert by_start(quotes, "Should Ostravia").role == "Foreign Office spokesman"
    assert by_start(quotes, "The date").role == "Deputy Foreign Minister"


def test_key_quotes_are_full_sentences_by_named_speakers_and_never_scare_quotes():
    a = article(TALKS)
    keys = key_quotes([a], [], limit=3)
    assert len(keys) == 3
    assert len({q.speaker for q in keys}) == 3  # one per speaker while others are left
    for q in keys:
        assert q.speaker and q.text[0].isupper() and len(q.text.split()) >= 6
        assert verify_quote(q, [a])
    shown = " ".join(q.text for q in keys)
    assert "propaganda nonsense" not in shown and "business-like" not in shown
    assert keys == key_quotes([a], [], limit=3)  # deterministic


def test_key_quotes_limit_and_copies_count_once():
    copy = article(TALKS, path="copy.txt")
    keys = key_quotes([article(TALKS), copy], [], limit=10)
    assert len({q.text for q in keys}) == len(keys)
    assert len(key_quotes([article(TALKS)], [], limit=1)) == 1
    assert key_quotes([article(["No quotes here at all."])], []) == []


def test_key_quotes_prefer_quotes_that_add_to_the_summary():
    a = article(TALKS)
    top = key_quotes([a], [], limit=1)[0]
    summary = [top.text]  # a summary that already says it
    assert top.text not in [q.text for q in key_quotes([a], summary, limit=1)]


def test_copies_that_differ_in_punctuation_count_once():
    a = article(['"They want us to train the machines that will replace us, and they don\'t pay," said union leader '
                 'Rui Calado.'])
    b = article(['"They want us to train the machines that will replace us, and they dont pay," said union leader '
                 'Rui Calado.'], path="b.txt")
    keys = key_quotes([a, b], [], limit=5)
    assert [q.speaker for q in keys] == ["Rui Calado"]
