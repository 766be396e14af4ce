"""Group articles into stories: copies of one text first (group_copies), then same-event coverage
(group_stories), each member with a score against the canonical article and a short reason."""
from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from generator.group_copies import copy_clusters
from generator.group_pairs import PairCounts, PairMemo, pairs_since
from generator.group_stories import (MAX_DAYS_APART, MAX_WORDS, attach_clear_loners, attach_stragglers, average_link,
                                     candidate_similarities, pair_loners, similarity, story_features)
from generator.group_topics import TOPIC_SHARE, topic_similarities
from generator.group_events import PARALLEL_SHINGLES, lead_days, sentence_frames, template_conflicts, trusted_dates
from generator.group_text import LazyList, features_of, names_and_numbers, release_shingles
from generator.memory import release_memory
from generator.model import Article, StoryGroup
from generator.packed import text_lengths, without_text

DEFAULT_COPY_THRESHOLD = 0.7  # share of the smaller text's shingles found in the larger one
DEFAULT_STORY_THRESHOLD = 0.2  # average-link similarity needed to join one story
MIN_SHARED_NAMES_TO_PAIR = 2  # names/figures two lone texts share before they may pair under the threshold
SURE_PAIR_NAMES = 5  # lone texts that pick each other and share this many names/figures ...
SURE_PAIR_FLOOR = 0.15  # ... at this similarity pair up without a clear lead over their next matches
TEMPLATE_FLOOR = 0.15  # pairs at least this similar are checked for being two events of one kind (_told_apart) ...
TEMPLATE_SENTENCES = 2  # ... by this many sentences of one template filled with other names
TEMPLATE_PHRASES = 2  # ... when their texts share this many 5-word shingles (a template's fixed phrases)
ROUNDUP_PARAGRAPHS = 4  # a text of this many paragraphs may be a roundup of several stories (_written_roundups)
ROUNDUP_OTHERS = 2  # ... when other paragraphs name this many other stories


