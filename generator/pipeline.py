"""The build pipeline as a named list of stages over one state object (cf. markdown-it's parser_core)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.config import Config
from generator.model import Article, Diagnostic, Digest, Story, StoryGroup


@dataclass
class BuildState:
    config: Config
    content_dir: Path
    articles: list[Article] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    groups: list[StoryGroup] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    digest: Digest | None = None


def read_stage(state: BuildState) -> None:
    from generator.sources import read_content

    articles, diags = read_content(state.content_dir)
    state.articles = articles
    state.diagnostics.extend(diags)


def group_stage(state: BuildState) -> None:
    from generator.group import group_articles

    cfg = state.config
    state.groups = group_articles(state.articles, copy_threshold=cfg.copy_threshold, story_threshold=cfg.story_threshold,
                                  story_max_days=cfg.story_max_days)


def story_stage(state: BuildState) -> None:
    from generator.digest import make_story
    from generator.quotes import key_quotes
    from generator.summarize import summarize

    cfg = state.config
    for group in state.groups:
        members = [state.articles[i] for i in group.members]
        summary = summarize(members, sentences=cfg.summary_sentences, words=cfg.summary_words)
        quotes = key_quotes(members, summary, limit=cfg.quotes_per_story)
        state.stories.append(make_story(group, state.articles, summary, quotes))


def digest_stage(state: BuildState) -> None:
    from generator.digest import assign_slugs, order_stories

    assign_slugs(state.stories)
    stories = order_stories(state.stories)
    newest = max((s.updated for s in stories), default=None)
    state.digest = Digest(stories, state.diagnostics, len(state.articles), newest)


STAGES = [
    ("read", read_stage),
    ("group", group_stage),
    ("stories", story_stage),
    ("digest", digest_stage),
]


def run(config: Config, content_dir: Path) -> BuildState:
    state = BuildState(config, content_dir)
    for _name, stage in STAGES:
        stage(state)
    return state
