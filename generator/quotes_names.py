"""Speaker phrases: split titles from names, guess gender from first names and honorifics."""
from __future__ import annotations

import re
from functools import lru_cache

# Words that make up a role or title in front of a name ("Deputy Foreign Minister", "State Department spokesman").
TITLE_WORDS = frozenset("""
president vice prime minister deputy foreign defence defense secretary state department senator sen sen. gov gov.
governor rep rep. representative congressman congresswoman chairman chairwoman chair chief director spokesman
spokeswoman spokesperson general gen gen. attorney mayor judge justice speaker leader ambassador dr dr. mr mr. mrs
mrs. ms ms. miss sir lord lady king queen prince princess pope rev rev. reverend father bishop commissioner
councilman councilwoman adviser advisor aide official officer analyst candidate nominee hopeful campaign manager
chancellor premier sheriff captain capt capt. lt lt. col col. sgt sgt. admiral adm adm. commander professor prof
prof. economist strategist pollster host anchor reporter correspondent editor columnist author founder ceo cfo
executive head chief-of-staff staff former acting us u.s. u.s uk u.k. russian american british french german
chinese ukrainian european republican democratic democrat gop senior top white house national security interior
treasury justice homeland health education energy commerce labor agriculture trade finance economy press
counsel special envoy lawmaker legislator delegate assemblyman assemblywoman president-elect vice-president
presidential vice-presidential running mate rival opponent businessman billionaire mogul activist organizer
lawyer attorney-general general-secretary secretary-general party committee national majority minority whip
house senate of
treasurer coach skipper detective inspector constable superintendent sergeant councillor dame mp shadow opposition
prosecutor barrister solicitor magistrate coroner striker midfielder defender goalkeeper winger batsman bowler jockey trainer co-author
archbishop cardinal rabbi imam pastor
""".split())
# Title words that on their own show a person is meant ("Governor", "spokeswoman"), unlike "Former" or "Russian".
_NOT_EVIDENCE = frozenset("""former acting us u.s. u.s uk u.k. russian american british french german chinese ukrainian
european republican democratic democrat gop senior top white house national security interior treasury justice
homeland health education energy commerce labor agriculture trade finance economy press foreign defence defense
state department deputy vice prime chief head special presidential vice-presidential of party committee majority
minority senate campaign staff executive shadow opposition""".split())
PERSON_TITLES = TITLE_WORDS - _NOT_EVIDENCE
HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "sir": "m",
              "lord": "m", "lady": "f", "king": "m", "queen": "f", "prince": "m", "princess": "f", "father": "m",
              "congressman": "m", "congresswoman": "f", "spokesman": "m", "spokeswoman": "f", "chairman": "m",
              "chairwoman": "f", "businessman": "m", "businesswoman": "f", "dame": "f"}
_BARE_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. sir dame prof prof.".split())


def honorific_only(role: str | None) -> bool:
    """'Mr', 'Dr': a form of address, not a role ('Ms Hart' has no role; 'Dr Helen Marsh, a biologist' has one)."""
    return bool(role) and all(w.lower() in _BARE_HONORIFICS for w in role.split())
