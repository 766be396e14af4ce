"""Helpers for the site, feed and browser tests: fictional content and a build under a sub-path."""
from __future__ import annotations

import textwrap
from pathlib import Path

from generator.cli import main

from .conftest import WIRE, write

SUB_PATH_BASE = "https://reader.example/digest/"  # a project-site style base URL with a path

HOSTILE_TITLE = 'Ferry strike ends </script><script>alert("x")</script> & talks go on'


def base_content(content: Path) -> Path:
    """The same fictional stories as conftest's `content_dir` (usable from module-scoped fixtures)."""
    write(content / "wire" / "solar.txt", WIRE)
    lines = WIRE.splitlines()
    trimmed = ["Floating solar farm wins council backing", "20261113", "https://dailyharbour.example/solar"] + lines[3:8]
    write(content / "copies" / "solar-brief.txt", "\n".join(trimmed) + "\n")
    write(content / "bridge.md", textwrap.dedent("""\
        ---
        title: Old rail bridge to reopen for cyclists in spring
        date: 2026-11-10
        url: https://www.valleypost.example/bridge
        source: Valley Post
        ---
        MILLBROOK (Valley Post) - The disused rail bridge over the river Aine will reopen as a cycle path in April.

        "People have waited ten years for this crossing," said transport director Aisha Bello.
        """))
    return content


def add_stories(content: Path) -> None:
    """Two more fictional stories on other days, one with a hostile headline, plus a file that is skipped."""
    write(content / "ferry.txt", textwrap.dedent(f"""\
        {HOSTILE_TITLE}
        20261114
        https://www.coastwatch.example/ferry-strike?ref=rss&x="1"
        KESTREL BAY (Coast Watch) - The week-long ferry strike ended on Friday after the operator agreed to hire twelve more deckhands.
        "We got the staffing we asked for, and the boats are safer for it," union spokesperson Lena Fischer said.
        Services to the outer islands resume on Saturday morning with a reduced timetable.
        """))
    write(content / "museum.md", textwrap.dedent("""\
        ---
        title: Maritime museum opens new whaling gallery
        date: 2026-11-11
        url: https://www.valleypost.example/museum-gallery
        source: Valley Post
        ---
        The maritime museum in Porthaven opened a new gallery on Wednesday devoted to the town's whaling history.

        "We want visitors to see the whole history, including the parts that are hard to look at," said curator Jonas Berg.

        The gallery is free to enter until the end of the year.
        """))
    write(content / "broken.txt", "A headline\nnot a date\nhttps://x.example/\nBody.\n")


def add_late_copy(content: Path) -> None:
    """A third outlet carries the solar wire story two days later: it should join the existing story."""
    lines = WIRE.splitlines()
    text = ["Solar farm for harbour approved", "20261115", "https://www.islandtimes.example/solar"] + lines[3:]
    write(content / "late" / "solar-island.txt", "\n".join(text) + "\n")


def build_site(content: Path, out: Path, base_url: str = SUB_PATH_BASE, config: str = "", *extra: str) -> int:
    config_path = content.parent / "site-test.yaml"
    config_path.write_text(config or "title: Harbour Digest\n", encoding="utf-8")
    return main(["build", "--content", str(content), "--output", str(out), "--config", str(config_path),
                 "--base-url", base_url, "--quiet", *extra])
