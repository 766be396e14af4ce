"""Read `content/` into Articles. Every file ends as an Article or a Diagnostic, never silently lost."""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from generator.model import Article, Diagnostic

MAX_FILE_BYTES = 10 * 1024 * 1024  # larger files are rejected with a diagnostic
MAX_LINE_CHARS = 200_000  # longer paragraphs are rejected (almost surely not prose)
SUFFIXES = {".txt", ".md", ".markdown"}
_DATE_RE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")
MIN_YEAR, MAX_YEAR = 1970, 2100


class ArticleError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def list_content(root: Path) -> list[Path]:
    """Every candidate file under root, recursively, sorted for determinism; hidden files skipped."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            found.append(Path(dirpath) / name)
    return found


def read_content(root: Path) -> tuple[list[Article], list[Diagnostic]]:
    articles: list[Article] = []
    diags: list[Diagnostic] = []
    for path in list_content(root):
        rel = path.relative_to(root).as_posix()
        if path.suffix.lower() not in SUFFIXES:
            diags.append(Diagnostic(rel, 1, f"not an article file (expected {', '.join(sorted(SUFFIXES))}); skipped", "warning"))
            continue
        result = read_file(path, rel)
        if isinstance(result, Diagnostic):
            diags.append(result)
        else:
            articles.append(result)
    return articles, diags


def read_file(path: Path, rel: str) -> Article | Diagnostic:
    try:
        if path.is_symlink():
            target = path.resolve()
            return Diagnostic(rel, 1, f"symbolic link (to {target}) skipped; copy the file instead")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Diagnostic(rel, 1, f"file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit")
        raw = path.read_bytes()
    except OSError as exc:
        return Diagnostic(rel, 1, f"cannot read file: {exc.strerror or exc}")
    try:
        text = decode(raw)
        if path.suffix.lower() == ".txt":
            return parse_seed(text, rel)
        return parse_markdown(text, rel)
    except ArticleError as exc:
        return Diagnostic(rel, exc.line, exc.message)


def decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError(1, "not text: invalid UTF-16") from None
    if b"\x00" in raw:
        raise ArticleError(raw[: raw.index(b"\x00")].count(b"\n") + 1, "not text: contains NUL bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ArticleError(line, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
    if any(c.isspace() for c in url) or any(ord(c) < 32 for c in url):
        raise ArticleError(line, f"bad URL {url[:80]!r}: contains whitespace or control characters")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ArticleError(line, f"bad URL {url[:80]!r}: only http(s) URLs are accepted")
    return url


def outlet_from_url(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _paragraphs(lines: list[tuple[int, str]]) -> list[str]:
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
    numbered = [(i + 1, line.strip()) for i, line in enumerate(text.split("\n"))]
    content = [(n, line) for n, line in numbered if line]
    if not content:
        raise ArticleError(1, "empty file")
    head_line, title = content[0]
    if len(title) > 1000:
        raise ArticleError(head_line, "headline longer than 1000 characters")
    if len(content) < 2:
        raise ArticleError(head_line, "missing date line (YYYYMMDD) after the headline")
    date = parse_date(content[1][1], content[1][0])
    if len(content) < 3:
        raise ArticleError(content[1][0], "missing source URL line after the date")
    url = check_url(content[2][1], content[2][0])
    paragraphs = _paragraphs(content[3:])
    if not paragraphs:
        raise ArticleError(content[2][0] + 1, "empty body: no paragraphs after the URL line")
    return Article(rel, " ".join(title.split()), date, url, paragraphs, outlet_from_url(url))


def parse_markdown(text: str, rel: str) -> Article:
    """Markdown with YAML front matter: title, date, url, optional source and tags."""
    import yaml

    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ArticleError(1, "missing YAML front matter (a first line '---')")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise ArticleError(1, "front matter not closed by a '---' line") from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ArticleError((mark.line + 2) if mark else 2, f"bad YAML front matter: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(meta, dict):
        raise ArticleError(2, "front matter must be a mapping of key: value")

    def key_line(key: str) -> int:
        for i in range(1, end):
            if lines[i].lstrip().startswith(f"{key}:"):
                return i + 1
        return 1

    title = str(meta.get("title") or "").strip()
    if not title:
        raise ArticleError(key_line("title"), "front matter has no title")
    raw_date = meta.get("date")
    if raw_date is None:
        raise ArticleError(key_line("date"), "front matter has no date")
    if isinstance(raw_date, dt.datetime):
        raw_date = raw_date.date()
    if isinstance(raw_date, dt.date):
        date = parse_date(raw_date.strftime("%Y%m%d"), key_line("date"))
    else:
        date = parse_date(str(raw_date), key_line("date"))
    url = check_url(str(meta.get("url") or ""), key_line("url"))
    body_lines = lines[end + 1 :]
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})
    tokens = md.parse("\n".join(body_lines))
    paragraphs = []
    for tok in tokens:
        if tok.type == "inline" and tok.children is not None:
            plain = "".join((c.content if c.type != "softbreak" else " ") for c in tok.children if c.type in ("text", "code_inline", "softbreak"))
            plain = " ".join(plain.split())
            if plain:
                paragraphs.append(plain)
    if not paragraphs:
        raise ArticleError(end + 2, "empty body after the front matter")
    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",") if t.strip()]
    tags = [str(t) for t in tags] if isinstance(tags, list) else []
    outlet = str(meta.get("source") or "").strip() or outlet_from_url(url)
    return Article(rel, " ".join(title.split()), date, url, paragraphs, outlet, tags, md.render("\n".join(body_lines)))
