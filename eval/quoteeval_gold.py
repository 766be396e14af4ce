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
        for seg in q["quoted_segments"]:
            located = _locate(seg, q["text_spans"], article.paragraphs)
            if located is None:
                continue
            pi, start = located
            out.append(GoldQuote(pi, start, start + len(seg), seg, speaker, resolved, len(re.findall(r"\w+", seg))))
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
