"""Candidate sentences for a summary: datelines removed, page furniture dropped, cheap features attached."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model import Article
from generator.text import (NOT_BYLINE_NAMES, content_tokens_of_normalized, normalize, split_dateline,
                            split_sentences)

# First words that make a sentence lean on the one before it ("He said ...", "But ...").
# A subordinating opener ("Although X, Y.", "While X, Y.", "Though", "Whereas") carries its main clause in the same
# sentence, so it is not one: CNN/DM in order 41.53/19.16 -> 41.57/19.18 (odd half 40.98 -> 41.06), shuffled 37.18 ->
# 37.20; BBC P@3 0.8518 -> 0.8521 (shuffled 0.8477 -> 0.8468); Multi-News 34.14/10.63 -> 34.23/10.72.
PRONOUNS = frozenset("he she it they him them his her its their this these those that there we i you such others".split())
CONNECTIVES = frozenset("""but and however also meanwhile still yet so then instead nevertheless
    nonetheless moreover furthermore besides thus therefore hence otherwise later earlier afterwards indeed
    or nor""".split())
# Openings of two or three words that refer back ("As a result, ...", "Despite this, ...").
_LEANING_PHRASE_RE = re.compile(
    r"""^[\s"'(]*(?:as\ a\ (?:result|consequence)|in\ addition|in\ response|in\ contrast|by\ contrast|even\ so
        |despite\ (?:this|that|it)
        |for\ (?:his|her|their|its)\ part|on\ the\ other\ hand|at\ the\ same\ time|after\ (?:this|that)
        |because\ of\ (?:this|that)|as\ well|not\ only\ that|on\ top\ of\ that|in\ turn|the\ latter|the\ former
        |that\ is\ why|which\ is\ why|this\ is\ why|(?:the\ )?same\ (?:day|week|month|year))\b""",
    re.IGNORECASE | re.VERBOSE)
_LEANING_PHRASE_STARTS = frozenset("as in by even despite for on at after because not the that which this same".split())
WHEN_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday yesterday today tonight
    weekend week month year morning night earlier""".split())

# Page furniture that is never part of the story text.
_JUNK_RE = re.compile(
    r"""^(?:by\s+[.\s]*(?-i:(?!""" + NOT_BYLINE_NAMES + r""")
            [A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})\s*(?:[.,|]|$)          # byline: capitalised names, not "By Friday,"
        |by\s*\.\s                                                      # "By . Daily Mail Reporter"
        |(?:published|updated|last\ updated|posted)\s*:                 # timestamps
        |(?:read|see|watch)\ (?:more|also|the\ full)|click\ here|scroll\ down|sign\ up|follow\ (?:us|@)
        |(?:image|photo|picture|video)\s+(?:copyright|credit|caption)|copyright\s
        |(?:advertisement|related\ (?:articles|stories)|share\ this)
        |(?:additional\ )?reporting\ by|editing\ by|writing\ by
        |(?:last\ )?(?:updated|modified|posted|published)\b.{0,40}\b\d{1,2}[:.]\d{2}  # "Last updated at 10:32 GMT"
        |(?:published|updated|posted)\ \d+\ (?:minutes?|hours?|days?)\ ago
        |follow\ .{1,60}\ on\ (?:twitter|facebook|instagram|x|threads|bluesky|tiktok|linkedin)\b
        |like\ us\ on|subscribe\ to\ our|download\ (?:our|the)\ .{0,20}app|get\ our\ .{0,30}newsletter
        |all\ rights\ reserved|this\ (?:article|story)\ (?:was|has\ been)\ (?:amended|updated|corrected)
        |editor'?s\ note|correction\s*:
        |\(?\$1\ =                                                          # "($1 = 0.7931 pounds)"
        |here(?:'s|\u2019s|\ is|\ are)\ (?:what|why|how|everything|all\ you)\b|find\ out\ (?:more|how|why|what)
        |more\ to\ (?:follow|come)|this\ is\ a\ (?:developing|breaking)\ (?:story|news)|breaking\ news\b
        |this\ material\ may\ not\ be\b|watch\ (?:the\ |our\ )?video\b|subscribe\ (?:now|today|here)\b
        |contact\ (?:the\ )?(?:author|reporter|writer|newsroom)\b
        |this\ (?:interview|conversation|transcript|q&a)\ has\ been\ (?:edited|condensed|lightly)
        |(?:log|sign)\ in\ (?:or\ (?:register|sign\ up)\ )?to\ (?:post|leave|add|join)\b   # "Log in to comment"
        |an\ earlier\ version\ of\ this\ (?:article|story|report)|follow\ our\ (?:live\ )?(?:coverage|updates|blog)
        |click\ (?:to|for)\ (?:see|view|read|watch|more)|this\ (?:article|story)\ is\ more\ than\ \w+\ (?:years?|months?)\ old
        |this\ (?:article|story)\ (?:was\ )?(?:originally|first)\ (?:appeared|published)
        |a\ version\ of\ this\ (?:article|story)\ (?:first\ |originally\ )?appeared|this\ content\ is\ (?:sponsored|paid\ for)
        |produced\ in\ (?:association|partnership)\ with|sponsored\ content\b|e-?mail\ \S+@\S+
        |(?-i:SOURCE\ [A-Z])                                             # a press release's closing "SOURCE Acme Inc."
        |(?:media|press|investor|news)\ (?:contacts?|enquiries|inquiries)\b|(?:media|investor)\ relations\s*:
        |for\ (?:more|further)\ information\b|for\ immediate\ release\b
        |this\ (?:press\ )?release\ (?:contains|includes|may\ contain)\b   # "... forward-looking statements"
        )""",
    re.IGNORECASE | re.VERBOSE,
)
# The first three letters (lower case) of every line _JUNK_RE matches, "by" lines aside: a line opening otherwise
# ("The", "He said") needs no look at the pattern.
_JUNK_STARTS = frozenset("""pub upd las pos rea see wat cli scr sig fol ima pho pic vid cop adv rel sha add rep edi wri
    mod lik sub dow get all thi her fin mor bre cor con sou med pre inv new for log pro spo ema e-m""".split()) | {"$1 ", "an ", "a v"}
