"""Render the digest: Jinja2 pages, feeds, digest.json and theme assets, written atomically."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote, urlsplit

from generator.config import Config
from generator.model import Digest, Story

PROJECT_THEMES = Path(__file__).resolve().parent.parent / "themes"


def safe_url(url: str) -> str:
    """Percent-encode characters that are legal-but-unusual in a URL (quotes, spaces, non-ASCII)."""
    return quote(url, safe=":/?#[]@!$&()*+,;=%~-._")


def theme_dirs(config: Config, root: Path) -> list[Path]:
    """Template search path: the user's override folder first, then the theme, then the default theme."""
    dirs = []
    if config.templates_dir:
        dirs.append(root / config.templates_dir)
    for themes in (root / "themes", PROJECT_THEMES):
        dirs.append(themes / config.theme / "templates")
    dirs.append(PROJECT_THEMES / "default" / "templates")
    seen, unique = set(), []
    for d in dirs:
        if d.resolve() not in seen and d.is_dir():
            seen.add(d.resolve())
            unique.append(d)
    return unique


def static_dir(config: Config, root: Path) -> Path:
    for themes in (root / "themes", PROJECT_THEMES):
        candidate = themes / config.theme / "static"
        if candidate.is_dir():
            return candidate
    return PROJECT_THEMES / "default" / "static"


def make_env(config: Config, root: Path):
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in theme_dirs(config, root)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    base_path = urlsplit(config.base).path or "/"
    env.globals.update(
        site=config,
        url=lambda path="": base_path + path.lstrip("/"),  # base-prefixed, works under a sub-path
        abs_url=lambda path="": config.base + path.lstrip("/"),
        safe_url=safe_url,
    )
    return env


def story_path(story: Story) -> str:
    return f"stories/{story.slug}/"


def digest_json(digest: Digest, config: Config) -> str:
    data = {
        "title": config.title,
        "base_url": config.base,
        "updated": digest.updated.isoformat() if digest.updated else None,
        "stories": [story_record(s, config) for s in digest.stories],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def story_record(story: Story, config: Config) -> dict:
    return {
        "id": story.id,
        "url": config.base + story_path(story),
        "title": story.title,
        "date": story.date.isoformat(),
        "updated": story.updated.isoformat(),
        "summary": story.summary,
        "quotes": [{"text": q.text, "speaker": q.speaker, "role": q.role, "source": safe_url(q.source)}
                   for q in story.quotes],
        "sources": [{"url": safe_url(s.url), "outlet": s.outlet, "title": s.title, "date": s.date.isoformat(),
                     "file": s.file, "copy_group": s.copy_group, "similarity": s.similarity, "reason": s.reason}
                    for s in story.sources],
    }


def render_site(digest: Digest, config: Config, root: Path, writer) -> None:
    """Write every page, feed and asset through `writer` (a SiteWriter)."""
    from generator.feeds import rss_feed

    env = make_env(config, root)
    page = env.get_template("index.html")
    writer.write_text("index.html", page.render(stories=digest.stories, digest=digest))
    story_tpl = env.get_template("story.html")
    for story in digest.stories:
        writer.write_text(story_path(story) + "index.html", story_tpl.render(story=story, digest=digest))
    writer.write_bytes("feed.xml", rss_feed(digest, config, env))
    writer.write_text("digest.json", digest_json(digest, config))
    static = static_dir(config, root)
    for asset in sorted(static.rglob("*")):
        if asset.is_file():
            writer.copy_file(asset, "static/" + asset.relative_to(static).as_posix())
