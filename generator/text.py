"""Text normalisation, datelines, sentence splitting and tokens shared by every later stage."""
from __future__ import annotations

import re
import unicodedata
from itertools import filterfalse

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                         "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "\u2013": "-", "\u2014": "-"})

# "STOCKHOLM REUTERS, AFP - ", "STOCKHOLM (Reuters) - ", "(CNN) -- ", "LONDON, Dec 2 (AP) — ", and press-release wires:
# "BOSTON, April 2, 2026 /PRNewswire/ -- ", "NEW YORK, April 2, 2026 (GLOBE NEWSWIRE) -- ", "SAN JOSE--(BUSINESS WIRE)--"
DATELINE_RE = re.compile(
    r"""^(?:
        (?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\ \d{1,2}\ # Nov 28 (Reuters), no place
         | [A-Z][a-z]+(?:\ [A-Z][a-z]+)?(?:,\ [A-Z][a-z]+(?:\ [A-Z][a-z]+)?)?          # New Delhi, India
           (?:,\ (?:[A-Z][a-z]{2,8}\.?\ \d{1,2}|\d{1,2}\ [A-Z][a-z]{2,8}))?\ )?         # , Dec 2 / , 2 December
        (?:\((?:CNN|AP|AFP|Reuters|UPI)\)\s*(?:[-\u2013\u2014]+\s*)?                   # (CNN) -- / (CNN)They
         | \((?:dpa|DPA|Xinhua|Bloomberg|PA|ANSA|EFE|Kyodo|Yonhap|AAP|CP|IANS|ANI|PTI|TASS|RIA|Interfax|Anadolu
               |Bernama|Antara|Jiji|ANP|Belga|APA|Lusa|KUNA|WAM|SPA|QNA|MENA|WAFA|NPR|BBC|CBC|ABC|NBC|CBS
               |Sky\ News|Al\ Jazeera|Reuters/AP|AP/Reuters|AFP/Reuters|Reuters\ Health|Reuters\ Breakingviews|IFR)\)\s*[-\u2013\u2014]+\s*)
      | [A-Z][A-Z .'\u2019-]{1,40}(?:/[A-Z][A-Z .'\u2019-]{1,40})?(?:,\s*[A-Z][A-Za-z .]{1,30})?  # CITY[/CITY][, Country]
        (?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?                # , Dec 2 / , April 2, 2026
        (?:\s*(?:(?:--)?\((?:[A-Z][A-Za-z.]*|dpa)(?:[,/ ]+\s*[A-Z][A-Za-z.]*)*\)  # (Reuters) / (dpa) / --(BUSINESS WIRE)
                |[A-Z][A-Za-z]*(?:[,/ ]+\s*[A-Z][A-Za-z]*)*)?                  # REUTERS, AFP
           \s*(?:--+|[\u2013\u2014]|\s-)\s*
         | \.?\s*/[A-Z][A-Za-z.-]*/\.?(?:\s*(?:--+|[\u2013\u2014]|-))?\s+)  # MOSCOW, Dec. 1 /TASS/. / /PRNewswire/ --
    )""",
    re.VERBOSE,
)
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")


def normalize(text: str) -> str:
    """NFKC, straight quotes, single spaces."""
    if text.isascii():  # both are the identity on ASCII (most text), and isascii() costs nothing
        return " ".join(text.split())
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split())


# Capitalised words after "By" that open a time phrase ("By Friday, ...", "By Christmas"), never a byline's name.
NOT_BYLINE_NAMES = (r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|April|May|June|July|August"
                    r"|September|October|November|December|Christmas|Easter|Noon|Midnight)\b")
# A byline glued before the dateline by a scraper ("By Jane Smith, Associated Press WASHINGTON (AP) - ..."): names and
# an outlet in capitalised words, nothing that ends a sentence.
_BYLINE_HEAD_RE = re.compile(r"""(?:By|BY)[ ](?!""" + NOT_BYLINE_NAMES + r""")
    [A-Z][\w'\u2019-]*\.?(?:,?\ (?:[A-Z][\w'\u2019&-]*\.?|and|de|van|von|der|al)){0,7}""", re.VERBOSE)
_BYLINE_END_RE = re.compile(r" (?=[A-Z(])")


def split_dateline(paragraph: str) -> tuple[str, str]:
    """Return (dateline, rest); dateline is '' when the paragraph has none. A byline glued before the dateline goes
    with it."""
    dateline, rest = _split_dateline(paragraph)
    if dateline or paragraph[:3] not in ("By ", "BY "):
        return dateline, rest
    for m in _BYLINE_END_RE.finditer(paragraph, 3, 120):
        if _BYLINE_HEAD_RE.fullmatch(paragraph, 0, m.start()):
            dateline, rest = _split_dateline(paragraph[m.end():])
            if dateline:
                return paragraph[:m.start()] + " " + dateline, rest
    return "", paragraph