# Promotions of the outlet itself, wherever they sit in the line.
_PROMO_RE = re.compile(r"""\b(?:(?:to|in)\ your\ inbox|comments\ (?:section\ )?below|our\ (?:\w+\ )?(?:newsletters?|podcasts?|app)
                       |get\ in\ touch|listen\ to\ (?:the\ latest|our)|e-?mail\ us\ at
                       |(?:we|this\ site|this\ website)\ uses?\ cookies|by\ continuing\ to\ (?:browse|use\ (?:this|our)\ (?:site|website))|accept\ (?:all\ )?cookies
                       |cookie\ settings|let\ us\ know\ in\ the\ comments|have\ your\ say
                       |enable\ javascript|your\ browser\ does\ not\ support|powered\ by\ disqus|unsubscribe\ at\ any\ time
                       |(?:views|opinions)\ expressed\ .{0,40}(?:are\ (?:the\ author'?s|their|his|her)\ own|do\ not\ (?:necessarily\ )?reflect)
                       |listen\ to\ this\ (?:story|article)|enjoy\ more\ audio|(?:support|supporting)\ our\ journalism
                       |thank\ you\ for\ reading|we'?d\ love\ to\ hear\ from\ you|send\ (?:us\ )?your\ (?:story\ ideas|tips)
                       )\b|pic\.twitter\.com/|\(@\w{1,15}\)\ [A-Z][a-z]+\.?\ \d{1,2},\ \d{4}$   # a tweet embedded as text
                       """, re.IGNORECASE | re.VERBOSE)
# A photo credit: a caption paragraph ends with one ("... at Rockingham Road. Photograph: Sam Ince/Getty Images").
_PHOTO_CREDIT_RE = re.compile(r"^\(?(?:photograph|photo|picture|pic|image)s?(?:\ credit)?\s*:|getty\ images|/(?:getty|pa|ap|afp|"
                              r"reuters|epa|shutterstock)\b|\b(?:ap|afp|reuters|epa)\ photo\b", re.IGNORECASE | re.VERBOSE)
