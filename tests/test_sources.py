from pathlib import Path

import pytest

from generator.model import Article, Diagnostic
from generator.sources import read_content, read_file

from .conftest import WIRE, write


def read_text(tmp_path: Path, text: str, name: str = "a.txt", raw: bytes | None = None):
    path = tmp_path / name
    if raw is not None:
        path.write_bytes(raw)
    else:
        write(path, text)
    return read_file(path, name)


def test_seed_format(tmp_path):
    a = read_text(tmp_path, WIRE)
    assert isinstance(a, Article)
    assert a.title.startswith("Harbour city council")
    assert a.date.isoformat() == "2026-11-12"
    assert a.outlet == "northgazette.example"
    assert len(a.paragraphs) == 7


def test_tolerates_bom_crlf_blank_lines_and_trailing_spaces(tmp_path):
    text = WIRE.replace("\n", "  \r\n\r\n")
    a = read_text(tmp_path, "", raw=b"\xef\xbb\xbf" + text.encode())
    assert isinstance(a, Article)
    assert a.title == "Harbour city council approves floating solar farm after long debate"
    assert len(a.paragraphs) == 7


def test_markdown_front_matter(content_dir):
    a = read_file(content_dir / "bridge.md", "bridge.md")
    assert isinstance(a, Article)
    assert a.outlet == "Valley Post" and a.tags == ["transport"]
    assert a.paragraphs[1] == "Repairs to the 120-year-old iron span cost 3.2 million euros, twice the first estimate."
    assert "<strong>twice</strong>" in a.body_html


@pytest.mark.parametrize("text,line,fragment", [
    ("", 1, "empty file"),
    ("Only a title\n", 1, "missing date"),
    ("Title\n2026-13-01\nhttps://x.example/a\nBody.\n", 2, "bad date"),
    ("Title\n20261301\nhttps://x.example/a\nBody.\n", 2, "bad date"),
    ("Title\nyesterday\nhttps://x.example/a\nBody.\n", 2, "bad date"),
    ("Title\n20261112\n\n", 2, "missing source URL"),
    ("Title\n20261112\njavascript:alert(1)\nBody.\n", 3, "only http(s)"),
    ("Title\n20261112\nftp://x.example/a\nBody.\n", 3, "only http(s)"),
    ("Title\n20261112\nhttps://x.example/a\n", 4, "empty body"),
])
def test_bad_seed_files_get_a_diagnostic_with_line(tmp_path, text, line, fragment):
    d = read_text(tmp_path, text)
    assert isinstance(d, Diagnostic)
    assert d.line == line
    assert fragment in d.message
    assert str(d).startswith(f"a.txt:{line}: ")


def test_binary_and_non_utf8_are_diagnosed(tmp_path):
    assert "NUL" in read_text(tmp_path, "", raw=b"Title\n\x00\x01\x02").message
    # Not UTF-8 is read as Windows-1252 with a warning (policy in docs/limits.md); the bad date is the error here.
    assert "bad date" in read_text(tmp_path, "", raw=b"Title\n2026\xff\n").message


def test_url_with_apostrophe_is_accepted(tmp_path):
    a = read_text(tmp_path, "Title\n20261112\nhttps://x.example/it's-here\nBody text.\n")
    assert isinstance(a, Article) and a.url == "https://x.example/it's-here"


@pytest.mark.parametrize("front,fragment", [
    ("title: T\ndate: 2026-11-10\n", "no url"),
    ("title: T\ndate: 2026-11-10\nurl: ''\n", "no url"),
    ("date: 2026-11-10\nurl: https://x.example/\n", "no title"),
    ("title: T\nurl: https://x.example/\n", "no date"),
    ("title: [unclosed\n", "bad YAML"),
])
def test_bad_markdown_files(tmp_path, front, fragment):
    d = read_text(tmp_path, f"---\n{front}---\nBody.\n", name="a.md")
    assert isinstance(d, Diagnostic) and fragment in d.message


@pytest.mark.parametrize("key", ["source_url", "canonical_url", "link"])
def test_markdown_url_under_another_tools_name(tmp_path, key):
    a = read_text(tmp_path, f"---\ntitle: T\ndate: 2026-11-10\n{key}: https://x.example/a\n---\nBody.\n", name="a.md")
    assert isinstance(a, Article) and a.url == "https://x.example/a"
    # `url` wins over the others; a bad address is reported on its own line
    both = read_text(tmp_path, f"---\ntitle: T\ndate: 2026-11-10\n{key}: https://x.example/b\nurl: https://x.example/a\n"
                               "---\nBody.\n", name="b.md")
    assert both.url == "https://x.example/a"
    bad = read_text(tmp_path, f"---\ntitle: T\ndate: 2026-11-10\n{key}: ftp://x.example/a\n---\nBody.\n", name="c.md")
    assert isinstance(bad, Diagnostic) and bad.line == 4


def test_recursive_read_counts_every_file(content_dir):
    write(content_dir / "deep" / "er" / "bad.txt", "Title\nnot a date\n")
    write(content_dir / "notes.pdf", "x")
    articles, diags = read_content(content_dir)
    assert sorted(a.path for a in articles) == ["bridge.md", "copies/solar-brief.txt", "wire/solar.txt"]
    assert sorted(d.path for d in diags) == ["deep/er/bad.txt", "notes.pdf"]
