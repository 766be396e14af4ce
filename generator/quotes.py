"""Direct quotes and who said them."""
from __future__ import annotations

import re

from generator.model import Article, Quote
from generator.text import normalize

CUE = r"(?:said|says|added|told|warned|wrote|tweeted|argued|insisted|stated|noted|explained|asked|replied|declared)"
NAME = r"(?:[A-Z][\w.'-]+(?:\s+(?:[A-Z][\w.'-]+|of|the|for|de|van|von)){0,8})"
PRONOUNS = {"he", "she", "they", "it"}
_QUOTE_RE = re.compile(r'"([^"]+)"')
_AFTER_RE = re.compile(rf'^\s*,?\s*(?:(?P<pre>{NAME}|he|she|they)\s+(?:{CUE}|was quoted as saying)|{CUE}\s+(?P<post>{NAME}))')
_BEFORE_RE = re.compile(rf'(?P<name>{NAME}|[Hh]e|[Ss]he)\s+(?:{CUE}|told reporters)[^"]{{0,40}}[:,]?\s*$')


def _speaker(raw: str | None, last: str | None) -> str | None:
    if not raw:
        return None
    if raw.lower() in PRONOUNS:
        return last
    return raw


def extract_quotes(article: Article) -> list[Quote]:
    found: list[Quote] = []
    last: str | None = None
    for pi, para in enumerate(article.paragraphs):
        text = normalize(para)
        for m in _QUOTE_RE.finditer(text):
            inner = m.group(1).strip().rstrip(",")
            speaker = None
            after = _AFTER_RE.match(text[m.end():])
            if after:
                speaker = _speaker(after.group("pre") or after.group("post"), last)
            else:
                before = _BEFORE_RE.search(text[:m.start()])
                if before:
                    speaker = _speaker(before.group("name"), last)
            if speaker:
                last = speaker
            if len(inner.split()) >= 4:
                found.append(Quote(inner, speaker, None, article.url, article.path, pi))
        names = re.findall(rf"({NAME})\s+{CUE}", text)
        if names and names[-1].lower() not in PRONOUNS:
            last = names[-1]
    return found


def key_quotes(articles: list[Article], summary: list[str], limit: int = 3) -> list[Quote]:
    seen, ranked = set(), []
    for article in articles:
        for q in extract_quotes(article):
            key = normalize(q.text).lower()
            if key in seen:
                continue
            seen.add(key)
            q.score = (2.0 if q.speaker else 0.0) + min(len(q.text.split()), 30) / 30
            ranked.append(q)
    ranked.sort(key=lambda q: -q.score)
    return [q for q in ranked if q.speaker][:limit]
