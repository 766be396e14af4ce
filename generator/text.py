"""Text normalisation, datelines, sentence splitting and tokens shared by every later stage."""
from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                         "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "\u2013": "-", "\u2014": "-"})

# "STOCKHOLM REUTERS, AFP - ", "STOCKHOLM (Reuters) - ", "(CNN) -- ", "LONDON, Dec 2 (AP) — "
DATELINE_RE = re.compile(
    r"""^(?:
        \((?:CNN|AP|AFP|Reuters|UPI)\)\s*[-\u2013\u2014]+\s*             # (CNN) --
      | [A-Z][A-Z .'\u2019-]{1,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?          # CITY[, Country]
        (?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?                            # , Dec 2
        \s*(?:\(?[A-Z][A-Za-z]*(?:[,/ ]+\s*[A-Z][A-Za-z]*)*\)?)?          # (Reuters) / REUTERS, AFP
        \s*[-\u2013\u2014]+\s+
    )""",
    re.VERBOSE,
)
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")


def normalize(text: str) -> str:
    """NFKC, straight quotes, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split())


def split_dateline(paragraph: str) -> tuple[str, str]:
    """Return (dateline, rest); dateline is '' when the paragraph has none."""
    m = DATELINE_RE.match(paragraph)
    if not m:
        return "", paragraph
    head = m.group(0)
    # A dateline's place name is upper case; "The - thing" style text is not a dateline.
    first = head.split(None, 1)[0].strip(",")
    if not head.startswith("(") and not (len(first) >= 2 and first.isupper()):
        return "", paragraph
    rest = paragraph[m.end():]
    if not rest or not (rest[0].isupper() or rest[0] in "\"'\u201c"):
        return "", paragraph
    return head.strip(), rest


ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "maj", "adm", "cmdr", "rev", "hon", "pres", "supt", "insp", "det", "no", "vs", "etc", "inc", "ltd", "co",
    "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft",
    "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m", "approx", "dept", "est", "fig", "vol", "op", "ave", "blvd",
}
_SPLIT_RE = re.compile(r"""([.!?]+["'\u201d\u2019)]*)\s+(?=["'\u201c\u2018(]?[A-Z0-9])""")


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences; abbreviations, initials and decimals do not end a sentence."""
    sentences, start = [], 0
    for m in _SPLIT_RE.finditer(paragraph):
        end = m.end(1)
        before = paragraph[start:m.start(1)]
        word = before.rsplit(None, 1)[-1] if before.split() else ""
        token = word.lower().strip("(\"'")
        if m.group(1).startswith(".") and (
            token in ABBREVIATIONS
            or (len(token) == 1 and token.isalpha())  # initials: "John F. Kennedy"
            or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token)  # U.S, e.g
        ):
            continue
        sentences.append(paragraph[start:end].strip())
        start = m.end()
    tail = paragraph[start:].strip()
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
    return [t for t in tokens(text) if t not in STOPWORDS and len(t) > 1]
