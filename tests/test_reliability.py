"""Issue 7: hostile and broken input never crashes the build; every bad file gets a `path:line: message`."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.model import Article
from generator.sources import read_article, read_content
from generator.sources_files import MAX_FILE_BYTES

from .conftest import write
from .test_reliability_util import DIAG_LINE, GOOD, article, build

MOJIBAKE = article("CafÃ© owners protest", url="https://x.example/m", body="The cafÃ© said â€œnoâ€\x9d.")
# name -> (bytes, expected level or None for a clean article, fragment of the message, line)
CASES = {
    "latin1.txt": (article("Café news", url="https://x.example/l", body="The café opened.").encode("latin-1"),
                   "warning", "read the file as Windows-1252", 1),
    "cp1252.txt": (article("“Quoted” news", url="https://x.example/c").encode("cp1252"), "warning", "0x93", 1),
    "mojibake.txt": (MOJIBAKE.encode(), "warning", "mojibake", 1),
    "utf16.txt": (("\ufeff" + article(url="https://x.example/u16")).encode("utf-16-le"), "warning", "UTF-16", 1),
    "utf16be.txt": (("\ufeff" + article(url="https://x.example/be")).encode("utf-16-be"), "warning", "UTF-16-BE", 1),
    "utf16-nobom.txt": (article(url="https://x.example/nb").encode("utf-16-le"), "warning", "without a byte-order", 1),
    "utf8-bom-crlf.txt": (b"\xef\xbb\xbf" + article(url="https://x.example/crlf").replace("\n", "\r\n").encode(),
                          None, "", 0),
    "cr-only.txt": (article(url="https://x.example/cr").replace("\n", "\r").encode(), None, "", 0),
    "controls.txt": (article("Bell\x07 and \x1b[31mescape", url="https://x.example/ctl").encode(), "warning",
                     "control character", 1),
    "nul.txt": (b"Title\n2026\x00\n", "error", "NUL", 2),
    "binary.txt": (bytes(range(256)) * 20, "error", "binary", 1),
    "controls-binary.txt": (bytes(range(1, 32)) * 50, "error", "binary", 1),
    "empty.txt": (b"", "error", "empty file", 1),
    "blank.txt": (b"\n \r\n\t\n", "error", "empty file", 1),
    "only-title.txt": (b"Just a headline\n", "error", "only a headline", 1),
    "no-body.txt": (b"T\n20261112\nhttps://x.example/a\n", "error", "empty body", 4),
    "bad-month.txt": (article(date="20211332").encode(), "error", "bad date '20211332'", 2),
    "year-1900.txt": (article(date="19000101").encode(), "error", "year outside", 2),
    "far-future.txt": (article(date="99991231").encode(), "error", "year outside", 2),
    "date-words.txt": (article(date="next tuesday").encode(), "error", "expected YYYYMMDD", 2),
    "no-url.txt": (b"T\n20261112\n\n\n", "error", "missing source URL", 2),
    "js-url.txt": (article(url="javascript:alert(1)").encode(), "error", "only http(s)", 3),
    "data-url.txt": (article(url="data:text/html,<script>alert(1)</script>").encode(), "error", "only http(s)", 3),
    "file-url.txt": (article(url="file:///etc/passwd").encode(), "error", "only http(s)", 3),
    "bad-ipv6.txt": (article(url="http://[::1/x").encode(), "error", "bad URL", 3),
    "bad-port.txt": (article(url="http://x.example:99999/").encode(), "error", "bad URL", 3),
    "no-host.txt": (article(url="https:///path").encode(), "error", "host", 3),
    "long-line.txt": (article(body="word " * 40_000).encode(), "error", "over the 100000 limit", 4),
    "many-lines.txt": (article(body="ab cd.\n" * 60_000).encode(), "error", "over the 50000 limit", 50_001),
    "long-title.txt": (article(title="T" * 5000).encode(), "error", "headline is 5000 characters", 1),
    "not-article.pdf": (b"%PDF-1.4", "warning", "not an article file", 1),
    "md-no-front.md": (b"# Heading\n\nBody\n", "error", "missing YAML front matter", 1),
    "md-unclosed.md": (b"---\ntitle: T\n", "error", "not closed", 1),
    "md-bad-yaml.md": (b"---\ntitle: [unclosed\n---\nBody\n", "error", "bad YAML", 2),
    "md-bad-timestamp.md": (b"---\ntitle: T\ndate: 2026-13-45\nurl: https://x.example/\n---\nB\n", "error",
                            "bad YAML", 2),
    "md-title-list.md": (b"---\ntitle: [a, b]\ndate: 2026-11-10\nurl: https://x.example/\n---\nB\n", "error",
                         "must be text", 2),
    "md-deep.md": (b"---\ntitle: " + b"[" * 3000 + b"\n---\nB\n", "error", "bad YAML", 2),
    "md-alias-bomb.md": (b"---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                         b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                         b"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
                         b"title: *f\ntags: *f\ndate: 2026-11-10\nurl: https://x.example/b\n---\nBody.\n",
                         "error", "must be text", 8),
    "md-many-tags.md": (b"---\ntitle: T\ndate: 2026-11-10\nurl: https://x.example/\ntags: [" + b"t," * 60 +
                        b"]\n---\nB\n", "error", "too many or too long tags", 5),
    "md-long-source.md": (b"---\ntitle: T\ndate: 2026-11-10\nurl: https://x.example/\nsource: " + b"S" * 300 +
                          b"\n---\nB\n", "error", "source is 300 characters", 5),
    "md-brackets.md": (b"---\ntitle: T\ndate: 2026-11-10\nurl: https://x.example/\n---\n" + b"[" * 20_000 + b"\n",
                       "error", "20000 '[' characters", 6),
    "md-big-body.md": (b"---\ntitle: T\ndate: 2026-11-10\nurl: https://x.example/\n---\n" +
                       (b"Words and more words. " * 2000 + b"\n") * 50, "error", "over the 2097152 limit", 6),
    "md-not-mapping.md": (b"---\n- a\n- b\n---\nB\n", "error", "mapping", 2),
}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    for name, (data, *_rest) in CASES.items():
        (content / name).write_bytes(data)
    write(content / "good.txt", GOOD)
    return content


def by_path(diags):
    found: dict[str, list] = {}
    for d in diags:
        found.setdefault(d.path, []).append(d)
    return found


def test_every_hostile_file_gets_the_expected_diagnostic(hostile):
    articles, diags = read_content(hostile)
    found = by_path(diags)
    paths = {a.path for a in articles}
    for name, (_data, level, fragment, line) in CASES.items():
        if level is None:
            assert name in paths and name not in found, (name, found.get(name))
            continue
        match = [d for d in found.get(name, []) if d.level == level and fragment in d.message]
        assert match, (name, found.get(name))
        assert match[0].line == line, (name, match[0])
        assert (name in paths) == (level == "warning" and not name.endswith(".pdf")), name
    assert "good.txt" in paths


def test_decoded_text_is_what_the_author_meant(hostile):
    articles = {a.path: a for a in read_content(hostile)[0]}
    assert articles["latin1.txt"].title == "Café news"
    assert articles["latin1.txt"].paragraphs == ["The café opened."]
    assert articles["cp1252.txt"].title == "“Quoted” news"
    assert articles["mojibake.txt"].title == "Café owners protest"
    assert articles["mojibake.txt"].paragraphs == ["The café said “no”."]
    assert articles["utf16-nobom.txt"].title == "Title here"
    assert articles["controls.txt"].title == "Bell and [31mescape"
    for a in articles.values():  # nothing an XML feed cannot carry survives the reader
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in a.title + "".join(a.paragraphs))


def test_nothing_is_silently_lost(hostile):
    """Every file is an article or has an error/skip diagnostic: read + diagnosed == given."""
    given = {p.name for p in hostile.iterdir()}
    articles, diags = read_content(hostile)
    read = {a.path for a in articles}
    skipped = {d.path for d in diags if d.level == "error" or "skipped" in d.message}
    assert read | skipped == given
    assert not read & skipped


def test_build_goes_on_and_strict_fails(hostile, tmp_path):
    code, out, err = build(hostile, tmp_path / "site")
    assert code == 0
    assert (tmp_path / "site" / "index.html").is_file()
    lines = err.splitlines()
    assert lines and all(DIAG_LINE.match(line) for line in lines), err
    assert {DIAG_LINE.match(line)["path"] for line in lines} >= {n for n, c in CASES.items() if c[1]}
    read = int(out.split()[0])
    assert read == 1 + sum(1 for n, c in CASES.items() if c[1] in (None, "warning") and not n.endswith(".pdf"))
    code, _, _ = build(hostile, tmp_path / "site", "--strict")
    assert code == 1


def test_oversize_file_is_refused_unread(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB without using the disk
    reads = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    article_, diags = read_article(big, "big.txt")
    assert article_ is None and "over the" in diags[0].message and str(MAX_FILE_BYTES) in diags[0].message
    assert reads == []  # refused on its size, not read


def test_file_that_grows_past_the_cap_is_cut_off(tmp_path, monkeypatch):
    import generator.sources_files as sf

    path = write(tmp_path / "a.txt", GOOD + "more words here\n" * 100)
    monkeypatch.setattr(sf, "MAX_FILE_BYTES", 64)
    with pytest.raises(sf.ReadError, match="over the 64-byte limit"):
        sf.read_capped(path, 64)


def test_fifo_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    article_, diags = read_article(tmp_path / "pipe.txt", "pipe.txt")
    assert article_ is None and "not a regular file" in diags[0].message


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path / "secret.txt", GOOD)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # root reads anyway: simulate the refusal instead
            real_open = os.open
            def denied(p, *a, **k):
                if str(p).endswith("secret.txt"):
                    raise PermissionError(13, "Permission denied")
                return real_open(p, *a, **k)

            monkeypatch.setattr(os, "open", denied)
        article_, diags = read_article(path, "secret.txt")
    finally:
        path.chmod(0o644)
    assert article_ is None
    assert str(diags[0]) == "secret.txt:1: error: cannot read file: Permission denied"


def test_unreadable_folder_is_diagnosed(tmp_path, monkeypatch):
    content = tmp_path / "content"
    write(content / "ok.txt", GOOD)
    write(content / "locked" / "a.txt", GOOD.replace("Title", "Other"))
    real_scandir = os.scandir

    def scandir(p="."):
        if str(p).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(p))
        return real_scandir(p)

    monkeypatch.setattr(os, "scandir", scandir)
    articles, diags = read_content(content)
    assert [a.path for a in articles] == ["ok.txt"]
    assert any(d.path == "locked" and "cannot read folder" in d.message for d in diags)


def test_duplicate_files_read_once(tmp_path):
    content = tmp_path / "content"
    write(content / "a.txt", GOOD)
    write(content / "b" / "a-copy.txt", GOOD)
    articles, diags = read_content(content)
    assert [a.path for a in articles] == ["a.txt"]
    assert [str(d) for d in diags] == ["b/a-copy.txt:1: warning: identical to a.txt; skipped as a duplicate file"]


def test_symlink_policy(tmp_path):
    content = tmp_path / "content"
    write(content / "real.txt", GOOD)
    write(content / ".drafts" / "hidden.txt", article("Hidden draft", url="https://x.example/h"))
    write(tmp_path / "outside.txt", article("Outside", url="https://x.example/o"))
    (content / "sub").mkdir()
    links = {
        "to-real.txt": "real.txt",  # inside, target read directly: skipped, not read twice
        "to-hidden.txt": ".drafts/hidden.txt",  # inside, target not read otherwise: followed once
        "to-hidden-again.txt": ".drafts/hidden.txt",  # second link to the same target: skipped
        "outside.txt": str(tmp_path / "outside.txt"),
        "escape.txt": "../outside.txt",
        "loop.txt": "loop.txt",
        "dangling.txt": "missing.txt",
        "sub/up": "..",  # folder link inside: not followed (no loop)
        "etc": "/etc",  # folder link outside: refused
    }
    for name, target in links.items():
        os.symlink(target, content / name)
    articles, diags = read_content(content)
    assert sorted(a.path for a in articles) == ["real.txt", "to-hidden-again.txt"] or \
        sorted(a.path for a in articles) == ["real.txt", "to-hidden.txt"]
    found = {d.path: d for d in diags}
    assert set(found) == set(links) - {a.path for a in articles}
    assert found["to-real.txt"].level == "warning" and "read already" in found["to-real.txt"].message
    for name in ("outside.txt", "escape.txt", "etc"):
        assert found[name].level == "error" and "outside the content folder" in found[name].message
    assert "loop" in found["loop.txt"].message and found["loop.txt"].level == "error"
    assert "broken" in found["dangling.txt"].message
    assert found["sub/up"].level == "warning" and "not followed" in found["sub/up"].message


def test_odd_file_names_are_escaped(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "two\nlines.txt").write_text(GOOD)
    os.makedirs(content, exist_ok=True)
    (content / os.fsdecode(b"bad\xffbyte.txt")).write_text(article("Other", url="https://x.example/o"))
    articles, diags = read_content(content)
    assert sorted(a.path for a in articles) == ["bad\ufffdbyte.txt", "two\\nlines.txt"]
    assert all("\n" not in str(d) for d in diags) and len(diags) == 2
    for a in articles:
        a.path.encode("utf-8")  # printable and encodable: safe for digest.json and the terminal


def test_articles_keep_their_invariants(hostile):
    for a in read_content(hostile)[0]:
        assert isinstance(a, Article) and a.title and a.paragraphs and a.url.startswith(("http://", "https://"))
        assert 1970 <= a.date.year <= 2100


def test_total_content_limit_bounds_memory(tmp_path, monkeypatch):
    import generator.sources_files as sources_files

    content = tmp_path / "content"
    for i in range(5):
        write(content / f"a{i}.txt", article(f"Story {i}", url=f"https://x.example/{i}"))
    size = (content / "a0.txt").stat().st_size
    monkeypatch.setattr(sources_files, "MAX_TOTAL_BYTES", 3 * size)
    articles, diags = read_content(content)
    assert [a.path for a in articles] == ["a0.txt", "a1.txt", "a2.txt"]
    assert [d.path for d in diags] == ["a3.txt", "a4.txt"]
    assert all(d.level == "error" and f"limit of {3 * size} bytes" in d.message for d in diags)


def test_huge_files_keep_memory_bounded(tmp_path):
    """A 50 MB and a 4 GB (sparse) file next to a good one: refused, and the process stays small."""
    import subprocess
    import sys

    content = tmp_path / "content"
    write(content / "good.txt", GOOD)
    for name, size in (("fifty.txt", 50 * 1024 * 1024), ("huge.md", 4 * 1024 ** 3)):
        with open(content / name, "wb") as f:
            f.truncate(size)
    # VmHWM is this process image's own peak (ru_maxrss would carry over the forking pytest's size)
    code = ("import sys; from pathlib import Path; from generator.sources import read_content;"
            "a, d = read_content(Path(sys.argv[1])); print(len(a), len(d));"
            "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code, str(content)], capture_output=True, text=True, check=True,
                         cwd=root).stdout.split()
    assert out[:2] == ["1", "2"]
    assert int(out[2]) < 100 * 1024, f"peak RSS {int(out[2]) // 1024} MB"  # VmHWM is in kB


def test_limits_doc_matches_the_code():
    import generator.sources as sources
    import generator.sources_markdown as md

    doc = (Path(__file__).resolve().parent.parent / "docs" / "limits.md").read_text("utf-8")
    assert f"{sources.MAX_FILE_BYTES:,} bytes" in doc and f"{sources.MAX_FILE_BYTES // 2**20} MiB" in doc
    assert f"{sources.MAX_TOTAL_BYTES // 2**20} MiB" in doc
    assert f"{sources.MAX_LINES:,}" in doc
    from generator.sources_files import MAX_DEPTH

    assert f"{MAX_DEPTH} levels" in doc
    for value in (sources.MAX_LINE_CHARS, sources.MAX_TITLE_CHARS, sources.MAX_URL_CHARS, md.MAX_TAG_CHARS,
                  md.MAX_OUTLET_CHARS):
        assert f"{value:,} characters" in doc or f"{value} characters" in doc, value
    assert f"{md.MAX_MARKDOWN_CHARS:,} characters and {md.MAX_BRACKETS:,} `[`" in doc
    assert f"{md.MAX_TAGS} tags" in doc and f"{sources.MIN_YEAR}-01-01 to {sources.MAX_YEAR}-12-31" in doc


def test_build_with_odd_file_names(tmp_path):
    import json

    content = tmp_path / "content"
    content.mkdir()
    (content / "two\nlines: 1: error: forged.txt").write_text(GOOD)
    (content / os.fsdecode(b"caf\xe9.txt")).write_text(article("Other story", url="https://x.example/o"))
    code, _, err = build(content, tmp_path / "site")
    assert code == 0
    assert all(DIAG_LINE.match(line) for line in err.splitlines()) and len(err.splitlines()) == 2
    files = {s["file"] for story in json.loads((tmp_path / "site" / "digest.json").read_text("utf-8"))["stories"]
             for s in story["sources"]}
    assert files == {"two\\nlines: 1: error: forged.txt", "caf\ufffd.txt"}


def test_many_files_all_accounted_for(tmp_path):
    """Thousands of files (good, bad, duplicate, odd) in nested folders: read + diagnosed == given."""
    content = tmp_path / "content"
    kinds = [article, lambda i: "only a title\n", lambda i: article(date="20211332"), lambda i: GOOD]
    given = set()
    for i in range(3000):
        rel = f"d{i % 7}/e{i % 11}/f{i:04d}.txt"
        text = kinds[i % 4](i) if i % 4 else article(f"Story {i}", url=f"https://x.example/{i}")
        write(content / rel, text)
        given.add(rel)
    articles, diags = read_content(content)
    read = {a.path for a in articles}
    diagnosed = {d.path for d in diags}
    assert read | diagnosed == given and not read & diagnosed
    assert len(read) == 750 + 1  # the distinct good stories, plus one of the 750 identical GOOD copies


def test_deep_folders_do_not_crash_and_the_depth_limit_is_reported(tmp_path):
    from generator.sources_files import MAX_DEPTH

    content = tmp_path / "content"
    folder = content
    folder.mkdir()
    for level in range(1, 1101):  # deeper than Python's recursion limit: os.walk on 3.11 would raise
        folder = folder / "a"
        folder.mkdir()
        if level in (MAX_DEPTH, MAX_DEPTH + 1):
            write(folder / "x.txt", article(f"Level {level}", url=f"https://x.example/{level}"))
    try:
        articles, diags = read_content(content)
    finally:
        while folder != content:  # remove bottom-up: shutil.rmtree (pytest's cleanup) recurses too deep
            for child in folder.iterdir():
                child.unlink()
            folder.rmdir()
            folder = folder.parent
    assert [a.title for a in articles] == [f"Level {MAX_DEPTH}"]
    assert len(diags) == 1 and diags[0].path == "/".join(["a"] * (MAX_DEPTH + 1))
    assert f"deeper than {MAX_DEPTH} levels" in diags[0].message