# Common first names; enough to pick "he" vs "she" for most people in the news.
MALE = frozenset("""
ravi rahul sanjay vikram arjun
rupert hamish archie alfie freddie harvey toby oscar hugo felix jasper euan fraser dafydd ewan lewis jake
owen gareth liam rhys callum connor declan dylan kieran lachlan mick nigel rory seamus shane dean ollie
aaron adam adrian ahmed alan albert alex alexander alexei ali andrew andy angus anthony antony antonio barack ben
benjamin bernie bill billy bob bobby boris brad brandon brian bruce carl carlos charles charlie chris christopher
chuck colin craig dan daniel dave david dennis derek dick don donald doug douglas dmitry ed eddie edward emmanuel
eric evan francis frank fred gary george gerald glenn gordon greg gregory harry hank henry howard hugh ian igor
ivan jack jacob jake james jamie jared jason jeb jeff jeffrey jeremy jerry jim jimmy joe joel john johnny jon jonathan
jose joseph josh joshua juan justin keith ken kenneth kevin kim larry lee lindsey lloyd luis marco marcus mark martin
matt matthew max michael miguel mike mitch mitt mohammed muhammad narendra ned neil newt nick nicholas olaf orrin
pat patrick paul pete peter phil philip ralph rand randy ray reince richard rick rob robert rod roger ron ronald
ross roy rudy russell ryan sam samuel scott sean sergei sergey seth shaun simon stephen steve steven stuart ted
terry thomas tim timothy todd tom tony vladimir volodymyr walter wayne will william xi yuri zach
""".split())
FEMALE = frozenset("""
poppy freya imogen beatrice eleanor rosie millie holly jodie kerry leanne shona ailsa cerys rhiannon sian
jenny ellie megan chloe zoe lucy grace amelia olivia isla priya aisha fatima siobhan niamh kylie jacinta penny
gemma kirsty bridget
abigail alexandra alice alison amanda amy andrea angela ann anna anne barbara betsy beth betty carly carol caroline
catherine cathy charlotte cheryl christine claire condoleezza cynthia dana debbie deborah diana diane donna dorothy
elaine elena elizabeth ellen emily emma fiona gillian gina hannah harriet heather helen hillary huma ivanka jane
janet jean jeanne jennifer jessica jill joan joanna jodi judith judy julia julie karen kate katherine kathleen kathy
kellyanne kelly kirsten kristen laura lauren linda lisa liz loretta lynn margaret maria marie marine marta martha mary
megyn melania melissa michele michelle monica nancy natalie nicola nikki olga patricia paula rachel rebecca
rosa ruth sally samantha sandra sara sarah sofia sophia sophie sharon shirley stephanie sue susan susana tammy teresa theresa tina
tulsi ursula valerie victoria virginia wendy yulia
""".split())
# Places that read like names in a capitalised run ("Salem, New Hampshire, Trump said"); never he or she.
# Only names that are rarely a person's (not "Georgia", "Washington", "Jordan", "Virginia").
PLACES = frozenset("""alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho
illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri
montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont wisconsin wyoming america
britain england scotland wales ireland france germany italy spain russia china japan india pakistan iran iraq syria
israel egypt mexico canada brazil ukraine turkey afghanistan libya europe africa asia cuba venezuela korea chicago
boston orlando miami dallas houston philadelphia detroit cleveland atlanta london paris berlin moscow beijing tokyo
baghdad kabul tehran jerusalem brussels""".split()) | frozenset("""new hampshire|new jersey|new mexico|new york|
north carolina|south carolina|north dakota|south dakota|rhode island|west virginia|united states|north korea|
south korea|saudi arabia|great britain|united kingdom""".replace("\n", "").split("|"))


def is_place(name: str) -> bool:
    return name.lower() in PLACES


PARTICLES = {"de", "van", "von", "der", "da", "di", "la", "le", "bin", "al", "el", "du", "dos", "del"}
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_TOKEN_RE = re.compile(r"[\w.'\u2019-]+")


def _is_title(tok: str) -> bool:
    return tok.lower().rstrip(",") in TITLE_WORDS or tok.lower() in HONORIFICS


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _role_before(toks: list[str], k: int) -> bool:
    """A role word ends right before toks[k] ('former Gov.', 'co-author Dr'), not 'the' or nothing."""
    return k > 0 and (_is_title(toks[k - 1]) or not _is_cap(toks[k - 1])
                      and toks[k - 1].lower() not in ("the", "a", "an", "of", "for", "at", "from"))


# Words that open a sentence but never a name: "Said Comey, ...", "Maybe Trump ...", "Because Twitter ...".
_NOT_NAME_START = frozenset("""said says maybe perhaps because was were is are has have had added asked told wrote
    but and so yet still then now when while if although though however also even just only according as after
    before since until unlike like with without to in on at by this that these those there here what why how where
    which whose whom""".split())


_POSSESSIVE = ("'s", "\u2019s", "s'", "s\u2019")


