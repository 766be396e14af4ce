"""Held-out style cases outside US politics: British, Australian, sports, business, science and crime paragraphs.

All names, clubs and events are invented. Every test checks exact quote text and exact speaker.
Key quotes and one name per person across articles: test_quotes_heldout_key.py.
"""
import datetime as dt

from generator.model import Article
from generator.quotes import extract_quotes


def article(*paragraphs: str, path: str = "a.txt") -> Article:
    return Article(path=path, title="Fictional story", date=dt.date(2026, 11, 20),
                   url=f"https://example.test/{path}", paragraphs=list(paragraphs))


def said(*paragraphs: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(article(*paragraphs))]


def roles(*paragraphs: str) -> list[tuple[str | None, str | None]]:
    return [(q.speaker, q.role) for q in extract_quotes(article(*paragraphs))]


# --- British football: single-quoted speech with apostrophes inside, possessives and abbreviations outside ---

FOOTBALL = [
    "Bristol Rovers captain Owen Jones was blunt after Saturday's 3-0 defeat at the Mem, the club's worst since "
    "the '90s.",
    "'We didn't expect it, and the lads' heads dropped after the second goal,' said Jones. 'That's on me.'",
    "A spokesperson for the club said: 'Supporters deserve better and the board knows it.'",
    "The players' union has asked for talks, and the rock 'n' roll days of the Joneses' era are long gone.",
]


def test_british_single_quotes_with_apostrophes_and_possessives():
    assert said(*FOOTBALL) == [
        ("We didn't expect it, and the lads' heads dropped after the second goal", "Owen Jones"),
        ("That's on me.", "Owen Jones"),
        ("Supporters deserve better and the board knows it.", "A spokesperson for the club"),
    ]


def test_apostrophes_alone_are_not_quotes():
    assert said("The players' union said the rock 'n' roll years of the '90s were over for the Joneses' club.") == []


def test_single_quoted_speech_after_a_pronoun():
    assert said("Manager Gary Holt was in no mood to defend his goalkeeper.",
                "'It was a mistake, a bad one,' he said.") == [("It was a mistake, a bad one", "Gary Holt")]


def test_single_word_after_called_is_the_speakers():
    assert roles("Greens leader Adam Bandt called the decision 'outrageous'.") == [("Adam Bandt", "Greens leader")]
    assert said("Greens leader Adam Bandt called the decision 'outrageous'.") == [("outrageous", "Adam Bandt")]


def test_so_called_is_a_scare_quote():
    assert said("Ministers said the so-called 'special relationship' was safe.") == []


# --- British politics: a he and a she alternating, "she added" after a paragraph about a man ---

COMMONS = [
    "Home Secretary Rachel Brennan announced a review of asylum hotels on Monday.",
    "'The system is broken and everyone in this House knows it,' she told MPs.",
    "The shadow home secretary, Tom Baxter, said the review was a stunt and accused the government of losing control.",
    "'We will not be lectured by the people who left us this mess,' she added.",
    "'This is a stunt, nothing more,' Mr Baxter said.",
    "'We will fix it within a year,' said Brennan.",
]


def test_two_speakers_alternating_with_pronouns():
    assert said(*COMMONS) == [
        ("The system is broken and everyone in this House knows it", "Rachel Brennan"),
        ("We will not be lectured by the people who left us this mess", "Rachel Brennan"),
        ("This is a stunt, nothing more", "Tom Baxter"),
        ("We will fix it within a year", "Rachel Brennan"),
    ]


def test_honorific_is_not_a_role_and_the_role_comes_from_the_story():
    assert roles(*COMMONS)[0] == ("Rachel Brennan", "Home Secretary")
    assert roles(*COMMONS)[3] == ("Rachel Brennan", "Home Secretary")
    assert roles("Susan Hart is the Conservative candidate.", '"We will win," Ms Hart said.') == [("Susan Hart", None)]


