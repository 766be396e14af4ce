"""Extractive summary of one story from all of its sources.

1. Candidates: every sentence of every source, datelines removed, page furniture dropped; wire
   copies of one text collapse to the copy whose order reads best.
2. Lede: a dateline marks it wherever it sits; else the first paragraph when the file order looks
   trustworthy (it reads almost as lede-like as the best paragraph opener, per the tiny fitted model
   in summarize_lede); else the best opener. A single report's soft (anecdotal, off-centre) lede is
   not forced. Whether the file order is the writer's is a small fitted model (ORDER_WEIGHTS): how
   lede-like the first paragraph reads, adjacent-paragraph coherence, order_evidence (summarize_order:
   names and abbreviations introduced in full before their bare use), the first paragraph's length, how
   central the opening sentences are and how little the closing ones. A single report whose lede does not
   read like one (shuffled paragraphs, a soft opener) gets only a small position bonus scaled by that
   model's probability: its sentences compete on centrality. A report opening with a hook (a first sentence far less
   lede-like than the next one in its paragraph: "Guilty across the board.") has its lede in that next sentence,
   and the order model is asked about the text from there. A photo caption glued to the sentence after it with no
   full stop ("... camouflaged in woodland In many of the pictures, ...") is never a lede: it names people, places
   and days like one and would otherwise out-score the writer's lede; nor is an opener with no full stop at all (a
   caption kept as a sentence). A file's first sentence closing a quotation it never opened (paragraphs out of
   order) does not open the writer's text.
3. Body: central sentences (words many sentences and sources share), the rest of the lede's
   paragraph first, sentences other sources also report preferred; near-duplicates and re-tellings
   of the lede counted once; sentences leaning on a predecessor that is not shown (a pronoun or connective opener,
   the tail of a quotation begun in the sentence before; not "Although X, Y.") are skipped, and so are
   bare quotes (nobody said to have said them). Across reports, two sentences giving the same figure about
   the same thing ("offered a 4 percent rise" / "its offer of a 4 percent rise") count once, and another
   report's lede re-telling a shown one (the event each report opens with) is skipped.
   A trusted single report whose lede paragraph has several sentences, but fewer than the summary, is
   continued in the writer's order (the next sentences count as part of the lede paragraph) instead of
   jumping to a central sentence further down; a one-sentence lede is followed by the most central ones.
   With several sources no lede is forced into the selection: the three sentences the reports share
   most are chosen (a near-sum of shared words, so fuller sentences win), and the most lede-like of
   them is shown first.
4. Display: lede first, then source order, a leaning sentence right after the one it leans on;
   a cut to `words` keeps whole sentences from the start of the display: when the first sentence alone is
   longer than the cap it is shown alone (over the cap) rather than cut or replaced.

Centrality, copy groups and source support are in summarize_centrality. Constants were set on the BBC/CNN-DM/
Multi-News figures printed by eval/eval_summarize.py.
"""
from __future__ import annotations

import math
import operator
import re

from generator.model import Article
from generator.summarize_candidates import CONNECTIVES, Candidate, build_candidates, first_word, glued_caption
from generator.summarize_centrality import centrality, copy_groups, source_support  # noqa: F401
from generator.summarize_lede import StoryContext, lede_features, lede_score
from generator.summarize_order import (COHERENCE_FULL_PAIRS, ORDER_FEATURES, ORDER_PRIOR, ORDER_WEIGHTS,  # noqa: F401
                                       SHORT_TEXT_PRIOR, order_coherence, order_features)
from generator.summarize_redundancy import jaccard as _jaccard
from generator.summarize_redundancy import restates, same_figure, says_same, stem
from generator.text import content_tokens

