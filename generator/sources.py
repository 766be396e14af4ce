"""Read `content/` into Articles. Every file ends as an Article or an error Diagnostic, never silently lost.

File finding and safe opening live in sources_files.py, bytes-to-text in sources_decode.py, the Markdown format
in sources_markdown.py; this module holds the plain-text format, the field checks and the read loop.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

from generator.model import Article, Diagnostic
from generator.sources_decode import DecodeError, decode
from generator.sources_files import (MAX_FILE_BYTES, MAX_TOTAL_BYTES, SUFFIXES, ReadError, read_capped, same_bytes,
                                     scan)

__all__ = ["MAX_FILE_BYTES", "MAX_TOTAL_BYTES", "MAX_LINES", "MAX_LINE_CHARS", "MAX_TITLE_CHARS", "SUFFIXES",
           "ArticleError", "read_content", "read_file", "read_article", "parse_seed", "parse_date", "check_url",
           "outlet_from_url"]

MAX_LINES = 50_000  # a long article has a few hundred paragraphs
MAX_LINE_CHARS = 100_000  # a longer line is not a paragraph of prose (minified data, a dump): file refused
MAX_TITLE_CHARS = 1000
MAX_URL_CHARS = 2000
_DATE_RE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")
MIN_YEAR, MAX_YEAR = 1970, 2100


class ArticleError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def read_content(root: Path) -> tuple[list[Article], list[Diagnostic]]:
    """All articles under root in a stable order, and a diagnostic for every file that is not one of them."""
    entries, diags = scan(root)
    articles: list[Article] = []
    seen: dict[bytes, str] = {}  # content hash -> first file with these exact bytes
    for entry in entries:  # scan() sorted them by path and applied the total size limit
        article, file_diags = read_article(entry.path, entry.rel, seen)
        diags.extend(file_diags)
        if article is not None:
            articles.append(article)
    return articles, diags


def read_file(path: Path, rel: str) -> Article | Diagnostic:
    """One file as an Article, or the Diagnostic that explains why not (warnings are dropped)."""
    article, diags = read_article(path, rel)
    if article is not None:
        return article
    return next((d for d in diags if d.level == "error"), diags[0])


def read_article(path: Path, rel: str, seen: dict[bytes, str] | None = None
                 ) -> tuple[Article | None, list[Diagnostic]]:
    """Never raises on file content: returns the Article (or None) and every diagnostic for this file.

    `seen` (content hash -> first file) skips exact duplicates.
    """
    try:
        raw = read_capped(path)
    except ReadError as exc:
        return None, [Diagnostic(rel, 1, str(exc))]
    if seen is not None:
        digest = same_bytes(raw)  # the build's scan keys files by this hash too
        if digest in seen:
            return None, [Diagnostic(rel, 1, f"identical to {seen[digest]}; skipped as a duplicate file", "warning")]
        seen[digest] = rel
    return parse_bytes(raw, path.name, rel)


def parse_bytes(raw: bytes, name: str, rel: str) -> tuple[Article | None, list[Diagnostic]]:
    """A file's bytes as read_article parses them (`name` picks the format: .txt is the seed format)."""
    diags: list[Diagnostic] = []
    try:
        text, warnings = decode(raw)
        diags.extend(Diagnostic(rel, w.line, w.message, w.level) for w in warnings)
        lines = text.count("\n") + 1
        if lines > MAX_LINES:  # checked before splitting: millions of tiny lines would cost gigabytes
            raise ArticleError(MAX_LINES + 1, f"file has {lines} lines, over the {MAX_LINES} limit")
        if name.lower().endswith(".txt"):
            return parse_seed(text, rel), diags
        from generator.sources_markdown import parse_markdown

        return parse_markdown(text, rel), diags
    except (ArticleError, DecodeError) as exc:
        return None, diags + [Diagnostic(rel, exc.line, exc.message)]
    except (RecursionError, MemoryError, ValueError) as exc:  # last line of defence: a diagnostic, not a crash
        return None, diags + [Diagnostic(rel, 1, f"cannot parse file: {type(exc).__name__}: {str(exc)[:200]}")]


def parse_date(value: str, line: int) -> dt.date:
    m = _DATE_RE.match(value.strip())
    if not m:
        raise ArticleError(line, f"bad date {value.strip()[:40]!r}: expected YYYYMMDD")
    try:
        date = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise ArticleError(line, f"bad date {value.strip()!r}: {exc}") from None
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        raise ArticleError(line, f"bad date {value.strip()!r}: year outside {MIN_YEAR}-{MAX_YEAR}")
    return date


def check_url(value: str, line: int) -> str:
    url = value.strip()
    if not url:
        raise ArticleError(line, "missing source URL")
    if len(url) > MAX_URL_CHARS:
        raise ArticleError(line, f"URL is {len(url)} characters, over the {MAX_URL_CHARS} limit")
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise ArticleError(line, f"bad URL {url[:80]!r}: contains whitespace or control characters")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise ArticleError(line, f"bad URL {url[:80]!r}: {exc}") from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise ArticleError(line, f"bad URL {url[:80]!r}: only http(s) URLs with a host are accepted")
    return url


def outlet_from_url(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def check_title(title: str, line: int) -> str:
    title = " ".join(title.split())
    if not title:
        raise ArticleError(line, "empty headline")
    if len(title) > MAX_TITLE_CHARS:
        raise ArticleError(line, f"headline is {len(title)} characters, over the {MAX_TITLE_CHARS} limit")
    return title


def check_lines(lines: list[tuple[int, str]]) -> list[str]:
    """Body lines -> paragraphs with whitespace collapsed; an over-long line refuses the file."""
    paras = []
    for number, line in lines:
        if len(line) > MAX_LINE_CHARS:
            raise ArticleError(number, f"line is {len(line)} characters, over the {MAX_LINE_CHARS} limit")
        line = " ".join(line.split())
        if line:
            paras.append(line)
    return paras


def parse_seed(text: str, rel: str) -> Article:
    """Seed format: headline, YYYYMMDD, URL, then one paragraph per line (blank lines tolerated)."""
    content = [(i + 1, line.strip()) for i, line in enumerate(text.split("\n")) if line.strip()]
    if not content:
        raise ArticleError(1, "empty file")
    head_line, title = content[0]
    if len(title) > MAX_LINE_CHARS:
        raise ArticleError(head_line, f"line is {len(title)} characters, over the {MAX_LINE_CHARS} limit")
    title = check_title(title, head_line)
    if len(content) < 2:
        raise ArticleError(head_line, "only a headline: missing date line (YYYYMMDD) after it")
    date = parse_date(content[1][1][:100], content[1][0])
    if len(content) < 3:
        raise ArticleError(content[1][0], "missing source URL line after the date")
    url = check_url(content[2][1], content[2][0])
    paragraphs = check_lines(content[3:])
    if not paragraphs:
        raise ArticleError(content[2][0] + 1, "empty body: no paragraphs after the URL line")
    return Article(rel, title, date, url, paragraphs, outlet_from_url(url))
