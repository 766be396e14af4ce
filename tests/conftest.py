import textwrap
from pathlib import Path

import pytest

WIRE = textwrap.dedent("""\
    Harbour city council approves floating solar farm after long debate
    20261112
    https://www.northgazette.example/news/harbour-solar-farm
    The project will cover 14 hectares of the old dock basin and is expected to power 9,000 homes, officials said.
    "This is the biggest step our city has taken on energy in a generation," Mayor Elena Vasquez said after the vote.
    Opponents said the panels would harm the bird colony that nests on the breakwater.
    PORTHAVEN (Nordwire) - The Porthaven city council on Tuesday approved a 41 million euro floating solar farm in the disused harbour basin by a vote of 23 to 8.
    Councillor Tomas Reed, who voted against, called the plan "reckless".
    "We asked for a proper bird survey and we did not get one," Reed said. "The council has rushed this."
    Construction is due to start in March and the first panels should be connected by the end of next year.
    """)


@pytest.fixture
def wire_text() -> str:
    return WIRE


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A small fictional content folder: one story in two wire copies plus an unrelated story."""
    content = tmp_path / "content"
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
        tags: [transport]
        ---
        MILLBROOK (Valley Post) - The disused rail bridge over the river Aine will reopen as a cycle path in April, the regional transport authority said on Monday.

        Repairs to the 120-year-old iron span cost 3.2 million euros, **twice** the first estimate.

        "People have waited ten years for this crossing," said transport director Aisha Bello.
        """))
    return content
