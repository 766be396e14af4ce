"""Cue patterns around one quote: '"...," X said', 'X said: "..."', '..., X said.', speaker phrases (titles: quotes_titles)."""
from __future__ import annotations

import re

from generator.quotes_asides import apposition, asides, named_after
from generator.quotes_cues import AUX_WORDS, BASE_FORMS, DETERMINERS, PRONOUNS, Tok
from generator.quotes_mentions import SENTENCE_STARTERS, SPEAKER_AFTER, ArticleState, Mention, Speaker
from generator.quotes_names import PERSON_TITLES, TITLE_WORDS, honorific_only, looks_like_person, split_role, surname
from generator.quotes_speakers import GROUP_NOUNS, LY_NOUNS, TIME_WORDS, phrase_after, phrase_before, resolve_pronoun
from generator.quotes_titles import TITLE_BEFORE, is_title, names_a_work, title_case  # noqa: F401 (is_title re-exported)


_PAREN_RE = re.compile(r"\s*\([^()]{0,40}\)")
_DASHES = frozenset("\u2015\u2014\u2013-")
_OF_RE = re.compile(r"^((?:[A-Z][\w.'\u2019-]*\s+){1,3}[A-Z][\w'\u2019-]*)\s+of\s+(.+)$")
_BREAK_RE = re.compile(r"\s{2,}|\s[-\u2013\u2014]{1,2}\s")
_MODALS = frozenset("can could may might must should would will shall did does do".split())
_NOT_SPEAKERS = frozenset("you your my our his her its their to this that these those there here what".split())


def _speaker(phrase: str, tok_index: int, pi: int, sentence: int, state: ArticleState) -> Speaker:
    phrase = _PAREN_RE.sub("", phrase).strip()  # "Mike Pence (R-IN)": party tags are not part of the name
    # "... before the polls  Trump said": a double space is a lost sentence end; "Paris (AFP) - Mayor X": a dateline
    phrase = _BREAK_RE.split(phrase)[-1]
    words = phrase.split()
    while words and (words[-1].lower() in _MODALS or words[-1].lower().endswith("ly") and words[-1][:1].islower()
                     and words[-1].lower() not in LY_NOUNS):
        words.pop()  # "Biden implicitly", "Butz can" (but "the family", "an ally" are nouns)
    if not words or words[-1].lower() in _NOT_SPEAKERS or all(w.lower() in DETERMINERS for w in words) \
            or (len(words) <= 2 and words[-1].lower() in DETERMINERS):  # "a small", but "the mother of three" is fine
        return Speaker(None)
    phrase = phrase[:phrase.rfind(words[-1]) + len(words[-1])]
    if len(words) == 1 and words[0].lower() in SENTENCE_STARTERS and words[0].lower() not in PRONOUNS:
        return Speaker(None)  # "Meanwhile", "To", "My"
    if phrase.lower() in PRONOUNS:
        return resolve_pronoun(phrase, (pi, tok_index), (pi, sentence), state)
    if len(words) > 2 and words[0].lower() in GROUP_NOUNS and words[1] in ("at", "from", "for", "with", "in"):
        return Speaker(phrase, None)  # a description: "Officials at Homeland Security Investigations"
    affiliation = None
    m = _OF_RE.match(phrase)  # "Tiago Ferraz Leite of the Left Bloc group"
    if m and looks_like_person(m.group(1)) and len(m.group(1).split()) >= 2:
        phrase, affiliation = m.group(1), re.sub(r"^(?:the|a|an) ", "", m.group(2))  # "of the Left Bloc group"
    name, role = split_role(phrase)
    if name.endswith("'s"):
        return Speaker(None)  # "Editor's note"
    role = role or affiliation
    first = phrase.split()[0].lower()
    if first in DETERMINERS and not (len(name.split()) >= 2 and role and name != phrase.strip()):
        named = _role_holder(words, pi, tok_index, state)  # "Health Minister Mary Okafor ... said the minister"
        return named or Speaker(phrase.strip(), None)  # a description: "the ad's narrator", "a senior official"
    return Speaker(name, role)