CAPTION_WORDS = 30  # a paragraph this short ending with a photo credit is a caption
NO_STOP_WORDS = 12  # a line with no sentence-final punctuation shorter than this is a caption, label or heading
# (longer ones are kept: Daily Mail's highlight bullets and standfirsts have no full stop; requiring one for every
# candidate cost CNN/DM in order 41.65 -> 41.07 R1, shuffled 37.52 -> 36.62)
# A photo caption in agency style, wherever it stands: "In this May 4, 2001, file photo, a man ...", "In this image
# made from video ..." (after "FILE - ", which split_dateline takes for a dateline), or one opening with the credit
# of the picture before it ("(AP Photo/Jane Doe) The minister ..."). Not "In this town, photos of the mayor hang ...".
_CAPTION_START_RE = re.compile(r"""(?:
    In\s+(?:this|these)\s+(?:[\w.,'/-]+\s+){0,6}?(?:file\s+)?
        (?:photos?|photographs?|images?|pictures?|frame\s+grab|video\s+(?:image|still|grab))
        (?:,|\s+(?:provided|released|taken|made|obtained|posted|shot|shows?|from|by|distributed|issued)\b)
    |\((?:AP|AFP|Reuters|Getty|EPA|Photo)\b[^()]*\))""", re.IGNORECASE | re.VERBOSE)
# Picture credits ("Columbia Pictures/Getty Images"): a line with two of them lists a gallery's pictures.
_PICTURE_CREDIT_RE = re.compile(r"/(?:Getty|AP|Reuters|AFP|EPA|PA)\b|\bGetty Images\b")
# "Associated Press writer Tom Lee in Chicago contributed to this report."
_CONTRIBUTED_RE = re.compile(r"\bcontributed\ (?:to\ )?(?:this|the)\ (?:report|story|article)\b", re.IGNORECASE)
_CREDIT_RE = re.compile(r"\((?:[^()]*\b(?:Photo|Photographer|Getty|AP Photo|Reuters|AFP|Images?|Staff|File)\b[^()]*)\)\s*$",
                        re.IGNORECASE)
# A photo caption opens with a short label and a colon; a speaker's "X said:" has a verb before it.
_CAPTION_LABEL_RE = re.compile(r"^([A-Z][\w'\u2019-]*(?: [\w'\u2019-]+){0,5}): (?=[A-Z\"'])")
# ... but a phrase opening with a preposition or conjunction is the sentence itself ("With the new Avengers:
# Age of Ultron movie released this week, ...").
_NOT_LABEL_STARTS = frozenset("With In At For As After Before When While If On By From Since During Despite Like "
                              "Unlike Following Ahead".split())
# A caption some pages glue to the sentence after it, with no full stop between ("Accused: Dr Ram Manohar, 38,
# has denied four counts A senior doctor facing ..."): the sentence starts at an article after a lower-case
# word, a figure or a closing quote.
_GLUED_SENTENCE_RE = re.compile(r"(?<=[a-z0-9%'\u2019\"])\s+(?=(?:A|An|The)\s+[a-z0-9])")
GLUED_MIN_WORDS = 8  # the rest must read as a sentence of its own
# A caption with no label glued the same way ("... camouflaged in woodland In many of the pictures, ..."): a word that
# opens sentences but is never capitalised inside one, followed by a lower-case word, right after a lower-case word
# that cannot end a phrase (not "a", "of", "the" ...). Titles ("Carry On films", "England A side") have a capitalised
# word before it.
_GLUED_STARTER_RE = re.compile(r" (?:A|An|Th(?:e|is|ese|eir|ere)|In|H(?:e|is|er)|She|It|They|We|But|After"
                               r"|Wh(?:en|ile)|As) (?=[a-z0-9])")
_GLUED_PRE_STOP = frozenset("""a an the of in to for and or with on at by from as is was are were be been his her their
    its our my your this that these those into onto about than but said says""".split())
GLUED_CAPTION_MIN_WORDS = 5  # a caption before the glue names something: at least this many words
# A page's "Scroll down for video" line glued to the sentence after it (no full stop between).
_GLUED_PROMPT_RE = re.compile(r"^scroll down for (?:the )?(?:videos?|pictures|more)(?: and [a-z]+)?\s+(?=[A-Z\"'])",
                              re.IGNORECASE)
