"""Seeded generator of syndicated copies of real articles, and roundup / boilerplate hard negatives.

Each base article gets exactly one transformed copy (transformations assigned round-robin), so every
positive pair is (original, copy) and per-transformation recall is well defined. Hard negatives:
roundups stitched from one or two paragraphs of several base articles, and unrelated base articles
that all carry the same outlet furniture.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import random

from generator.model import Article

CITIES = ["LONDON", "STOCKHOLM", "NAIROBI", "LIMA", "OSLO", "MANILA", "QUITO", "HANOI"]
AGENCIES = ["Reuters", "AP", "AFP"]
FURNITURE = [
    "Reporting by Ana Lindqvist; Editing by Tomas Berg",
    "Sign up for our newsletter to get the day's top stories in your inbox every morning.",
    "(c) 2024 Example Wire Service. All rights reserved.",
]


def _copy(a: Article, rng: random.Random, tag: str, paragraphs: list[str] | None = None, **changes) -> Article:
    host = f"outlet{rng.randrange(1000)}.example"
    return dataclasses.replace(a, path=f"synthetic/{tag}/{a.path}", url=f"https://{host}/{tag}/{rng.randrange(10**6)}",
                               outlet=host, paragraphs=list(a.paragraphs if paragraphs is None else paragraphs), **changes)


def _typos(text: str, rng: random.Random, rate: float = 0.03) -> str:
    words = text.split(" ")
    for k, w in enumerate(words):
        if len(w) > 4 and w.isalpha() and rng.random() < rate:
            p = rng.randrange(1, len(w) - 2)
            words[k] = w[:p] + w[p + 1] + w[p] + w[p + 2:]
    return " ".join(words)


def _curl(text: str) -> str:
    out, open_quote = [], True
    for ch in text:
        if ch == '"':
            out.append("\u201c" if open_quote else "\u201d")
            open_quote = not open_quote
        else:
            out.append("\u2019" if ch == "'" else ch)
    return "".join(out)


def transform(name: str, a: Article, rng: random.Random, filler: list[str]) -> Article:
    """One syndication transformation of article a (filler: unrelated paragraphs for updates)."""
    paras = list(a.paragraphs)
    if name == "exact":
        return _copy(a, rng, name)
    if name == "trim_top":
        return _copy(a, rng, name, paras[:max(1, (len(paras) + 1) // 2)])
    if name == "brief":
        return _copy(a, rng, name, paras[:2])
    if name == "drop_paragraphs":
        keep = [p for p in paras if rng.random() > 0.3] or paras[:1]
        return _copy(a, rng, name, keep)
    if name == "reorder":
        rng.shuffle(paras)
        return _copy(a, rng, name, paras)
    if name == "headline":
        return _copy(a, rng, name, title="UPDATED: " + " ".join(reversed(a.title.split())))
    if name == "dateline":
        paras[0] = f"{rng.choice(CITIES)} ({rng.choice(AGENCIES)}) - {paras[0]}"
        return _copy(a, rng, name, paras)
    if name == "boilerplate":
        return _copy(a, rng, name, ["By Staff Writer"] + paras + FURNITURE)
    if name == "quotes":
        return _copy(a, rng, name, [_curl(p) for p in paras])
    if name == "day_later":
        return _copy(a, rng, name, date=a.date + dt.timedelta(days=1))
    if name == "typos":
        return _copy(a, rng, name, [_typos(p, rng) for p in paras])
    if name == "update":
        return _copy(a, rng, name, paras + ["Update: " + filler.pop(rng.randrange(len(filler)))])
    if name == "combined":
        steps = rng.sample(["trim_top", "reorder", "dateline", "boilerplate", "quotes", "typos", "update",
                            "headline", "day_later"], 4)
        out = a
        for step in steps:
            out = transform(step, out, rng, filler)
        return dataclasses.replace(out, path=f"synthetic/combined/{a.path}")
    raise ValueError(name)


TRANSFORMS = ["exact", "trim_top", "brief", "drop_paragraphs", "reorder", "headline", "dateline", "boilerplate",
              "quotes", "day_later", "typos", "update", "combined"]


@dataclasses.dataclass
class CopySet:
    articles: list[Article]
    positives: dict[str, list[tuple[int, int]]]  # transformation -> (original, copy) index pairs
    roundup_pairs: list[tuple[int, int]]  # (roundup, source) pairs that must not be copies
    boilerplate_pairs: list[tuple[int, int]]  # unrelated articles sharing outlet furniture


def build_copy_set(bases: list[Article], filler: list[str], seed: int = 7, roundups: int = 100,
                   furnished: int = 100) -> CopySet:
    """filler: paragraphs from articles outside the set, used as genuinely new update paragraphs."""
    rng = random.Random(seed)
    filler = list(filler)
    bases = list(bases)
    rng.shuffle(bases)
    arts = list(bases)
    positives: dict[str, list[tuple[int, int]]] = {t: [] for t in TRANSFORMS}
    for k, a in enumerate(bases):
        if len(a.paragraphs) < 2:
            continue
        name = TRANSFORMS[k % len(TRANSFORMS)]
        arts.append(transform(name, a, rng, filler))
        positives[name].append((k, len(arts) - 1))
    roundup_pairs = []
    for r in range(roundups):
        sources = rng.sample(range(len(bases)), rng.randint(3, 5))
        paras = [p for s in sources for p in bases[s].paragraphs[:rng.randint(1, 2)]]
        arts.append(dataclasses.replace(bases[sources[0]], path=f"synthetic/roundup/{r}.txt", title=f"Briefing {r}",
                                        url=f"https://briefing.example/{r}", paragraphs=["Here is the news."] + paras))
        roundup_pairs.extend((len(arts) - 1, s) for s in sources)
    furnished_ids = rng.sample(range(len(bases)), furnished)
    for i in furnished_ids:
        arts[i] = dataclasses.replace(arts[i], paragraphs=arts[i].paragraphs + FURNITURE)
    boilerplate_pairs = list(zip(furnished_ids, furnished_ids[1:]))
    return CopySet(arts, positives, roundup_pairs, boilerplate_pairs)

