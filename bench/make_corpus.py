"""Seeded synthetic news corpus in the seed format, for benchmarks (never copied from real data).

    python bench/make_corpus.py OUT_DIR [--articles N] [--seed S] [--markdown HUGO_CONTENT_DIR]

Each file: headline, YYYYMMDD, source URL, one paragraph per line (~700 words). Stories come as an
original wire text plus syndicated near-duplicate copies (paragraphs shuffled, some dropped, a few
words edited, new headline and outlet) and now and then independent coverage of the same event, with
dateline ledes and attributed quotes. Words are made from syllables, so the text is pure invention.
With --markdown the same articles are also written as Markdown pages with front matter (for Hugo).
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
FUNCTION = ("the a of to in and for on with at by from that as into after over about than its their "
            "this was were has have had will would could is are be been more most new also").split()
VERBS = ("approved rejected announced delayed opened closed raised cut expanded reviewed signed "
         "blocked questioned defended extended launched").split()
WIRES = ["Nordwire", "Reuters", "AFP", "AP"]
CUES = ["said", "told reporters", "added", "warned", "said on Tuesday"]
ROLES = ["Mayor", "Minister", "spokeswoman", "director", "Councillor", "chief executive"]
FILES_PER_DIR = 1000


class Vocabulary:
    """Deterministic invented words: common ones shared by all stories, rare ones per story."""

    def __init__(self, rng: random.Random, size: int = 40000):
        seen: set[str] = set()
        words = []
        while len(words) < size:
            w = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 4))))
            if w not in seen:
                seen.add(w)
                words.append(w)
        self.common = words[:2000]
        self.rare = words[2000:]

    def topic(self, rng: random.Random) -> list[str]:
        return rng.sample(self.rare, 40)

    def name(self, rng: random.Random) -> str:
        return " ".join(rng.choice(self.rare).capitalize() for _ in range(2))


def sentence(rng: random.Random, vocab: Vocabulary, topic: list[str], names: list[str]) -> str:
    words = []
    for _ in range(rng.randint(12, 24)):
        r = rng.random()
        words.append(rng.choice(FUNCTION) if r < 0.35 else rng.choice(topic) if r < 0.7 else rng.choice(vocab.common))
    if rng.random() < 0.4:
        words.insert(rng.randint(1, len(words) - 1), f"{rng.randint(2, 900)}")
    if rng.random() < 0.5:
        words.insert(0, rng.choice(names))
        words.insert(rng.randint(2, len(words)), rng.choice(VERBS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, vocab: Vocabulary, topic: list[str], names: list[str]) -> str:
    return " ".join(sentence(rng, vocab, topic, names) for _ in range(rng.randint(2, 3)))


def quote_paragraph(rng: random.Random, vocab: Vocabulary, topic: list[str], names: list[str], roles: dict) -> str:
    speaker = rng.choice(names)
    said = sentence(rng, vocab, topic, names).rstrip(".")
    if rng.random() < 0.5:
        return f'"{said}," {roles[speaker]} {speaker} {rng.choice(CUES)}.'
    return f'{speaker} {rng.choice(CUES)}: "{said}."'


def original(rng: random.Random, vocab: Vocabulary, story: dict) -> list[str]:
    topic, names = story["topic"], story["names"]
    paras = [paragraph(rng, vocab, topic, names) for _ in range(rng.randint(11, 15))]
    for _ in range(rng.randint(2, 4)):
        paras.insert(rng.randint(1, len(paras)), quote_paragraph(rng, vocab, topic, names, story["roles"]))
    lede = f"{story['city']} ({rng.choice(WIRES)}) - {paragraph(rng, vocab, topic, names)}"
    return [lede] + paras


def syndicate(rng: random.Random, vocab: Vocabulary, paras: list[str]) -> list[str]:
    """A syndicated copy: a few paragraphs dropped, some shuffled, a few words changed."""
    kept = [p for i, p in enumerate(paras) if i == 0 or rng.random() > 0.15]
    for _ in range(rng.randint(0, 3)):
        i, j = rng.randrange(len(kept)), rng.randrange(len(kept))
        kept[i], kept[j] = kept[j], kept[i]
    out = []
    for p in kept:
        words = p.split(" ")
        for _ in range(rng.randint(0, 2)):
            k = rng.randrange(len(words))
            if words[k].isalpha() and words[k].islower():
                words[k] = rng.choice(vocab.common)
        out.append(" ".join(words))
    return out


def headline(rng: random.Random, story: dict) -> str:
    words = [rng.choice(story["names"]).split()[1], rng.choice(VERBS)] + rng.sample(story["topic"][:10], 5)
    return " ".join(words).capitalize().replace(words[0].lower(), words[0], 1)


def articles(n: int, seed: int):
    """Yield (headline, date, url, paragraphs) for n articles, grouped into stories."""
    rng = random.Random(seed)
    # Vocabulary grows with the corpus (Heaps' law; new names keep appearing), so a rare word's document
    # frequency stays realistic at 100k articles instead of every topic word recurring in dozens of stories.
    vocab = Vocabulary(rng, max(40000, 8 * n))
    outlets = [f"https://www.{''.join(rng.sample(SYLLABLES, 3))}.example" for _ in range(60)]
    start = dt.date(2026, 1, 1)
    made, story_no = 0, 0
    while made < n:
        story_no += 1
        names = [vocab.name(rng) for _ in range(3)]
        story = {"topic": vocab.topic(rng), "names": names, "city": rng.choice(vocab.rare).upper(),
                 "roles": {nm: rng.choice(ROLES) for nm in names}}
        day = start + dt.timedelta(days=rng.randrange(300))
        base = original(rng, vocab, story)
        texts = [base] + [syndicate(rng, vocab, base) for _ in range(rng.choice((0, 0, 1, 1, 2, 3)))]
        if rng.random() < 0.2:  # independent coverage of the same event
            texts.append(original(rng, vocab, story))
        for k, paras in enumerate(texts):
            if made >= n:
                break
            outlet = rng.choice(outlets)
            when = day + dt.timedelta(days=rng.choice((0, 0, 0, 1)) if k else 0)
            yield headline(rng, story), when, f"{outlet}/news/{story_no}-{k}", paras
            made += 1


def write_corpus(out: Path, n: int, seed: int = 1, markdown: Path | None = None) -> int:
    for i, (title, date, url, paras) in enumerate(articles(n, seed)):
        rel = f"{i // FILES_PER_DIR:03d}/a{i:06d}"
        path = out / (rel + ".txt")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{title}\n{date:%Y%m%d}\n{url}\n" + "\n".join(paras) + "\n", encoding="utf-8")
        if markdown is not None:
            md = markdown / (rel + ".md")
            md.parent.mkdir(parents=True, exist_ok=True)
            md.write_text(f'---\ntitle: "{title}"\ndate: {date.isoformat()}\n---\n' + "\n\n".join(paras) + "\n",
                          encoding="utf-8")
    return n


def extra_article(seed: int) -> str:
    """One new article (its own story) in the seed format, for the add-one benchmark."""
    title, date, url, paras = next(articles(1, seed))
    return f"{title}\n{date:%Y%m%d}\n{url}\n" + "\n".join(paras) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--markdown", type=Path, help="also write Markdown pages here (Hugo content)")
    args = ap.parse_args()
    write_corpus(args.out, args.articles, args.seed, args.markdown)


if __name__ == "__main__":
    main()
