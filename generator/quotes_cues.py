"""Cue words that introduce speech, tokenisation of paragraphs with quotes masked out."""
from __future__ import annotations

import re

from generator.quotes_spans import Span

_IRREGULAR = {"say": ["said", "says", "saying", "say"], "tell": ["told", "tells", "telling", "tell"],
              "write": ["wrote", "writes", "writing", "written"], "read": ["read", "reads"],
              "shoot back": [], "put": ["put", "puts"], "think": ["thought", "thinks"],
              "find": ["found", "finds"], "speak": ["spoke", "speaks"]}
_REGULAR = """add call ask continue note report describe explain state respond declare reply conclude argue pledge
insist accuse promise admit cite claim chant recall suggest warn remark vow shout announce blame acknowledge assure
assert urge joke blast predict boast answer question complain criticize criticise praise post thank emphasize
emphasise concede credit yell mock lament proclaim demand tweet testify quip counter caution stress observe muse
recount confirm deny dismiss label brand dub term laud slam hail mention reiterate contend maintain allege plead
retort scoff sneer tout complain grumble concur agree disagree wonder exclaim insist inform advise announce
characterize characterise deride decry condemn charge reason acknowledge opine posit react attack knock estimate fume vent
rail bemoan gush marvel swear snap thunder brag tease chide scold rebuke beg implore reflect speculate pronounce mutter
whisper scream sigh refer applaud commend ridicule lash bash rip comment
interject chime elaborate interrupt""".split()


_DOUBLING = frozenset("quip slam dub admit snap beg concur rebut regret jab refer rip".split())