def group_articles(articles: list[Article], copy_threshold: float = DEFAULT_COPY_THRESHOLD,
                   story_threshold: float = DEFAULT_STORY_THRESHOLD, story_max_days: int = MAX_DAYS_APART,
                   pair_memo: PairMemo | None = None) -> list[StoryGroup]:
    """Stories of the run, each listing its articles canonical first (earliest, then longest).

    copy_threshold: share of the shorter text's 5-word shingles found in the other for a copy.
    story_threshold: average-link similarity for independently written articles to join a story.
    story_max_days: articles whose real (not placeholder) dates lie further apart never join.
    pair_memo: the last build's shared-shingle counts, and where this build's go (group_pairs); same result.
    """
    if not articles:
        return []
    fields_of = without_text(articles)  # (a large build's articles are held packed: generator/packed.py)
    order_key = [(a.date, -length, a.path, i)  # earliest, then longest
                 for i, (a, length) in enumerate(zip(fields_of, text_lengths(articles)))]
    # body paragraphs, shingles and text key per article (the pipeline caches them)
    bodies, sets, text_keys = features_of(articles)
    copies, copy_score, roundup_sources, phrase_pairs = _copy_groups(articles, sets, copy_threshold, pair_memo)
    del sets
    release_shingles()
    release_memory()  # the shingle sets were the largest thing grouping held (100,000 articles: ~0.5 GB)

    canon = [_ordered(order_key, c)[0] for c in copies]
    dates = trusted_dates(fields_of)
    kept = _without_outlet_furniture(fields_of, bodies, canon)
    # each canonical text's kept paragraphs, made when read (bodies is lazy when the features were handed over)
    feats = story_features([fields_of[i].title for i in canon],
                           LazyList(lambda j: _picked(bodies[canon[j]], kept[j]), len(canon)))
    heads = feats.heads
    left, right, run_sims = candidate_similarities(feats, [dates[i] for i in canon], story_max_days)
    # one wire's template filled with other names is two events: such pairs never link, and no later
    # step puts a text into a story holding one it was told apart from
    phrased = np.isin(left * len(copies) + right, phrase_pairs)
    apart = _told_apart(left, right, np.where(phrased, run_sims, 0.0), heads, [dates[i] for i in canon],
                        feats.name_lists)
    told_apart = frozenset(zip(left[apart].tolist(), right[apart].tolist()))
    left, right, run_sims = left[~apart], right[~apart], run_sims[~apart]
    # two events of one kind: weigh what a text shares inside its loose topic (group_topics); a merge
    # needs the topic similarity (which ranks merges) and the run-wide one both to be high enough
    sims = topic_similarities(feats, left, right, run_sims)
    stories = _detach_roundups(average_link(len(copies), left, right, sims, TOPIC_SHARE * story_threshold,
                                            also=run_sims, also_threshold=story_threshold), roundup_sources)
    # roundups written from scratch (a live blog of the day): detached like those made of copied pieces
    written = _written_roundups(stories, left, right, sims, heads, feats.head_sizes, feats.name_lists)
    if written:
        gone = set(written)
        stories = [m for m in ([c for c in st if c not in gone] for st in stories) if m] + [[c] for c in written]
    # possible roundups never bridge a lone text into a story
    roundups = list(roundup_sources) + written
    bridge = ~np.isin(left, roundups) & ~np.isin(right, roundups)
    stories = attach_stragglers(stories, left[bridge], right[bridge], sims[bridge], apart=told_apart)
    # Pairing two lone texts under the story threshold also needs more than one shared name or figure:
    # two quakes sharing only "GMT" are two events of one kind, not one story.
    names = [set(n) for n in feats.name_lists]
    weak = {(a, b) for a, b in zip(left[bridge].tolist(), right[bridge].tolist())
            if len(names[a] & names[b]) < MIN_SHARED_NAMES_TO_PAIR}
    sure = {(a, b) for a, b, s in zip(left[bridge].tolist(), right[bridge].tolist(), sims[bridge].tolist())
            if s >= SURE_PAIR_FLOOR and len(names[a] & names[b]) >= SURE_PAIR_NAMES}
    stories = pair_loners(stories, left[bridge], right[bridge], sims[bridge], vetoed=weak, sure=sure)
    stories = attach_clear_loners(stories, left[bridge], right[bridge], sims[bridge], apart=told_apart)

    # story similarity of every member's copy group to its canonical's, computed in one batch
    pairs = []
    for story in stories:
        head_copy = _ordered(order_key, [i for c in story for i in copies[c]])[0]
        head_c = next(c for c in story if head_copy in copies[c])
        pairs.extend((head_c, c) for c in story if c != head_c)
    pair_sims = dict(zip(pairs, similarity(feats, np.array([p[0] for p in pairs], dtype=np.int64),
                                           np.array([p[1] for p in pairs], dtype=np.int64)).tolist()))
    groups = []
    for story in stories:
        members = _ordered(order_key, [i for c in story for i in copies[c]])
        copy_of = {i: c for c in story for i in copies[c]}
        head = members[0]
        sims_out, reasons = [], []
        for i in members:
            if i == head:
                sims_out.append(1.0)
                reasons.append("canonical article (earliest, then longest)")
            elif copy_of[i] == copy_of[head]:
                s = copy_score(head, i)
                sims_out.append(round(s, 3))
                reasons.append("exact copy of the text" if text_keys[head] == text_keys[i]
                               else f"near-identical copy ({s:.0%} of its text shared)")
            else:
                s = pair_sims[(copy_of[head], copy_of[i])]
                sims_out.append(round(s, 3))
                reasons.append(_story_reason(feats, copy_of[head], copy_of[i], s))
        groups.append(StoryGroup(members, [copy_of[i] for i in members], sims_out, reasons))
    groups.sort(key=lambda g: g.members[0])
    # copy group ids: numbered in output order so they read 0, 1, 2, ... down the digest
    renumber: dict[int, int] = {}
    for g in groups:
        g.copy_groups = [renumber.setdefault(c, len(renumber)) for c in g.copy_groups]
    return groups


