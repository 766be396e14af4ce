"""Held-out style key quotes and site-wide speaker names, on invented British and sports stories.

Every test checks exact quote text, speaker and role.
"""
import datetime as dt

from generator.model import Article
from generator.quotes import canonical_speakers, extract_quotes, key_quotes, verify_quote


def article(*paragraphs: str, path: str = "a.txt") -> Article:
    return Article(path=path, title="Fictional story", date=dt.date(2026, 11, 20),
                   url=f"https://example.test/{path}", paragraphs=list(paragraphs))


# --- One name per person across a site; key quotes ---

def test_one_canonical_name_across_articles():
    a = article("Foreign Secretary Laura Okafor flew to Nairobi on Monday.",
                '"We are here to listen," Okafor said.', path="a.txt")
    b = article('"The talks were constructive," said Foreign Secretary Okafor.', path="b.txt")
    c = article('"There is a long way to go," Laura Okafor said.', path="c.txt")
    quotes = canonical_speakers([q for x in (a, b, c) for q in extract_quotes(x)])
    assert {(q.speaker, q.role) for q in quotes} == {("Laura Okafor", "Foreign Secretary")}


def test_key_quotes_prefer_full_sentences_by_named_speakers():
    a = article("The club's \u201cProject Phoenix\u201d plan was unveiled by chairman Neil Hughes on Friday.",
                "Fans called it \u201cbold\u201d.",
                "\u201cWe want to be in the Premier League within five years and we have the money to do it,\u201d "
                "Hughes said.",
                "\u201cIt is a good plan,\u201d a supporter said.",
                "Former striker Dean Walsh said the plan was \u201cthe best news this club has had in a generation\u201d.")
    picked = key_quotes([a], summary=[], limit=3)
    assert [(q.text, q.speaker) for q in picked] == [
        ("We want to be in the Premier League within five years and we have the money to do it", "Neil Hughes"),
        ("the best news this club has had in a generation", "Dean Walsh"),
    ]
    assert all(verify_quote(q, [a]) for q in picked)


def test_title_surname_and_full_name_are_one_speaker_with_the_fullest_role():
    a = article("Secretary of State Antony Brenner landed in Oslo.",
                "\u201cWe are ready to talk,\u201d Secretary Brenner said.", path="a.txt")
    b = article("\u201cNothing is agreed,\u201d Brenner said.", path="b.txt")
    quotes = canonical_speakers(extract_quotes(a) + extract_quotes(b))
    assert [(q.speaker, q.role) for q in quotes] == [("Antony Brenner", "Secretary of State")] * 2


MATCH_REPORT = [
    "Rovers captain Owen Jones was blunt after the 3-0 defeat, which fans called a \u2018disgrace\u2019.",
    "\u2018We didn\u2019t expect it, and the lads\u2019 heads dropped after the second goal,\u2019 said Jones. "
    "\u2018That\u2019s on me.\u2019",
    "The club\u2019s \u2018Project Phoenix\u2019 plan has \u201cnot delivered\u201d, according to the supporters\u2019 trust.",
    "A spokesperson for the club said: \u2018Supporters deserve better and the board knows it.\u2019",
    "Manager Gary Holt said: \u2018We will be back next season. This group has character.",
    "\u2018Nobody should write us off, least of all the people in this building.\u2019",
]


def test_key_quotes_across_two_reports_of_one_match():
    a = article(*MATCH_REPORT, path="x.txt")
    b = article("\u201cWe didn\u2019t expect it, and the lads\u2019 heads dropped after the second goal,\u201d Owen Jones "
                "told BBC Radio Bristol.",
                "\u201cThe manager still has the backing of the dressing room,\u201d Jones added.", path="y.txt")
    picked = key_quotes([a, b], summary=[], limit=3)
    assert [(q.text, q.speaker, q.role) for q in picked] == [
        ("We didn\u2019t expect it, and the lads\u2019 heads dropped after the second goal", "Owen Jones", "Rovers captain"),
        ("Nobody should write us off, least of all the people in this building.", "Gary Holt", "Manager"),
        ("The manager still has the backing of the dressing room", "Owen Jones", "Rovers captain"),
    ]
    assert all(verify_quote(q, [a, b]) for q in picked)
    assert [q.speaker for q in key_quotes([a, b], summary=[], limit=1)] == ["Owen Jones"]