def test_said_the_minister_names_the_minister():
    assert roles("Health Minister Mary Okafor was asked about the figures at a press conference in Abuja.",
                 "Ms Okafor said hospitals had hired 2,000 nurses since March.",
                 '"Waiting lists are falling for the first time in a decade," said the minister.') == [
        ("Mary Okafor", "Health Minister")]


def test_the_president_is_not_the_vice_president():
    assert said("Vice President Karen Dale opened the summit.",
                '"We are ready to sign today," the president said.') == [("We are ready to sign today", "the president")]


# --- Australian business: multi-sentence quotes, appositions, titles, "but said", "told reporters, adding" ---

def test_name_in_an_apposition_after_a_description():
    assert roles("'The figures are clear. Inflation has peaked. We expect rates to fall next year,' the Reserve "
                 "Bank governor, Megan Lowther, said on Tuesday.") == [("Megan Lowther", "Reserve Bank governor")]
    assert said('"This was never about money," the club\'s owner, Tony Bloom, argued.') == [
        ("This was never about money", "Tony Bloom")]


def test_business_cues():
    assert roles('"Profits will be lower this year," Qantair chief executive Alan Pryce was quoted as saying.',
                 "Treasurer Jim Calder declined to comment on the rate decision but said: \u201cFamilies are still "
                 "doing it tough.\u201d",
                 '"We are not going to panic," Mr Calder told reporters, adding that the budget would come in May.') == [
        ("Alan Pryce", "Qantair chief executive"), ("Jim Calder", "Treasurer"), ("Jim Calder", "Treasurer")]


def test_lower_case_role_words_before_a_name():
    assert roles('"Huge win for the lads tonight," winger Ollie Watkins tweeted.',
                 '"Nobody gave us a chance," Wallabies coach Rob Kearney insisted.') == [
        ("Ollie Watkins", "winger"), ("Rob Kearney", "Wallabies coach")]


def test_a_name_inside_the_quote_is_not_the_pronouns_person():
    assert said("Coach Mick Byrne was asked about his captain on Sunday.",
                "\u201cPat Cummins is the best leader I have ever worked with,\u201d he said.") == [
        ("Pat Cummins is the best leader I have ever worked with", "Mick Byrne")]


# --- Science: curly marks, nested quotes, partial quotes ---

REEF = [
    "\u201cThe reef is recovering faster than we feared,\u201d said Dr Helen Marsh, a marine biologist at James Cook "
    "University.",
    "Marsh said colleagues had been \u201cgenuinely astonished\u201d by the coral counts.",
    "\u201cWhen a diver told me \u2018the bommie is covered in new growth\u2019, I did not believe her,\u201d she said.",
]


def test_science_curly_nested_and_partial():
    assert said(*REEF) == [
        ("The reef is recovering faster than we feared", "Helen Marsh"),
        ("genuinely astonished", "Helen Marsh"),
        ("When a diver told me \u2018the bommie is covered in new growth\u2019, I did not believe her", "Helen Marsh"),
    ]
    assert roles(*REEF)[0] == ("Helen Marsh", "marine biologist at James Cook University")


def test_partial_quote_in_reported_speech_role_without_article():
    assert roles('The chief executive, Graham Fenwick, said he was "surprised and troubled" by the findings.') == [
        ("Graham Fenwick", "chief executive")]


# --- Crime: according to police, a quote running into the next paragraph, "X said:" then a quote paragraph ---

CRIME = [
    "A 34-year-old man was \u201cknown to officers\u201d and had been released on bail a week earlier, according to "
    "police.",
    "Detective Inspector Sarah Kemp said: \u201cWe are appealing for anyone who was on the high street that night to "
    "come forward.",
    "\u201cEven the smallest detail could help us find the men responsible.\u201d",
    "Chief Superintendent Mark Ellis said:",
    "\u201cThis was a cowardly attack on a man walking home and we will not rest until those responsible are caught.\u201d",
    "\u201cNo further action will be taken against the second man,\u201d the Crown Prosecution Service said in a "
    "statement.",
]


