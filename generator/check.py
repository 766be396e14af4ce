"""`newsdigest check`: validate content, config and the built site without writing anything."""
from __future__ import annotations

import json
from pathlib import Path

from generator.feeds import FEED_FILES, feed_config_problems


def output_problems(site: Path, base_url: str) -> list[str]:
    """Feeds (our W3C-style rules), JSON files, required files and internal links of a built site."""
    from generator.feed_checks import check_atom, check_json_feed, check_rss
    from generator.link_check import link_problems

    if not site.is_dir():
        return [f"{site}: no built site (run the build first)"]
    problems = []
    for name in ("index.html", "404.html", ".nojekyll", "robots.txt", "sitemap.xml", "opml.xml", "digest.json",
                 "build-report.json", *FEED_FILES.values()):
        if not (site / name).is_file():
            problems.append(f"{site / name}: missing")
    checks = {"rss": check_rss, "atom": check_atom, "json": check_json_feed}
    for kind, check in checks.items():
        path = site / FEED_FILES[kind]
        if path.is_file():
            problems += [f"{path}: {p}" for p in check(path.read_bytes(), base_url + FEED_FILES[kind])]
    for name in ("digest.json", "build-report.json"):
        try:
            if (site / name).is_file():
                json.loads((site / name).read_text(encoding="utf-8"))
        except ValueError as exc:
            problems.append(f"{site / name}: not valid JSON: {exc}")
    problems += sitemap_problems(site, base_url) + json_ld_problems(site)
    built_base = _built_base(site)
    if built_base and built_base != base_url:
        problems.append(f"{site}: built for {built_base}, but checked against {base_url}; rebuild")
    problems += [f"{site}/{p}" for p in link_problems(site, base_url)]
    return problems


def _built_base(site: Path) -> str | None:
    try:
        return json.loads((site / "digest.json").read_text(encoding="utf-8")).get("base_url")
    except (OSError, ValueError):
        return None


def run_check(content: Path, site: Path, config_path: Path, base_url: str | None) -> tuple[list, list[str]]:
    """Returns (content/config diagnostics, output problems)."""
    from generator.config import config_root, load_config
    from generator.render_env import theme_diagnostics
    from generator.sources import read_content

    config, diags = load_config(config_path, {"base_url": base_url})
    root = config_root(config_path)
    diags = list(diags) + theme_diagnostics(config, root, config_path)
    config_problems = [f"{config_path}: {p}" for p in feed_config_problems(config)]
    if content.is_dir():
        _articles, content_diags = read_content(content)
        diags = list(diags) + list(content_diags)
    else:
        config_problems.append(f"{content}: content folder does not exist")
    # Without --base-url, check the site against the base it was built for (make build BASE_URL=... is common).
    target = config.base if base_url else (_built_base(site) or config.base)
    return diags, config_problems + output_problems(site, target)


def sitemap_problems(site: Path, base_url: str) -> list[str]:
    """Every sitemap <loc> is under base_url and is a page of this site; every <lastmod> is a date."""
    import re
    import xml.etree.ElementTree as ET

    path = site / "sitemap.xml"
    if not path.is_file():
        return []
    try:
        root = ET.fromstring(path.read_bytes())
    except ET.ParseError as exc:
        return [f"{path}: not well-formed XML: {exc}"]
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    problems = []
    for entry in root.findall(f"{ns}url"):
        loc, lastmod = entry.findtext(f"{ns}loc") or "", entry.findtext(f"{ns}lastmod") or ""
        if not loc.startswith(base_url):
            problems.append(f"{path}: {loc!r} is not under {base_url}")
        elif not (site / loc[len(base_url):] / "index.html").is_file():
            problems.append(f"{path}: {loc!r} has no page")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod):
            problems.append(f"{path}: {loc!r} lastmod {lastmod!r} is not a date")
    return problems


def json_ld_problems(site: Path) -> list[str]:
    """Every JSON-LD block is one valid JSON document (nothing broke out of or truncated it)."""
    import re

    from generator.link_check import html_files

    problems = []
    block = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
    for page in html_files(site):
        for body in block.findall(page.read_text(encoding="utf-8")):
            try:
                json.loads(body)
            except ValueError as exc:
                problems.append(f"{page}: JSON-LD is not valid JSON: {exc}")
    return problems