def _told_apart(left: np.ndarray, right: np.ndarray, sims: np.ndarray, heads: list, dates: list,
                known: list[list[str]]) -> np.ndarray:
    """Candidate pairs that are two events of one kind told in one template (group_events.sentence_frames):
    two or more sentences of one are sentences of the other with other towns, teams, companies or
    people in their slots (one wire's reports of two quakes), or one such sentence and leads that put
    the event on different days ("on Tuesday" in Tuesday's report, "on Thursday" in Thursday's).
    Only pairs that could join are checked (similarity >= TEMPLATE_FLOOR; group.py passes 0 for pairs
    sharing fewer than TEMPLATE_PHRASES word shingles, which no template's fixed phrases do)."""
    out = np.zeros(len(left), dtype=bool)
    days: dict[int, frozenset[int]] = {}
    frames: dict[int, list] = {}
    shingles: dict[int, frozenset[int]] = {}  # all frame shingles of a text: a quick test first
    for k in np.flatnonzero(sims >= TEMPLATE_FLOOR).tolist():
        a, b = int(left[k]), int(right[k])
        for c in (a, b):
            if c not in frames:
                frames[c] = sentence_frames(heads[c], set(known[c]))
                shingles[c] = frozenset().union(*(f for f, _ in frames[c]))
                days[c] = lead_days(heads[c][0], dates[c]) if heads[c] else frozenset()
        if len(shingles[a] & shingles[b]) < PARALLEL_SHINGLES:
            continue
        conflicts = min(template_conflicts(frames[a], frames[b]), template_conflicts(frames[b], frames[a]))
        if conflicts >= TEMPLATE_SENTENCES or (conflicts and days[a] and days[b] and not days[a] & days[b]):
            out[k] = True
    return out


def _written_roundups(stories: list[list[int]], left: np.ndarray, right: np.ndarray, sims: np.ndarray,
                      heads: Sequence[list[str]], head_sizes: list[int], name_lists: list[list[str]]) -> list[int]:
    """Texts of ROUNDUP_PARAGRAPHS or more paragraphs linked to three or more stories, where the names a text
    shares with its closest story sit in at most half of its paragraphs and those it shares with two or more
    other stories sit in other paragraphs: a roundup or live blog written from the day's stories, a part of
    each, not a report of any one of them."""
    story_of = {c: k for k, st in enumerate(stories) for c in st}
    linked: dict[int, dict[int, list[tuple[float, int]]]] = {}  # text -> story -> [(similarity, other text)]
    near = sims >= TEMPLATE_FLOOR
    for a, b, s in zip(left[near].tolist(), right[near].tolist(), sims[near].tolist()):
        for x, y in ((a, b), (b, a)):
            if head_sizes[x] >= ROUNDUP_PARAGRAPHS:
                linked.setdefault(x, {}).setdefault(story_of[y], []).append((s, y))
    out = []
    for x, by_story in sorted(linked.items()):
        if len(by_story) < 1 + ROUNDUP_OTHERS:
            continue
        # quick necessary test on the text's names: other stories share names its closest one does not
        own = max(by_story, key=lambda k: (max(by_story[k])[0], -k))
        names_x = {n for n in name_lists[x] if n[0] != "#"}
        shared = {k: names_x & set().union(*(name_lists[y] for _, y in partners)) for k, partners in by_story.items()}
        if sum(1 for k in shared if k != own and shared[k] and not shared[k] & shared[own]) < ROUNDUP_OTHERS:
            continue
        paragraphs = [{n for n in names_and_numbers(p) if n[0] != "#"} for p in heads[x]]  # names, not figures
        mine = set().union(*paragraphs)
        where = {}
        for k, partners in by_story.items():
            shared = mine & set().union(*(name_lists[y] for _, y in partners))
            where[k] = {i for i, p in enumerate(paragraphs) if p & shared}
        others = [k for k in where if k != own and where[k] and not where[k] & where[own]]
        if where[own] and 2 * len(where[own]) <= len(paragraphs) and len(others) >= ROUNDUP_OTHERS:
            out.append(x)
    return out


def _without_outlet_furniture(articles: list[Article], bodies: list[list[str]], canon: list[int]) -> list[list[int]]:
    """Paragraph numbers of each copy group's canonical article, minus paragraphs that its outlet also ran
    word for word in a different text (mastheads, disclaimers, "about us" lines): they say nothing
    about the event and would pull an outlet's unrelated stories together."""
    first: dict[tuple[str, str], int] = {}  # paragraph -> the first text it was found in
    shared: set[tuple[str, str]] = set()  # ... found in another text too (no set of texts per paragraph)
    keys = {c: [(articles[c].outlet, p.lower()) for p in bodies[c]] for c in canon}  # lowered once
    for c in canon:
        for key in keys[c]:
            if first.setdefault(key, c) != c:
                shared.add(key)
    del first
    out = []
    for c in canon:
        kept = [k for k, key in enumerate(keys[c]) if key not in shared]
        out.append(kept or list(range(len(bodies[c]))))
    return out


