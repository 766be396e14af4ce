"""`newsdigest new DIR`: a working site to start from (config, example content, Makefile)."""
from __future__ import annotations

from pathlib import Path

SITE_YAML = """\
# newsdigest site configuration; every key is optional (see the newsdigest README for all keys).
title: "My News Digest"
description: "Deduplicated stories with summaries, key quotes and every source."
base_url: "http://localhost:8000/"   # for GitHub Pages: https://<user>.github.io/<repo>/
language: en
feed_size: 50
# feeds: {rss: {size: 20, content: summary}}   # per feed: size, content full|summary
# templates_dir: templates                     # your templates override the theme's same-named files
"""

MAKEFILE = """\
# Build with `make build`, preview with `make serve`, validate with `make check`.
PYTHON ?= python3
BASE_URL ?=

.PHONY: build serve check
build:
\t$(PYTHON) -m generator build $(if $(BASE_URL),--base-url $(BASE_URL))
serve:
\t$(PYTHON) -m generator serve
check: build
\t$(PYTHON) -m generator check $(if $(BASE_URL),--base-url $(BASE_URL))
"""

EXAMPLE_MD = """\
---
title: Town library extends opening hours
date: 2026-01-15
url: https://www.example-gazette.example/library-hours
source: Example Gazette
---
ELMSTEAD (Example Gazette) - The town library will open until 9 pm on weekdays from February, the council said on Thursday.

The longer hours are paid for by a 40,000 euro grant from the regional arts fund.

"Students have asked for this for years," said head librarian Maria Olsen.
"""

EXAMPLE_TXT = """\
Library to stay open late on weekdays
20260116
https://www.example-herald.example/news/library-late
The town library will open until 9 pm on weekdays from February, the council said on Thursday.
The longer hours are paid for by a 40,000 euro grant from the regional arts fund.
"Students have asked for this for years," said head librarian Maria Olsen.
"""

FILES = {
    "site.yaml": SITE_YAML,
    "Makefile": MAKEFILE,
    ".gitignore": "/site/\n/.cache/\n",
    "content/example-gazette-library.md": EXAMPLE_MD,
    "content/example-herald-library.txt": EXAMPLE_TXT,
    "templates/.gitkeep": "",
}


class ScaffoldError(Exception):
    pass


def scaffold(target: Path) -> list[Path]:
    """Create a new site in `target`, which must be missing or empty; returns the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} exists and is not empty; choose a new folder")
    written = []
    for rel, text in FILES.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
