"""Find quoted spans in paragraphs: double quotes, British single quotes, quotes running on to the next paragraph.

Offsets are into the raw paragraph text so that a quote's text is an exact slice of its source; curly
marks are mapped 1:1 to straight ones, which keeps offsets unchanged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_MARKS = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
                        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'"})
_DOUBLE_RE = re.compile('"')
_CURLY_RE = re.compile("[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u201b]")
_OPEN_BEFORE = set(" \t([{\u2014\u2013-/:;,")  # a character that may precede an opening mark
_WORD_CHAR = re.compile(r"\w")


@dataclass
class Span:
    """One quoted stretch of a paragraph; [start, end) excludes the marks themselves."""

    paragraph: int
    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark, or len(paragraph) when the quote runs on
    mark: str = '"'
    runs_on: bool = False  # no closing mark: continues in the next paragraph
    continues: bool = False  # this paragraph continues a quote left open in the previous one


FILLER = "\x00"
_DOUBLED_OPEN = re.compile(r"''(?=[^\s'])")
_DOUBLED_CLOSE = re.compile(r"(?<=[^\s'])''")


def straighten(text: str) -> str:
    """Curly quote marks -> straight ones, and '' (two apostrophes, an old wire convention) -> one double mark.

    Every replacement keeps the length, so offsets into the raw text stay valid: ''X -> "_X and X'' -> X_",
    where _ is FILLER, a character no later pattern treats as a word, a mark or a space.
    """
    if not text.isascii() and _CURLY_RE.search(text):  # isascii is a fast test: most paragraphs have no curly marks
        text = text.translate(_MARKS)
    if "''" in text:
        text = _DOUBLED_CLOSE.sub(FILLER + '"', _DOUBLED_OPEN.sub('"' + FILLER, text))
    return text


def _is_opener(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _OPEN_BEFORE or before == '"' or before == "'") and not after.isspace()


def _is_closer(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not _WORD_CHAR.match(after))


def _double_spans(text: str, pi: int) -> list[Span]:
    """Pair double marks left to right; a mark that can only open starts a new quote, one that can only close ends it."""
    marks = [m.start() for m in _DOUBLE_RE.finditer(text)]
    spans: list[Span] = []
    open_at: int | None = None
    for i in marks:
        if open_at is None:
            if _is_opener(text, i) or not _is_closer(text, i):
                open_at = i
            continue
        if _is_closer(text, i) or not _is_opener(text, i) or i == open_at + 1:
            spans.append(Span(pi, open_at + 1, i, open_at, i))
            open_at = None
        else:  # an unbalanced opener earlier: the newer mark opens instead
            open_at = i
    if open_at is not None and text[open_at + 1:].strip():
        spans.append(Span(pi, open_at + 1, len(text), open_at, len(text), runs_on=True))
    return spans


# 'It was a mistake,' he said -- opener at a word start, closer after punctuation or before a comma/stop.
# Inside: apostrophes within words (didn't) and plural possessives before a lower-case word ('the lads' heads').
_SINGLE_RE = re.compile(r"(?:(?<=^)|(?<=[\s(\u2014]))'(?=[A-Z0-9])([^'\n]*?(?:(?:\w'\w|s'(?= [a-z]))[^'\n]*?)*)"
                        r"(?<=[\w.,!?])'(?=[\s,.;:!?)\u2014]|$)")
_NAMING_RE = re.compile(r"(?<!so-)(?<!so- )(?<!so )\b(?:called|branded|dubbed|labelled|labeled|described (?:\w+ )?as)(?: \w+){0,3} $")


_SINGLE_OPEN_RE = re.compile(r"'[A-Z0-9]")  # starts with a literal, so the scan is fast; the char before is checked after


def _single_opener(text: str) -> bool:
    """A mark at a word start before a capital or digit (the cheap pre-test for single-quoted speech)."""
    for m in _SINGLE_OPEN_RE.finditer(text):
        i = m.start()
        if i == 0 or text[i - 1].isspace() or text[i - 1] in "(\u2014":
            return True
    return False


def _single_spans(text: str, pi: int, taken: list[Span]) -> list[Span]:
    """Single-mark quotes outside double-quoted spans; apostrophes inside words are skipped by the pattern."""
    spans: list[Span] = []
    if not _single_opener(text):  # cheap test: no mark at a word start, no single-quoted speech
        return spans
    for m in _SINGLE_RE.finditer(text):
        s, e = m.start(1), m.end(1)
        if any(t.open_mark <= s <= t.close_mark for t in taken):
            continue
        inner = m.group(1)
        # A possessive plural ("the leaders' talks") gives a closer with no punctuation and a
        # lower-case word after; require punctuation inside or a comma/stop right after the mark.
        tail = text[e + 1:e + 2]
        if not (inner[-1:] in ",.!?" or tail in ",.;:!?"):
            continue
        if len(inner.split()) < 2 and not _NAMING_RE.search(text, max(0, s - 60), s - 1):
            continue  # one word is a scare quote, unless someone called something that: 'outrageous'
        if len(inner.split()) < 2 and inner[-1:] in ",.!?":
            inner, e = inner[:-1], e - 1  # British style puts the stop outside: 'outrageous'.
        spans.append(Span(pi, s, e, s - 1, m.end(1), mark="'"))
    return spans


# 'he was "in a good place"' in British marks: a lower-case opener at a word start, two or more words.
_LOWER_SINGLE_RE = re.compile(r"(?:(?<=^)|(?<=[\s(\u2014]))'([a-z][^'\n]{0,200}?(?:\w'\w[^'\n]{0,200}?)*)"
                              r"(?<=[\w.,!?])'(?=[\s,.;:!?)\u2014]|$)")
_NAMING_WORDS = ("called", "branded", "dubbed", "labelled", "labeled", "described")
_SO_CALLED_RE = re.compile(r"\bso-? ?called $")
_LOWER_OPEN_RE = re.compile(r"'[a-z]")  # a literal first, so the scan is fast; the char before is checked after
_OPEN_SINGLE = frozenset(" \t\n(\u2014")


def _lower_spans(text: str, pi: int, taken: list[Span], british: bool) -> list[Span]:
    """Partial quotes in single marks ('the club was 'in a good place''), in articles that quote in single marks
    (elsewhere single marks are nested, headline-style or scare quotes), and one word someone called something:
    "called the decision 'outrageous'" (a lone word elsewhere is a scare quote or 'n' in rock 'n' roll)."""
    spans: list[Span] = []
    if "'" not in text or not (british or any(w in text for w in _NAMING_WORDS)):
        return spans  # cheap tests first: most paragraphs have no single marks, or are in double-mark articles
    if not any(m.start() == 0 or text[m.start() - 1] in _OPEN_SINGLE for m in _LOWER_OPEN_RE.finditer(text)):
        return spans
    for m in _LOWER_SINGLE_RE.finditer(text):
        s, e = m.start(1), m.end(1)
        if any(t.open_mark <= s <= t.close_mark for t in taken):
            continue
        if (len(m.group(1).split()) < 2 or not british) and not _NAMING_RE.search(text, max(0, s - 60), s - 1) \
                or _SO_CALLED_RE.search(text, max(0, s - 12), s - 1):
            continue  # (a "so-called 'special relationship'" is a scare quote)
        if m.group(1)[-1:] in ",.!?" and len(m.group(1).split()) < 2:
            e -= 1
        spans.append(Span(pi, s, e, s - 1, m.end(1), mark="'"))
    return spans


_RUN_ON_RE = re.compile(r"(?:^|(?<=: ))'(?=[A-Z])([^'\n]*?(?:\w'\w[^'\n]*?)*[.!?])$")


def _single_run_on(text: str, pi: int, taken: list[Span]) -> list[Span]:
    """Manager Gary Holt said: 'We will be back. ... | 'Nobody should ...': a single-quoted paragraph left open
    (the next paragraph opens with a mark) runs on, as with double marks."""
    m = _RUN_ON_RE.search(text.rstrip())
    if m is None or any(t.close_mark >= m.start() for t in taken):
        return []
    return [Span(pi, m.start(1), len(text.rstrip()), m.start(), len(text), mark="'", runs_on=True)]


def find_spans(paragraphs: list[str]) -> list[tuple[str, list[Span]]]:
    """(straightened text, quoted spans) per paragraph, in order; marks quotes that run on into the next paragraph."""
    out: list[tuple[str, list[Span]]] = []
    open_before = False
    texts = [straighten(raw) for raw in paragraphs]
    british = sum(t.count('"') for t in texts) <= 2  # quotes in single marks (a double-quoted pair may be nested)
    for pi, raw in enumerate(paragraphs):
        text = texts[pi]
        spans = _double_spans(text, pi) if '"' in text else []
        for sp in spans:  # keep the second apostrophe of '' out of the quote
            if text[sp.start:sp.start + 1] == FILLER:
                sp.start += 1
            if sp.end > sp.start and text[sp.end - 1] == FILLER:
                sp.end -= 1
        singles = _single_spans(text, pi, spans)
        if singles:  # 'He told me "never again", and I believed him,' she said: the inner quote is part of the outer
            spans = [d for d in spans if not any(o.open_mark < d.open_mark and d.close_mark < o.close_mark
                                                 for o in singles)]
        spans += singles
        spans += _lower_spans(text, pi, spans, british)
        nxt = texts[pi + 1].lstrip() if pi + 1 < len(texts) else ""
        if nxt.startswith("'") and nxt[1:2].isupper():
            spans += _single_run_on(text, pi, spans)
        spans.sort(key=lambda s: s.start)
        if open_before and spans and text.lstrip()[:1] in "\"'" and spans[0].open_mark == len(text) - len(text.lstrip()):
            spans[0].continues = True
        open_before = bool(spans) and spans[-1].runs_on
        out.append((text, spans))
    return out