def test_crime_report():
    assert said(*CRIME) == [
        ("known to officers", "police"),
        ("We are appealing for anyone who was on the high street that night to come forward.", "Sarah Kemp"),
        ("Even the smallest detail could help us find the men responsible.", "Sarah Kemp"),
        ("This was a cowardly attack on a man walking home and we will not rest until those responsible are caught.",
         "Mark Ellis"),
        ("No further action will be taken against the second man", "the Crown Prosecution Service"),
    ]
    assert [r for r in roles(*CRIME)][1:4] == [("Sarah Kemp", "Detective Inspector"), ("Sarah Kemp", "Detective Inspector"),
                                               ("Mark Ellis", "Chief Superintendent")]


def test_according_to_police_before_the_quote():
    assert said('According to police, "the victim was attacked from behind without warning."') == [
        ("the victim was attacked from behind without warning.", "police")]


# --- Curly British marks, single-quoted quotes running into the next paragraph, roles from appositions ---

def test_curly_single_quotes_with_curly_apostrophes():
    assert said("Rovers captain Owen Jones was blunt after the defeat.",
                "\u2018We didn\u2019t expect it, and the lads\u2019 heads dropped,\u2019 said Jones. \u2018That\u2019s on "
                "me.\u2019",
                "The club\u2019s worst run since the \u201990s goes on.") == [
        ("We didn\u2019t expect it, and the lads\u2019 heads dropped", "Owen Jones"),
        ("That\u2019s on me.", "Owen Jones")]


def test_lower_case_role_before_a_name_in_an_earlier_paragraph():
    assert roles("Rovers captain Owen Jones was blunt after the defeat.",
                 "'We were second best all afternoon,' said Jones.") == [("Owen Jones", "Rovers captain")]


def test_british_single_quote_runs_into_the_next_paragraph():
    assert said("Manager Gary Holt said: 'We will be back next season. This group has character.",
                "'Nobody should write us off, least of all the people in this building.'") == [
        ("We will be back next season. This group has character.", "Gary Holt"),
        ("Nobody should write us off, least of all the people in this building.", "Gary Holt")]


def test_role_from_an_apposition_not_the_honorific():
    assert roles("Mrs Angela Rayner, the deputy leader, visited the site.",
                 "\u2018It\u2019s a disgrace,\u2019 Mrs Rayner said.") == [("Angela Rayner", "deputy leader")]
    assert roles("\u201cThe vaccine is safe and effective,\u201d said Dr Nikolai Petrov, adding that trials would "
                 "continue.") == [("Nikolai Petrov", None)]


def test_person_introduced_with_age_and_occupation():
    assert said("For Jenny Lam, 52, a shopkeeper in Footscray, the rise is a blow. \u201cI don\u2019t know how "
                "we\u2019ll pay the rent,\u201d she said.") == [("I don\u2019t know how we\u2019ll pay the rent",
                                                              "Jenny Lam")]


def test_organisation_then_it_added():
    assert said("\u201cWe have suspended the product line while we investigate,\u201d Koala Foods said in a statement.",
                "\u201cCustomer safety is our first priority,\u201d it added.") == [
        ("We have suspended the product line while we investigate", "Koala Foods"),
        ("Customer safety is our first priority", "Koala Foods")]


def test_description_introducing_the_next_paragraph():
    assert said("A police spokesman said:",
                "\u201cOfficers were called to the address shortly after 2am and found a man with stab wounds.\u201d") == [
        ("Officers were called to the address shortly after 2am and found a man with stab wounds.",
         "A police spokesman")]


def test_he_and_she_in_a_squad_story():
    assert said("Coach Ange Russo named his squad on Monday.",
                "Captain Ellie Carpenter was among those recalled.",
                "\u201cI never stopped believing I would be back,\u201d she said.",
                "Russo said the decision had been easy.",
                "\u201cShe is the first name on the team sheet,\u201d he said.") == [
        ("I never stopped believing I would be back", "Ellie Carpenter"),
        ("She is the first name on the team sheet", "Ange Russo")]