LEDE_PARAGRAPH_BONUS = 2.0  # bonus for the lede's paragraph: the writer's own summary
MULTI_SOURCE_LEDE_BONUS = 0.0  # with several sources the summary draws on all of them, not one lede paragraph
GUESSED_LEDE_SHARE = 0.5  # share of that bonus when the lede was guessed in shuffled input
POSITION_WEIGHT = 0.1  # bonus w/(1+k) for the k-th sentence of an article whose file order is trusted
TRUST_MARGIN = 0.3  # a dated lede reads like one when it is this close to the best lede score
SOFT_LEDE_CENTRALITY = 0.7  # an undated lede less central than this is a soft (anecdotal) lede: not forced
SOFT_LEDE_SHARE = 0.5  # ... and the lede model prefers another paragraph opener by this factor
SUPPORT_BONUS = 0.3  # bonus for a sentence other sources also report (share of the other sources)
UNTRUSTED_FREE = True  # one report whose lede does not read like one: selection on centrality alone
ONE_SOURCE_LEDE = True  # several reports: another report's lede re-telling a shown one is skipped
LEDE_RETELL_JACCARD = 0.15  # ... when their word stems overlap this much (below the duplicate threshold)
# One report whose order is not trusted still gets a small bonus near the top, scaled by the order model's
# probability (hedging between the two readings): 0.2 raised CNN/DM in order 39.84 -> 40.00 and shuffled
# 36.63 -> 36.67, BBC unchanged within 0.001; 0.5 lost 0.3 shuffled.
FREE_POSITION_WEIGHT = 0.2
# A trusted single report's lede paragraph of at least this many sentences (but fewer than the summary) is
# continued with the next sentences in file order, as if they were part of it: a writer who opens with several
# sentences summarises at length, and the summary reads as one passage. CNN/DM in order 40.43/18.27 -> 40.91/18.55
# (even half 40.93 -> 41.37, odd 39.93 -> 40.45), shuffled 37.10 -> 37.03, BBC P@3 -0.001. From 1 (every lede
# continued) CNN/DM gained 0.07 more but BBC P@3 fell 0.853 -> 0.644: after BBC's one-sentence ledes the next two
# sentences are in its human extract about half the time (0.54, 0.49), the central sentences chosen now 0.85.
LEDE_CONTINUE_FROM = 2
# One undated report whose first sentence is a hook (reads less than this share as lede-like as the next sentence of
# its paragraph, and is less central than one of the next two): the next sentence is taken as the lede and the order
# model asked about the text from there (_skip_hook). CNN/DM in order 40.91/18.55 -> 41.33/19.04 (even half 41.37 ->
# 42.02, odd 40.45 -> 40.65), shuffled 37.03 -> 37.20 (even 38.12 -> 38.54, odd 35.94 -> 35.86); BBC P@3 0.853 ->
# 0.852, shuffled 0.856 -> 0.848. 0.3 gave the same within 0.07; hooks of two sentences added 0.09 in order but cost
# 0.13 shuffled and BBC shuffled fell to 0.842.
HOOK_SHARE = 0.5
# A paragraph opener with no sentence-final punctuation is a photo caption, never the lede (none of the 250 CNN/DM
# ledes and 3 of 2,225 BBC ones lack one, against 4% of other CNN/DM openers): CNN/DM in order 41.59/19.18 ->
# 41.65/19.21 (even half 42.08 -> 42.20, odd unchanged 41.11), shuffled 37.50 -> 37.51; BBC and Multi-News unchanged.
SENTENCE_END = frozenset(".!?\"')\u201d\u2019")