def _split_dateline(paragraph: str) -> tuple[str, str]:
    m = DATELINE_RE.match(paragraph)
    if not m:
        return "", paragraph
    head = m.group(0)
    # A dateline's place name is upper case; "The - thing" style text is not a dateline.
    first = head.split(None, 1)[0].strip(",")
    if "(" not in head[:30] and not (len(first) >= 2 and first.isupper()):
        return "", paragraph
    rest = paragraph[m.end():]
    if not rest or not (rest[0].isupper() or rest[0] in "\"'\u201c"):
        return "", paragraph
    return head.strip(), rest


# Sentence splitting. A "." after one of these words ends a sentence only when the next word is a
# typical sentence opener ("in the U.S. How ...", "Briggs & Co. It ..."); otherwise it is part of a name.
ABBREVIATIONS = frozenset("""
    jr sr esq inc ltd co corp llc plc bros dept est approx etc al vs fig vol op ave blvd rd hwy
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos pp p ch sec art n\u00b0 ed eds rev univ assn natl intl
""".split())
# Titles and similar words that always precede a name: never the end of a sentence.
TITLES = frozenset("""
    mr mrs ms mssrs messrs dr prof gen sen rep gov lt col sgt cpl pvt capt maj adm cmdr brig cdr supt insp det
    hon pres amb atty st mt ft mme mlle rt fr e.g i.e cf viz
""".split())
# Abbreviations that introduce a number ("p. 55", "No. 10", "Dec. 2"): no break before a digit.
_NUMBER_ABBREVIATIONS = frozenset("no nos p pp ch sec art vol fig op n\u00b0 jan feb mar apr jun jul aug sep sept oct nov dec".split())
# Words that usually open a sentence; after an abbreviation they decide for a break.
SENTENCE_STARTERS = frozenset("""
    a an the this that these those he she it they we i you his her its their our my there here what when where
    who why how however but and so yet in on at for after before if as did does do is was were are meanwhile
    still then being more millions
    officials police authorities analysts investors residents experts critics prosecutors witnesses doctors
    scientists researchers both some many most nobody none
""".split())
# After "a.m."/"p.m." a capitalised word opens a new sentence unless it continues the time ("5 p.m. Eastern").
_TIME_FOLLOWERS = frozenset("""
    eastern pacific central mountain local et est edt pt pst pdt ct cst cdt mt mst gmt bst utc cet cest
    monday tuesday wednesday thursday friday saturday sunday jan feb mar apr may jun jul aug sep sept oct nov dec
    january february march april june july august september october november december
""".split())
_CLOSERS = "\"'\u201d\u2019)]"
_OPENERS = "\"'\u201c\u2018(["
_BOUNDARY_RE = re.compile(r"([.!?\u2026]+)([" + re.escape(_CLOSERS) + r"]*)(\s+)")
_DOTTED_RE = re.compile(r"(?:[a-z]\.)+[a-z]")  # u.s, e.g, a.m, u.s.a
_LIST_MARKER_RE = re.compile(r"^[\u2022\u2043*-]?\s*(?:\d{1,3}|[a-z])(?:\.\)|\.|\))$", re.I)
_SPACED_RUN_RE = re.compile(r"(?:^|(?<=\s))\.(?: \.)*$")  # ". . ." ending at the candidate
_ENUM_START_RE = re.compile(r"^(\d{1,3}|[a-z])(\.\)|\)|\.)\s", re.I)


def _list_items(text: str) -> list[str]:
    """Split an enumeration ("1) a 2) b", "a. x b. y", "\u2022 x \u2022 y") into its items."""
    if text[:1] in "\u2022\u2043":
        bullet = text[0]
        parts = [p.strip() for p in re.split(r"\s(?=" + re.escape(bullet) + ")", text)]
        return [p for p in parts if p]
    m = _ENUM_START_RE.match(text)
    if not m:
        return [text]
    label, suffix = m.group(1), m.group(2)
    items, start, pos = [], 0, m.end()
    while True:
        label = str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
        nxt = text.find(" " + label + suffix + " ", pos)
        if nxt < 0:
            break
        items.append(text[start:nxt].strip())
        start = pos = nxt + 1
    items.append(text[start:].strip())
    return items


