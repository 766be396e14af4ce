"""Who said each quoted span: cue patterns around the quote, pronouns, and quotes that carry on a speaker."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from generator.quotes_cues import Tok, tokenize
from generator.quotes_mentions import ArticleState, Mention, Speaker, collect_mentions, light_mentions, settle_mentions
from generator.quotes_patterns import (is_title, names_a_work, quote_in_subject_sentence, previous_subject,
                                       sentence_subject, title_case, speaker_after, speaker_at_sentence_end, speaker_before)
from generator.quotes_spans import Span, find_spans
from generator.quotes_speakers import PRONOUN_REACH
from generator.text import split_dateline

_TRANSCRIPT_RE = re.compile(r"^\(?[A-Z][A-Z .'-]{1,30}:\s")  # "PENCE: Well, ..." lines of an interview transcript
_SENTENCE_END_RE = re.compile(r"\w[.!?]\s")
_SPEECH_BEFORE = {":", ",", "-", "\u2014", "\u2013", "(", ";"}


@dataclass
class Found:
    span: Span
    text: str  # verbatim content (raw paragraph slice)
    speaker: Speaker | None
    how: str  # which rule: after / before / end / clause / inherit / subject / intro / continue / none
    speech: bool  # stands as speech (full sentence or introduced by a cue), not a scare quote or a title
    subject: Speaker | None = None  # who the sentence just before is about, for 'X touted it. "Quote."'


def _sentences(toks: list[Tok]) -> list[int]:
    """Sentence index of every token: a stop, question or exclamation mark before a capital, a quote or the end."""
    out, n = [], 0
    last = len(toks) - 1
    for i, t in enumerate(toks):
        out.append(n)
        if t.quote < 0:
            if t.text in _STOPS:
                nxt = toks[i + 1] if i < last else None
                if nxt is None or nxt.quote >= 0 or nxt.text[:1].isupper() or nxt.text[:1].isdigit():
                    n += 1
        elif i < last and toks[i + 1].quote >= 0 and t.text.rstrip('"\'')[-1:] in ".!?":
            n += 1  # '"First." "Second."' are two sentences
    return out


_STOPS = frozenset(".!?")


def _introduces_next(toks: list[Tok], k: int) -> bool:
    """'"I will not resign." Tom Kell said: "She must go."': the cue after quote k opens the next quote (used
    when quote k ends its sentence; '"...," he said, and then predicted: "..."' is his)."""
    cue = False
    for j in range(k + 1, min(len(toks) - 1, k + 16)):
        t = toks[j]
        if t.quote >= 0 or t.text in (".", "!", "?"):
            return False
        cue = cue or t.is_cue
        if t.text == ":":
            return cue and toks[j + 1].quote >= 0
    return False


def _without_dateline(text: str) -> str:
    """The paragraph with its dateline ("Paris (AFP) -") blanked out, offsets kept: the place opening a wire
    paragraph is not the subject of its first sentence."""
    dateline, rest = split_dateline(text)
    return " " * (len(text) - len(rest)) + rest if dateline else text


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
        text = _without_dateline(text)
        if not spans and not text.rstrip().endswith(":"):
            near = bisect.bisect_left(quoted, pi)  # pronouns look back at most PRONOUN_REACH paragraphs
            far = near == len(quoted) or quoted[near] - pi > PRONOUN_REACH
            got = light_mentions(text, pi, state, full_names_only=far)
            state.mentions.extend(got)
            cued = [m for m in got if m.subject and m.person]  # 'Ash argued in his email, ...'
            parsed.append(Speaker(cued[-1].name, cued[-1].role) if cued else None)
            continue
        toks = tokenize(text, spans)
        sent = _sentences(toks)
        mentions = collect_mentions(toks, sent, pi, state)
        for i, t in enumerate(toks):
            if t.low in ("he", "she") and (i == 0 or sent[i - 1] != sent[i]):
                state.pronoun_led.add(((pi, sent[i]), "m" if t.low == "he" else "f"))
        state.mentions.extend(mentions)
        parsed.append((raw, spans, text, toks, sent, mentions))
    settle_mentions(state)
    for pi, item in enumerate(parsed):
        if item is None or isinstance(item, Speaker):  # no quotes here: resets what a following quote may continue
            # ... but its last cued speaker may introduce a quote standing alone in the next paragraph
            prev, prev_intro = ([] if paragraphs[pi].strip() else prev), item
            continue
        raw, spans, text, toks, sent, mentions = item
        here: list[Found] = []
        title_at = -9  # token index of the last title in this paragraph
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
            context = toks[k - 2].text if before is not None and before.text == "," and k >= 2 else (
                before.text if before else "")  # 'in her memoir, "Tough Choices."'
            title = is_title(content, context) or names_a_work(toks, k, content) or (
                k >= 3 and toks[k - 1].low == "or" and title_at in (k - 2, k - 3) and title_case(content))
            title_at = k if title else title_at  # 'called "Los Hijos," or "The Sons,"': both name the work
            speech = speech and not title
            if _TRANSCRIPT_RE.match(content) or title:
                here.append(Found(span, content, None, "none", False))
                continue
            sp, how = None, "none"
            if (speech or content.rstrip(" '\"")[-1:] in ",!?") and not (content.rstrip(" '\"")[-1:] in ".!?" and _introduces_next(toks, k)):
                sp, how = speaker_after(toks, k, text, pi, sent, state), "after"  # also ...,'" (nested quote)
            if sp is None:
                sp, how = speaker_before(toks, k, text, pi, sent, state, mentions), "before"
            if sp is None:
                sp, how = speaker_at_sentence_end(toks, k, text, pi, sent, state), "end"
            if sp is None and len(content.split()) >= 4 and not at_start:  # no cue: the sentence's subject?
                s0 = k
                while s0 > 0 and sent[s0 - 1] == sent[k]:
                    s0 -= 1
                sp, how = quote_in_subject_sentence(toks, k, s0, pi, sent, state, mentions), "clause"
            if sp and how != "after" and len(content.split()) == 1 and not any(
                    toks[x].is_cue for x in range(max(0, k - 4), k)):
                sp = None  # a lone word far from any cue is a scare quote: "high" or "low" functioning
            speech = speech or sp is not None
            if sp is None or sp.name is None:
                how = "none"
            found_here = Found(span, content, sp if how != "none" else None, how, speech)
            if how == "none" and at_start and k > 0 and toks[k - 1].text in (".", "!", "?") and speech:
                found_here.subject = previous_subject(toks, k - 1, pi, sent, state, mentions)
            here.append(found_here)
            if sp and sp.name:
                state.last_speaker, state.last_speaker_paragraph = sp, pi
        _inherit(here, prev, prev_intro, text)
        for f in here:
            if f.speaker and f.speaker.name:
                state.last_speaker, state.last_speaker_paragraph = f.speaker, pi
        found.extend(here)
        if here:
            prev = here
        elif raw.strip():
            prev = []
        prev_intro = _intro(toks, text, pi, sent, state, mentions)
    for a, b in zip(reversed(found[:-1]), reversed(found[1:])):
        if a.span.runs_on and b.span.continues and not a.speaker and b.speaker:
            a.speaker, a.how = b.speaker, "continue"  # the attribution comes in a later paragraph of the quote
    return found, state


def _intro(toks: list[Tok], text: str, pi: int, sent: list[int], state: ArticleState,
           mentions: list[Mention]) -> Speaker | None:
    """A paragraph ending 'X said:' introduces the quote in the next paragraph."""
    if len(toks) < 2 or toks[-1].text != ":" or toks[-2].quote >= 0:
        return None
    colon = len(toks) - 1
    sp = speaker_before(toks, colon, text, pi, sent, state, mentions)
    if sp is None:  # "17-year-old Jared Potts echoed:", "He then listed the qualities ...:"
        s = colon
        while s > 0 and sent[s - 1] == sent[colon]:
            s -= 1
        sp = sentence_subject(toks, colon, s, pi, sent, state, mentions)
    return sp


_SIGNATURE_RE = re.compile(r"[.!?]\s+(?:[A-Z][\w.'-]*\s+){1,3}[A-Z][\w'-]*(?:,[^.!?]{0,60})?[.\s]*$")


def _signed(text: str) -> bool:
    """'... prepare for war. Josh Bivens, Economic Policy Institute.': a quote that ends with its author's name."""
    return _SIGNATURE_RE.search(text) is not None