_AGE_RE = re.compile(r"\d{1,3}-year-old")
_LESSER = frozenset("vice deputy assistant associate shadow former acting junior".split())


def _role_holder(words: list[str], pi: int, tok_index: int, state: ArticleState) -> Speaker | None:
    """'the minister' when a person was named earlier with that role ('Health Minister Mary Okafor'): the nearest."""
    age = len(words) == 2 and _AGE_RE.fullmatch(words[1]) is not None  # "said the 23-year-old"
    if len(words) != 2 or words[0].lower() != "the" or not (age or words[1].lower() in PERSON_TITLES):
        return None
    noun = words[1].lower()
    for m in reversed(state.mentions):
        if m.order[0] > pi or m.order[0] == pi and m.order[1] >= tok_index or not m.person:
            continue
        if age:  # the person last named, if within reach
            return Speaker(m.name, m.role) if pi - m.order[0] <= 1 else None
        full = state.full.get(surname(m.name).lower())
        role = m.role or (full[1] if full and full[0] == m.name else None)  # not Michelle's for Barack Obama's
        rw = role.lower().split() if role else []
        if rw and rw[-1] == noun and not (len(rw) > 1 and rw[-2] in _LESSER):  # not "Vice President" for "the president"
            return Speaker(m.name, role)
    return None


def _past_verb(t: Tok) -> bool:
    return t.is_word and t.text[:1].islower() and t.low.endswith("ed") and len(t.low) > 4


