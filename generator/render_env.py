"""The Jinja2 environment of a theme and the page renderer built on it, shared by the build process and the
page workers (which rebuild both from a pickled payload: see page_worker)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from generator.config import Config
from generator.links import safe_url, story_path, text_fragment_url
from generator.model import Diagnostic, Digest


def _bundled_themes() -> Path:
    """The themes shipped with the generator: the repository's `themes/` beside the package (a checkout, an
    editable install), else the copy a wheel installs inside the package (`generator/themes`, see pyproject.toml),
    so `newsdigest build` from any folder finds the default theme."""
    here = Path(__file__).resolve().parent
    checkout = here.parent / "themes"
    return checkout if (checkout / "default" / "templates").is_dir() else here / "themes"


PROJECT_THEMES = _bundled_themes()
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def theme_roots(root: Path) -> tuple[Path, Path]:
    """Where a theme is looked for, in order: the site's themes/ folder, then the bundled themes."""
    return root / "themes", PROJECT_THEMES


def theme_dirs(config: Config, root: Path) -> list[Path]:
    """Template search path: the user's override folder first, then the theme, then the default theme."""
    dirs = []
    if config.templates_dir:
        dirs.append(root / config.templates_dir)
    for themes in theme_roots(root):
        dirs.append(themes / config.theme / "templates")
    dirs.append(PROJECT_THEMES / "default" / "templates")
    seen, unique = set(), []
    for d in dirs:
        if d.resolve() not in seen and d.is_dir():
            seen.add(d.resolve())
            unique.append(d)
    return unique


def theme_diagnostics(config: Config, root: Path, config_path: Path) -> list[Diagnostic]:
    """Warnings for a theme or templates folder the config names that does not exist: the build goes on with the
    default theme (or the theme's own templates), and says so instead of silently looking different."""
    found = []
    if config.theme != "default" and not any((themes / config.theme).is_dir() for themes in theme_roots(root)):
        found.append(Diagnostic(str(config_path), _key_line(config_path, "theme"),
                                f"theme {config.theme!r} not found in {root / 'themes'} or the bundled themes; "
                                "the default theme is used", "warning"))
    if config.templates_dir and not (root / config.templates_dir).is_dir():
        found.append(Diagnostic(str(config_path), _key_line(config_path, "templates_dir"),
                                f"templates_dir {config.templates_dir!r} is not a folder under {root}; "
                                "the theme's templates are used", "warning"))
    return found


def _key_line(config_path: Path, key: str) -> int:
    """The line of a top-level `key:` in the config file (1 when it cannot be told)."""
    try:
        text = config_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 1
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"{re.escape(key)}\s*:", line):
            return number
    return 1


def static_dir(config: Config, root: Path) -> Path:
    for themes in theme_roots(root):
        candidate = themes / config.theme / "static"
        if candidate.is_dir():
            return candidate
    return PROJECT_THEMES / "default" / "static"


def human_date(day: dt.date) -> str:
    """'12 November 2026', independent of the machine's locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def make_env(config: Config, root: Path, has_search: bool = False):
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    from generator.feeds import FEED_FILES
    from generator.seo import json_for_script, news_article

    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in theme_dirs(config, root)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    base_path = safe_url(urlsplit(config.base).path or "/")  # quotes or brackets in a path stay inert
    env.filters.update(human_date=human_date, percent=lambda x: f"{round(float(x) * 100)}%")
    env.globals.update(
        site=config,
        base_path=base_path,
        url=lambda path="": base_path + path.lstrip("/"),  # base-prefixed, works under a sub-path
        abs_url=lambda path="": config.base + path.lstrip("/"),
        safe_url=safe_url,
        text_fragment_url=text_fragment_url,
        story_path=story_path,
        json_for_script=json_for_script,
        feed_files=FEED_FILES,
        has_search=has_search,
        site_path=lambda absolute: base_path + absolute[len(config.base):] if absolute.startswith(config.base)
        else absolute,
        source_for=lambda story, url: next((s for s in story.sources if s.url == url), None),
        copy_groups_before=lambda story, i: {s.copy_group for s in story.sources[:i]},
        news_article=lambda story: news_article(story, config),
    )
    env.filters["pair_with"] = lambda item, other: (item, other)
    return env


def add_name_index(env, digest: Digest) -> dict[str, dict[str, str]]:
    """Let templates link an outlet or speaker name to its page (slugs are unique per site). Every lookup is
    recorded (see _DEPS): a page rendered last time is reused only if its lookups still give the same paths."""
    from generator.pages import outlets, speakers

    index = {"outlet": {o.name: o.path for o in outlets(digest)}, "speaker": {s.name: s.path for s in speakers(digest)}}

    def lookup(kind: str):
        paths = index[kind]

        def find(name: str) -> str:
            path = paths[name]
            _DEPS.append((kind, name, path))
            return path
        return find

    env.globals.update(outlet_for=lookup("outlet"), speaker_for=lookup("speaker"))
    return index




_DEPS: list[tuple] = []  # site-wide reads of the page being rendered (per process: workers fill their own)


class _TrackedDigest:
    """The digest as templates see it: attribute reads are recorded as dependencies of the page."""

    def __init__(self, digest: Digest):
        self._digest = digest

    def __getattr__(self, name: str):
        _DEPS.append(("digest", name, None))
        return getattr(self._digest, name)


def page_renderer(env, digest: Digest) -> Callable:
    """render(page) -> (html, the site-wide reads the page made while rendering)."""
    tracked = _TrackedDigest(digest)

    def render(page) -> tuple[str, list[tuple]]:
        _DEPS.clear()
        html = env.get_template(page.template).render(page=page, digest=tracked, **page.context)
        return html, list(_DEPS)
    return render


def page_worker(payload: bytes) -> Callable[[int], tuple[str, list[tuple]]]:
    """A page worker's set-up (parallel.clean_imap): from the pickled (config, root, has_search, digest, pages),
    the same environment and name index as the build's, and render(i) for page i. Pickled together, the pages
    and the digest keep sharing their stories."""
    import pickle

    config, root, has_search, digest, pages = pickle.loads(payload)
    env = make_env(config, root, has_search)
    add_name_index(env, digest)
    render = page_renderer(env, digest)
    return lambda i: render(pages[i])
