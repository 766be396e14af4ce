"""Site paths and URL helpers shared by pages, feeds and checks.

Every site path here is relative to base_url ("stories/slug/"); templates turn it into a base-prefixed path
and feeds into an absolute URL, so a project site under /<repo>/ works.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from urllib.parse import quote, urlsplit, urlunsplit

_FRAGMENT_WORDS = 4  # words at each end of a long quote for a text-fragment range


def safe_url(url: str) -> str:
    """Percent-encode characters that are legal-but-unusual in a URL (quotes, spaces, non-ASCII)."""
    return quote(url, safe=":/?#[]@!$&()*+,;=%~-._")


def story_path(story) -> str:
    return f"stories/{story.slug}/"


def edition_path(day: dt.date) -> str:
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}/"


def outlet_path(slug: str) -> str:
    return f"outlets/{slug}/"


def speaker_path(slug: str) -> str:
    return f"speakers/{slug}/"


def page_path(first: str, number: int) -> str:
    """Page 1 lives at `first`; later pages at `first` + page/N/."""
    return first if number == 1 else f"{first}page/{number}/"


def _fragment_part(words: list[str]) -> str:
    # '-', ',' and '&' are syntax inside a text directive, so they must be percent-encoded too.
    return quote(" ".join(words), safe="").replace("-", "%2D")


def text_fragment_url(url: str, text: str) -> str:
    """Link that scrolls to and highlights `text` in the source page (URL text fragment `#:~:text=`)."""
    words = re.findall(r"\S+", text)
    if not words:
        return safe_url(url)
    if len(words) <= 2 * _FRAGMENT_WORDS:
        directive = _fragment_part(words)
    else:
        directive = _fragment_part(words[:_FRAGMENT_WORDS]) + "," + _fragment_part(words[-_FRAGMENT_WORDS:])
    parts = urlsplit(safe_url(url))
    return urlunsplit(parts._replace(fragment=":~:text=" + directive))


def source_date_epoch() -> dt.date:
    """Fallback date for an empty site: SOURCE_DATE_EPOCH (reproducible builds), else 1970-01-01."""
    try:
        seconds = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    except ValueError:
        seconds = 0
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date()