def _picked(paragraphs: list[str], numbers: list[int]) -> list[str]:
    return [paragraphs[k] for k in numbers]


def _ordered(order_key: list[tuple], idx: list[int]) -> list[int]:
    return sorted(idx, key=order_key.__getitem__)


def _copy_groups(articles: list[Article], sets: list[np.ndarray], threshold: float, pair_memo: PairMemo | None = None):
    """Collapse identical texts first (cheap, and keeps huge duplicate sets out of the index)."""
    # keyed by a hash of the shingle set, not by a bytes copy of it (100,000 articles: 0.5 GB at copy detection),
    # and checked: texts whose hashes agree but whose sets differ stay apart
    first_of: dict[bytes, int] = {}
    key_of: dict[int, bytes] = {}  # each distinct set's key, by its first text
    rep_of = []
    for i, s in enumerate(sets):
        key = hashlib.blake2b(np.ascontiguousarray(s), digest_size=16).digest() if len(s) else f"empty:{i}".encode()
        first = first_of.setdefault(key, i)
        if first != i and not np.array_equal(sets[first], s):
            key += i.to_bytes(8, "little")
            first = first_of.setdefault(key, i)
        key_of.setdefault(first, key)
        rep_of.append(first)
    reps = sorted(set(rep_of))
    rep_sets = [sets[r] for r in reps]
    pairs = None
    if pair_memo is not None:
        rep_keys = [key_of[r] for r in reps]
        pairs = pairs_since(rep_sets, rep_keys, pair_memo.previous, pair_memo.fetch)
        sources = [pair_memo.article_keys[r] for r in reps] if pair_memo.article_keys is not None else [""] * len(reps)
        pair_memo.keep(PairCounts(rep_keys, sources, pairs.left, pairs.right, pairs.shared))
    result = copy_clusters(rep_sets, threshold, pairs)
    clusters, score = result.clusters, result.score
    by_rep: dict[int, list[int]] = {}
    for i, r in enumerate(rep_of):
        by_rep.setdefault(r, []).append(i)
    copies = [[i for x in c for i in by_rep[reps[x]]] for c in clusters]
    pos = {r: x for x, r in enumerate(reps)}

    def copy_score(a: int, b: int) -> float:
        ra, rb = pos[rep_of[a]], pos[rep_of[b]]
        if ra == rb:
            return 1.0
        return score.get((min(ra, rb), max(ra, rb)), 0.0)

    # possible roundups, as copy group -> copy groups it holds pieces of
    group_of_rep = {x: k for k, c in enumerate(clusters) for x in c}
    roundup_sources = {group_of_rep[x]: sorted({group_of_rep[s] for s in srcs})
                       for x, srcs in result.composites.items()}
    # copy-group pairs whose texts share a few word shingles (a template's fixed phrases share some)
    pairs = result.pairs
    rep_group = np.array([group_of_rep[x] for x in range(len(reps))], dtype=np.int64)
    some = pairs.shared >= TEMPLATE_PHRASES
    ga, gb = rep_group[pairs.left[some]], rep_group[pairs.right[some]]
    phrase_pairs = np.unique(np.minimum(ga, gb) * len(clusters) + np.maximum(ga, gb))
    return copies, copy_score, roundup_sources, phrase_pairs


def _detach_roundups(stories: list[list[int]], roundup_sources: dict[int, list[int]]) -> list[list[int]]:
    """A text holding pieces of texts from two or more different stories is a roundup: it stands alone."""
    story_of = {c: k for k, s in enumerate(stories) for c in s}
    detached = [c for c, srcs in roundup_sources.items()
                if len({story_of[s] for s in srcs if s != c}) >= 2 and len(stories[story_of[c]]) > 1]
    if not detached:
        return stories
    gone = set(detached)
    return [s for s in ([c for c in s if c not in gone] for s in stories) if s] + [[c] for c in sorted(gone)]


def _story_reason(feats, ca: int, cb: int, sim: float) -> str:
    shared = sorted(set(feats.name_lists[ca]) & set(feats.name_lists[cb]) - {n for n in feats.name_lists[ca] if n[0] == "#"})
    rarest = [n for _, n in sorted(zip([-w for w in feats.name_idf(shared)], shared))[:3]] if shared else []
    label = ", ".join(n.title() for n in sorted(rarest)) if rarest else "none"
    return f"same event: shared names {label}; text similarity {sim:.2f}"
