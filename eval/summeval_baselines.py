"""Baselines run in the same eval: LEAD-3 and sumy's TextRank/LexRank on our own sentence splitter.

sumy's default tokenizer needs NLTK punkt data (a download), so sentences come from
`generator.text.split_sentences` and words from a plain regex; sumy's stemmer and stop list ship with it.
"""
from __future__ import annotations

import re

from generator.model import Article
from generator.text import split_dateline, split_sentences

_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['-])*")


def article_sentences(article: Article) -> list[str]:
    out = []
    for para in article.paragraphs:
        out.extend(split_sentences(split_dateline(para)[1]))
    return out


def lead(articles: list[Article], n: int = 3) -> list[str]:
    """First n sentences of the first source, in file order."""
    return article_sentences(articles[0])[:n] if articles else []


class _Words:
    """The part of sumy's Tokenizer interface that Sentence uses."""

    language = "english"

    def to_words(self, sentence: str) -> list[str]:
        return _WORD_RE.findall(sentence)


def _sumy(summarizer_cls, articles: list[Article], n: int) -> list[str]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    words = _Words()
    paragraphs = [Paragraph([Sentence(s, words)]) for a in articles for s in article_sentences(a)]
    summarizer = summarizer_cls(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return [str(s) for s in summarizer(ObjectDocumentModel(paragraphs), n)]


def textrank(articles: list[Article], n: int = 3) -> list[str]:
    from sumy.summarizers.text_rank import TextRankSummarizer
    return _sumy(TextRankSummarizer, articles, n)


def lexrank(articles: list[Article], n: int = 3) -> list[str]:
    from sumy.summarizers.lex_rank import LexRankSummarizer
    return _sumy(LexRankSummarizer, articles, n)