def test_more_cue_verbs_and_but_said():
    assert said("Professor Ian Chubb warned the panel: \u201cWe are running out of time to act on emissions.\u201d",
                "In a column for The Age, he wrote: \u201cThe science has been settled for thirty years.\u201d",
                "Chubb lauded the students, who he said had \u201cdone more for this cause than any government\u201d.",
                "Police Commissioner Karen Webb refused to discuss the case but said officers had \u201cacted with "
                "great courage\u201d.") == [
        ("We are running out of time to act on emissions.", "Ian Chubb"),
        ("The science has been settled for thirty years.", "Ian Chubb"),
        ("done more for this cause than any government", "Ian Chubb"),
        ("acted with great courage", "Karen Webb")]


def test_quote_split_by_its_attribution_and_a_title_of_a_work():
    assert said("\u201cWe were poor,\u201d said Ray Harris, \u201cbut we were never unhappy.\u201d",
                "Her new book, \u201cThe Long Way Home,\u201d is out in May.",
                "\u201cI wrote it for my daughter,\u201d author Kate Ellis said.") == [
        ("We were poor", "Ray Harris"), ("but we were never unhappy.", "Ray Harris"),
        ("The Long Way Home", None), ("I wrote it for my daughter", "Kate Ellis")]


# --- Nested double marks inside British single marks, courts, descriptions of people ---

def test_double_quote_nested_in_single_quoted_speech():
    assert said("'He told me \"never again\", and I believed him,' said Maria Costa, the victim's sister.") == [
        ("He told me \"never again\", and I believed him", "Maria Costa")]


def test_court_and_sports_roles():
    assert roles("Prosecutor Jane Ellis told the court: \u201cThe defendant planned this attack for weeks.\u201d",
                 "Striker Marcus Bell scored twice.",
                 "\u201cI just wanted to repay the fans,\u201d said the 23-year-old.") == [
        ("Jane Ellis", "Prosecutor"), ("Marcus Bell", "Striker")]


def test_a_place_after_of_is_not_the_speaker():
    assert roles("\u201cWe will rebuild every home,\u201d said former Premier Gladys Tran of New South Wales.") == [
        ("Gladys Tran", "former Premier")]
    assert said("Residents of Tarrant Street said they had complained for years.",
                "\u201cNobody listened to us until someone got hurt,\u201d they said.") == [
        ("Nobody listened to us until someone got hurt", None)]


def test_a_crowd_that_called_something_is_not_the_sentence_subject():
    assert said("Rovers captain Owen Jones was blunt after the defeat, which fans called a \u201cdisgrace\u201d.") == [
        ("disgrace", "fans")]


# --- Business and science: roles before names, crowds, affiliations after "of" ---

def test_results_day_she_added_three_paragraphs_on():
    assert roles("Chief executive Linda Marsh unveiled the results on Thursday.",
                 "\u201cIt has been a tough year,\u201d she said.",
                 "Finance director Paul Grey said costs had risen by 12 per cent.",
                 "He blamed energy prices and the weak pound.",
                 "Analysts had expected worse.",
                 "\u201cWe are through the worst of it,\u201d she added.") == [
        ("Linda Marsh", "Chief executive"), ("Linda Marsh", "Chief executive")]


def test_analysts_said_is_not_the_sentence_opening():
    assert said("Shares fell 5 per cent, and analysts said the results were \u201cdeeply disappointing\u201d.") == [
        ("deeply disappointing", "analysts")]


def test_affiliation_after_of_is_not_part_of_the_name():
    assert roles("\u201cThis is a landmark result for the field,\u201d said co-author Dr Li Wei of the University of "
                 "Sydney.") == [("Li Wei", "co-author")]
    assert roles("Archbishop Aris Vartan of the Holy See of Tyre told reporters: \u201cWe pray for peace.\u201d") == [
        ("Aris Vartan", "Archbishop")]


