"""Finding quoted spans: quote marks, British single quotes, quotes over paragraphs; verbatim text. Fictional texts."""
import datetime as dt

from generator.model import Article
from generator.quotes import extract_quotes, verify_quote


def article(*paragraphs: str, path: str = "a.txt") -> Article:
    return Article(path=path, title="Fictional story", date=dt.date(2026, 11, 20),
                   url=f"https://example.test/{path}", paragraphs=list(paragraphs))


def texts(a: Article) -> list[str]:
    return [q.text for q in extract_quotes(a)]


def test_straight_and_curly_double_quotes_give_the_same_quote_and_keep_the_source_text():
    straight = article('"The bridge will open in May," Mayor Ana Ruiz said.')
    curly = article("\u201cThe bridge will open in May,\u201d Mayor Ana Ruiz said.")
    assert texts(straight) == ["The bridge will open in May"]
    assert texts(curly) == ["The bridge will open in May"]
    assert extract_quotes(curly)[0].speaker == "Ana Ruiz"


def test_quote_over_several_sentences_is_one_quote():
    a = article('"We counted every vote. Twice. The result stands," election chief Omar Haddad told reporters.')
    assert texts(a) == ["We counted every vote. Twice. The result stands"]
    assert extract_quotes(a)[0].speaker == "Omar Haddad"


def test_single_quotes_inside_double_quotes_stay_inside():
    a = article('"He looked at me and said \'never again\' before he left," Lena Varga said.')
    assert texts(a) == ["He looked at me and said 'never again' before he left"]


def test_british_single_quoted_speech_is_found_but_apostrophes_and_possessives_are_not():
    a = article("'It was a mistake to close the ferry,' the harbour master said.",
                "The ministers' talks ran late and the council's plan wasn't discussed.",
                "\u2018We will reopen it in spring,\u2019 said Transport Minister Pia Lund.")
    quotes = extract_quotes(a)
    assert [q.text for q in quotes] == ["It was a mistake to close the ferry", "We will reopen it in spring"]
    assert quotes[0].speaker == "the harbour master"
    assert (quotes[1].speaker, quotes[1].role) == ("Pia Lund", "Transport Minister")


def test_quote_continuing_into_the_next_paragraph_keeps_its_speaker():
    a = article('Chief engineer Marta Kolar described the repair. "The cables were older than anyone had thought. '
                'We replaced all of them',
                '"The bridge is now safer than on the day it opened," she said.')
    quotes = extract_quotes(a)
    assert [q.paragraph for q in quotes] == [0, 1]
    assert quotes[0].text.startswith("The cables were older")
    assert {q.speaker for q in quotes} == {"Marta Kolar"}


def test_run_on_quote_takes_the_speaker_named_in_its_last_paragraph():
    a = article('"First we lost the harvest to the floods and then the road to the landslide. It keeps going',
                '"And nobody has come to help us yet," said farmer Ines Tal.')
    assert [q.speaker for q in extract_quotes(a)] == ["Ines Tal", "Ines Tal"]


def test_partial_quote_in_reported_speech_belongs_to_the_reporting_speaker():
    a = article('Finance Minister Karl Brandt said he was "surprised and troubled" by the audit.')
    (q,) = extract_quotes(a)
    assert (q.text, q.speaker, q.role) == ("surprised and troubled", "Karl Brandt", "Finance Minister")


def test_titles_of_works_and_shows_get_no_speaker():
    a = article('Governor Ada Pike said on CBS\'s "Morning Report." that she would run.',
                'She reads "The Art of the Deal" every year, Pike said.',
                'Pike wrote about the defeat in her memoir, "Long Roads Home."')
    assert all(q.speaker is None for q in extract_quotes(a))


def test_programme_told_or_interviewed_with_and_a_performed_song_get_no_speaker():
    a = article('"The ferry is safe," Governor Ada Pike told "Harbour Morning," adding that crews were ready.',
                'Pike said in an interview with "Sunday Harbour Report." that she would run.',
                'Pike thanked the crowd, and the band went on to perform "Lights Over the Harbour."',
                'Pike once blogged under the pseudonym "Captain Gull," her aides said.')
    quotes = extract_quotes(a)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The ferry is safe", "Ada Pike"), ("Harbour Morning", None), ("Sunday Harbour Report.", None),
        ("Lights Over the Harbour.", None), ("Captain Gull", None)]


def test_names_of_works_after_called_or_titled_get_no_speaker_but_called_speech_keeps_it():
    a = article('Comedians in Lisbon are performing a popular play called "Os Filhos do Porto," or "Sons of the '
                'Harbour Master," downtown.',
                'It is an adaptation of a show called "Brokers," written by a troupe from Porto.',
                'Mayor Ines Brandao called the plan "a costly mistake for the harbour."')
    quotes = extract_quotes(a)
    assert [q.speaker for q in quotes] == [None, None, None, "Ines Brandao"]


def test_wire_style_doubled_apostrophes_are_quote_marks():
    a = article("''We have not decided yet,'' Senator Rhea Moss said.")
    (q,) = extract_quotes(a)
    assert (q.text, q.speaker) == ("We have not decided yet", "Rhea Moss")


def test_verify_quote_checks_verbatim_text_after_quote_normalisation():
    a = article("\u201cThe water rose faster than in 1953,\u201d  said dike warden Joost Maas.")
    (q,) = extract_quotes(a)
    assert verify_quote(q, [a])
    forged = type(q)(text="The water rose faster than ever", speaker=q.speaker, path=q.path)
    assert not verify_quote(forged, [a])
    other = article("Nothing to see.", path="b.txt")
    assert not verify_quote(q, [other])


def test_extraction_is_deterministic_and_leaves_articles_unchanged():
    paras = ['"We will not sign," said Ida Berg.', "'Never,' she said."]
    a = article(*paras)
    assert extract_quotes(a) == extract_quotes(a)
    assert a.paragraphs == paras


def test_quote_mark_flood_is_not_scanned_and_stays_fast():
    """A data dump with thousands of quote marks in one paragraph must not make extraction quadratic."""
    import time

    from generator.model import Article
    from generator.quotes import extract_quotes
    import datetime as dt

    flood = '"a" ' * 20000
    prose = "\"We will rebuild the pier by spring,\" Ines Calloway said."
    article = Article("x.txt", "T", dt.date(2026, 1, 1), "https://x.example/", [flood, prose])
    started = time.process_time()
    quotes = extract_quotes(article)
    assert time.process_time() - started < 5  # quadratic scanning took minutes
    assert [(q.text, q.speaker, q.paragraph) for q in quotes] == [
        ("We will rebuild the pier by spring", "Ines Calloway", 1)]