def speaker_after(toks: list[Tok], k: int, text: str, pi: int, sent: list[int], state: ArticleState) -> Speaker | None:
    """'"...," X said' / '"...," said X' / '"...," according to X'."""
    j = k + 1
    if j < len(toks) and toks[j].text == ",":
        j += 1
    if j >= len(toks):
        return None
    t = toks[j]
    if t.low == "according" and j + 1 < len(toks) and toks[j + 1].low == "to":
        got = phrase_after(toks, j + 2, text) or _plain_noun(toks, j + 2, text)
        return _speaker(got[0], j + 2, pi, sent[j], state) if got else None
    if t.text in _DASHES and j + 1 < len(toks) and toks[j + 1].is_cap:  # '"...." ― Sonya Herridge' signatures
        got = phrase_after(toks, j + 1, text)
        if got and looks_like_person(got[0]) and (got[1] == len(toks) or toks[got[1]].quote >= 0
                                                  or toks[got[1]].text in (".", ",")):
            return _speaker(got[0], j + 1, pi, sent[j], state)
        return None
    if t.is_cue and t.low.endswith("ing"):
        return None  # '"a bad earpiece," claiming he had ...': what follows is the claim; the subject comes earlier
    if t.is_cue or (t.low in ("read", "reads") and toks[k].text.rstrip('"\'')[-1:] in ",.!?"):  # '..., read the email.'
        got = phrase_after(toks, j + 1, text)
        if not got:
            return None
        named = named_after(toks, got[1], text) if got[0].split()[-1][:1].islower() else None
        if named and looks_like_person(named):  # '..., said the chief executive, John Smith.'
            desc = got[0].split(" ", 1)
            return Speaker(split_role(named)[0], desc[1] if desc[0].lower() in ("the", "a", "an") and len(desc) > 1
                           else got[0])
        sp = _speaker(got[0], j + 1, pi, sent[j], state)
        if sp.name and (not sp.role or honorific_only(sp.role)):  # '..., said Mei Tanabe, an analyst at ...'
            sp.role = apposition(toks, got[1], text) or sp.role
        return sp
    got = phrase_after(toks, j, text)
    if not got:
        return None
    phrase, m = got
    if m + 1 < len(toks) and toks[m].low == "and" and toks[m + 1].is_cap:  # '"...," Ana Reis and Tom Lind wrote.'
        other = phrase_after(toks, m + 1, text)
        if other and other[1] < len(toks) and toks[other[1]].is_cue and looks_like_person(phrase):
            return _speaker(phrase, j, pi, sent[j], state)  # the first of two authors
    if m < len(toks) and toks[m].text == ",":  # "Ned Price, a State Department spokesman, said"
        chunks = asides(toks, m)
        if len(chunks) > 1:  # "Ana Reis, 30, of Tallmark, Norland, who was polled, said": age, home, clause
            sp = _speaker(phrase, j, pi, sent[j], state)
            if sp.name and not sp.role:
                sp.role = next((text[toks[a + 1].start:toks[b - 1].end] for a, b in chunks
                                if b - a > 1 and toks[a].low in ("a", "an", "the")), None)
            return sp
        e = m + 1
        while e < len(toks) and toks[e].text != "," and e - m < 12 and toks[e].quote < 0:
            e += 1
        if e + 1 < len(toks) and toks[e].text == "," and toks[e + 1].is_cue:
            aside = text[toks[m + 1].start:toks[e - 1].end] if e > m + 1 else ""
            if phrase.split()[0].lower() in DETERMINERS and 2 <= len(aside.split()) <= 4 \
                    and all(toks[x].is_cap for x in range(m + 1, e)) and looks_like_person(aside):
                role = phrase.split(" ", 1)[1] if " " in phrase else None  # "the owner, Tony Bloom, said"
                return Speaker(split_role(aside)[0], role)
            sp = _speaker(phrase, j, pi, sent[j], state)
            if sp.name and not sp.role and toks[m + 1].low in DETERMINERS:
                sp.role = text[toks[m + 2].start:toks[e - 1].end]
            return sp
    while m < len(toks) and toks[m].is_word and toks[m].low in ("also", "has", "had", "later", "then", "once"):
        m += 1
    if m < len(toks) and toks[m].low in _PREPOSITIONS and phrase.split()[0].lower() in DETERMINERS:
        e = m + 1  # "a narrator in the Clinton ad asks"
        while e < len(toks) and e - m < 6 and toks[e].is_word and not toks[e].is_cue:
            e += 1
        if e < len(toks) and toks[e].is_cue:
            return _speaker(text[toks[j].start:toks[e - 1].end], j, pi, sent[j], state)
    if m < len(toks) and toks[m].is_cue:
        return _speaker(phrase, j, pi, sent[j], state)
    quote_end = toks[k].text.rstrip('"\'\x00')[-1:]
    if quote_end in (",", "?", "!") and m < len(toks) and _past_verb(toks[m]) and (
            m + 1 == len(toks) or toks[m + 1].text in (".", ",") or not toks[m + 1].is_cap):
        return _speaker(phrase, j, pi, sent[j], state)  # '"...," Toomey fumed on Tuesday.' : any verb of saying
    if m + 2 < len(toks) and toks[m].low == "was" and toks[m + 1].low == "quoted":
        return _speaker(phrase, j, pi, sent[j], state)
    return None


_GROUPS = frozenset("""police officers detectives prosecutors paramedics firefighters witnesses officials investigators
organisers organizers residents doctors scientists researchers sources""".split())
_CROWDS = _GROUPS | frozenset("""fans critics supporters opponents protesters voters locals campaigners analysts economists
experts lawyers observers commentators""".split())


def _plain_noun(toks: list[Tok], i: int, text: str) -> tuple[str, int] | None:
    """'according to police', 'according to local residents': a lower-case group noun ends the phrase."""
    for e in range(i, min(i + 3, len(toks))):
        if not toks[e].is_word:
            return None
        if toks[e].low in _GROUPS and (e + 1 == len(toks) or not toks[e + 1].is_word):
            return text[toks[i].start:toks[e].end], e + 1
    return None


LOOKBACK_TOKENS = 120  # an attribution cue sits within this many tokens before its quote