# A quotation mark closing a quotation (after its final punctuation) and one opening a quotation (before a word, at
# the start or after a space or bracket); an apostrophe ("the boys' club", "it's") is neither. A sentence closing a
# quotation it never opened (quote_tail) leans back and cannot open a story: shuffled paragraphs often start mid-quote.
# CNN/DM shuffled 37.20 -> 37.50 (odd half 35.89 -> 36.47), in order 41.57/19.18 -> 41.59/19.18 (odd 41.06 -> 41.11);
# BBC P@3 0.8521 -> 0.8510, shuffled 0.8468 -> 0.8459, wire 0.8473 -> 0.8462; Multi-News 34.23/10.72 -> 34.08/10.61.
_QUOTE_CLOSE_RE = re.compile(r"[.!?,]['\"]")
_QUOTE_OPEN_RE = re.compile(r"(?:^|[\s(\[])['\"](?=[\w[])")
_OPEN_QUOTES = ('"', "'", "\u201c", "\u2018")


# Capitalised words (a word opening the sentence included) and full names ("Leon Yeaman" -> "Yeaman"): the lede
# model's story context counts them over every sentence, and its features look at them again for paragraph openers.
# The capital letter comes first and the look-behind after it: the same matches as "(?<=\s)[A-Z][a-z]+" and
# "\b[A-Z][a-z]+ ([A-Z][a-z]{2,})\b", but a pattern opening with a character class lets the search skip ahead.
CAPITALISED_RE = re.compile(r"[A-Z](?<=\s[A-Z])[a-z]+")
FULL_NAME_RE = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]+ ([A-Z][a-z]{2,})\b")
_CAPITALISED_START_RE = re.compile(r"[A-Z][a-z]")


@dataclass(slots=True)
class Candidate:
    article: int  # index into the input articles
    paragraph: int
    index: int  # sentence number within its article (file order)
    text: str  # displayed text, dateline removed
    dateline: bool = False  # first sentence of a paragraph that carried a dateline
    first_in_paragraph: bool = False
    # What the sentence alone tells, in the order _sentence_facts gives it:
    tokens: list[str] = field(default_factory=list)  # content tokens
    token_set: frozenset[str] = frozenset()  # the same as a set
    words: int = 0
    capitalised: list[str] | tuple[str, ...] = ()  # CAPITALISED_RE over the text, its first word included
    names: int = 0  # how many of those stand after the first word
    full_names: list[str] | tuple[str, ...] = ()  # FULL_NAME_RE's surnames
    opens_with_quote: bool = False
    quote_share: float = 0.0  # share of characters inside double quotes
    leans_back: bool = False  # opens with a pronoun or connective: needs the sentence before it
    quote_tail: bool = False  # closes a quotation opened in the sentence before it (so it leans back)
    bare_quote: bool = False  # a quotation with nobody said to have said it


def is_furniture(sentence: str, words: int | None = None) -> bool:
    """Bylines, timestamps, 'Read more' lines, photo credits and captions (`words`: len(sentence.split()), when at
    hand)."""
    bare = sentence.lstrip("([ ")
    start = bare[:3]
    if (not start.isascii() or start[:2].lower() == "by" or start.lower() in _JUNK_STARTS) and _JUNK_RE.match(bare):
        return True
    # (a photo credit in brackets closes the line)
    if sentence.rstrip()[-1:] == ")" and _CREDIT_RE.search(sentence) or sentence[:1] in ":;,.-|*\u2022\u00b7\u25aa\u25b8\u25ba\u25cf\u25a0>":  # bullets
        return True
    if sentence[:1] in "IiFf(" and _CAPTION_START_RE.match(sentence) \
            or ("/" in sentence or "Getty" in sentence) and len(_PICTURE_CREDIT_RE.findall(sentence)) >= 2:
        return True  # a photo caption, or a gallery's list of picture credits
    # cheap pre-check before the promotion patterns (first letters left out: either case)
    if ("ontributed" in sentence or "inbox" in sentence or "below" in sentence or "ewsletter" in sentence
            or "odcast" in sentence or " app" in sentence or "touch" in sentence or "isten" in sentence
            or "mail us" in sentence or "ookie" in sentence or "ontinuing to" in sentence
            or "comment" in sentence or "your say" in sentence or "twitter.com" in sentence or "(@" in sentence
            or "avaScript" in sentence or "browser" in sentence or "isqus" in sentence or "nsubscribe" in sentence
            or "xpressed" in sentence or "this story" in sentence or "this article" in sentence or "audio" in sentence
            or "journalism" in sentence or "for reading" in sentence or "hear from you" in sentence
            or "story ideas" in sentence or "your tips" in sentence) \
            and (_CONTRIBUTED_RE.search(sentence) or _PROMO_RE.search(sentence)):
        return True
    if sentence == sentence.upper() and sum(ch.isalpha() for ch in sentence) >= 8:
        return True  # an all-caps heading ("WHAT HAPPENS NEXT?")
    if sentence.rstrip(")]").endswith("?") and not _SPEECH_RE.search(_QUOTED_RE.sub(" ", sentence)):
        return True  # a question or teaser put to the reader ("So what does this mean for drivers?")
    label = _CAPTION_LABEL_RE.match(sentence) if ": " in sentence else None  # "Accused: Dr Ram Manohar, 38, ..." under a photo
    if label and not _SPEECH_RE.search(label.group(1)) and first_word(sentence) not in PRONOUNS \
            and label.group(1).split(" ", 1)[0] not in _NOT_LABEL_STARTS:
        return True
    words = len(sentence.split()) if words is None else words
    if words < 4 or sentence[0].islower():  # a fragment cut from a broken sentence
        return True
    # A caption or label has no sentence-final punctuation and no verb-like length.
    return sentence[-1] not in ".!?\"'\u201d\u2019)" and words < NO_STOP_WORDS


