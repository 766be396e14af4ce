"""The Markdown article format: YAML front matter (title, date, url, optional source and tags), then a body.

Front matter is untrusted: only scalar values are accepted where text is expected, so a YAML alias bomb or a
nested structure can never be stringified into a huge title.
"""
from __future__ import annotations

import datetime as dt

from generator.model import Article
from generator.sources import ArticleError, check_lines, check_title, check_url, outlet_from_url, parse_date

MAX_TAGS, MAX_TAG_CHARS, MAX_OUTLET_CHARS = 50, 100, 200
# markdown-it-py spends ~20 us per '[' (link-label scans): a 10 MB file of brackets would take minutes, so
# Markdown bodies get a smaller size cap and a bracket cap (measured: 7.6 MB of plain prose parses in 1.2 s).
MAX_MARKDOWN_CHARS = 2 * 1024 * 1024
MAX_BRACKETS = 10_000
_SCALARS = (str, int, float, dt.date)
# Where other tools keep an article's address (Jekyll's canonical_url, feed exporters' link): read as `url`, in
# this order, so a file exported from elsewhere needs no edit.
URL_KEYS = ("url", "source_url", "canonical_url", "link")


def _scalar(meta: dict, key: str, line: int) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, _SCALARS):
        raise ArticleError(line, f"front matter {key!r} must be text, not a {type(value).__name__}")
    return str(value)


def _load_front_matter(lines: list[str]) -> tuple[dict, int]:
    import yaml

    if not lines or lines[0].strip() != "---":
        raise ArticleError(1, "missing YAML front matter (a first line '---')")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise ArticleError(1, "front matter not closed by a '---' line")
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: fast, and caps nesting depth cheaply
        meta = yaml.load("\n".join(lines[1:end]), Loader=loader) or {}  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = min(mark.line + 2, max(end, 2)) if mark else 2  # clamp an end-of-stream error into the block
        raise ArticleError(line, f"bad YAML front matter: {getattr(exc, 'problem', exc)}") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # e.g. `date: 2026-13-45`
        raise ArticleError(2, f"bad YAML front matter: {str(exc)[:200]}") from None
    if not isinstance(meta, dict):
        raise ArticleError(2, "front matter must be a mapping of key: value")
    return meta, end


def parse_markdown(text: str, rel: str) -> Article:
    lines = text.split("\n")
    meta, end = _load_front_matter(lines)

    def key_line(key: str) -> int:
        for i in range(1, end):
            if lines[i].lstrip().startswith(f"{key}:"):
                return i + 1
        return 1

    title = _scalar(meta, "title", key_line("title")).strip()
    if not title:
        raise ArticleError(key_line("title"), "front matter has no title")
    title = check_title(title, key_line("title"))
    raw_date = meta.get("date")
    if raw_date is None:
        raise ArticleError(key_line("date"), "front matter has no date")
    if isinstance(raw_date, dt.datetime):
        raw_date = raw_date.date()
    if isinstance(raw_date, dt.date):
        date = parse_date(raw_date.strftime("%Y%m%d"), key_line("date"))
    else:
        date = parse_date(_scalar(meta, "date", key_line("date"))[:100], key_line("date"))
    url_key = next((k for k in URL_KEYS if meta.get(k) not in (None, "")), None)
    if url_key is None:
        raise ArticleError(key_line("url"), "front matter has no url (the address of the original article; "
                                            f"also read from {', '.join(URL_KEYS[1:])})")
    url = check_url(_scalar(meta, url_key, key_line(url_key)), key_line(url_key))
    body_lines = lines[end + 1:]
    size = sum(len(line) + 1 for line in body_lines)
    if size > MAX_MARKDOWN_CHARS:
        raise ArticleError(end + 2, f"Markdown body is {size} characters, over the {MAX_MARKDOWN_CHARS} limit")
    brackets = sum(line.count("[") for line in body_lines)
    if brackets > MAX_BRACKETS:
        raise ArticleError(end + 2, f"Markdown body has {brackets} '[' characters, over the {MAX_BRACKETS} limit")
    check_lines([(end + 2 + i, line) for i, line in enumerate(body_lines)])  # length limit only
    paragraphs, body_html = _body(body_lines)
    if not paragraphs:
        raise ArticleError(end + 2, "empty body after the front matter")
    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",") if t.strip()]
    if not isinstance(tags, list) or not all(isinstance(t, _SCALARS) and not isinstance(t, bool) for t in tags):
        raise ArticleError(key_line("tags"), "front matter 'tags' must be a list of words")
    tags = [" ".join(str(t).split()) for t in tags]
    if len(tags) > MAX_TAGS or any(len(t) > MAX_TAG_CHARS for t in tags):
        raise ArticleError(key_line("tags"), f"too many or too long tags (limits: {MAX_TAGS} tags of "
                                             f"{MAX_TAG_CHARS} characters)")
    outlet = " ".join(_scalar(meta, "source", key_line("source")).split())
    if len(outlet) > MAX_OUTLET_CHARS:
        raise ArticleError(key_line("source"), f"source is {len(outlet)} characters, over the {MAX_OUTLET_CHARS} limit")
    outlet = outlet or outlet_from_url(url)
    return Article(rel, title, date, url, paragraphs, outlet, [t for t in tags if t], body_html)


def _body(body_lines: list[str]) -> tuple[list[str], str]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})  # raw HTML in a body is shown as text, never passed through
    source = "\n".join(body_lines)
    tokens = md.parse(source)
    paragraphs = []
    for tok in tokens:
        if tok.type == "inline" and tok.children is not None:
            plain = "".join((c.content if c.type != "softbreak" else " ") for c in tok.children
                            if c.type in ("text", "code_inline", "softbreak"))
            plain = " ".join(plain.split())
            if plain:
                paragraphs.append(plain)
    return paragraphs, md.renderer.render(tokens, md.options, {})
