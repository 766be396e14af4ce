"""Build report: what the build skipped, merged and could not verify (site/build-report.json + report/ page)."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator

from generator.links import story_path
from generator.model import Article, Digest, Quote, Story
from generator.packed import without_text

_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTE_MARKS)).strip().casefold()


def unverified_quotes(digest: Digest, articles: list[Article] | None) -> list[tuple[Story, Quote, str]]:
    """Key quotes whose text is not found verbatim in the article they are attributed to."""
    if articles is None:
        return []
    return [(story, story.quotes[k], why) for story, problems in zip(digest.stories,
                                                                     quote_problems(digest.stories, articles))
            for k, why in problems]


def quote_problems(stories: list[Story], articles: list[Article]) -> list[list[tuple[int, str]]]:
    """For each story, (number of the key quote, why) for each of its quotes not found verbatim in its article. A
    story's problems depend on its quotes and member articles alone, so the build caches them with the story."""
    # numbers, not the articles: a large build's articles are held packed and unpacked when indexed
    # (generator/packed.py), so a map to them would hold every one unpacked
    by_path, by_url = {}, {}
    if stories:
        for k, a in enumerate(without_text(articles)):
            by_path[a.path] = k
            by_url[a.url] = k
    out = []
    texts: dict[int, str] = {}  # normalised text per article: several quotes come from one article
    for story in stories:
        problems = []
        for n, q in enumerate(story.quotes):
            k = by_path.get(q.path)
            if k is None:
                k = by_url.get(q.source)
            if k is None:
                problems.append((n, "source article not found"))
                continue
            article = articles[k]
            needle = _normal(q.text)
            if 0 <= q.paragraph < len(article.paragraphs) and needle in _normal(article.paragraphs[q.paragraph]):
                continue  # found where the quote starts (a part of the normalised whole text: same answer, sooner)
            text = texts.get(k)
            if text is None:
                text = texts[k] = _normal(article.text)
            if needle not in text:
                problems.append((n, "text not found verbatim in the source"))
        out.append(problems)
    return out


def build_report(digest: Digest, config) -> dict:
    merged = [s for s in digest.stories if len(s.sources) > 1]
    single = [s for s in digest.stories if len(s.sources) == 1]

    def ref(story: Story) -> dict:
        return {"id": story.id, "title": story.title, "url": config.base + story_path(story)}

    return {
        "articles_read": digest.articles_read,
        "stories": len(digest.stories),
        "duplicates_merged": digest.articles_read - len(digest.stories) if digest.articles_read else 0,
        "diagnostics": [{"file": d.path, "line": d.line, "level": d.level, "message": d.message}
                        for d in sorted(digest.diagnostics, key=lambda d: (d.path, d.line, d.message))],
        "merged_stories": [dict(ref(s), sources=[{"file": src.file, "outlet": src.outlet, "url": src.url,
                                                   "copy_group": src.copy_group, "similarity": src.similarity,
                                                   "reason": src.reason} for src in s.sources],
                                copies=s.copies) for s in merged],
        "single_source_stories": [dict(ref(s), file=s.sources[0].file) for s in single],
        "quotes_checked": digest.unverified is not None,
        "unverified_quotes": [dict(ref(s), quote=q.text, speaker=q.speaker, source=q.source, reason=why)
                              for s, q, why in digest.unverified or ()],
    }


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # without indent: the C encoder (an indented dump is pure Python)


def report_json(report: dict) -> str:
    """One line per figure and per list entry: readable, and written by the C encoder (100,000 articles:
    3.3 s with indent=1)."""
    return "".join(report_json_parts(report))


def report_json_parts(report: dict) -> Iterator[str]:
    """report_json() a line at a time (for SiteWriter.write_parts: 100,000 articles, ~30 MB never joined)."""
    yield "{\n"
    for k, (key, value) in enumerate(report.items()):
        yield (",\n " if k else " ") + _ENCODE(key) + ": "
        if isinstance(value, list) and value:
            yield "["
            for i, entry in enumerate(value):
                yield ("\n  " if i == 0 else ",\n  ") + _ENCODE(entry)
            yield "\n ]"
        else:
            yield _ENCODE(value)
    yield "\n}\n"
