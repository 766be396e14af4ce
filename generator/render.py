"""Render the digest: Jinja2 pages, feeds, digest.json, build report and theme assets, written atomically."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

from generator.config import Config
from generator.links import safe_url, story_path, text_fragment_url  # noqa: F401  (re-exported)
from generator.model import Digest, Story

PROJECT_THEMES = Path(__file__).resolve().parent.parent / "themes"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


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


def add_name_index(env, digest: Digest) -> None:
    """Let templates link an outlet or speaker name to its page (slugs are unique per site)."""
    from generator.pages import outlets, speakers

    outlet_paths = {o.name: o.path for o in outlets(digest)}
    speaker_paths = {s.name: s.path for s in speakers(digest)}
    env.globals.update(outlet_for=outlet_paths.__getitem__, speaker_for=speaker_paths.__getitem__)


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


def render_site(digest: Digest, config: Config, root: Path, writer, articles=None, progress=None) -> list[str]:
    """Write every page, feed and asset through `writer` (a SiteWriter). Returns warnings (e.g. no search)."""
    from generator.build_report import build_report, report_json
    from generator.feeds import atom_feed, feed_config_problems, rss_feed
    from generator.feeds_json import json_feed
    from generator.feeds_opml import opml
    from generator.pages import PageSpec, site_pages
    from generator.search import build_search_index, pagefind_executable
    from generator.seo import robots_txt, sitemap_xml

    warnings = [f"config: {problem}" for problem in feed_config_problems(config)]
    has_search = bool(config.search) and pagefind_executable() is not None
    if config.search and not has_search:
        warnings.append("search: pagefind binary not found (pip install 'pagefind[bin]'); site built without search")
    env = make_env(config, root, has_search)
    add_name_index(env, digest)
    report = build_report(digest, config, articles)
    pages = site_pages(digest, config)
    pages.append(PageSpec("report/", "report.html", {"report": report}, None))
    from generator.parallel import PARALLEL_MIN_PAGES, parallel_imap

    def render_page(page) -> str:
        return env.get_template(page.template).render(page=page, digest=digest, **page.context)

    for name in sorted({page.template for page in pages}):  # compiled once, before workers fork
        env.get_template(name)
    htmls = parallel_imap(render_page, pages, None if len(pages) >= PARALLEL_MIN_PAGES else 1)
    for n, (page, html) in enumerate(zip(pages, htmls), start=1):
        writer.write_text(page.path + "index.html", html)
        if progress:
            progress(n, len(pages))
    writer.write_text("404.html", env.get_template("404.html").render(page=PageSpec("404.html", "404.html", {}, None),
                                                                      digest=digest))
    writer.write_bytes("feed.xml", rss_feed(digest, config, env))
    writer.write_bytes("atom.xml", atom_feed(digest, config, env))
    writer.write_text("feed.json", json_feed(digest, config, env))
    writer.write_text("opml.xml", opml(digest, config))
    writer.write_text("digest.json", digest_json(digest, config))
    writer.write_text("build-report.json", report_json(report))
    writer.write_text("sitemap.xml", sitemap_xml(pages, config))
    writer.write_text("robots.txt", robots_txt(config))
    writer.write_text(".nojekyll", "")  # GitHub Pages: serve files as they are, no Jekyll processing
    static = static_dir(config, root)
    for asset in sorted(static.rglob("*")):
        if asset.is_file():
            writer.copy_file(asset, "static/" + asset.relative_to(static).as_posix())
    site_dir = getattr(writer, "tmp", None)  # the folder being built, indexed before it is swapped in
    if has_search and site_dir is not None:
        problem = build_search_index(Path(site_dir))
        if problem:
            warnings.append(problem)
    return warnings


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal (never in logs or with --quiet)."""

    def __init__(self, enabled: bool, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = enabled and self.stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < 20:  # short builds finish before a bar would help
            return
        width = 30
        filled = width * done // total
        self.stream.write(f"\rrendering [{'#' * filled}{' ' * (width - filled)}] {done}/{total} pages")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()
