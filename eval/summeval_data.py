"""Loaders for the summary evaluation sets under ../shared/data (eval only, never shipped).

Each item is (name, articles, reference sentences). Shuffled variants shuffle paragraph order with a
fixed per-item seed so every run sees the same input.
"""
from __future__ import annotations

import dataclasses
import random
import zlib
from pathlib import Path

from generator.model import Article
from generator.sources import read_file

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def _read(path: Path, rel: str, blank_title: bool) -> Article | None:
    art = read_file(path, rel)
    if not isinstance(art, Article):
        return None
    if blank_title:
        # The converters copied the first body sentence into the headline: keep it out or it leaks the lede.
        art = dataclasses.replace(art, title="")
    return art


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def shuffled(article: Article, key: str) -> Article:
    paras = list(article.paragraphs)
    random.Random(zlib.crc32(key.encode())).shuffle(paras)
    return dataclasses.replace(article, paragraphs=paras)


def cnndm(limit: int | None = None) -> list[tuple[str, list[Article], list[str]]]:
    root = DATA / "frank-cnndm-xsum"
    items = []
    for path in sorted((root / "articles").glob("cnndm_*.txt"))[:limit]:
        art = _read(path, f"cnndm/{path.name}", blank_title=True)
        if art:
            items.append((path.stem, [art], _lines(root / "summaries" / path.name)))
    return items


def multinews(limit: int | None = None) -> list[tuple[str, list[Article], list[str]]]:
    root = DATA / "multi-news-longbench" / "clusters"
    items = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir())[:limit]:
        arts = [_read(p, f"{folder.name}/{p.name}", blank_title=True)
                for p in sorted(folder.glob("*.txt")) if p.name != "summary.txt"]
        arts = [a for a in arts if a]
        if arts:
            items.append((folder.name, arts, _lines(folder / "summary.txt")))
    return items


def bbc(limit: int | None = None) -> list[tuple[str, list[Article], list[str]]]:
    root = DATA / "bbc-news-summary"
    items = []
    for path in sorted((root / "articles").glob("*.txt"))[:limit]:
        art = _read(path, f"bbc/{path.name}", blank_title=False)  # real BBC headlines
        if art:
            items.append((path.stem, [art], _lines(root / "summaries" / path.name)))
    return items


def wire_copies(article: Article, key: str) -> list[Article]:
    """The same story as 3 wire copies, the way agencies' clients republish it: the original; a copy
    with an agency dateline on its first paragraph and a reporting credit at the end; a copy with a
    byline on top and its last paragraph cut."""
    paras = list(article.paragraphs)
    dated = [f"LONDON (Reuters) - {paras[0]}"] + paras[1:] + ["Reporting by Jane Doe; Editing by John Roe"]
    trimmed = ["By Staff Reporter"] + (paras[:-1] if len(paras) > 1 else paras)
    return [article] + [dataclasses.replace(article, paragraphs=p, path=f"{article.path}#{i}",
                                            url=f"{article.url}?copy={i}")
                        for i, p in ((1, dated), (2, trimmed))]


def available() -> bool:
    return (DATA / "frank-cnndm-xsum").is_dir()
