"""PolNeAR gold for the quote evaluation: articles, quoted segments with offsets, and scoreable speaker spans."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from generator.model import Article

PRONOUNS = {"he", "she", "they", "it", "i", "we", "him", "her", "them", "you"}


@dataclass
class GoldQuote:
    paragraph: int
    start: int
    end: int
    text: str
    speaker: str | None  # the gold source span, verbatim
    resolved: str | None  # source span that holds a name: itself, or for a pronoun the previous one with a capital
    words: int


def load_article(path: Path) -> Article:
    lines = path.read_text(encoding="utf-8").split("\n")
    date = dt.date(int(lines[1][:4]), int(lines[1][4:6]), int(lines[1][6:8]))
    # Keep every body line so paragraph indices match the gold offsets.
    return Article(path=path.name, title=lines[0], date=date, url=lines[2], paragraphs=lines[3:])


def _has_name(span: str) -> bool:
    return any(w[:1].isupper() and w.lower() not in PRONOUNS for w in re.findall(r"[\w'-]+", span))


def load_gold(path: Path, article: Article) -> list[GoldQuote]:
    """Every quoted segment of every direct attribution, located in its paragraph."""
    data = json.loads(path.read_text(encoding="utf-8"))
    attributions = data["quotes"]
    # Document order of the source spans, for resolving pronoun sources to the previous named one.
    sources = sorted(((q["speaker_spans"][0][0], q["speaker_spans"][0][1], q["speaker"]) for q in attributions
                      if q.get("speaker") and q.get("speaker_spans")), key=lambda s: (s[0], s[1]))
    out = []
    for q in attributions:
        if not q["direct"]:
            continue
        speaker = q.get("speaker")
        resolved = None
        if speaker and speaker.strip().lower() not in PRONOUNS:
            resolved = speaker
        elif speaker and q.get("speaker_spans"):
            here = (q["speaker_spans"][0][0], q["speaker_spans"][0][1])
            earlier = [s[2] for s in sources if (s[0], s[1]) < here and _has_name(s[2])]
            resolved = earlier[-1] if earlier else None
        placed = []
        for seg in q["quoted_segments"]:
            located = _locate(seg, q["text_spans"], article.paragraphs)
            if located is not None:
                placed.append((located[0], located[1], seg))
        if _misparsed(q, placed, article.paragraphs):
            placed = paragraph_segments(q["text_spans"], article.paragraphs)
        for pi, start, seg in placed:
            out.append(GoldQuote(pi, start, start + len(seg), seg, speaker, resolved, len(re.findall(r"\w+", seg))))
    return out


def _misparsed(q: dict, placed: list[tuple[int, int, str]], paragraphs: list[str]) -> bool:
    """True when the converted `quoted_segments` of a direct attribution are not the quoted text.

    The conversion pairs double marks inside the annotated content alone, which fails when the content span starts
    after an opening mark or stops before a closing one (a quote running on to the next paragraph has no closing
    mark by newspaper convention): the segments come out empty, missing, or as the words between two quotes."""
    segs = q["quoted_segments"]
    if not segs or any(not s.strip() for s in segs) or q["text"].count('"') % 2:
        return True
    return any(start == 0 or paragraphs[pi][start - 1] != '"' for pi, start, _ in placed)


def _stretches(text: str) -> list[tuple[int, int]]:
    """[start, end) inside each pair of double marks of a paragraph; an unclosed last mark runs to the end."""
    marks = [i for i, ch in enumerate(text) if ch == '"']
    return [(marks[j] + 1, marks[j + 1] if j + 1 < len(marks) else len(text)) for j in range(0, len(marks), 2)]


def paragraph_segments(spans: list[list[int]], paragraphs: list[str]) -> list[tuple[int, int, str]]:
    """(paragraph, start, text) of the quoted parts of the annotated spans, read off the paragraphs themselves."""
    by_para: dict[int, list[tuple[int, int]]] = {}
    for pi, a, b in spans:
        if pi < len(paragraphs):
            by_para.setdefault(pi, []).append((a, b))
    out = []
    for pi in sorted(by_para):
        text = paragraphs[pi]
        for s, e in _stretches(text):
            parts = [(max(a, s), min(b, e)) for a, b in by_para[pi] if min(b, e) > max(a, s)]
            if not parts:
                continue
            x, y = min(p[0] for p in parts), max(p[1] for p in parts)
            while x < y and text[x].isspace():
                x += 1
            while y > x and text[y - 1].isspace():
                y -= 1
            if y > x:
                out.append((pi, x, text[x:y]))
    return out


def _locate(seg: str, spans: list[list[int]], paragraphs: list[str]) -> tuple[int, int] | None:
    head = seg[:25]
    for pi, a, b in spans:
        if pi >= len(paragraphs):
            continue
        i = paragraphs[pi].find(seg, a)
        if i < 0:
            i = paragraphs[pi].find(head, a)
        if i >= 0 and i <= b:
            return pi, i
    return None