def speaker_before(toks: list[Tok], k: int, text: str, pi: int, sent: list[int], state: ArticleState,
            mentions: list[Mention]) -> Speaker | None:
    """The last cue earlier in the same sentence: 'X said: "..."', 'X called the plan "..."', 'according to X, "..."'."""
    s, floor = k, max(0, k - LOOKBACK_TOKENS)  # bounded: a run-on "sentence" of many quotes stays linear
    while s > floor and sent[s - 1] == sent[k]:
        s -= 1
    if k >= 2 and toks[k - 1].text == ":":  # 'Clinton: "Our goal is ..."', 'Polls agree - Ann Lee: "..."'
        d = k - 2
        while d > s and k - d <= 7 and toks[d].text not in _DASHES:
            d -= 1
        lead = d + 1 if d > s and toks[d].text in _DASHES else s
        if 0 < k - 1 - lead <= 6:
            phrase = phrase_before(toks, k - 1, text)
            if phrase and toks[lead].start >= text.rfind(phrase, 0, toks[k - 1].start) - 1:
                return _speaker(phrase, k - 2, pi, sent[k], state)
    if k >= 3 and toks[k - 1].text == ":" and toks[k - 2].low in ("read", "reads"):
        for f in range(k - 3, max(s, k - 10), -1):  # 'The statement from Thames Water read: "..."'
            if toks[f].low == "from" and toks[f - 1].low in _DOCUMENTS and all(t.is_word for t in toks[f + 1:k - 2]):
                return _speaker(text[toks[f + 1].start:toks[k - 3].end], f + 1, pi, sent[k], state)
    first_cue = None
    for c in range(k - 1, s - 1, -1):
        t = toks[c]
        if not t.is_word:
            continue
        if t.low == "according" and c + 1 < k and toks[c + 1].low == "to":
            got = phrase_after(toks, c + 2, text) or _plain_noun(toks, c + 2, text)
            return _speaker(got[0], c + 2, pi, sent[c], state) if got else None
        if not t.is_cue:
            continue
        # "Said Smith: ..." / '..., explained Rosenberg, "...' (but "told the crowd:" names the listener)
        if (c == s or toks[c - 1].text == ",") and t.low in SPEAKER_AFTER and c + 1 < k and toks[c + 1].is_cap:
            got = phrase_after(toks, c + 1, text)
            if got and (got[1] < k and (toks[got[1]].text == "," or got[1] + 1 == k and toks[got[1]].text == ":")
                        or got[1] == k and toks[k].text == ":"):  # 'Stated Stone:' ending a paragraph
                return _speaker(got[0], c + 1, pi, sent[c], state)  # also '..., says Carl Anthony, ... "..."'
        if c > s and toks[c - 1].low in _CROWDS and toks[c - 1].text.islower() and not t.low.endswith("ing") \
                and not (c - 2 >= s and (toks[c - 2].low in _PREPOSITIONS or toks[c - 2].low in DETERMINERS)):
            return Speaker(toks[c - 1].text)  # "which fans called a 'disgrace'": not the sentence's subject
        participle = t.low.endswith("ing") and c > s and toks[c - 1].text == ","
        phrase = None if participle else phrase_before(toks, c, text)  # ", saying": subject is the sentence's
        if phrase and t.low.endswith("ing") and phrase.split()[0].lower() in DETERMINERS:
            phrase = None  # "X issued a statement saying": the statement is the object, X the speaker
        if phrase and t.low in BASE_FORMS and phrase.split()[0].lower() in ("a", "an") and not (
                toks[c - 1].low in AUX_WORDS or toks[c - 1].low in _MODALS or toks[c - 1].low.endswith("ly")):
            continue  # "X sent out a fundraising call ..., asking": a noun, not a cue; X is the subject
        if phrase:
            sp = _speaker(phrase, c - 1, pi, sent[c], state)
            if sp.name or phrase.lower() in PRONOUNS:
                return sp
            continue  # "Clinton's remarks": not a speaker, look at an earlier cue
        rel = _relative_subject(toks, c, s, text)  # "a White House official who spoke anonymously said"
        if rel:
            return _speaker(rel, c - 1, pi, sent[c], state)
        if first_cue is None:
            first_cue = c
        if c > s and toks[c - 1].text == ",":
            continue  # "X continued, saying, ...": the subject sits at an earlier cue
        break
    if first_cue is None:
        if k - 1 > s and toks[k - 1].text in (":", "-", "\u2014", "\u2013"):  # 'Politico reveals the facts: "..."'
            return sentence_subject(toks, k - 1, s, pi, sent, state, mentions)
        return None
    return sentence_subject(toks, first_cue, s, pi, sent, state, mentions) or _issuer(toks, first_cue, s, text)


