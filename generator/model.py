"""Plain dataclasses that flow one way through the pipeline.

sources -> Article; group -> StoryGroup; summarize/quotes -> list[str]/list[Quote];
digest -> Story/Digest; render consumes Digest.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from operator import attrgetter


def by_fields(cls):
    """Pickle a (slots) dataclass as its class and field values, the arguments of its constructor: the default
    state dict per object is made and dropped again for every object unpickled, and the gaps the dropped dicts
    leave stay in the process (100,000 articles: a page worker's digest and pages took 469 MiB, 352 MiB so)."""
    values = attrgetter(*(f.name for f in fields(cls)))

    def __reduce__(self):
        return type(self), values(self)
    cls.__reduce__ = __reduce__
    return cls


@dataclass(frozen=True)
class Diagnostic:
    """A problem with one input file, reported as `path:line: message`."""

    path: str
    line: int
    message: str
    level: str = "error"  # "error" (file skipped) or "warning" (file kept)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.level}: {self.message}"


@by_fields
@dataclass(slots=True)
class Article:
    """One input file, parsed. Paragraphs are plain text in file order."""

    path: str  # relative to the content folder, with forward slashes
    title: str
    date: dt.date
    url: str
    paragraphs: list[str]
    outlet: str = ""  # display name of the publisher (front matter `source` or URL host)
    tags: list[str] = field(default_factory=list)
    body_html: str | None = None  # rendered Markdown body when the input was Markdown

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@by_fields
@dataclass(slots=True)
class Quote:
    """A direct quote found verbatim in one article."""

    text: str
    speaker: str | None
    role: str | None = None
    source: str = ""  # URL of the article it came from
    path: str = ""  # article path (content-relative)
    paragraph: int = 0  # index of the paragraph the quote starts in
    score: float = 0.0


@by_fields
@dataclass(slots=True)
class StoryGroup:
    """Output of grouping: indices into the article list, canonical first."""

    members: list[int]  # article indices; members[0] is the canonical article
    copy_groups: list[int]  # per member: id of the copy group (same text) within the whole run
    similarity: list[float]  # per member: score against the canonical article
    reasons: list[str] = field(default_factory=list)  # per member: why it joined the story


@by_fields
@dataclass(slots=True)
class SourceRef:
    url: str
    outlet: str
    title: str
    date: dt.date
    file: str
    copy_group: str
    similarity: float
    reason: str = ""


@by_fields
@dataclass(slots=True)
class Story:
    id: str  # stable feed id, independent of URL and slug
    slug: str
    title: str
    date: dt.date  # first report
    updated: dt.date  # newest source
    summary: list[str]
    quotes: list[Quote]
    sources: list[SourceRef]

    @property
    def copies(self) -> int:
        """Sources that duplicate another source's text (near-identical copies)."""
        groups = [s.copy_group for s in self.sources]
        return len(groups) - len(set(groups))


@dataclass
class Digest:
    stories: list[Story]
    diagnostics: list[Diagnostic]
    articles_read: int
    updated: dt.date | None  # newest content date, never the wall clock
    # key quotes not found verbatim in their article, as (story, quote, reason): checked while the articles
    # are in memory, so rendering needs only the digest; None when not checked
    unverified: list[tuple[Story, Quote, str]] | None = None