_ELLIPSIS_OPENS_RE = re.compile(r"(?:\. ){2,}\.?\s*[A-Z]")
_CITATION_RE = re.compile(r"\([^()]*\)[.!?]")
_WORD_END_RE = re.compile(r"[\s,;:.!?]")
_STREET_RE = re.compile(r"\b[A-Z][a-z]+\s+$")  # a capitalised street name right before "St."


def _is_boundary(text: str, start: int, m: re.Match) -> bool:
    """Decide whether punctuation `m` (followed by whitespace) ends the sentence that began at `start`."""
    after = text[m.end():m.end() + 200]  # bounded windows keep long paragraphs linear
    if not after:
        return False
    punct, before = m.group(1), text[max(start, m.start(1) - 60):m.start(1)]
    spaced = m.start(1) == start or before[-1:].isspace()  # a dot standing alone, as in ". . ."
    if after.startswith(". ") and not spaced:
        # "compounds. . . . The": the word's own period ends it, the ellipsis opens the next one.
        return bool(_ELLIPSIS_OPENS_RE.match(after))
    if after[0] == "(" and _CITATION_RE.match(after):
        return False  # a citation after a quote: '"..." (Smith 55).'
    nxt = after.lstrip(_OPENERS)
    if not nxt or not (nxt[0].isupper() or nxt[0].isdigit()):
        return False
    run = _SPACED_RUN_RE.search(before + punct) if spaced else None
    if run and run.group(0).count(".") > 1:
        return run.group(0).count(".") >= 4  # ". . ." is a pause, ". . . ." an ellipsis plus a full stop
    if m.end(2) - start <= 12 and _LIST_MARKER_RE.match(text[start:m.end(2)].strip()):
        return False  # "1.) The first item"
    if punct != "." or m.group(2):
        return True
    word = before.rsplit(None, 1)[-1].lstrip(_OPENERS) if before.strip() else ""
    key = word.lower()
    if key == "st" and _STREET_RE.search(before[:-len(word)]):
        return _next_word(nxt) in SENTENCE_STARTERS  # "10 Downing St. The" (a street), not "in St. Louis" (a saint)
    if key in TITLES:
        return False
    if word.isdigit() and len(word) <= 3 and before[:-len(word)].rstrip().endswith(":"):
        return False  # "three steps: 1. Build it."
    if key in ("a.m", "p.m") and (after[0] == "(" or nxt[0].isdigit()):
        return False  # "at 10:17 a.m. (0717 GMT) at a depth": the time zone or a second time follows
    if key in ("a.m", "p.m") and len(text[start:m.start(1)].split()) >= 4:
        return _next_word(nxt) not in _TIME_FOLLOWERS  # "He arrived at 10 a.m. Officials ..." (not "At 5 a.m. Mr. X")
    if key in _NUMBER_ABBREVIATIONS and nxt[0].isdigit():
        return False
    if key in ABBREVIATIONS or ("." in key and _DOTTED_RE.fullmatch(key)) or (len(word) == 1 and word.isalpha()):
        return _next_word(nxt) in SENTENCE_STARTERS
    return True


def _next_word(nxt: str) -> str:
    """The word after a boundary, lower case."""
    return _WORD_END_RE.split(nxt, maxsplit=1)[0].lower()


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, keeping the text exactly (abbreviations, initials, decimals,
    quotes ending in punctuation, ellipses and enumerations handled)."""
    sentences = []
    for item in _list_items(paragraph.strip()):
        start = 0
        for m in _BOUNDARY_RE.finditer(item):
            if m.start(1) < start or not _is_boundary(item, start, m):
                continue
            sentences.append(item[start:m.end(2)].strip())
            start = m.end()
        tail = item[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences


def tokens(text: str) -> list[str]:
    """Lower-case word tokens with quotes normalised."""
    return [t.lower() for t in _WORD_RE.findall(normalize(text))]


STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own said same she should so some such than that
    the their theirs them themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself yourselves says say""".split()
)


def content_tokens(text: str) -> list[str]:
    return content_tokens_of_normalized(normalize(text))


# Tokens never kept: stop words and single letters or digits.
_DROPPED = STOPWORDS | frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
# ASCII text without an apostrophe: every character but a letter or digit separates tokens (a translation and a
# split do what _WORD_RE does, several times faster).
_SEPARATORS = {i: " " for i in range(128) if not chr(i).isalnum()}


def content_tokens_of_normalized(text: str) -> list[str]:
    """content_tokens() for text already passed through normalize() (saves a second pass)."""
    low = text.lower()
    if "'" not in low and low.isascii():
        return list(filterfalse(_DROPPED.__contains__, low.translate(_SEPARATORS).split()))
    return list(filterfalse(_DROPPED.__contains__, _WORD_RE.findall(low)))
