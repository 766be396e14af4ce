"""Who said each quoted span: cue patterns around the quote, pronouns, and quotes that carry on a speaker."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from generator.quotes_cues import DETERMINERS, PRONOUNS, Tok, ends_sentence, tokenize
from generator.quotes_names import gender, split_role
from generator.quotes_spans import Span, find_spans
from generator.quotes_mentions import (ArticleState, Mention, Speaker, collect_mentions, light_mentions,
                                       settle_mentions)
from generator.quotes_speakers import PRONOUN_REACH, phrase_after, phrase_before, resolve_pronoun

_TRANSCRIPT_RE = re.compile(r"^\(?[A-Z][A-Z .'-]{1,30}:\s")  # "PENCE: Well, ..." lines of an interview transcript
_SPEECH_BEFORE = {":", ",", "-", "\u2014", "\u2013", "(", ";"}


@dataclass
class Found:
    span: Span
    text: str  # verbatim content (raw paragraph slice)
    speaker: Speaker | None
    how: str  # which rule attributed it: after / before / according / inherit / continue / none
    speech: bool  # stands as speech (full sentence or introduced by a cue), not a scare quote or a title


_TITLE_SMALL = frozenset("of the a an and in on for to with at from by vs or".split())
_TITLE_BEFORE = frozenset("on of in at from titled entitled headlined book film show program".split())


def is_title(content: str, before: str = "") -> bool:
    """'Fox News Sunday', 'This Week With George Stephanopoulos.': title-case words, short, no sentence punctuation
    unless the quote sits where titles do (after "on", "of", or a possessive: CNN's "New Day.")."""
    stripped = content.strip()
    words = stripped.split()
    if not words or len(words) > 8 or not words[0][:1].isupper():
        return False
    if not all(w[:1].isupper() or w.lower() in _TITLE_SMALL or not w[:1].isalpha() for w in words):
        return False
    if stripped[-1:] in ".,!?":
        return before.lower() in _TITLE_BEFORE or before.lower().endswith("'s")
    return True


_MODALS = frozenset("can could may might must should would will shall did does do".split())
_NOT_SPEAKERS = frozenset("you your my our his her its their to this that these those there here what".split())


def _speaker(phrase: str, tok_index: int, pi: int, sentence: int, state: ArticleState) -> Speaker:
    words = phrase.split()
    while words and (words[-1].lower() in _MODALS or words[-1].lower().endswith("ly") and words[-1][:1].islower()):
        words.pop()  # "Biden implicitly", "Butz can"
    if not words or words[-1].lower() in DETERMINERS or words[-1].lower() in _NOT_SPEAKERS:
        return Speaker(None)
    phrase = phrase[:phrase.rfind(words[-1]) + len(words[-1])]
    if phrase.lower() in PRONOUNS:
        return resolve_pronoun(phrase, (pi, tok_index), (pi, sentence), state)
    name, role = split_role(phrase)
    first = phrase.split()[0].lower()
    if first in DETERMINERS and not (len(name.split()) >= 2 and gender(name, role)):
        return Speaker(phrase.strip(), None)  # a description: "the ad's narrator", "a senior official"
    return Speaker(name, role)


def _after(toks: list[Tok], k: int, text: str, pi: int, sent: list[int], state: ArticleState) -> Speaker | None:
    """'"...," X said' / '"...," said X' / '"...," according to X'."""
    j = k + 1
    if j < len(toks) and toks[j].text == ",":
        j += 1
    if j >= len(toks):
        return None
    t = toks[j]
    if t.low == "according" and j + 1 < len(toks) and toks[j + 1].low == "to":
        got = phrase_after(toks, j + 2, text)
        return _speaker(got[0], j + 2, pi, sent[j], state) if got else None
    if t.is_cue:
        got = phrase_after(toks, j + 1, text)
        return _speaker(got[0], j + 1, pi, sent[j], state) if got else None
    got = phrase_after(toks, j, text)
    if not got:
        return None
    phrase, m = got
    if m < len(toks) and toks[m].text == ",":  # "Ned Price, a State Department spokesman, said"
        e = m + 1
        while e < len(toks) and toks[e].text != "," and e - m < 12 and toks[e].quote < 0:
            e += 1
        if e + 1 < len(toks) and toks[e].text == "," and toks[e + 1].is_cue:
            sp = _speaker(phrase, j, pi, sent[j], state)
            if sp.name and not sp.role and toks[m + 1].low in DETERMINERS:
                sp.role = text[toks[m + 2].start:toks[e - 1].end]
            return sp
    while m < len(toks) and toks[m].is_word and toks[m].low in ("also", "has", "had", "later", "then", "once"):
        m += 1
    if m < len(toks) and toks[m].is_cue:
        return _speaker(phrase, j, pi, sent[j], state)
    if m + 2 < len(toks) and toks[m].low == "was" and toks[m + 1].low == "quoted":
        return _speaker(phrase, j, pi, sent[j], state)
    return None


def _before(toks: list[Tok], k: int, text: str, pi: int, sent: list[int], state: ArticleState,
            mentions: list[Mention]) -> Speaker | None:
    """The last cue earlier in the same sentence: 'X said: "..."', 'X called the plan "..."', 'according to X, "..."'."""
    s = k
    while s > 0 and sent[s - 1] == sent[k]:
        s -= 1
    for c in range(k - 1, s - 1, -1):
        t = toks[c]
        if not t.is_word:
            continue
        if t.low == "according" and c + 1 < k and toks[c + 1].low == "to":
            got = phrase_after(toks, c + 2, text)
            return _speaker(got[0], c + 2, pi, sent[c], state) if got else None
        if not t.is_cue:
            continue
        phrase = phrase_before(toks, c, text)
        if phrase:
            return _speaker(phrase, c - 1, pi, sent[c], state)
        got = phrase_after(toks, c + 1, text)  # "Said Smith: ..."
        if got and got[1] < len(toks) and toks[got[1]].text == ":":
            return _speaker(got[0], c + 1, pi, sent[c], state)
        rel = _relative_subject(toks, c, s, text)  # "a White House official who spoke anonymously said"
        if rel:
            return _speaker(rel, c - 1, pi, sent[c], state)
        # "X denied it but said ...": the subject of the sentence.
        here = [m for m in mentions if m.sentence == (pi, sent[c]) and m.order[1] < c]
        for m in here:
            if m.subject and m.person:  # "Trump told a rally, saying ..."
                return Speaker(m.name, m.role)
        for m in here:
            o = m.order[1]
            if (o == s or toks[o - 1].text == "," or toks[o - 1].quote >= 0) and m.end < len(toks) \
                    and (toks[m.end].text == "(" or toks[m.end].is_word and toks[m.end].text[:1].islower()):
                return Speaker(m.name, m.role)
        if toks[s].is_word and toks[s].low in ("he", "she"):
            return resolve_pronoun(toks[s].text, (pi, s), (pi, sent[s]), state)
        return None
    return None


def _relative_subject(toks: list[Tok], c: int, s: int, text: str) -> str | None:
    """The noun phrase before 'who' when a relative clause sits between subject and cue."""
    for w in range(c - 1, max(s, c - 15) - 1, -1):
        if toks[w].quote >= 0 or toks[w].text in (".", ";", ":"):
            return None
        if toks[w].low == "who":
            end = w - 1 if w > 0 and toks[w - 1].text == "," else w
            return phrase_before(toks, end, text) if end > s else None
    return None


def _sentence_end(toks: list[Tok], k: int, text: str, pi: int, sent: list[int], state: ArticleState) -> Speaker | None:
    """', X said.' closing the quote's sentence: reported speech with partial quotes ('Obama "felt ..." about it, Axelrod said.')."""
    e = k + 1
    while e < len(toks) and sent[e] == sent[k] and toks[e].quote < 0:
        e += 1
    if e < len(toks) and sent[e] == sent[k]:
        return None  # another quote follows in the sentence; it carries its own attribution
    last = e - 1
    if last <= k or toks[last].text not in (".", "!", "?"):
        return None
    c = last - 1
    while c > k and toks[c].is_word and not toks[c].is_cue and c > last - 4 and toks[c].low in _TRAILING:
        c -= 1  # "said Wednesday", "said in a statement" are cut back to the cue
    for j in range(c, max(k, last - 12), -1):
        if toks[j].text == ",":
            got = _after(toks, j - 1, text, pi, sent, state) if toks[j + 1].quote < 0 else None
            return got
    return None


_TRAILING = frozenset("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight later earlier
recently then again""".split())


def _sentences(toks: list[Tok]) -> list[int]:
    out, n = [], 0
    for i, t in enumerate(toks):
        out.append(n)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if ends_sentence(t, nxt):
            n += 1
        elif t.quote >= 0 and t.text.rstrip('"\'')[-1:] in ".!?" and nxt is not None and nxt.quote >= 0:
            n += 1  # '"First." "Second."' are two sentences
    return out


def attribute(paragraphs: list[str]) -> tuple[list[Found], ArticleState]:
    """Every quoted span of an article, in order, with its speaker where one can be told."""
    state = ArticleState()
    found: list[Found] = []
    prev: list[Found] = []
    prev_intro: Speaker | None = None
    parsed = []
    scanned = find_spans(paragraphs)
    quoted = [i for i, (_, spans) in enumerate(scanned) if spans]
    for pi, (raw, (text, spans)) in enumerate(zip(paragraphs, scanned)):
        if not spans and not text.rstrip().endswith(":"):
            near = bisect.bisect_left(quoted, pi)  # pronouns look back at most PRONOUN_REACH paragraphs
            far = near == len(quoted) or quoted[near] - pi > PRONOUN_REACH
            state.mentions.extend(light_mentions(text, pi, state, full_names_only=far))
            parsed.append(None)
            continue
        toks = tokenize(text, spans)
        sent = _sentences(toks)
        mentions = collect_mentions(toks, sent, pi, state)
        state.mentions.extend(mentions)
        parsed.append((raw, spans, text, toks, sent, mentions))
    settle_mentions(state)
    for pi, item in enumerate(parsed):
        if item is None:  # no quotes here: only resets what a following quote may continue
            prev, prev_intro = ([] if paragraphs[pi].strip() else prev), None
            continue
        raw, spans, text, toks, sent, mentions = item
        here: list[Found] = []
        for k, t in enumerate(toks):
            if t.quote < 0:
                continue
            span = spans[t.quote]
            content = raw[span.start:span.end]
            before = toks[k - 1] if k else None
            at_start = before is None or sent[k - 1] != sent[k] or before.quote >= 0
            speech = at_start or before.text in _SPEECH_BEFORE or before.is_cue
            # A full sentence in quotes is speech wherever it stands ('But "Trump's candidacy is ... It helps."').
            speech = speech or (content[:1].isupper() and content.rstrip()[-1:] in ".!?," and len(content.split()) >= 4)
            title = is_title(content, before.text if before else "")
            speech = speech and not title
            if _TRANSCRIPT_RE.match(content) or title:
                here.append(Found(span, content, None, "none", False))
                continue
            sp, how = None, "none"
            if speech or content.rstrip()[-1:] in ",!?":
                sp, how = _after(toks, k, text, pi, sent, state), "after"
            if sp is None:
                sp, how = _before(toks, k, text, pi, sent, state, mentions), "before"
            if sp is None:
                sp, how = _sentence_end(toks, k, text, pi, sent, state), "end"
            if sp and how != "after" and len(content.split()) == 1 and not any(
                    toks[x].is_cue for x in range(max(0, k - 4), k)):
                sp = None  # a lone word far from any cue is a scare quote: "high" or "low" functioning
            speech = speech or sp is not None
            if sp is None or sp.name is None:
                how = "none"
            here.append(Found(span, content, sp if how != "none" else None, how, speech))
            if sp and sp.name:
                state.last_speaker = sp
        _inherit(here, prev, prev_intro)
        for f in here:
            if f.speaker and f.speaker.name:
                state.last_speaker = f.speaker
        found.extend(here)
        if here:
            prev = here
        elif raw.strip():
            prev = []
        prev_intro = _intro(toks, text, pi, sent, state, mentions)
    return found, state


def _intro(toks: list[Tok], text: str, pi: int, sent: list[int], state: ArticleState,
           mentions: list[Mention]) -> Speaker | None:
    """A paragraph ending 'X said:' introduces the quote in the next paragraph."""
    if len(toks) < 2 or toks[-1].text != ":" or toks[-2].quote >= 0:
        return None
    fake = len(toks) - 1
    return _before(toks, fake, text, pi, sent, state, mentions)


def _inherit(here: list[Found], prev: list[Found], prev_intro: Speaker | None) -> None:
    """Unattributed full-sentence quotes take the speaker of the quote they continue."""
    for i, f in enumerate(here):
        if f.speaker or not f.speech:
            continue
        if f.span.continues and prev and prev[-1].speaker:
            f.speaker, f.how = prev[-1].speaker, "continue"
        elif i > 0 and here[i - 1].speaker and (here[i - 1].speech or here[i - 1].how == "after"):
            f.speaker, f.how = here[i - 1].speaker, "inherit"
        elif i == 0 and f.span.open_mark == 0 and prev_intro and prev_intro.name:
            f.speaker, f.how = prev_intro, "intro"
        elif i == 0 and f.span.open_mark == 0 and prev and prev[-1].speaker and prev[-1].speech:
            f.speaker, f.how = prev[-1].speaker, "inherit"
    for i in range(len(here) - 2, -1, -1):  # '"A." "B," he said.'
        f, nxt = here[i], here[i + 1]
        if not f.speaker and f.speech and nxt.speaker and nxt.how == "after":
            f.speaker, f.how = nxt.speaker, "inherit"
