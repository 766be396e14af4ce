"""Quote extraction and speaker attribution measured on PolNeAR (../shared/data/polnear).

How it is scored
- Gold quotes: every string inside double quotes of a gold attribution marked `direct` (the `quoted_segments`),
  located by character offsets in its body paragraph. Where the converted segments are broken (empty, missing, or
  not right after an opening mark: the conversion pairs marks inside the annotated content alone, which fails when
  the content starts after an opening mark or runs on to the next paragraph without a closing one), the segments
  are the quoted parts of the annotated spans read off the paragraph (quoteeval_gold.paragraph_segments).
- A predicted quote (one `Quote` from `extract_quotes`, located by its verbatim text in its paragraph) matches a
  gold quote when their character spans in the same paragraph overlap by at least half of each.
- Recall: share of gold quotes of 4+ word tokens matched by some extracted quote (attributed or not).
  Attributed recall: the same, counting only quotes that were given a speaker.
- Precision: share of the quotes we attribute (speaker not None) that match any gold quote of any length.
  Quotes delimited by two apostrophes ('' ... '', the NYT wire convention) are counted apart and not scored:
  PolNeAR marks content as direct only when it holds a double-quote character, so they can never match.
  Quotes left without a speaker (scare quotes, titles, transcripts) are not counted: they are never shown.
- Speaker accuracy: over recalled gold quotes of 4+ tokens whose gold source can be scored, a hit is a quote whose
  speaker's surname (last word of our canonical name, or of a description such as "the newspaper") appears among the
  words of the gold source span (titles and appositions included). When the gold source is a pronoun, the previous
  gold source span in the article (document order) that holds a capitalised name is used instead; quotes with no
  gold source, or a pronoun with no earlier named source, are not scored. When several extracted quotes match one
  gold quote, the first with a speaker is used. A gold source left as "the president" also matches a
  named speaker whose role we give ends in that word (we resolved the description to the person). "strict": a recalled quote we left without a speaker counts as a
  miss; "given": accuracy over the recalled quotes we did give a speaker (how often a shown speaker is right).
- Speed: CPU time (time.process_time) of extract_quotes over all articles of the split, per article: the first
  pass (cold name caches) and the best of two further passes (warm caches, as in a long build). One core.
- Seed check: the must-show quotes of ../shared/seeds/000_b696d36f1c6d484c.txt, when present.
Tune on train/dev; the figures to report are the test split's. Prints a skip message and exits 0 without the data.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from quoteeval_gold import GoldQuote, load_article, load_gold  # noqa: E402
from quoteeval_seed import check_seed  # noqa: E402

from generator.quotes import extract_quotes  # noqa: E402
from generator.quotes_names import surname  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "polnear"
SEED = ROOT.parent / "shared" / "seeds" / "000_b696d36f1c6d484c.txt"


def _locate(quotes, article):
    """(quote, paragraph, start, end) for each extracted quote."""
    out, cursor = [], {}
    for q in quotes:
        para = article.paragraphs[q.paragraph]
        i = para.find(q.text, cursor.get(q.paragraph, 0))
        if i < 0:
            i = para.find(q.text)
        if i < 0:
            continue
        cursor[q.paragraph] = i + 1
        out.append((q, q.paragraph, i, i + len(q.text)))
    return out


def _overlap(g: GoldQuote, p) -> bool:
    if g.paragraph != p[1]:
        return False
    inter = min(g.end, p[3]) - max(g.start, p[2])
    return inter > 0 and inter >= 0.5 * (g.end - g.start) and inter >= 0.5 * (p[3] - p[2])


def speaker_hit(speaker: str, gold_span: str, role: str | None = None) -> bool:
    gold = gold_span.replace("\xa0", " ").lower().split()
    if role and len(gold) == 2 and gold[0] == "the" and role.lower().split()[-1] == gold[1]:
        return True  # gold left "the president" unresolved; we named the president (role "President")
    last = surname(speaker.replace("\u2019", "'")).lower().strip(".,'")
    if last.endswith("'s"):
        last = last[:-2]
    # Apostrophes inside a word are kept so that "O'Donnell" is one word; possessive "'s" and edge marks are not.
    span = gold_span.replace("\u2019", "'").replace("'s", "")
    return last in {w.lower().strip("'") for w in re.findall(r"[\w'-]+", span)}


def evaluate(split: str, errors: int = 0) -> dict:
    files = sorted((DATA / split / "articles").glob("*.txt"))
    articles = [load_article(f) for f in files]
    t0 = time.process_time()
    predicted = [extract_quotes(a) for a in articles]
    cpu = time.process_time() - t0
    warm = cpu
    for _ in range(2):  # again with name caches filled, as in a long build
        t0 = time.process_time()
        for a in articles:
            extract_quotes(a)
        warm = min(warm, time.process_time() - t0)
    n = dict(doubled=0, gold4=0, recalled=0, recalled_attr=0, attributed=0, precise=0, scored=0, hits=0, scored_attr=0)
    shown = 0
    for f, article, quotes in zip(files, articles, predicted):
        gold = load_gold(DATA / split / "quotes" / (f.stem + ".json"), article)
        located = _locate(quotes, article)
        for p in located:
            if p[0].speaker and article.paragraphs[p[1]][max(0, p[2] - 2):p[2]] == "''":
                n["doubled"] += 1  # '' marks: gold marks only "-delimited content as direct, so never gold
            elif p[0].speaker:
                n["attributed"] += 1
                if any(_overlap(g, p) for g in gold):
                    n["precise"] += 1
                elif shown < errors:
                    shown += 1
                    print(f"  FP {f.stem} p{p[1]} [{p[0].speaker}] {p[0].text[:90]!r}")
        for g in gold:
            if g.words < 4:
                continue
            n["gold4"] += 1
            matches = [p for p in located if _overlap(g, p)]
            if not matches:
                if shown < errors:
                    shown += 1
                    print(f"  MISS {f.stem} p{g.paragraph} {g.text[:90]!r}")
                continue
            n["recalled"] += 1
            best = next((p for p in matches if p[0].speaker), matches[0])
            if best[0].speaker:
                n["recalled_attr"] += 1
            if g.resolved is None:
                continue
            n["scored"] += 1
            if best[0].speaker:
                n["scored_attr"] += 1
            if best[0].speaker and speaker_hit(best[0].speaker, g.resolved, best[0].role):
                n["hits"] += 1
            elif shown < errors:
                shown += 1
                print(f"  SPK {f.stem} p{g.paragraph} ours={best[0].speaker!r} gold={g.speaker!r}/{g.resolved!r} {g.text[:60]!r}")
    n["articles"], n["cpu"], n["warm"] = len(articles), cpu, warm
    return n


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a"


def report(split: str, n: dict) -> None:
    print(f"polnear/{split}: {n['articles']} articles, {n['gold4']} gold direct quotes of 4+ tokens")
    print(f"  recall (extracted)          {_ratio(n['recalled'], n['gold4'])}")
    print(f"  recall (attributed)         {_ratio(n['recalled_attr'], n['gold4'])}")
    print(f"  precision (attributed)      {_ratio(n['precise'], n['attributed'])}"
          f"  [+{n['doubled']} quotes in '' marks not scored]")
    print(f"  speaker accuracy (strict)   {_ratio(n['hits'], n['scored'])}")
    print(f"  speaker accuracy (given)    {_ratio(n['hits'], n['scored_attr'])}")
    ms, warm = (1000 * n[k] / max(1, n["articles"]) for k in ("cpu", "warm"))
    print(f"  speed: {n['cpu']:.3f} s CPU for {n['articles']} articles = {ms:.3f} ms/article first pass, "
          f"{warm:.3f} ms/article best of two more")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", action="append", help="train, dev or test (default: dev and test)")
    ap.add_argument("--errors", type=int, default=0, help="print up to N misses / false positives (tuning splits)")
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"skip: {DATA} not found (PolNeAR evaluation data is not part of the repository)")
        return 0
    for split in args.split or ["dev", "test"]:
        report(split, evaluate(split, args.errors))
    if SEED.is_file():
        check_seed(SEED)
    else:
        print(f"skip seed check: {SEED} not found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