def _forms(verb: str) -> list[str]:
    if verb.endswith("e"):
        return [verb, verb + "s", verb + "d", verb[:-1] + "ing"]
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return [verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if verb in _DOUBLING:  # "admitted", "snapped": a stressed final consonant doubles
        return [verb, verb + "s", verb + verb[-1] + "ed", verb + verb[-1] + "ing"]
    return [verb, verb + "s", verb + "ed", verb + "ing"]


# Base forms that are far more often nouns ("from state to state", "for terms such as") are left out.
_NOUNISH = frozenset("""state states claim claims question questions post posts charge charges reason reasons credit
credits counter counters brand brands label labels term terms thank thanks answer answers promise promises report
demand demands praise blame joke jokes tout find finds read put puts question think post tweet tweets muse observe
hail agree concur wonder add remarks comments attack attacks comment estimate estimates pledge blast blasts""".split())
CUE_WORDS = (frozenset(f for v in _REGULAR for f in _forms(v))
             | frozenset(f for fs in _IRREGULAR.values() for f in fs)) - _NOUNISH
# Base forms: after "a ..." a base form is a noun ("a fundraising call", "a Trump-style retort"), not a verb.
BASE_FORMS = frozenset(_REGULAR) | frozenset(v for v in _IRREGULAR if " " not in v)
# Verbs that report speech strongly enough to attribute a whole-sentence quote placed after them.
SPEECH_WORDS = frozenset(f for v in "say tell write add ask continue note explain state respond declare reply "
                         "conclude argue insist warn remark tweet post announce answer exclaim".split()
                         for f in (_IRREGULAR.get(v) or _forms(v)))
# Words that may sit between a subject and its cue: "Blinken also said", "she has repeatedly argued".
AUX_WORDS = frozenset("""also has had have would will did does do later then once previously repeatedly reportedly
recently publicly privately again just simply flatly quickly frequently often later immediately subsequently since
is was were are been be has also already famously bluntly angrily further""".split())
# Words that end a subject phrase when walking back from a cue.
BOUNDARY_WORDS = frozenset("""that which who whom whose and but or nor when while as because if after before since
so than where to by for with from in on at about into over under than though although whether what how why
is was are were be been being has had have did does do not no it there this these those said says told upon despite
during without within against between through toward towards across behind beyond like near onto via amid""".split())
DETERMINERS = frozenset("the a an his her its their our my your one another some many several two three both".split())
PRONOUNS = frozenset("he she they it i we".split())
_TOKEN_RE = re.compile(r"[A-Za-z0-9\u00c0-\u024f][\w.'\u2019&-]*+|[^\w\s\x00]")  # \x00: quotes_spans.FILLER
ABBREV = frozenset("mr mrs ms dr gov sen rep gen lt col sgt capt st jr sr prof rev u.s u.k u.n a.m p.m inc co corp "
                   "jan feb mar apr jun jul aug sep sept oct nov dec no vs ft mt".split())


class Tok:
    """One word, punctuation mark, or whole quote (quote >= 0); flags are computed once, as tokens are read often."""

    __slots__ = ("text", "start", "end", "quote", "low", "is_word", "is_cap", "is_cue")

    def __init__(self, text: str, start: int, end: int):  # a word or mark; quotes come from quote_tok
        self.text = text
        self.start = start
        self.end = end
        self.quote = -1
        self.low, self.is_word, self.is_cap, self.is_cue = _FLAGS.get(text) or _flags(text)

    def __repr__(self) -> str:
        return f"Tok({self.text!r}, {self.start})"


def quote_tok(text: str, start: int, end: int, quote: int) -> Tok:
    """A whole quote as one token (kept out of Tok.__init__, which runs for every word)."""
    t = Tok.__new__(Tok)
    t.text, t.start, t.end, t.quote = text, start, end, quote
    t.low, t.is_word, t.is_cap, t.is_cue = text, False, False, False
    return t


def _word_flags(text: str) -> tuple[str, bool, bool, bool]:
    low = text.lower().rstrip(".") if text != "." else "."
    first = text[:1]
    is_word = first.isalnum()
    # A lower-case cue verb ('said'); 'State' in a name is not one, but 'Said', 'Stated', 'Citing' opening a sentence are.
    is_cue = low in CUE_WORDS and (first.islower() or text in ("Said", "Says") or text.endswith(("ing", "ed")))
    return low, is_word, is_word and first.isupper(), is_cue


_FLAGS: dict[str, tuple[str, bool, bool, bool]] = {}


def _flags(text: str) -> tuple[str, bool, bool, bool]:
    flags = _word_flags(text)
    if len(_FLAGS) < 100_000:  # flags depend on the word alone, so caching never changes output
        _FLAGS[text] = flags
    return flags


def tokenize(text: str, spans: list[Span]) -> list[Tok]:
    """Word and punctuation tokens outside quotes; each quote (marks included) becomes one token."""
    toks: list[Tok] = []
    pos = 0
    for qi, s in enumerate(spans):
        _words(text, pos, s.open_mark, toks)
        end = min(len(text), s.close_mark + 1)
        toks.append(quote_tok(text[s.open_mark:end], s.open_mark, end, qi))
        pos = end
    _words(text, pos, len(text), toks)
    return toks


_BACK_VERBS = frozenset("shot fired hit pushed struck".split())
_PHRASAL_CUES = frozenset({("put", "it"), ("puts", "it"), ("pointed", "out"), ("points", "out"), ("summed", "up"),
                           ("sums", "up")})
_PARTICLES = frozenset({"back", "it", "out", "up"})
_INITIALS_RE = re.compile(r"(?:[A-Za-z]\.)+")


def _words(text: str, start: int, end: int, out: list[Tok]) -> None:
    add = out.append
    for m in _TOKEN_RE.finditer(text, start, end):
        word = m.group()
        s = m.start()
        # "said." -> "said" "." so that cues and sentence ends are seen; keep abbreviations whole.
        if word[-1] == "." and len(word) > 1 and word[:-1].lower() not in ABBREV and not _INITIALS_RE.fullmatch(word):
            word = word[:-1]
            e = s + len(word)
            add(Tok(word, s, e))
            add(Tok(".", e, e + 1))
            back = len(out) - 2
        else:
            add(Tok(word, s, s + len(word)))
            back = len(out) - 1
        if word in _PARTICLES and back > 0:
            if word == "back" and out[back - 1].text in _BACK_VERBS:
                out[back - 1].is_cue = True  # "shot back", "fired back": a reply, so a cue
            elif (out[back - 1].text, word) in _PHRASAL_CUES:
                out[back - 1].is_cue = True  # "as Vulture put it,", "as Byler pointed out,"
