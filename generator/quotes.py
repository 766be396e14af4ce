"""Direct quotes and who said them: extraction per article, one name per person, key quotes per story.

Spans: quotes_spans; cue patterns and pronouns: quotes_attribution / quotes_speakers; names: quotes_names.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from generator.model import Article, Quote
from generator.quotes_attribution import attribute, is_title
from generator.quotes_names import honorific_only, looks_like_person, same_person, surname
from generator.text import content_tokens, normalize

_WORD_RE = re.compile(r"\w")
MIN_KEY_WORDS = 6  # shorter quotes are scare quotes or fragments, not key quotes
MAX_QUOTE_MARKS = 400  # a paragraph with more quote marks is a list or data dump, not prose: not scanned
_MARKS = ('"', "\u201c", "\u201d")


def extract_quotes(article: Article) -> list[Quote]:
    """Every quoted span of the article (verbatim), with the speaker's fullest name in the article where known."""
    # Blank (not drop) pathological paragraphs so paragraph indices stay those of the article.
    paragraphs = [p if sum(p.count(m) for m in _MARKS) <= MAX_QUOTE_MARKS else "" for p in article.paragraphs]
    found, state = attribute(paragraphs)
    out = []
    for f in found:
        text = f.text.strip()
        text = text[:-1].rstrip() if text.endswith(",") else text  # '"It was bad," he said' -> 'It was bad'
        if not _WORD_RE.search(text):
            continue
        speaker = role = None
        if f.speaker and f.speaker.name:
            speaker, role = f.speaker.name, f.speaker.role
            if looks_like_person(speaker):  # ("Ms Hart": the honorific picks the person; the role comes from the story)
                speaker, role = state.canonical(speaker, role)
            role = None if honorific_only(role) else role
        out.append(Quote(text, speaker, role, article.url, article.path, f.span.paragraph))
    return out



def canonical_speakers(quotes: list[Quote]) -> list[Quote]:
    """One name per person across the given quotes (a story or the whole site): the fullest form wins.

    'Blinken' joins 'Antony Blinken' only when a single full name with that surname is present, so two
    Clintons are never merged on a bare surname. Roles are completed from the same person's other quotes.
    """
    names = {q.speaker for q in quotes if q.speaker and looks_like_person(q.speaker)}
    by_surname: dict[str, set[str]] = defaultdict(set)
    for n in names:
        by_surname[surname(n).lower()].add(n)
    mapping: dict[str, str] = {}
    for n in names:
        fuller = [m for m in by_surname[surname(n).lower()] if len(m.split()) > len(n.split()) and same_person(n, m)]
        longest = {m for m in fuller if not any(len(o.split()) > len(m.split()) and same_person(m, o) for o in fuller)}
        mapping[n] = next(iter(longest)) if len(longest) == 1 else n
    roles: dict[str, list[str]] = defaultdict(list)  # per person, in first-seen order
    for q in quotes:
        name = mapping.get(q.speaker or "", q.speaker)
        if name and q.role and q.role not in roles[name]:
            roles[name].append(q.role)
    out = []
    for q in quotes:
        name = mapping.get(q.speaker or "", q.speaker)
        out.append(replace(q, speaker=name, role=_fullest_role(q.role, roles.get(name, []) if name else [])))
    return out


def _fullest_role(role: str | None, known: list[str]) -> str | None:
    """The person's fullest role that contains this one ('Minister' -> 'Water Management Minister'); a missing
    role takes the first one given; a different role (a new job) is kept."""
    if not known:
        return role
    if not role:
        return known[0]
    wider = [r for r in known if role.lower() in r.lower()]
    return max(wider, key=len) if wider else role


def _key(text: str) -> str:
    """Words of a quote, lower case, apostrophes dropped ("don't" and "dont" in two copies are the same word)."""
    return " ".join(re.findall(r"\w+", normalize(text).lower().replace("'", "")))


def _same_quote(key: str, seen: dict[str, Quote]) -> bool:
    """The same words as a quote already kept, a fragment of one, or nearly the same words (edited copies)."""
    words = set(key.split())
    for k in seen:
        if key == k or key in k:
            return True
        other = set(k.split())
        if len(words & other) >= 0.85 * max(len(words), len(other)):
            return True
    return False


def verify_quote(quote: Quote, articles: list[Article]) -> bool:
    """True when the quote's text appears verbatim (after quote/space normalisation) in one of the articles."""
    needle = normalize(quote.text)
    if not needle:
        return False
    for a in articles:
        if quote.path and a.path != quote.path:
            continue
        # the paragraph the quote was found in first (normalising every paragraph per quote was the cost)
        own = a.paragraphs[quote.paragraph:quote.paragraph + 1] if quote.path else []
        if any(needle in normalize(p) for p in own) or any(needle in normalize(p) for p in a.paragraphs):
            return True
    return False


def _is_sentence(text: str) -> bool:
    return text[:1].isupper() and len(text.split()) >= MIN_KEY_WORDS


def key_quotes(articles: list[Article], summary: list[str], limit: int = 3,
               extracted: list[list[Quote] | None] | None = None) -> list[Quote]:
    """The few quotes worth showing for a story: full sentences by named, central speakers, adding to the summary.
    `extracted`: per article, its extract_quotes() result when already known (None: extracted here)."""
    found = extracted or [None] * len(articles)
    quotes = canonical_speakers([q for a, f in zip(articles, found) for q in (extract_quotes(a) if f is None else f)])
    story_words = Counter(w for a in articles for p in [a.title, *a.paragraphs] for w in re.findall(r"[A-Z][\w'-]+", p))
    summary_toks = [set(content_tokens(s)) for s in summary]
    seen: dict[str, Quote] = {}
    for q in quotes:
        if not q.speaker or is_title(q.text) or len(q.text.split()) < MIN_KEY_WORDS:
            continue
        if not verify_quote(q, articles):
            continue
        key = _key(q.text)
        if _same_quote(key, seen):  # copies count once
            continue
        named = looks_like_person(q.speaker)
        centrality = story_words[surname(q.speaker)] if named else 0
        toks = set(content_tokens(q.text))
        repeat = max((len(toks & s) / len(toks | s) for s in summary_toks if toks | s), default=0.0)
        q.score = round((3.0 if named else 0.0) + (1.5 if _is_sentence(q.text) else 0.0)
                        + min(centrality, 10) / 5 + min(len(q.text.split()), 30) / 30 - 2.0 * repeat, 4)
        seen[key] = q
    ranked = sorted(seen.values(), key=lambda q: (-q.score, q.path, q.paragraph))
    picked: list[Quote] = []
    named = [q for q in ranked if looks_like_person(q.speaker or "")]
    for q in named:  # one quote per named speaker first, then their other quotes, then descriptions
        if len(picked) < limit and all(p.speaker != q.speaker for p in picked):
            picked.append(q)
    for q in named + ranked:
        if len(picked) < limit and q not in picked:
            picked.append(q)
    return picked
