"""Speaker phrases around cues, and pronoun resolution within one article."""
from __future__ import annotations

from generator.quotes_cues import AUX_WORDS, BOUNDARY_WORDS, DETERMINERS, PRONOUNS, Tok
from generator.quotes_mentions import SENTENCE_STARTERS, ArticleState, Mention, Speaker
from generator.quotes_names import TITLE_WORDS, looks_like_person

_PREPOSITIONS = frozenset("in on at during since until through across over under into onto upon by".split())
GROUP_NOUNS = frozenset("""officials official spokesman spokeswoman spokesperson aides aide sources analysts analyst
experts expert researchers lawyers lawyer attorneys attorney executives executive leaders members staffers economists
economist""".split())
TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight week month
year night morning afternoon evening weekend""".split())


def phrase_after(toks: list[Tok], i: int, text: str) -> tuple[str, int] | None:
    """Speaker phrase starting at token i ('the ad's narrator', 'State Department spokesman Ned Price'); returns (phrase, next index)."""
    if i >= len(toks) or not toks[i].is_word:
        return None
    if toks[i].low in PRONOUNS:
        return toks[i].text, i + 1
    first = toks[i]
    if not (first.is_cap or first.low in DETERMINERS or first.low in TITLE_WORDS):
        # "farmer Ines Tal", "election chief Omar Haddad": a few lower-case role words, then a name
        k = i
        while k < len(toks) and k - i < 3 and toks[k].is_word and not toks[k].is_cap and not toks[k].is_cue \
                and toks[k].low not in BOUNDARY_WORDS and toks[k].low not in ("of", "for"):
            k += 1
        if not (k < len(toks) and toks[k].is_cap and k > i):
            return None
    j = i
    while j < len(toks) and j - i < 9:
        t = toks[j]
        if t.text == "(":  # "(R-IN)" after a name
            k = j + 1
            while k < len(toks) and toks[k].text != ")" and k - j < 6:
                k += 1
            if k < len(toks) and toks[k].text == ")":
                j = k + 1
                continue
        if not t.is_word or (t.is_cue and j > i) or (t.low in AUX_WORDS and j > i and t.low != "of"):
            break
        if t.low in BOUNDARY_WORDS and t.low not in ("of",):
            break
        j += 1
    if j == i:
        return None
    end = j
    if end - 1 > i and toks[end - 1].text == ")":  # drop a trailing "(D-Pa.)"
        while end > i and toks[end - 1].text != "(":
            end -= 1
        end -= 1
    if end <= i:
        return None
    return text[toks[i].start:toks[end - 1].end], j


def phrase_before(toks: list[Tok], cue: int, text: str) -> str | None:
    """Subject phrase ending right before the cue at index `cue` (skipping 'also', 'has', ...)."""
    j = cue - 1
    while j >= 0 and toks[j].is_word and toks[j].low not in PRONOUNS and (
            toks[j].low in AUX_WORDS or toks[j].low in TIME_WORDS or toks[j].low.endswith("ly")
            and toks[j].low not in LY_NOUNS):  # ("the family said": a noun, not an adverb like "repeatedly")
        j -= 1
        if j >= 0 and toks[j].low in ("on", "last", "this", "next", "earlier", "late") and toks[j + 1].low in TIME_WORDS:
            j -= 1  # "Sanders on Saturday criticized", "Trump last week said"
    if j > 0 and toks[j].text == ",":  # "Sanders, meanwhile, said" / "Suu Kyi, 70, said": skip the aside
        k = j - 1
        while k > 0 and j - k < 15 and toks[k].text not in (",", ".", ";", ":") and toks[k].quote < 0:
            k -= 1
        if k > 0 and toks[k].text == "," and (toks[k - 1].is_word or toks[k - 1].text == ")"):
            aside = toks[k + 1:j]
            if 2 <= len(aside) <= 4 and all(t.is_cap for t in aside):  # "the chief negotiator, Marta Pires, said"
                name = text[aside[0].start:aside[-1].end]
                if looks_like_person(name):
                    role = phrase_before(toks, k, text)
                    return f"{role} {name}" if role and role.lower() not in PRONOUNS else name
            return phrase_before(toks, k, text)
        return None
    if j < 0 or not toks[j].is_word and toks[j].text != ")":
        return None
    if toks[j].is_word and toks[j].low in PRONOUNS:
        return toks[j].text
    end = j
    if toks[j].text == ")":  # "Mike Pence (R-IN) said"
        while j >= 0 and toks[j].text != "(" and end - j < 6:
            j -= 1
        j -= 1
        end = j
    start = None
    k = j
    while k >= 0 and end - k < 9:
        t = toks[k]
        if not t.is_word or (t.low in BOUNDARY_WORDS and t.low != "of") or t.is_cue:
            break
        start = k
        if t.low in DETERMINERS or t.low.endswith("'s") and not t.is_cap:
            break
        k -= 1
    if start is not None and toks[start].low == "the" and start >= 3 and toks[start - 1].low == "of" \
            and all(toks[x].is_cap and toks[x].low not in TITLE_WORDS for x in (start - 2, start - 3)):
        start = k = start - 3  # "Archbishop Aris Vartan of the Holy See of Tyre told": the name before "of the"
        while k > 0 and end - k < 14 and toks[k - 1].is_word and toks[k - 1].is_cap and not toks[k - 1].is_cue:
            k -= 1
            start = k
        k -= 1
    if start is not None and toks[start].low in DETERMINERS and start > 0:
        k = start - 1  # "a spokesperson for the club said": the determiner ended the walk
    if start is not None and k >= 1 and toks[k].low in ("at", "from", "for", "with", "in") \
            and toks[k - 1].low in GROUP_NOUNS:  # "Officials at Homeland Security Investigations said"
        start = k - 2 if k >= 2 and toks[k - 2].low in DETERMINERS else k - 1
        return text[toks[start].start:_phrase_end(toks, end, cue)]
    if start is None or (k >= 0 and toks[k].low in _PREPOSITIONS):
        return None  # "who has in the past described": a prepositional phrase is not a subject
    # Trim a left edge that is not a determiner, title or capitalised word ("ready Blinken" -> "Blinken").
    while start <= end and not (toks[start].is_cap or toks[start].low in DETERMINERS or toks[start].low in TITLE_WORDS
                                or toks[start].low.endswith("'s")):
        start += 1
    if start > end:
        return None
    while start < end and toks[start].is_cap and toks[start].low in SENTENCE_STARTERS and toks[start].low not in DETERMINERS:
        start += 1
    return text[toks[start].start:_phrase_end(toks, end, cue)]


def _phrase_end(toks: list[Tok], end: int, cue: int) -> int:
    # Include a trailing parenthetical such as "(R-IN)" that sits between the name and the cue.
    k = cue - 1
    while k > end and toks[k].is_word and toks[k].low in AUX_WORDS:
        k -= 1
    return toks[k].end if toks[k].text == ")" else toks[end].end


LY_NOUNS = frozenset("family ally assembly rally supply monopoly bully".split())  # not adverbs
PRONOUN_REACH = 3  # paragraphs a pronoun may look back for its person


def resolve_pronoun(pronoun: str, order: tuple[int, int], sentence: tuple[int, int], state: ArticleState) -> Speaker:
    """Nearest earlier person of the right gender: same sentence first, then the subject of earlier sentences."""
    p = pronoun.lower()
    if p in ("i", "we"):
        return Speaker(None, pronoun=pronoun)
    want = {"he": "m", "she": "f"}.get(p)
    before = [m for m in state.mentions if m.order < order and m.person and order[0] - m.order[0] <= PRONOUN_REACH]

    def fits(m: Mention) -> bool:
        if want and m.name.replace(".", "").isupper():  # "CNN", "FBI": organisations, not he or she
            return False
        g = state.gender_of(m.name, m.role)
        return want is None or g is None or g == want

    if p in ("they", "it"):  # an organisation or a document quoted just before: "the company ... It added"
        sp = state.last_speaker
        recent = order[0] - state.last_speaker_paragraph <= 1
        if sp and sp.name and recent and not looks_like_person(sp.name):
            return Speaker(sp.name, sp.role, pronoun)
        return Speaker(None, pronoun=pronoun)
    same = [m for m in before if m.sentence == sentence and fits(m)]
    if same:
        m = same[-1]
        return Speaker(m.name, m.role, pronoun)
    sp = state.last_speaker
    if sp and sp.name and order[0] - state.last_speaker_paragraph == 1 and looks_like_person(sp.name) \
            and not any(m.order[0] == order[0] and fits(m) for m in before):
        g = state.gender_of(sp.name, sp.role)  # the speaker of the paragraph before, nobody named since
        if want is None or g is None or g == want:
            return Speaker(sp.name, sp.role, pronoun)
    earlier_sentences = sorted({m.sentence for m in before if m.sentence < sentence}, reverse=True)
    for s in earlier_sentences[:4]:
        if want and (s, want) in state.pronoun_led:
            continue  # "She added that Trump ...": the names there are not who "she" is
        cands = [m for m in before if m.sentence == s and fits(m)]
        if cands:
            subj = [m for m in cands if m.subject]  # the subject of a cue, else the first named
            m = (subj or cands)[0]
            return Speaker(m.name, m.role, pronoun)
    sp = state.last_speaker
    if sp and sp.name and looks_like_person(sp.name):
        g = state.gender_of(sp.name, sp.role)
        if want is None or g is None or g == want:
            return Speaker(sp.name, sp.role, pronoun)
    return Speaker(None, pronoun=pronoun)