@lru_cache(maxsize=8192)  # names repeat within and across articles
def split_role(phrase: str) -> tuple[str, str | None]:
    """'Deputy Foreign Minister Sergei Ryabkov' -> ('Sergei Ryabkov', 'Deputy Foreign Minister').

    The name is the trailing run of capitalised, non-title words (particles allowed inside); the rest is the role.
    A phrase with no such run (e.g. 'the newspaper') is returned whole as the speaker, without role.
    """
    toks = _TOKEN_RE.findall(phrase)
    lead = 0
    while lead < len(toks) - 1 and _is_cap(toks[lead]) and toks[lead].lower() in _NOT_NAME_START:
        lead += 1
    if lead:
        phrase = phrase.split(None, lead)[lead] if len(phrase.split()) > lead else phrase
        toks = toks[lead:]
    for o in range(2, len(toks) - 1):  # "co-author Dr Li Wei of the University of Sydney": the name before "of"
        if toks[o].lower() not in ("of", "from", "at"):
            continue
        k = o
        while k > 0 and _is_cap(toks[k - 1]) and not _is_title(toks[k - 1]) and o - k < 4:
            k -= 1
        if o - k >= 2 and _role_before(toks, k):
            prefix = [t for t in toks[:k] if t.lower() not in _BARE_HONORIFICS]
            return " ".join(toks[k:o]), " ".join(prefix).strip(" ,") or None
        break
    end = len(toks)
    while end and toks[end - 1].lower().rstrip(".,") in SUFFIXES:
        end -= 1
    i = end
    while i > 0 and (_is_cap(toks[i - 1]) or toks[i - 1].lower() in PARTICLES) and not _is_title(toks[i - 1]) \
            and not (i < end and toks[i - 1].endswith(_POSSESSIVE)):  # "Democracy Corps' / Action Forum's X"
        i -= 1
    while i < end and toks[i].lower() in PARTICLES:
        i += 1
    if i > 1 and toks[i - 1].lower() in ("of", "for"):
        # "former Gov. Bill Richardson of New Mexico": the name before "of"; "Residents of Tarrant Street",
        # "a spokesman for Bernie Sanders": a description, not a role and a name
        k = i - 1
        while k > 0 and _is_cap(toks[k - 1]) and not _is_title(toks[k - 1]):
            k -= 1
        if 2 <= i - 1 - k <= 4 and _role_before(toks, k) or k == 0 and i - 1 >= 2 and gender(toks[0]):
            # "Michael Brown of Washington" (a first name), not "Reformation Church of Elizabeth"
            return " ".join(toks[k:i - 1]), " ".join(toks[:k]).strip(" ,") or None
        if end - i < 3:
            return phrase.strip(), None
        i += 1  # "Deputy Mayor for Mobility Carla Pinheiro Santos": the word after "for" ends the role
    if i == end or end - i > 4:
        return phrase.strip(), None
    name = " ".join(toks[i:])
    role = " ".join(toks[:i]).strip(" ,") or None
    if role and role.endswith(_POSSESSIVE):  # "North Carolina's Ada Fisher": her affiliation
        role = role[:-2] if role.endswith("s") else role[:-1]
    if role and role.split()[0].lower() in {"the", "a", "an"}:  # "The chief executive, Graham Fenwick"
        role = role.split(" ", 1)[1].strip() if " " in role else None
    return name, role


@lru_cache(maxsize=8192)  # names repeat within and across articles
def surname(name: str) -> str:
    toks = [t for t in name.split() if t.lower().rstrip(".,") not in SUFFIXES]
    return toks[-1].strip(".,'") if toks else name


@lru_cache(maxsize=8192)
def same_person(a: str, b: str) -> bool:
    """'Blinken' ~ 'Antony Blinken', 'Oliveira Pires' ~ 'Marta Oliveira Pires', 'J. Smith' ~ 'John Smith';
    'Bill Clinton' and 'Hillary Clinton' are two people."""
    ta, tb = a.lower().replace(".", "").split(), b.lower().replace(".", "").split()
    if not ta or not tb or surname(a).lower() != surname(b).lower():
        return False
    if len(ta) == 1 or len(tb) == 1 or ta[0] == tb[0]:
        return True
    short, long = sorted((ta, tb), key=len)
    if long[-len(short):] == short:
        return True
    return len(ta[0]) == 1 and tb[0].startswith(ta[0]) or len(tb[0]) == 1 and ta[0].startswith(tb[0])


@lru_cache(maxsize=8192)  # names repeat within and across articles
def gender(name: str, role: str | None = None) -> str | None:
    """'m', 'f' or None, from honorifics and gendered role words, then the first name."""
    words = [w.lower().strip(",") for w in ((role or "") + " " + name).split()]
    for w in words:
        if w in HONORIFICS:
            return HONORIFICS[w]
    first = name.split()[0].lower().strip(".") if name.split() else ""
    if first in MALE:
        return "m"
    if first in FEMALE:
        return "f"
    return None


@lru_cache(maxsize=8192)  # names repeat within and across articles
def looks_like_person(name: str) -> bool:
    """A capitalised name of 1-4 words with no lower-case words except particles."""
    toks = name.split()
    if not 1 <= len(toks) <= 4:
        return False
    return all(_is_cap(t) or t.lower() in PARTICLES for t in toks)
