"""When and which: trusted dates, and two events of one kind told apart (one wire's template filled with other
names). Used by grouping (generator/group.py) once copies are found."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from urllib.parse import urlsplit

from generator.group_text import _MONTHS_DAYS, _ROLES, without_agency
from generator.model import Article
from generator.text import STOPWORDS


def trusted_dates(articles: list[Article]) -> list[dt.date | None]:
    """Each article's date, or None where it looks like a placeholder.

    Placeholders: hosts under the reserved `.invalid` domain, and a 1 January date carried by a
    large share of the run (converters and feeds without dates fill in the first of the year).
    """
    counts = Counter(a.date for a in articles)
    n = len(articles)
    out: list[dt.date | None] = []
    for a in articles:
        host = (urlsplit(a.url).hostname or "").lower()
        crowded = counts[a.date] >= max(3, 0.1 * n)
        if host.endswith(".invalid") or (a.date.month == 1 and a.date.day == 1 and crowded):
            out.append(None)
        else:
            out.append(a.date)
    return out


# -- when and which: two events of one kind told apart -----------------------------------------------------
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)


def lead_days(lead: str, date: dt.date | None) -> frozenset[int]:
    """Days (ordinals) that the weekdays named in a text's lead paragraph fall on: each weekday is read as
    the latest such day on or before the text's date ("on Tuesday" in Thursday's paper is two days ago).
    Empty without a trusted date or a weekday."""
    if date is None:
        return frozenset()
    days = set()
    for m in _WEEKDAY_RE.finditer(lead):
        back = (date.weekday() - _WEEKDAYS.index(m.group(1).lower())) % 7
        days.add(date.toordinal() - back)
    return frozenset(days)


_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(]?[A-Z0-9])")
_SKELETON_TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:['.\-][A-Za-z0-9]+)*")
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds thousand "
    "thousands million millions billion billions first second third fourth fifth".split()
)
SKELETON_WORDS = 4  # words per skeleton shingle (sentence_frames spells out its four windows)
TEMPLATE_WORDS = 80  # template sentences are read from a text's first ~80 words (its lead)


def sentence_frames(paragraphs: list[str], known: set[str] = frozenset()
                    ) -> list[tuple[frozenset[int], dict[tuple[str, str], frozenset[str]]]]:
    """Each sentence of the leading paragraphs as (its frame, its slots): the frame is the set of hashed
    4-word shingles of the sentence with every name, number and weekday replaced by a slot ("_ beat _ at
    the _ on _"), keeping shingles with a content word; the slots map the nearest content word on either
    side of a slot holding names (("L", "town"), ("R", "country's")) to those names. A capitalised
    word opening a sentence is a name when the text names it elsewhere (`known`).

    One wire's templated reports of different events (two quakes, two match reports, two banks'
    results) share frames but fill the slots with different names; copies and rewrites of one event
    fill them with the same ones, or name more or fewer people in them."""
    out, count = [], 0
    kinds = _TOKEN_KINDS
    for para in paragraphs:
        for sentence in _SENTENCE_END_RE.split(without_agency(para)):
            if count >= TEMPLATE_WORDS:
                return out
            tokens = _SKELETON_TOKEN_RE.findall(sentence)
            count += len(tokens)
            frame: list[str] = []
            fillers: dict[int, set[str]] = {}
            for k, tok in enumerate(tokens):
                kind = kinds.get(tok)
                if kind is None:
                    kind = kinds[tok] = _token_kind(tok)
                code, low = kind
                if code == 2 and k == 0 and low not in known and not (len(tokens) > 1 and tokens[1][0].isupper()):
                    code = 0  # a capitalised sentence opener that the text names nowhere else is a word
                if code == 0:
                    frame.append(low)
                    continue
                if not frame or frame[-1] != "_":
                    frame.append("_")
                if code == 2:
                    fillers.setdefault(len(frame) - 1, set()).add(low)
            if not fillers or len(frame) < SKELETON_WORDS:
                continue
            content = [w != "_" and w not in STOPWORDS for w in frame]
            shingle_set = frozenset(  # 4-word windows (SKELETON_WORDS) holding a content word
                hash(window) for window, c in zip(zip(frame, frame[1:], frame[2:], frame[3:]),
                                                  zip(content, content[1:], content[2:], content[3:]))
                if c[0] or c[1] or c[2] or c[3])
            slots: dict[tuple[str, str], frozenset[str]] = {}
            for k, names in fillers.items():
                names = frozenset(names)
                for j in range(k - 1, max(-1, k - 4), -1):  # nearest content word within three to the left
                    if content[j]:
                        slots[("L", frame[j])] = names
                        break
                for j in range(k + 1, min(len(frame), k + 4)):  # ... and to the right
                    if content[j]:
                        slots[("R", frame[j])] = names
                        break
            if shingle_set and slots:
                out.append((shingle_set, slots))
    return out


_HAS_DIGIT = re.compile(r"\d").search
_TOKEN_KINDS: dict[str, tuple[int, str]] = {}  # token -> (0 word, 1 number or weekday, 2 name; lower-cased form)


def _token_kind(tok: str) -> tuple[int, str]:
    low = tok.lower()
    if low.endswith("'s"):
        low = low[:-2]
    if _HAS_DIGIT(tok) or low in _NUMBER_WORDS or low in _WEEKDAYS:
        return 1, low
    if tok[0].isupper() and low not in STOPWORDS and low not in _ROLES and low not in _MONTHS_DAYS:
        return 2, low
    return 0, low


def _alike(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two slot fillers name the same: a shared name, a spelling variant ("Jabaliya", "Jabalya";
    "Technicolor", "Technicolour") or initials ("IE", "Internet Explorer"). One shared word of two
    ("Storm Ilse", "Storm Jorund"; "Halvard Bank", "Nordmark Savings Bank") is not a shared name."""
    if 2 * len(a & b) > min(len(a), len(b)):
        return True
    for x in a:
        for y in b:
            if x != y and len(x) >= 5 and len(y) >= 5 and x[:4] == y[:4]:
                return True
    for short, long in ((a, b), (b, a)):
        initials = "".join(sorted(w[0] for w in long))
        if any(len(w) >= 2 and "".join(sorted(w)) == initials for w in short):
            return True
    return False


PARALLEL_SHINGLES = 3  # sentences sharing this many frame shingles are one template's sentence


def template_conflicts(a: list, b: list) -> int:
    """Sentences of `a` that have a parallel sentence in `b` (same frame) filling the slots, where the two
    frames agree around them, with other names at least as often as with the same ones. Two fillers that
    each sentence names somewhere are the same names in another order ("Jamal Williams, the Chargers'
    tackle" and "Chargers tackle Jamal Williams"), not other names."""
    conflicts = 0
    for frame_a, slots_a in a:
        all_a = frozenset().union(*slots_a.values())
        for frame_b, slots_b in b:
            if len(frame_a & frame_b) < PARALLEL_SHINGLES:
                continue
            all_b = frozenset().union(*slots_b.values())
            differ = same = 0
            for key in slots_a.keys() & slots_b.keys():
                if _alike(slots_a[key], slots_b[key]):
                    same += 1
                elif not (_alike(slots_a[key], all_b) and _alike(slots_b[key], all_a)):
                    differ += 1
            if differ and differ >= same:
                conflicts += 1
                break
    return conflicts
