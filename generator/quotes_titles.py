"""Titles of works and programmes in quotes ('Fox News Sunday', 'a play called "Sons of the Mayor"'): not speech."""
from __future__ import annotations

from generator.quotes_cues import Tok

_TITLE_SMALL = frozenset("of the a an and in on for to with at from by vs or".split())
TITLE_BEFORE = frozenset("""on of in at from titled entitled headlined book film movie show program podcast documentary
song album series column essay headline memoir play novel report project the a an
with told tells telling perform performed performs performing pseudonym nickname alias""".split())
# (a quote right after "told" or "with" is who was told or the programme: 'Fiorina told "Fox and Friends,"'; speech
# after "told" comes after a listener or a colon)


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
        return before.lower() in TITLE_BEFORE or before.lower().endswith("'s")
    return True


_NAMING = frozenset("called titled entitled named dubbed".split())
_WORKS = frozenset("""play show book film movie song album series column essay article piece program programme podcast
documentary novel musical poem memoir headline video op-ed""".split())


def names_a_work(toks: list[Tok], k: int, content: str) -> bool:
    """'a play called "Sons of the Mayor"', 'an essay titled "Why We Lost."': the name of a work, not speech.

    Only title-case content (first and last word capitalised, most words capitalised) right after a naming verb
    that follows a work noun: 'a chummy culture called "The Firm Way"' or 'she called it "a disgrace"' stay speech."""
    return k >= 2 and toks[k - 1].low in _NAMING and toks[k - 2].low in _WORKS and title_case(content)


def title_case(content: str) -> bool:
    """First and last words capitalised, and most of them: 'Los Hijos de Trump', 'Brokers'."""
    words = [w for w in content.strip(" .,!?").split() if w[:1].isalpha()]
    caps = sum(w[:1].isupper() for w in words)
    return bool(words) and words[0][:1].isupper() and words[-1][:1].isupper() and caps * 2 > len(words)