def _about(text: str, name: str | None) -> bool:
    """The quote speaks of the person in the third person: "Byler's otherwise excellent piece"."""
    last = name.split()[-1] if name else ""
    return len(last) > 2 and last[:1].isupper() and (last + "'s" in text or last + "\u2019s" in text)


def _inherit(here: list[Found], prev: list[Found], prev_intro: Speaker | None, text: str) -> None:
    """Unattributed full-sentence quotes take the speaker of the quote they continue."""
    for i, f in enumerate(here):
        if f.speaker or not f.speech or len(f.text.split()) < 3:  # short fragments are rarely carried-on speech
            continue
        earlier = [e for e in here[:i] if e.speech or e.speaker]  # titles ("Meet the Press.") do not break a run
        if f.span.continues and prev and prev[-1].speaker:
            f.speaker, f.how = prev[-1].speaker, "continue"
        elif earlier and earlier[-1].speaker and (earlier[-1].speech or earlier[-1].how == "after"):
            f.speaker, f.how = earlier[-1].speaker, "inherit"
        elif f.subject:
            f.speaker, f.how = f.subject, "subject"
        elif i == 0 and f.span.open_mark == 0 and prev_intro and prev_intro.name:
            f.speaker, f.how = prev_intro, "intro"
        elif i == 0 and f.span.open_mark == 0 and prev and prev[-1].speaker and prev[-1].speech \
                and not (len(here) == 1 and len(f.text.split()) < (8 if f.span.mark == "'" else 6)) \
                and not _signed(f.text) \
                and not _about(f.text, prev[-1].speaker.name):
            # (a lone short quote as a whole paragraph is a subhead, single-marked ones up to 7 words; a signed one
            # names its own source; one about "Byler's piece" is not Byler's)
            f.speaker, f.how = prev[-1].speaker, "inherit"
    for i in range(len(here) - 2, -1, -1):  # '"A." "B," he said.'
        f, nxt = here[i], here[i + 1]
        # ... but not 'coming, "he left" with them. "B," he said.': a fragment with no closing punctuation whose
        # sentence ends before the next quote is a partial quote in the writer's sentence
        partial = f.text.rstrip(" '\"")[-1:] not in ".,!?" and _SENTENCE_END_RE.search(
            text, f.span.close_mark, nxt.span.open_mark)
        if not f.speaker and f.speech and nxt.speaker and nxt.how == "after" and not partial:
            f.speaker, f.how = nxt.speaker, "inherit"
