"""Property-based tests (hypothesis): the reader and the whole pipeline never raise on any input, every file
becomes an article or a diagnostic, and a well-formed file always builds."""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.model import Article
from generator.sources import read_article, read_content

from .test_reliability_util import DIAG_LINE, build

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", 60))  # raise it for a longer bug hunt
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIPELINE = settings(max_examples=EXAMPLES // 3, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORD_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éüßøçñ日本語Ωж"
words = st.text(st.sampled_from(WORD_CHARS), min_size=1, max_size=12)
phrase = st.lists(words, min_size=1, max_size=12).map(" ".join)
punct = st.sampled_from(["", ".", ",", "!", "?", ":", " -", " \"", "'s", " (x)", " &", " <b>", " ]]>"])
sentence = st.tuples(phrase, punct).map("".join)
odd_space = st.sampled_from([" ", "  ", "\t", " \u00a0", "\u3000"])
line_end = st.sampled_from(["\n", "\r\n", "\r", "\n\n", " \n"])
good_date = st.dates(dt.date(1970, 1, 1), dt.date(2100, 12, 31))
good_url = st.tuples(st.sampled_from(["http", "https", "HTTPS"]),
                     st.from_regex(r"[a-z0-9]{1,10}\.example", fullmatch=True),
                     st.from_regex(r"[A-Za-z0-9_./%~'\"()<>-]{0,30}", fullmatch=True)
                     ).map(lambda t: f"{t[0]}://{t[1]}/{t[2]}")


@st.composite
def good_article(draw) -> tuple[bytes, str, list[str]]:
    """A valid plain-text article with odd-but-legal formatting; returns (bytes, title, paragraphs)."""
    title = draw(sentence)
    date = draw(good_date)
    date_text = date.strftime(draw(st.sampled_from(["%Y%m%d", "%Y-%m-%d"])))
    paras = draw(st.lists(sentence, min_size=1, max_size=6))
    end = draw(line_end)
    lines = [title, date_text, draw(good_url)] + paras
    lines = [draw(odd_space).strip(" ") + line + draw(odd_space) if draw(st.booleans()) else line for line in lines]
    text = end.join(lines) + draw(st.sampled_from(["", end]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
    return text.encode(encoding), " ".join(title.split()), [" ".join(p.split()) for p in paras]


def odd_text() -> st.SearchStrategy[bytes]:
    """Random Unicode (controls, NULs, line separators included) in a random encoding."""
    return st.tuples(st.text(max_size=400), st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252"])).map(
        lambda t: t[0].encode(t[1], "replace"))


structured_junk = st.lists(st.one_of(sentence, st.text(max_size=60), st.sampled_from(
    ["20261112", "2026-11-12", "20211332", "19000101", "javascript:alert(1)", "https://x.example/a", "---",
     "title: T", "date: 2026-11-10", "url: https://x.example/", "tags: [a, [b]]", "\x00", "\ufeff"])),
    max_size=12).map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass"))
any_file = st.one_of(st.binary(max_size=600), odd_text(), structured_junk, good_article().map(lambda g: g[0]))


def check_result(article, diags, rel):
    for d in diags:
        assert DIAG_LINE.match(str(d)) and d.path == rel and d.line >= 1
    if article is None:
        assert any(d.level == "error" for d in diags)
    else:
        assert isinstance(article, Article) and article.title and article.paragraphs
        assert article.url.lower().startswith(("http://", "https://"))
        text = article.title + "".join(article.paragraphs)
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c in "\ufffe\uffff" for c in text)


@FAST
@given(data=any_file, suffix=st.sampled_from([".txt", ".md"]))
def test_reader_never_raises(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"f{suffix}"
        path.write_bytes(data)
        article, diags = read_article(path, path.name)
        check_result(article, diags, path.name)


@FAST
@given(good=good_article())
def test_well_formed_articles_always_build(good):
    data, title, paras = good
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.txt"
        path.write_bytes(data)
        article, diags = read_article(path, "a.txt")
        assert article is not None, diags
        assert article.title == title and article.paragraphs == [p for p in paras if p]
        assert all(d.level == "warning" for d in diags)


@PIPELINE
@given(files=st.lists(any_file, min_size=1, max_size=6), strict=st.booleans())
def test_pipeline_always_gives_a_site_or_a_diagnostic(files, strict):
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        content.mkdir()
        for i, data in enumerate(files):
            (content / f"f{i}{'.md' if i % 3 == 2 else '.txt'}").write_bytes(data)
        articles, diags = read_content(content)
        lost = {f"f{i}{'.md' if i % 3 == 2 else '.txt'}" for i in range(len(files))} - {a.path for a in articles}
        assert lost <= {d.path for d in diags}  # nothing silently lost
        code, out, err = build(content, Path(tmp) / "site", *(["--strict"] if strict else []))
        diagnosed = [line for line in err.splitlines() if DIAG_LINE.match(line)]
        assert len(diagnosed) == len(err.splitlines())
        assert code == (1 if strict and diagnosed else 0)
        assert int(out.split()[0]) == len(articles)  # "N articles read" agrees with the reader
        digest = json.loads((Path(tmp) / "site" / "digest.json").read_text("utf-8"))
        assert sum(len(s["sources"]) for s in digest["stories"]) == len(articles)
        assert (Path(tmp) / "site" / "index.html").is_file()


@FAST
@given(title=st.text(max_size=200))
def test_slugs_are_plain_words(title):
    import re

    from generator.digest import slugify

    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slugify(title))


@FAST
@given(rel=st.text(st.sampled_from("ab./\\\x00~-"), max_size=20))
def test_writer_never_writes_outside(rel):
    from generator.output import OutputError, SiteWriter

    with tempfile.TemporaryDirectory() as tmp:
        writer = SiteWriter(Path(tmp) / "site")
        try:
            writer.write_text(rel, "x")
        except (OutputError, IsADirectoryError, NotADirectoryError, FileExistsError):
            pass
        finally:
            inside = [p for p in writer.tmp.rglob("*")]
            writer.abort()
        assert all(p.resolve().is_relative_to(writer.tmp.resolve()) for p in inside)
        assert sorted(p.name for p in Path(tmp).iterdir()) == []  # nothing but the (removed) temp folder


node_names = st.sampled_from(["a.txt", "b.md", "c.txt", "d", "e.txt", "f.pdf", ".h.txt", "g"])
tree_ops = st.lists(st.tuples(
    st.sampled_from(["file", "dir", "link", "badfile"]),
    st.lists(node_names, min_size=1, max_size=3),  # where (path parts)
    st.lists(st.sampled_from(["..", ".", "a.txt", "d", "g", "b.md", "/etc/hostname", "/tmp", "nowhere"]),
             min_size=1, max_size=3),  # link target parts
), max_size=14)


@FAST
@given(ops=tree_ops)
def test_random_trees_with_links_lose_nothing(ops):
    """Random folders, files and symlinks (inside, outside, dangling, loops): the read never raises and every
    visible file name is either an article or has a diagnostic."""
    import os

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        root.mkdir()
        for kind, parts, target in ops:
            path = root.joinpath(*parts)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                if kind == "dir":
                    path.mkdir(exist_ok=True)
                elif kind == "link":
                    os.symlink(target[0] if target[0].startswith("/") else os.path.join(*target), path)
                else:
                    path.write_bytes(f"T {parts}\n20261112\nhttps://x.example/{len(parts)}\nBody.\n".encode()
                                     if kind == "file" else b"\x00\xff" * 8)
            except OSError:
                continue  # e.g. a parent that is a file or a link: the tree just stays as it is
        articles, diags = read_content(root)
        accounted = {a.path for a in articles} | {d.path for d in diags}
        for dirpath, dirnames, filenames in os.walk(root):
            rel_dir = Path(dirpath).relative_to(root)
            if any(part.startswith(".") for part in rel_dir.parts):
                continue
            for name in filenames + [d for d in dirnames if (Path(dirpath) / d).is_symlink()]:
                if not name.startswith("."):
                    assert (rel_dir / name).as_posix() in accounted, (rel_dir / name, accounted)
        for a in articles:
            assert not Path(a.path).is_absolute()


clean_text = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff\ufffe\uffff")
                     | st.just("\n"), max_size=300)


@FAST
@given(text=clean_text, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decode_keeps_clean_text_exactly(text, encoding):
    """Text without control characters round-trips through any supported Unicode encoding, unless it holds a
    Latin-1/cp1252 mojibake pair (then ftfy may repair it, with a warning)."""
    from generator.sources_decode import _MOJIBAKE_HINT, decode

    decoded, warnings = decode(text.encode(encoding))
    if not _MOJIBAKE_HINT.search(text):
        assert decoded == text
    assert all(w.level == "warning" for w in warnings)


@FAST
@given(text=st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, blacklist_categories=("Cc",)), max_size=200))
def test_decode_reads_latin1_as_written(text):
    from generator.sources_decode import decode

    raw = text.encode("latin-1")
    assume(not raw.startswith((b"\xff\xfe", b"\xfe\xff")))  # "ÿþ"/"þÿ" is a UTF-16 byte-order mark
    decoded, warnings = decode(raw)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        assert decoded == text and "Windows-1252" in warnings[0].message  # Latin-1 letters are cp1252's too