_DOCUMENTS = frozenset("statement statements email letter memo release tweet note message".split())
_ISSUING = frozenset("put sent gave made wrote issued released".split())
_CLAUSE_WORDS = frozenset("after before when while as since because if though although".split())


def _issuer(toks: list[Tok], c: int, s: int, text: str) -> Speaker | None:
    """'The town released a statement Wednesday saying ...', 'The retired surgeon did not say, adding ...': the
    subject opening the sentence of a participle cue, person or not."""
    if not toks[c].low.endswith("ing") or not (toks[c - 1].text == "," or any(
            t.low in _DOCUMENTS for t in toks[max(s, c - 6):c])):
        return None
    if not (toks[s].is_cap or toks[s].low in DETERMINERS) or toks[s].low in PRONOUNS:
        return None
    for v in range(s + 1, min(c, s + 9)):
        t = toks[v]
        if not t.is_word or t.low in _CLAUSE_WORDS:  # "Shortly after the call, ...": not a subject
            return None
        time = t.low in ("on", "last", "this", "earlier") and v + 1 < c and toks[v + 1].low in TIME_WORDS
        if time or t.text[:1].islower() and (t.low in _ISSUING or (t.low.endswith("ed") and len(t.low) > 4)
                                             or t.low.endswith("ly") or t.low in AUX_WORDS):
            phrase = text[toks[s].start:toks[v - 1].end]  # up to the verb, or to "on Monday"
            return Speaker(phrase) if phrase.split()[-1].lower() not in DETERMINERS else None
    return None


def _verb_like(t: Tok) -> bool:
    """A lower-case word that can follow a subject ('Clinton touted'), not 'a' or 'of' ('Following a meeting')."""
    return t.is_word and t.text[:1].islower() and t.low not in DETERMINERS and t.low not in _PREPOSITIONS


_PREPOSITIONS = frozenset("of in on at to for from by with about into after before during over under".split())


def previous_subject(toks: list[Tok], end: int, pi: int, sent: list[int], state: ArticleState,
                      mentions: list[Mention]) -> Speaker | None:
    """The person opening the sentence that ends at token `end` ('Clinton touted her record.'), if any."""
    ps = end
    while ps > 0 and sent[ps - 1] == sent[end]:
        ps -= 1
    if any(t.quote >= 0 and not is_title(t.text.strip('"')) for t in toks[ps:end]):
        return None
    for m in mentions:
        if m.order[1] == ps and m.person and m.end < len(toks) and _verb_like(toks[m.end]):
            return Speaker(m.name, m.role)
    for m in mentions:  # 'On "Face the Nation," Sen. Bernie Sanders (Vt.), who lost ..., identified'
        if m.sentence == (pi, sent[end]) and m.person and toks[m.order[1] - 1].text == "," and m.end < len(toks) \
                and (toks[m.end].text in ("(", ",") or _verb_like(toks[m.end])):
            return Speaker(m.name, m.role)
    if toks[ps].low in ("he", "she"):
        sp = resolve_pronoun(toks[ps].text, (pi, ps), (pi, sent[ps]), state)
        return sp if sp.name else None
    return None


