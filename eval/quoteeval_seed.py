"""Must-show quotes of the seed article (../shared/seeds/000_...): each with its speaker; scare quotes not key."""
from __future__ import annotations

from pathlib import Path

from quoteeval_gold import load_article

from generator.quotes import extract_quotes, key_quotes

# (opening words of the quote, surname that must be its speaker)
EXPECTED = [
    ("We, as President Vladimir Putin has stated", "Lavrov"),
    ("The architecture of strategic stability", "Lavrov"),
    ("Should Moscow choose the path of military escalation", "Price"),
    ("The date has not yet been agreed", "Ryabkov"),
    ("if Russia decides to pursue confrontation", "Blinken"),
    ("The best way to avert the crisis is through diplomacy", "Blinken"),
    ("The best case", "Austin"),
]
NOT_KEY = ["propaganda nonsense", "serious, sober and business-like"]


def check_seed(path: Path) -> bool:
    article = load_article(path)
    article.paragraphs = [p for p in article.paragraphs if p.strip()]
    quotes = extract_quotes(article)
    ok = True
    for head, who in EXPECTED:
        q = next((q for q in quotes if q.text.startswith(head)), None)
        good = q is not None and q.speaker is not None and q.speaker.split()[-1] == who
        ok &= good
        print(f"  seed {'PASS' if good else 'FAIL'}: {head[:40]!r} -> {q.speaker if q else None!r} (want {who})")
    keys = key_quotes([article], [])
    for text in NOT_KEY:
        good = all(text not in q.text for q in keys)
        ok &= good
        print(f"  seed {'PASS' if good else 'FAIL'}: {text!r} not a key quote")
    print(f"seed check: {'PASS' if ok else 'FAIL'}")
    return ok