def test_he_skips_a_woman_named_in_between():
    assert said("Trainer Bob Lane saddled the winner.", "His daughter Amy rode it.",
                "\u201cShe was brilliant today,\u201d he said.") == [("She was brilliant today", "Bob Lane")]


def test_organisations_in_statements():
    assert said("The statement from Thames Water read: \u201cWe apologise to customers for the disruption.\u201d",
                "In a statement, Victoria Police said: \u201cA 27-year-old man has been charged.\u201d",
                "A spokesperson for Tesco said: \u201cWe are sorry for any inconvenience.\u201d") == [
        ("We apologise to customers for the disruption.", "Thames Water"),
        ("A 27-year-old man has been charged.", "Victoria Police"),
        ("We are sorry for any inconvenience.", "A spokesperson for Tesco")]


def test_she_never_takes_a_man_named_only_by_a_british_first_name():
    assert said("\u201cMargaret Thatcher would never have allowed this,\u201d said Tory MP Rupert Vance.",
                "\u201cIt is a betrayal,\u201d she said.") == [
        ("Margaret Thatcher would never have allowed this", "Rupert Vance"), ("It is a betrayal", None)]


def test_quote_split_by_a_pronoun_cue():
    assert said("Skipper Joe Root was relaxed.",
                "\u201cWe are,\u201d he said, \u201cready for anything they throw at us.\u201d") == [
        ("We are", "Joe Root"), ("ready for anything they throw at us.", "Joe Root")]


def test_british_partial_quotes_in_single_marks():
    assert said("Manager Gary Holt said the club was 'in a good place' after the win.",
                "Jones said he 'didn't see it coming' and apologised to the fans.",
                "'It was a mistake,' he added.") == [
        ("in a good place", "Gary Holt"), ("didn't see it coming", "Jones"), ("It was a mistake", "Jones")]


def test_two_people_sharing_a_surname_told_apart_by_honorifics():
    assert roles("Club captain Owen Jones and chief executive Sarah Jones faced fans on Monday.",
                 "\u201cWe owe you a performance,\u201d Mr Jones said.",
                 "\u201cThe finances are sound,\u201d Ms Jones said.",
                 "\u201cNobody is leaving,\u201d she added.") == [
        ("Owen Jones", "Club captain"), ("Sarah Jones", "chief executive"), ("Sarah Jones", "chief executive")]
    assert said("Karen Sanders, a nurse, and her husband Tom Sanders lost their home in the fire.",
                "\u201cWe have nothing left,\u201d Mrs Sanders said.",
                "\u201cThe insurers have been useless,\u201d Mr Sanders said.") == [
        ("We have nothing left", "Karen Sanders"), ("The insurers have been useless", "Tom Sanders")]


def test_nouns_ending_in_ly_are_speakers_not_adverbs():
    assert said("\u201cWe will fight this all the way,\u201d the family said in a statement released by their lawyer.",
                "His closest ally said: \u201cHe will be back stronger than ever.\u201d") == [
        ("We will fight this all the way", "the family"), ("He will be back stronger than ever.", "His closest ally")]


def test_british_quote_carried_on_in_a_paragraph_of_its_own():
    assert said("'We were poor,' said Ray Harris, 71.",
                "'But we were never unhappy, and we always had each other.'") == [
        ("We were poor", "Ray Harris"), ("But we were never unhappy, and we always had each other.", "Ray Harris")]


def test_he_and_she_among_two_officers_named_in_one_sentence():
    assert said("Detective Sergeant Ravi Shah and his colleague, Constable Emma Price, found the car.",
                "'It had been burnt out,' she said.", "'There was nothing left to examine,' he added.") == [
        ("It had been burnt out", "Emma Price"), ("There was nothing left to examine", "Ravi Shah")]