# An honorific before a surname alone ("Mr Yeaman", not "Mr Leon Yeaman"): a second reference to someone named in full
# before it. None of the 250 CNN/DM first sentences has one and 2 of 2,225 BBC ones, against 5% and 9% of
# other paragraph openers. As a bar to a file opening in the writer's order: BBC shuffled P@3 0.8459 -> 0.8495 (R2F
# 0.4930 -> 0.4950), in order and wire copies unchanged; CNN/DM shuffled 37.51 -> 37.52, in order unchanged;
# Multi-News 34.08/10.61 -> 34.05/10.59.
_SECOND_REFERENCE_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.? [A-Z][\w'-]+\b(?! [A-Z])")


def _can_open(c: Candidate) -> bool:
    """A file's first sentence may open the story with a pronoun (in the writer's order there is no
    sentence before it to depend on: "She's been living in New York ... Princess Eugenie"), never with
    a connective ("But now ..." after a dropped photo caption), nor by closing a quotation opened before it
    ("It is our right,' she said."), nor by calling someone "Mr Yeaman" (a writer names people in full first)."""
    return first_word(c.text) not in CONNECTIVES and not c.quote_tail and not _SECOND_REFERENCE_RE.search(c.text)


def opens_like_lede(cands: list[Candidate], idx: list[int], lede: list[float], head: int,
                    central: list[float]) -> float:
    """How sure we are that the article's candidate `head` opens the writer's text (0..1; >= 0.5 trusted).

    A dated lede: 1 when it reads almost as lede-like as the best paragraph opener. The file's first
    sentence: the order model (ORDER_WEIGHTS over order_features)."""
    c = cands[head]
    if not (c.first_in_paragraph and _can_open(c)):
        return 0.0
    if head != idx[0]:
        return float(lede[head] - max(lede[i] for i in idx) >= -TRUST_MARGIN)
    # A short text gives little evidence either way: it is taken in the writer's order more readily.
    z = ORDER_PRIOR + SHORT_TEXT_PRIOR * max(0.0, 1 - (len(idx) - 1) / COHERENCE_FULL_PAIRS) \
        + sum(map(operator.mul, ORDER_WEIGHTS, order_features(cands, idx, lede, central)))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def choose_ledes(cands: list[Candidate], lede: list[float],
                 central: list[float] | None = None) -> tuple[dict[int, int], set[int]]:
    """Per article the candidate that opens it, and the articles whose file order is trusted.

    A dateline marks the lede wherever it sits; otherwise the first paragraph is the lede when it looks
    almost as lede-like as the best paragraph opener, else the best opener is."""
    ledes, trusted, *_ = _choose_ledes(cands, lede, centrality(cands) if central is None else central)
    return ledes, trusted


def _choose_ledes(cands: list[Candidate], lede: list[float],
                  central: list[float]) -> tuple[dict[int, int], set[int], dict[int, float], dict[int, float]]:
    """choose_ledes, the articles whose lede (dated or first) reads like one (the writer's summary), and per
    undated article how sure the order model is that its file order is the writer's."""
    ledes, trusted, lede_like, order_trust = {}, set(), {}, {}
    for a, idx in _by_article(cands).items():
        first = idx[0]
        dated = [i for i in idx if cands[i].dateline]
        if dated:
            ledes[a] = dated[0]
            if dated[0] == first:
                trusted.add(a)
            if (p := opens_like_lede(cands, idx, lede, dated[0], central)) >= 0.5:
                lede_like[a] = p
        elif (p := order_trust.setdefault(a, opens_like_lede(cands, idx, lede, first, central))) >= 0.5:
            ledes[a] = first
            trusted.add(a)
            lede_like[a] = p
        else:
            ledes[a] = max(idx, key=lambda i: (lede[i], -i))
    return ledes, trusted, lede_like, order_trust


def _by_article(cands: list[Candidate]) -> dict[int, list[int]]:
    by_article: dict[int, list[int]] = {}
    for i, c in enumerate(cands):
        by_article.setdefault(c.article, []).append(i)
    return by_article


def _analyse(cands: list[Candidate], title_tokens: set[str]):
    """Centrality, lede scores, per-article ledes and trusted articles for a candidate list."""
    central = centrality(cands)
    ctx = StoryContext.build(cands, title_tokens, central)
    # Only a paragraph's first sentence can open a story, and never one leaning on a sentence before it, nor a photo
    # caption (its summary of the picture reads like a lede, but opens no story): one glued to the sentence after it,
    # or one with no full stop (_unfinished).
    lede = [lede_score(lede_features(c, central[i], ctx))
            if c.first_in_paragraph and not c.leans_back and not glued_caption(c.text) and not _unfinished(c) else 0.0
            for i, c in enumerate(cands)]
    ledes, trusted, lede_like, order_trust = _choose_ledes(cands, lede, central)
    if HOOK_SHARE and len(ledes) == 1:
        lede = _skip_hook(cands, lede, central, ctx, ledes, trusted, lede_like)
    return central, lede, ledes, trusted, lede_like, order_trust


def _unfinished(c: Candidate) -> bool:
    """No sentence-final punctuation: a photo caption kept as a sentence ("... at the Brenholt ferry terminal on
    Saturday")."""
    return c.text[-1] not in SENTENCE_END


def _skip_hook(cands: list[Candidate], lede: list[float], central: list[float], ctx: StoryContext,
               ledes: dict[int, int], trusted: set[int], lede_like: dict[int, float]) -> list[float]:
    """One undated report opening with a hook ("Guilty across the board.", "These incredible photos are ..."):
    its first sentence reads much less like a lede than the next one in the same paragraph, and is less central
    than one of the next two. The lede is then the second sentence (the nut of the story), and whether the file
    order is the writer's is asked of the text from there. Updates ledes, trusted and lede_like; returns the
    lede scores with the second sentence's."""
    article = cands[0].article
    if any(c.dateline for c in cands) or ledes[article] != 0 and article in trusted:
        return lede  # a dateline marks the lede
    if len(cands) < 4 or cands[1].paragraph != cands[0].paragraph or cands[1].leans_back \
            or central[0] >= max(central[1:3]):
        return lede
    nut = lede_score(lede_features(cands[1], central[1], ctx))
    if lede[0] >= HOOK_SHARE * nut:
        return lede
    lede = lede[:1] + [nut] + lede[2:]
    if article not in trusted:
        rest = cands[1:]
        saved, rest[0].first_in_paragraph = rest[0].first_in_paragraph, True
        p = opens_like_lede(rest, list(range(len(rest))), lede[1:], 0, central[1:])
        rest[0].first_in_paragraph = saved
        if p < 0.5:
            return lede[:1] + [0.0] + lede[2:]
        lede_like[article] = p
        trusted.add(article)
    ledes[article] = 1
    return lede


def _one_per_copy_group(cands: list[Candidate], lede: list[float]) -> set[int]:
    """Articles to keep: per copy group the one that opens with a dateline, else with the most lede-like
    first paragraph (the copy still in the writer's order), else the first."""
    first = {}
    for i, c in enumerate(cands):
        first.setdefault(c.article, i)
    best: dict[int, tuple] = {}
    for article, group in copy_groups(cands).items():
        rank = (cands[first[article]].dateline, lede[first[article]], -article)
        if group not in best or rank > best[group][0]:
            best[group] = (rank, article)
    return {article for _, article in best.values()}


def summarize(articles: list[Article], sentences: int = 3, words: int | None = None) -> list[str]:
    """Pick up to `sentences` sentences (and at most `words` words, whole sentences) for one story.

    The word cap never cuts a sentence: sentences are dropped from the end of the displayed summary until
    the rest fits. When the first (lede) sentence alone is longer than the cap it is shown alone, over
    the cap: a summary is never empty for a story that has text, and never ends mid-sentence."""
    cands = build_candidates(articles)
    if not cands or sentences <= 0:
        return []
    title_tokens = set(content_tokens(articles[0].title)) if articles and articles[0].title else set()
    central, lede, ledes, trusted, lede_like, order_trust = _analyse(cands, title_tokens)
    keep = _one_per_copy_group(cands, lede)
    if len(keep) < len(ledes):
        # Wire copies of one text are one source: keep the copy whose order reads best, then redo.
        cands = [c for c in cands if c.article in keep]
        central, lede, ledes, trusted, lede_like, order_trust = _analyse(cands, title_tokens)
    # The story's lede: a dateline lede, else one standing first in a trusted file order, else the best guess.
    story_lede = max(ledes.values(),
                     key=lambda i: (cands[i].dateline, cands[i].article in trusted, lede[i] + central[i], -i))
    lede_para = {(cands[i].article, cands[i].paragraph): i for i in ledes.values()}

    scores, lede_bonus = [], 0.0
    continued = _lede_continuation(cands, ledes, trusted, sentences)
    # One report whose file order is not trusted: no position signal at all, sentences compete on centrality.
    free = UNTRUSTED_FREE and len(ledes) == 1 and cands[story_lede].article not in lede_like
    for i, c in enumerate(cands):
        s = central[i]
        head = lede_para.get((c.article, c.paragraph))
        if i in continued:
            head = story_lede
        if free:
            head = None
        if head is not None and c.index >= cands[head].index:
            # The story lede's paragraph is the writer's own summary; other sources' ledes count less.
            weight = (LEDE_PARAGRAPH_BONUS if len(ledes) == 1 else MULTI_SOURCE_LEDE_BONUS) if head == story_lede \
                else POSITION_WEIGHT
            if c.article not in trusted and not cands[head].dateline:
                weight *= GUESSED_LEDE_SHARE  # a guessed lede paragraph is less sure than one in file order
            # continuing sentences are all meant to be shown: no decay with the distance from the lede
            s += weight * (1 if i in continued else 1 - 0.1 * min(5, c.index - cands[head].index))
            lede_bonus = weight if i == story_lede else lede_bonus
        if c.article in trusted:
            s += POSITION_WEIGHT / (1 + c.index - cands[ledes[c.article]].index) if c.index >= cands[ledes[c.article]].index else 0.0
        if free and FREE_POSITION_WEIGHT:
            s += FREE_POSITION_WEIGHT * order_trust.get(c.article, 0.0) / (1 + c.index)
        if c.bare_quote:
            s -= 1.0
        scores.append(s)
    if len(ledes) > 1 and SUPPORT_BONUS:
        for i, n in enumerate(source_support(cands)):
            scores[i] += SUPPORT_BONUS * n / (len(ledes) - 1)

    # A single report may open softly (an anecdote); with several, the story lede is already the best of their ledes.
    soft = (len(ledes) == 1 and not cands[story_lede].dateline and central[story_lede] < SOFT_LEDE_CENTRALITY
            and lede[story_lede] < max(lede) * SOFT_LEDE_SHARE)
    # Nothing may be forced to the top that leans on a sentence before it.
    soft = soft or not (cands[story_lede].dateline or cands[story_lede].article in trusted or lede[story_lede] > 0)
    # Several reports: select the sentences the story shares most, whichever source's lede they follow;
    # the lede-most of them is still shown first (see _display_order).
    soft = soft or len(ledes) > 1
    soft = soft or free
    if soft:
        scores[story_lede] -= lede_bonus  # it competes on centrality like any other sentence
    chosen: list[int] = [] if soft else [story_lede]
    token_sets = [c.token_set for c in cands]
    source_ledes = set(ledes.values())
    # word stems of the ledes: compared between reports' ledes, and with the story lede's in restates
    stem_set = {i: {stem(t) for t in token_sets[i]} for i in (source_ledes if len(ledes) > 1 else ())}
    for i in sorted(range(len(cands)), key=lambda i: (-scores[i], i)):
        if len(chosen) >= sentences:
            break
        if i in chosen or any(says_same(token_sets[i], token_sets[j]) for j in chosen):
            continue
        if len(ledes) > 1 and any(cands[j].article != cands[i].article
                                  and same_figure(cands[i].text, token_sets[i], cands[j].text, token_sets[j])
                                  for j in chosen):
            continue  # another report's sentence gives the same figure about the same thing
        if chosen and not soft and restates(cands[story_lede].text, token_sets[story_lede], cands[i].text,
                                            stem_set.get(story_lede)):
            continue
        if cands[i].leans_back and not _predecessor_chosen(cands, i, chosen, trusted):
            continue
        if cands[i].bare_quote:
            continue  # a quotation nobody is said to have said does not read on its own
        if ONE_SOURCE_LEDE and len(ledes) > 1 and i in source_ledes:
            retold = [k for k, j in enumerate(chosen) if j in source_ledes and cands[j].article != cands[i].article
                      and _jaccard(stem_set[i], stem_set[j]) >= LEDE_RETELL_JACCARD]
            if retold:
                continue  # two reports' ledes telling the same event in other words: one is enough
        chosen.append(i)
    if ONE_SOURCE_LEDE and len(ledes) > 1:
        _prefer_dated_lede(cands, chosen, source_ledes, stem_set, token_sets)
    if not chosen:
        # Every sentence leans on another: show the best one that at least opens no connective.
        chosen = [i for i in sorted(range(len(cands)), key=lambda i: (cands[i].bare_quote, -scores[i], i))
                  if first_word(cands[i].text) not in CONNECTIVES][:1]
    if soft:
        # Selection was free; display still opens with the most lede-like chosen sentence that leans on nothing.
        opener = max(chosen, key=lambda i: (not cands[i].leans_back, cands[i].dateline,
                                            cands[i].article in trusted and i == ledes[cands[i].article], lede[i], -i))
        chosen = [opener] + [i for i in chosen if i != opener]
    return _cut([cands[i].text for i in _display_order(cands, chosen)], words)


def _lede_continuation(cands: list[Candidate], ledes: dict[int, int], trusted: set[int], sentences: int) -> set[int]:
    """One report in trusted order whose lede paragraph has LEDE_CONTINUE_FROM or more sentences but fewer than
    the summary: the next sentences in file order that complete it (bare quotes aside, as in the selection)."""
    if len(ledes) != 1:
        return set()
    article, head = next(iter(ledes.items()))
    if article not in trusted:
        return set()
    para = cands[head].paragraph
    # the paragraph's size counts a hook before the lede (_skip_hook); the lede and what follows it are shown
    size = sum(c.article == article and c.paragraph == para and not c.bare_quote for c in cands)
    shown = sum(c.article == article and c.paragraph == para and c.index >= cands[head].index and not c.bare_quote
                for c in cands)
    if not (LEDE_CONTINUE_FROM <= size and shown < sentences):
        return set()
    after: set[int] = set()
    for k in range(head + 1, len(cands)):
        if cands[k].article == article and cands[k].paragraph != para and not cands[k].bare_quote:
            after.add(k)
            if len(after) == sentences - shown:
                break
    return after


def _prefer_dated_lede(cands: list[Candidate], chosen: list[int], source_ledes: set[int],
                       stem_set: dict[int, set[str]], token_sets: list[set[str]]) -> None:
    """Several reports: when a shown lede re-tells the event of a report's dateline lede that is not shown,
    show the dated one in its place (the dateline marks the wire's lede)."""
    for d in sorted(i for i in source_ledes if cands[i].dateline and i not in chosen):
        for k, j in enumerate(chosen):
            if j in source_ledes and not cands[j].dateline and cands[j].article != cands[d].article \
                    and _jaccard(stem_set[d], stem_set[j]) >= LEDE_RETELL_JACCARD \
                    and not any(says_same(token_sets[d], token_sets[o]) for o in chosen if o != j):
                chosen[k] = d
                break


def _predecessor_chosen(cands: list[Candidate], i: int, chosen: list[int], trusted: set[int]) -> bool:
    """Is the sentence just before candidate i (same paragraph, or any paragraph in trusted order) chosen?"""
    c = cands[i]
    return any(cands[j].article == c.article and cands[j].index == c.index - 1
               and (cands[j].paragraph == c.paragraph or c.article in trusted) for j in chosen)


def _display_order(cands: list[Candidate], chosen: list[int]) -> list[int]:
    """Lede first, then source order (article, sentence)."""
    if not chosen:
        return []
    head, rest = chosen[0], sorted(chosen[1:], key=lambda i: (cands[i].article, cands[i].index))
    out = [head]
    for i in rest:
        # A sentence that leans on its predecessor goes right after it.
        prev = next((k for k, j in enumerate(out) if cands[i].leans_back and cands[j].article == cands[i].article
                     and cands[j].index == cands[i].index - 1), None)
        out.insert(prev + 1 if prev is not None else len(out), i)
    return out


def _cut(picked: list[str], words: int | None) -> list[str]:
    if not words:
        return picked
    out, total = [], 0
    for s in picked:
        n = len(s.split())
        if out and total + n > words:
            break
        out.append(s)
        total += n
    return out