_QUOTED_RE = re.compile(r'"([^"]*)"?')


def _quote_share(text: str) -> float:
    """Share of characters inside double quotes (an unclosed quote runs to the end)."""
    if '"' not in text:
        return 0.0  # most sentences quote nobody: no pattern search
    inside = sum(len(m) for m in _QUOTED_RE.findall(text))
    total = len(text) - text.count('"')
    return inside / total if total else 0.0


_SPEECH_RE = re.compile(r"\b(?:said|says|say|told|tells|added|adds|asked|wrote|writes|according|explained|"
                        r"insisted|warned|claimed|stated|admitted|argued|announced|declared|noted|continued)\b", re.I)


def is_bare_quote(text: str, share: float) -> bool:
    """Mostly quotation (`share` inside quotes), and the words outside the quotes name no speaker."""
    if share <= 0.5:
        return False
    outside = _QUOTED_RE.sub(" ", text)
    return not (_SPEECH_RE.search(outside) and len(outside.split()) >= 2)


# "FILE - The minister speaks at a rally in 2019." (AP), "FILE PHOTO: ..." (Reuters): the caption of an archive
# picture, never story text (split_dateline would take "FILE" for a dateline's place and the caption for a lede)
_FILE_PHOTO_RE = re.compile(r"FILE(?: PHOTO)?\s*[-\u2013\u2014:]")
# An interview's question or answer ("Q: How many ...?", "A: About 11,000. In 2010 we counted ..."): the interviewee's
# first-person answers lean on the question, so the summary is made of the article's own framing text.
_QA_RE = re.compile(r"(?:Q|A|Question|Answer)\s*:\s|Q\.\s")
# A press release's "About Acme Robotics" heading (or "About the author"): the paragraph after it is the publisher's
# boilerplate ("Acme Robotics Inc. designs ... Founded in 2015, ..."), when it opens with the name the heading gives
# and reads like one (a news story's "About Mohawk" fact box on the lion it reports on is story text).
_BOILERPLATE_WORDS_RE = re.compile(r"\b(?:[Ff]ounded|[Hh]eadquartered|[Bb]ased in|[Ll]eading|provider|[Cc]ompany|NYSE|"
                                   r"NASDAQ|Nasdaq|[Vv]isit|www\.|\.com\b)")