def sentence_subject(toks: list[Tok], c: int, s: int, pi: int, sent: list[int], state: ArticleState,
                     mentions: list[Mention]) -> Speaker | None:
    """"X denied it but said ...": the person the sentence is about."""
    here = [m for m in mentions if m.sentence == (pi, sent[c]) and m.order[1] < c]
    for m in here:
        if m.subject and m.person:  # "Trump told a rally, saying ..."
            return Speaker(m.name, m.role)
    for m in here:
        o = m.order[1]
        if (o == s or toks[o - 1].text == "," or toks[o - 1].quote >= 0) and m.end < len(toks) \
                and (toks[m.end].text in ("(", ",") and o == s or _verb_like(toks[m.end])):
            return Speaker(m.name, m.role)
    if toks[s].is_word and toks[s].low in ("he", "she"):
        return resolve_pronoun(toks[s].text, (pi, s), (pi, sent[s]), state)
    for p in range(s + 1, min(c, s + 10)):  # "On Twitter, she responded ... by saying": after an opening phrase
        if toks[p].text == ",":
            if toks[p + 1].low in ("he", "she") and p + 2 < c and _verb_like(toks[p + 2]):
                return resolve_pronoun(toks[p + 1].text, (pi, p + 1), (pi, sent[p + 1]), state)
            break
    if toks[s].low in ("the", "a", "an"):  # "The Republican candidate appeared to ..., saying"
        e = s + 1
        while e < c and e - s < 6 and (toks[e].is_cap or toks[e].low in TITLE_WORDS) and toks[e].is_word:
            e += 1
        if e - s >= 2 and toks[e - 1].low in TITLE_WORDS and e < c and _verb_like(toks[e]):
            return Speaker(" ".join(t.text for t in toks[s:e]))
    return None


def quote_in_subject_sentence(toks: list[Tok], k: int, s: int, pi: int, sent: list[int], state: ArticleState,
                              mentions: list[Mention]) -> Speaker | None:
    """'Paul Ryan worried that the safety net was becoming "a hammock ..."': with no cue, a longer quote inside a
    sentence whose subject is a person (a name opening the sentence or clause, then a verb) is that person's."""
    before = toks[k - 1]
    if before.low in _PREPOSITIONS or before.low in TITLE_BEFORE or (
            before.low in DETERMINERS and k - 2 >= s and toks[k - 2].low in _PREPOSITIONS):
        return None  # 'appeared on "The View"', 'waited in an "extraordinarily long line"': objects, not speech
    if is_title(toks[k].text.strip('"\'\x00 ').rstrip(".,!?")):
        return None  # 'to perform "Bridge Over Troubled Water."'
    for m in mentions:
        o = m.order[1]
        if m.sentence != (pi, sent[k]) or o >= k or not m.person or m.end >= k:
            continue
        if (o == s or toks[o - 1].text == ",") and _verb_like(toks[m.end]):
            return Speaker(m.name, m.role)
    if toks[s].low in ("he", "she") and s + 1 < k and _verb_like(toks[s + 1]):
        sp = resolve_pronoun(toks[s].text, (pi, s), (pi, sent[s]), state)
        return sp if sp.name else None
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


def speaker_at_sentence_end(toks: list[Tok], k: int, text: str, pi: int, sent: list[int],
                            state: ArticleState) -> Speaker | None:
    """', X said.' closing the quote's sentence: reported speech with partial quotes ('Obama "felt ..." about it, Axelrod said.')."""
    e = k + 1
    while e < len(toks) and sent[e] == sent[k]:  # later quotes of the sentence share its closing ', he said.'
        e += 1
    last = e - 1
    if last <= k or toks[last].text not in (".", "!", "?"):
        return None
    c = last - 1
    while c > k and toks[c].is_word and not toks[c].is_cue and c > last - 4 and toks[c].low in _TRAILING:
        c -= 1  # "said Wednesday", "said in a statement" are cut back to the cue
    for j in range(c, max(k, last - 45), -1):
        if toks[j].text == "," and toks[j + 1].quote < 0:
            got = speaker_after(toks, j - 1, text, pi, sent, state)
            if got:
                return got
    return None


_TRAILING = frozenset("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight later earlier
recently then again""".split())
