"""Text features for grouping: boilerplate-free paragraphs, word shingles, names and numbers (dates and templates:
generator/group_events.py).

Kept apart from generator/text.py (owned by the text stage): everything here exists only so that
copies and same-event articles can be recognised, not to change what is shown.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from contextlib import contextmanager
from functools import partial

import numpy as np

from generator.model import Article
from generator.text import STOPWORDS, normalize, split_dateline

SHINGLE_WORDS = 5  # words per shingle: long enough to be rare, short enough to survive typo fixes

# Outlet furniture that syndication adds or strips; only short paragraphs are tested, so prose survives.
_BOILERPLATE_RE = re.compile(
    r"""^(?:
        (?:additional\s+)?reporting\s+by\b | editing\s+by\b | writing\s+by\b | compiled\s+by\b
      | by\s+[a-z.'\- ]{2,40}$ | (?:photo|image|video)\s*(?:credit|copyright)?\s*:
      | read\s+more\b | related\s*: | click\s+here\b | follow\s+(?:us|\w+)\s+on\b
      | (?:the\s+)?(?:associated\s+press|reuters|afp)\s+contributed\b
    )
    | sign\s+up\b | newsletter | subscribe\b | all\s+rights\s+reserved | copyright\b | \(c\)\s*\d{4}
    | this\s+(?:story|article)\s+(?:was\s+)?(?:originally\s+)?(?:appeared|published|first\s+appeared)
    | may\s+not\s+be\s+(?:published|reproduced) | contributed\s+to\s+this\s+report
    """,
    re.VERBOSE,
)
BOILERPLATE_MAX_WORDS = 40


_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words_of(normalized: str) -> list[str]:
    """Lower-case word tokens of already normalised text (generator.text.tokens without normalising
    again: grouping reads every paragraph, so the second pass would be the largest cost)."""
    return _WORD_RE.findall(normalized.lower())


def body_paragraphs(article: Article) -> list[str]:
    """Normalised paragraphs without datelines and outlet boilerplate lines."""
    return _bodies([normalize(p) for p in article.paragraphs])


def _bodies(normalized: list[str]) -> list[str]:
    kept = []
    for para in normalized:
        _, para = split_dateline(para)
        if len(para.split()) <= BOILERPLATE_MAX_WORDS and _BOILERPLATE_RE.search(para.lower()):
            continue
        if para:
            kept.append(para)
    return kept


TOKEN_CACHE_MAX = 50_000  # words whose hashes are kept (see _TokenHashes)


class _TokenHashes(dict):
    """word -> stable 33-bit hash, shared by every call in the process; a word not seen yet is hashed on lookup.
    Emptied when it reaches TOKEN_CACHE_MAX words: a run's vocabulary keeps growing (names, numbers, typos;
    the word features of 25,000 synthetic articles met 374,000 words, ~55 MB kept in each process that hashed
    them), and hashing a word again costs about what looking it up does (10,000 texts' word features: 7.0 s of
    CPU with every word kept, 6.6-7.4 s with 20,000-50,000)."""

    def __missing__(self, word: str) -> int:
        if len(self) >= TOKEN_CACHE_MAX:
            self.clear()
        value = self[word] = zlib.crc32(word.encode()) | (1 << 32)
        return value


_TOKEN_HASH = _TokenHashes()

_MULT = np.uint64(0x9E3779B97F4A7C15)


def token_hashes(words: list[str]) -> np.ndarray:
    """A stable 33-bit hash per word (crc32: the same in every run, unlike Python's hash())."""
    return np.fromiter(map(_TOKEN_HASH.__getitem__, words), dtype=np.uint64, count=len(words))


def pair_keys(h: np.ndarray) -> np.ndarray:
    """One 64-bit key per adjacent pair of hashed words."""
    with np.errstate(over="ignore"):
        return h[:-1] * _MULT + h[1:]


def shingles(paragraph_tokens: list[list[str]], k: int = SHINGLE_WORDS) -> np.ndarray:
    """Sorted unique 64-bit hashes of k-word windows inside each paragraph (lists of tokens).

    Windows never cross a paragraph boundary, so reordering paragraphs keeps every shingle;
    a paragraph shorter than k words is one shingle of its own.
    """
    long_paras = [ws for ws in paragraph_tokens if len(ws) >= k]
    short = [zlib.crc32(" ".join(ws).encode()) | (1 << 40) for ws in paragraph_tokens if 0 < len(ws) < k]
    out = np.array(short, dtype=np.uint64)
    words = [w for ws in long_paras for w in ws]
    if words:
        h = token_hashes(words)
        pids = np.repeat(np.arange(len(long_paras)), [len(ws) for ws in long_paras])
        n = len(h) - k + 1
        acc = np.zeros(n, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for j in range(k):  # polynomial rolling combination, wrapping mod 2**64
                acc = acc * _MULT + h[j:j + n]
        valid = pids[:n] == pids[k - 1:]
        out = np.concatenate([out, acc[valid]])
    return np.unique(out)


# (sentence-ending mark before it, if any) (capitalised word) (a capital letter that follows it)
# A capitalised word not inside another word, and a number not inside a word. Each pattern opens with its character
# class, the look-behind after it, so that the search skips ahead to the next capital or digit (the same matches as
# "(?<![\w'])[A-Z][a-zA-Z'\-]+" and "\b\d+(?:[.,]\d+)*\b"; 2x faster).
_CAPITALISED_RE = re.compile(r"[A-Z](?<![\w'][A-Z])[a-zA-Z'\-]+")
_NUMBER_RE = re.compile(r"\d(?<!\w\d)\d*(?:[.,]\d+)*\b")
_BEFORE_WORD = frozenset(" \"'(")  # what may stand between a sentence's end and its first word (and white space)
_MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr"
    .split()
)


# Titles and roles name no one by themselves: "Mayor" is shared by reports of two councils' votes.
_ROLES = frozenset(
    "mayor president minister prime secretary governor senator representative congressman congresswoman chancellor "
    "premier spokesman spokeswoman spokesperson chief director chairman chairwoman ceo judge justice officer "
    "police commissioner general king queen prince princess pope sheriff captain coach professor prof sir lord "
    "lady councillor councilman councilwoman ambassador deputy vice leader mp gov sen rep lt col sgt det insp supt"
    .split()
)
# Wire agencies in datelines ("STOCKHOLM (Reuters) -") say who sent the copy, not what happened.
_AGENCIES = frozenset("reuters ap afp upi dpa efe ansa xinhua tass cnn bbc pa aap bloomberg kyodo yonhap ians pti".split())


def without_agency(paragraph: str) -> str:
    """The paragraph with its dateline's agency part dropped, the place kept ("STOCKHOLM (Reuters) - X"
    -> "STOCKHOLM X"): every copy a wire sends carries its name, whatever the event."""
    dateline, rest = split_dateline(paragraph)
    if not dateline:
        return paragraph
    place = re.split(r"[(,]", dateline, maxsplit=1)[0]
    place = " ".join(w for w in place.split() if w.lower().strip(".") not in _AGENCIES)
    return f"{place} {rest}" if place else rest


def names_and_numbers(text: str) -> list[str]:
    """Capitalised words inside sentences (people, places, organisations) and numbers, lower-cased.

    A capitalised word that opens a sentence counts only when a capitalised word follows it
    ("Port Anselm ..."), so "The" or "Police" at a sentence start are not names.
    """
    return list(memoized("", (text,), names_and_numbers_uncached))


def memoized(kind: str, texts: tuple[str, ...], compute):
    """compute(*texts), looked up in (and added to) the memo precomputed() installs, by `kind` and a hash
    of the texts: what grouping derives from one text alone is not derived again in the next build."""
    memo = _NAMES_MEMO
    if memo is None:
        return compute(*texts)
    key = _memo_key(kind, texts)
    _NAMES_USED.add(key)
    found = memo.get(key)
    if found is None:
        found = memo[key] = compute(*texts)
    return found


def _memo_key(kind: str, texts: tuple[str, ...]) -> str:
    return kind + hashlib.blake2b("\x00".join(texts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


MEMO_BATCH = 1000  # memo entries taken (and settled) at a time
PARALLEL_MEMO_MIN = 1000  # texts missing from the memo before memoized_many computes them on the pool
CLEAN_MEMO_MIN = 20_000  # ... on workers started clean: below this, forked ones copy little and start sooner


def _star_call(fn, args: tuple):
    return fn(*args)


def memoized_many(kind: str, texts: Sequence[tuple[str, ...]], compute, settle=None) -> list:
    """[memoized(kind, t, compute) for t in texts], the texts missing from the memo computed on the worker pool
    (parallel.free_jobs() workers) when there are many: a cold build's grouping otherwise derives every text's words
    and names on one core (10,000 articles: 4 s).

    The memo lets go of what it returns: results found are taken out of it, new ones go to the spill sink
    precomputed() installed (the cache) at once. The caller then holds the only copy and can drop it when done:
    the memo would otherwise keep every text's word terms to the end of grouping (100,000 articles: 0.5 GB).
    `texts` may be a LazyList: each text is then made when read, never all at once. `settle(result)`, when
    given, is what is kept of each result, applied as each arrives (see story_features)."""
    memo = _NAMES_MEMO
    if memo is None:
        return _compute_many(compute, texts, settle)
    keys = [_memo_key(kind, texts[j]) for j in range(len(texts))]
    _NAMES_USED.update(keys)
    distinct = list(dict.fromkeys(keys))
    found = {}
    for start in range(0, len(distinct), MEMO_BATCH):  # settled a batch at a time, as computed results are
        batch = distinct[start:start + MEMO_BATCH]
        got = memo.take_many(batch) if isinstance(memo, CacheMemo) else {k: memo.pop(k) for k in batch if k in memo}
        found.update(got if settle is None else ((k, settle(v)) for k, v in got.items()))
        del got
    todo = {}  # memo key -> the first text with it
    for j, k in enumerate(keys):
        if k not in found:
            todo.setdefault(k, j)
    where = list(todo.values())
    new = dict(zip(todo, _compute_many(compute, LazyList(lambda x: texts[where[x]], len(where)), settle)))
    if new and _SPILL is not None:
        _SPILL(new)
    found.update(new)
    return [found[k] for k in keys]


class CacheMemo:
    """The memo read from the build cache's namespace as it is asked for, not loaded whole when grouping starts:
    that held every text's word terms through copy detection (100,000 articles: 50,707 entries, 347 MB pickled).
    What memoized() adds is kept in `added`, for the caller to store; memoized_many spills its own."""

    def __init__(self, cache, ns: str):
        self.cache, self.ns, self.added = cache, ns, {}

    def get(self, key: str, default=None):
        if key in self.added:
            return self.added[key]
        return self.cache.get_many(self.ns, [key]).get(key, default)

    def __setitem__(self, key: str, value) -> None:
        self.added[key] = value

    def take_many(self, keys) -> dict:
        """The values found for the keys (a damaged entry is not found)."""
        return self.cache.get_many(self.ns, list(keys))


def _compute_many(compute, texts: Sequence[tuple[str, ...]], settle=None) -> list:
    """[settle(compute(*t)) for t in texts] (settle: as is when None): here when few; on forked workers when many;
    on workers started clean when very many (a big cold build), as forked ones each copy most of this process's
    heap by touching its texts (100,000 articles: 1.3 GB each, the build's peak) while clean ones get their texts
    a chunk at a time. Results are settled here, as they arrive."""
    from generator.parallel import clean_chunk_imap, parallel_imap

    if len(texts) >= CLEAN_MEMO_MIN:
        results = clean_chunk_imap(partial(_star_call, compute), texts, apart=True)
    elif len(texts) >= PARALLEL_MEMO_MIN:
        results = parallel_imap(lambda t: compute(*t), texts)  # forked workers: a closure is fine
    else:
        results = (compute(*t) for t in texts)
    return list(results if settle is None else map(settle, results))


def names_and_numbers_uncached(text: str) -> list[str]:
    found = []
    padded = ". " + text  # the text's first word opens a sentence
    after = 0  # where the last word ended: what stands before a word is looked at from there on
    for m in _CAPITALISED_RE.finditer(padded):
        start, end = m.span()
        lw = m.group(0).strip("'-").lower()
        if lw.endswith("'s"):
            lw = lw[:-2]
        keep = len(lw) >= 2 and lw not in STOPWORDS and lw not in _MONTHS_DAYS and lw not in _ROLES
        if keep and _opens_sentence(padded, start, after):  # counts only when a capitalised word follows it
            keep = padded[end:end + 1] == " " and "A" <= padded[end + 1:end + 2] <= "Z"
        if keep:
            found.append(lw)
        after = end
    for m in _NUMBER_RE.finditer(text):
        value = m.group(0).replace(",", "")
        if len(value) > 1:
            found.append("#" + value)  # single-digit counts say little about which event
    return found


def _opens_sentence(text: str, start: int, after: int) -> bool:
    """The word at `start` follows a sentence's end (.!?:;), past spaces, quotation marks and brackets, not
    earlier than `after`."""
    k = start
    while k > after and (text[k - 1] in _BEFORE_WORD or text[k - 1].isspace()):
        k -= 1
    return k > after and text[k - 1] in ".!?:;"


# -- per-article features, reusable between builds ----------------------------------------------------------
# Grouping compares all articles at once, but most of its work is per article: body paragraphs, shingles
# and the names of a text. These depend on the article alone, so the pipeline caches them by the article's
# content hash and hands them over here (precomputed(), names_memo()); grouping's result is the same.
# (the articles, compact_features of each in the same order) handed over for one sequence of articles
_PRECOMPUTED: tuple[Sequence[Article], list[list]] | None = None
_NAMES_MEMO: "dict[str, list[str]] | CacheMemo | None" = None  # hash of a text -> what was derived from it
_NAMES_USED: set[str] = set()  # the texts looked up in _NAMES_MEMO
_SPILL = None  # where memoized_many sends what it computes: a callable taking {memo key: value}, or None


def article_features(article: Article) -> tuple[list[str], np.ndarray, bytes]:
    """Body paragraphs, their shingle set (tokens are not kept: at 100,000 articles they outgrow memory) and
    the text key (two texts with one key are the same text once normalised: exact copies)."""
    normalized = [normalize(p) for p in article.paragraphs]
    bodies = _bodies(normalized)
    # normalize(article.text) is its paragraphs' normalised texts joined by single spaces (normalize splits
    # at the newlines too), so the key comes from the paragraphs normalised here anyway
    key = hashlib.blake2b(" ".join(p for p in normalized if p).encode("utf-8", "surrogatepass"), digest_size=16)
    return bodies, shingles([words_of(p) for p in bodies]), key.digest()


def compact_features(article: Article) -> tuple[list[int | str], np.ndarray, bytes]:
    """article_features as cached and handed over: a body paragraph equal to one of the article's own
    paragraphs (most are: normalising changes little) as its number there, so the text is neither stored nor
    pickled twice (100,000 articles: the cached features were 990 MB, two thirds of it text the parse
    result holds already); precomputed() turns the numbers back into the article's own strings."""
    bodies, shingle_set, key = article_features(article)
    own = {}
    for k, p in enumerate(article.paragraphs):
        own.setdefault(p, k)
    return [own.get(p, p) for p in bodies], shingle_set, key


def _expanded(article: Article, refs: list) -> list[str]:
    paragraphs = article.paragraphs
    return [paragraphs[r] if type(r) is int else r for r in refs]


class LazyList(Sequence):
    """item(i) for i in range(n), made when asked for, never kept: grouping reads the text of one article per
    copy group a few times over, and holding it all at once would hold every such text (a large build's articles
    are held packed, generator/packed.py, so each read unpacks one)."""

    def __init__(self, item, n: int):
        self.item, self.n = item, n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.item(k) for k in range(*i.indices(self.n))]
        if not -self.n <= i < self.n:
            raise IndexError(i)
        return self.item(i % self.n)


def features_of(articles: Sequence[Article]) -> tuple[Sequence[list[str]], list[np.ndarray], list[bytes]]:
    """article_features of every article: those handed over by precomputed() for this very sequence, else
    computed."""
    if _PRECOMPUTED is not None and _PRECOMPUTED[0] is articles:
        features = _PRECOMPUTED[1]
        return (LazyList(lambda i: _expanded(articles[i], features[i][0]), len(features)),
                [f[1] for f in features], [f[2] for f in features])
    bodies, sets, keys = [], [], []
    for a in articles:
        body, shingle_set, key = article_features(a)
        bodies.append(body)
        sets.append(shingle_set)
        keys.append(key)
    return bodies, sets, keys


@contextmanager
def precomputed(articles: Sequence[Article], features: list[tuple[list, np.ndarray, bytes]],
                names: "dict[str, list] | CacheMemo", spill=None):
    """Within the block, features_of uses `features` (compact_features per article, same order) and
    names_and_numbers looks texts up in (and adds new ones to) `names`; memoized_many takes what it finds out
    of `names` and hands what it computes to `spill` (see there). Yields the set of the text hashes looked up
    (filled as grouping runs)."""
    global _NAMES_MEMO, _SPILL, _PRECOMPUTED
    _PRECOMPUTED = (articles, [list(f) for f in features])
    _NAMES_MEMO, _SPILL = names, spill
    _NAMES_USED.clear()
    try:
        yield _NAMES_USED
    finally:
        _PRECOMPUTED = None
        _NAMES_MEMO = _SPILL = None


def release_shingles() -> None:
    """Drop the handed-over shingle sets (the largest per-article feature, about half a gigabyte at 100,000
    articles): grouping has no use for them once the copies are found."""
    if _PRECOMPUTED is not None:
        for f in _PRECOMPUTED[1]:
            f[1] = None
