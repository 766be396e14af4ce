"""Site configuration: one `site.yaml`, every key optional, documented defaults."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from generator.model import Diagnostic


@dataclass
class Config:
    title: str = "News Digest"
    description: str = "Deduplicated stories with summaries, key quotes and every source."
    base_url: str = "http://localhost:8000/"
    language: str = "en"
    theme: str = "default"
    templates_dir: str | None = None  # user templates that override single theme templates
    timezone: str = "UTC"
    feed_size: int = 50  # items per feed (default for every feed)
    # per-feed overrides, e.g. {"rss": {"size": 20, "content": "summary"}}; feeds: rss, atom, json;
    # content: "full" (summary, key quotes, sources) or "summary"
    feeds: dict = field(default_factory=dict)
    page_size: int = 20  # stories per listing page before pagination
    search: bool = True  # build a Pagefind index when the pagefind binary is available
    summary_sentences: int = 3
    summary_words: int | None = None  # optional word cap on a summary
    quotes_per_story: int = 3
    # grouping thresholds (see generator/group.py)
    copy_threshold: float = 0.7  # share of the shorter text's 5-word shingles found in the other: a copy
    story_threshold: float = 0.2  # average-link similarity (0.6 keyword TF-IDF + 0.4 names/numbers) to join a story; 0.75 x it within a topic
    story_max_days: int = 7  # articles whose real (non-placeholder) dates lie further apart never join one story
    extra: dict = field(default_factory=dict)

    @property
    def base(self) -> str:
        """base_url with exactly one trailing slash."""
        return self.base_url.rstrip("/") + "/"


def config_root(path: Path) -> Path:
    """The folder the config's relative paths (themes/, templates_dir) start from: the config file's, else the
    current one."""
    return path.resolve().parent if path.exists() else Path.cwd()


def load_config(path: Path | None, overrides: dict | None = None) -> tuple[Config, list[Diagnostic]]:
    """Read `site.yaml` if it exists; a missing file means all defaults."""
    import yaml

    diags: list[Diagnostic] = []
    data: dict = {}
    if path is not None and path.exists():
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", -1) + 1
            diags.append(Diagnostic(str(path), max(line, 1), f"cannot read config: {exc}"))
            loaded = {}
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            diags.append(Diagnostic(str(path), 1, "config must be a mapping of key: value"))
            loaded = {}
        data = loaded
    data.update({k: v for k, v in (overrides or {}).items() if v is not None})
    known = {f.name: f for f in dataclasses.fields(Config) if f.name != "extra"}
    kwargs, extra = {}, {}
    defaults = Config()
    for key, value in data.items():
        if key not in known:
            extra[key] = value
            diags.append(Diagnostic(str(path), 1, f"unknown config key {key!r} ignored", "warning"))
            continue
        default = getattr(defaults, key)
        expected = type(default) if default is not None else None
        if expected is int and isinstance(value, bool) or (
            expected is not None and not isinstance(value, expected) and not (expected is float and isinstance(value, int))
        ):
            diags.append(Diagnostic(str(path), 1, f"config key {key!r} should be {expected.__name__}, got {value!r}; default used"))
            continue
        problem = _unsafe(key, value)
        if problem:
            diags.append(Diagnostic(str(path), 1, f"config key {key!r} {problem}, got {value!r}; default used"))
            continue
        kwargs[key] = value
    return Config(**kwargs, extra=extra), diags


def _unsafe(key: str, value) -> str | None:
    """Config values reach HTML, feeds and links: refuse what escaping cannot make safe."""
    from generator.sources_decode import _BAD_CHARS

    if isinstance(value, str) and _BAD_CHARS.search(value):
        return "must not contain control characters"  # XML feeds cannot carry them
    if key == "base_url":
        from urllib.parse import urlsplit

        try:
            parts = urlsplit(value)
        except ValueError:
            return "must be an http(s) URL"
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
            return "must be an http(s) URL"  # a javascript: base would turn every absolute link into a script
    return None