_ABOUT_RE = re.compile(r"About\ (?:the\ (?:authors?|writers?|reporters?)|us|([A-Z][\w&.'\u2019-]*)(?:\ [A-Z&][\w&.,'\u2019-]*){0,5}):?")
# A kicker before the story's own words ("EXCLUSIVE: Transport minister Helen Vance resigned ...", "BREAKING: A
# magnitude 6.4 earthquake ..."): shown without it. Taken for a caption's label, it made the lede page furniture.
# "UPDATE:" is not one: it opens an editor's note added to the story ("UPDATE: A spokesperson responded to our
# inquiry ...", "... after this story went to print"), which stays out (as kickers, Multi-News R1 34.32 -> 34.26).
_KICKER_RE = re.compile(r"""(?:BREAKING(?:\ NEWS)?|EXCLUSIVE|JUST\ IN|DEVELOPING(?:\ STORY)?|URGENT|FLASH
    |ALERT|NEW|FIRST\ ON\ [A-Z]+|Breaking(?:\ news)?|Exclusive|Just\ in|Developing|Urgent)
    \s*(?::|\s[-\u2013\u2014]|-(?=[A-Z]))\s*(?=[A-Z"'\u201c])""", re.VERBOSE)
# A live blog entry's time ("10:42 GMT - Ferries are cancelled.", "9.58am: ..."): shown without it, and never a
# dateline (an entry is not the story's lede).
_ENTRY_TIME_RE = re.compile(r"""(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\d{4}(?=\s*(?:GMT|BST|UTC)))\s*
    (?:(?:GMT|BST|UTC|CET|CEST|EST|EDT|ET|PT|PST|PDT|CT|CST|CDT|AEST|AEDT|IST|local\ time)\b\.?)?
    \s*(?:[-\u2013\u2014:|]+)\s*(?=[A-Z"'\u201c])""", re.VERBOSE)


def _is_caption(sentences: list[str]) -> bool:
    """A short paragraph ending with a photo credit: the caption under a picture."""
    if len(sentences) < 2 or len(sentences[-1]) > 80 or not _PHOTO_CREDIT_RE.search(sentences[-1]) \
            or not is_furniture(sentences[-1]):
        return False
    return sum(len(s.split()) for s in sentences[:-1]) <= CAPTION_WORDS


_FIRST_WORD_RE = re.compile(r"""[\s"'\u201c\u2018(]*([A-Za-z]+)""")


def first_word(text: str) -> str:
    m = _FIRST_WORD_RE.match(text)
    return m.group(1).lower() if m else ""


def build_candidates(articles: list[Article]) -> list[Candidate]:
    out: list[Candidate] = []
    # Copies in one story repeat most paragraphs: each distinct paragraph is split and analysed once.
    parsed: dict[str, tuple[str, list[str], bool]] = {}
    analysed: dict[str, tuple[str | None, dict | None]] = {}
    for ai, article in enumerate(articles):
        index = 0
        seen: set[str] = set()
        about = None  # what the paragraph after an "About ..." heading opens with when it is boilerplate
        headline = _headline_key(article.title)
        for pi, raw in enumerate(article.paragraphs):
            if raw in seen:
                continue  # a paragraph a file repeats (a scraping slip) says nothing twice
            seen.add(raw)
            if len(raw) <= len(article.title) + 2 and _headline_key(raw) == headline:
                continue  # the headline a scraper repeated as a paragraph: shown above the summary already
            boilerplate = about is not None and raw.startswith(about) and (
                about == "" or _BOILERPLATE_WORDS_RE.search(raw) is not None)
            about = (heading.group(1) or "") if raw[:6] == "About " and (heading := _ABOUT_RE.fullmatch(raw)) else None
            got = parsed.get(raw)
            if got is None:
                kicker = _KICKER_RE.match(raw) if raw[:1] in "BEJDUFAN" else None
                dateline, rest = split_dateline(raw[kicker.end():] if kicker else raw)
                if not dateline and rest[:1].isdigit() and (entry_time := _ENTRY_TIME_RE.match(rest)):
                    rest = rest[entry_time.end():]
                sentences = split_sentences(rest)
                got = parsed[raw] = (dateline, sentences, _is_caption(sentences) or _FILE_PHOTO_RE.match(raw) is not None
                                     or raw[:1] in "QA" and _QA_RE.match(raw) is not None)
            dateline, sentences, caption = got
            kept = 0  # sentences kept so far in this paragraph: a caption before the lede does not count
            if caption or boilerplate:
                index += len(sentences)
                continue
            for sentence in sentences:
                index += 1
                if sentence in analysed:
                    sentence, facts = analysed[sentence]
                else:
                    key, sentence = sentence, _unglue_caption(sentence)
                    plain = sentence is not None and _plain(sentence)
                    words = None if sentence is None else sentence.count(" ") + 1 if plain else len(sentence.split())
                    facts = None if words is None or is_furniture(sentence, words) \
                        else _sentence_facts(sentence, words, plain)
                    analysed[key] = (sentence, facts)
                if facts is None:
                    continue
                si, kept = kept, kept + 1
                out.append(Candidate(ai, pi, index - 1, sentence, bool(dateline) and si == 0, si == 0, *facts))
    return out


def _headline_key(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".!")


def _unglue_caption(sentence: str) -> str | None:
    """The sentence itself; for a photo caption or a "Scroll down for video" prompt glued to the sentence after
    it, that sentence."""
    if sentence[:1] in "Ss" and (prompt := _GLUED_PROMPT_RE.match(sentence)) \
            and len(sentence[prompt.end():].split()) >= GLUED_MIN_WORDS:
        sentence = sentence[prompt.end():]
    label = _CAPTION_LABEL_RE.match(sentence) if ": " in sentence else None
    if not label or not is_furniture(sentence):
        return sentence
    m = _GLUED_SENTENCE_RE.search(sentence, label.end())
    if m and len(sentence[m.end():].split()) >= GLUED_MIN_WORDS and sentence[-1] in ".!?\"'\u201d\u2019":
        return sentence[m.end():]
    return sentence


def _plain(sentence: str) -> bool:
    """ASCII words separated by single spaces, nothing before or after them: normalize() leaves such a sentence as
    it is, and its words are its spaces plus one. (The other ASCII white space is unprintable.)"""
    return sentence.isascii() and sentence.isprintable() and "  " not in sentence \
        and sentence[:1] != " " and sentence[-1:] != " " and sentence != ""


def _sentence_facts(sentence: str, words: int, plain: bool) -> tuple:
    """What a candidate knows about its sentence alone (the same wherever the sentence stands), as Candidate's
    fields from `tokens` on; `words` is len(sentence.split()), `plain` is _plain(sentence)."""
    if plain:
        norm = sentence
    else:
        norm = normalize(sentence)
        words = len(norm.split())
    fw = first_word(norm)
    share = _quote_share(norm)
    tail = ('"' in norm or "'" in norm) and quote_tail(norm)  # most sentences have no quotation mark
    tokens = content_tokens_of_normalized(norm)
    capitalised = CAPITALISED_RE.findall(" " + sentence)
    return (tokens, frozenset(tokens), words,
            capitalised, len(capitalised) - bool(_CAPITALISED_START_RE.match(sentence)), FULL_NAME_RE.findall(sentence),
            norm.startswith(_OPEN_QUOTES), share,
            fw in PRONOUNS or fw in CONNECTIVES or (fw in _LEANING_PHRASE_STARTS and bool(_LEANING_PHRASE_RE.match(norm)))
            or tail,
            tail, is_bare_quote(norm, share))


def quote_tail(text: str) -> bool:
    """Does the sentence close a quotation it never opened ("It is our right,' she said.")? Then the quotation
    began in the sentence before it, and it does not read on its own. `text` is normalized (straight quotes)."""
    return bool(_QUOTE_CLOSE_RE.search(text)) and not _QUOTE_OPEN_RE.search(text)


def glued_caption(sentence: str) -> bool:
    """A caption glued to the sentence after it without a label or a full stop ("A series of pictures ... in
    woodland In many of the pictures, ...")?"""
    if sentence[-1:] not in ".!?\"'\u201d\u2019" or sentence.count(" ") < GLUED_CAPTION_MIN_WORDS + GLUED_MIN_WORDS:
        return False
    for m in _GLUED_STARTER_RE.finditer(sentence):
        k = m.start()
        if not (sentence[k - 1].islower() or sentence[k - 1].isdigit() or sentence[k - 1] == "%"):
            continue
        before = sentence[:k].split()
        if len(before) >= GLUED_CAPTION_MIN_WORDS and before[-1].islower() and before[-1] not in _GLUED_PRE_STOP \
                and len(sentence[m.start() + 1:].split()) >= GLUED_MIN_WORDS:
            return True
    return False
