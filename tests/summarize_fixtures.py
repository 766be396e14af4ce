"""Fictional news texts for the summary tests (no real article text)."""
from __future__ import annotations

import datetime as dt

from generator.model import Article

LEDE = ("Norland Foreign Minister Ingrid Dahl met her Vestrian counterpart on Tuesday to warn him face-to-face "
        "of the \"severe costs\" Vestria would pay if it crossed into Marsk and to urge him to seek a diplomatic "
        "way out of the crisis.")
RESTATEMENT = ("Dahl delivered the warning to Vestrian Foreign Minister Piet Korven at a meeting in Tallmark, a day "
               "after saying Norland was ready to respond with tough sanctions in the event of a Vestrian attack.")

# Same shape as the project's seed: paragraphs out of order, quotes first, the dateline lede in the middle,
# and a later sentence that re-tells the lede.
WIRE_PARAGRAPHS = [
    'Korven told reporters Vestria was ready for dialogue with Marsk. "We do not want any conflicts," he said.',
    '"The situation in the north is very alarming," he added.',
    "He said both sides should honour the 2015 Lake Accord, which ended a border war between rebels and "
    "government forces in the east of Marsk.",
    "TALLMARK REUTERS, AFP - " + LEDE,
    "Vestria said on Tuesday it hoped for talks between its president and the Norland prime minister in the "
    "coming days, as tension over the Marsk border rises.",
    "The two ministers talked for about 40 minutes on the sidelines of a regional security meeting in Tallmark, "
    "their highest-level contact since a summit in June.",
    RESTATEMENT,
    "Marsk says Vestria has massed more than 60,000 troops near the border, while Vestria accuses Marsk of a "
    "military build-up of its own.",
    '"The best way to avert the crisis is through diplomacy," Dahl told reporters before the talks with Korven.',
]

# A story in file order without a dateline: the first paragraph is the lede.
HARBOUR_PARAGRAPHS = [
    "A fire destroyed three warehouses at the port of Brenholt early on Sunday, forcing the evacuation of "
    "200 homes and halting all ferry traffic, the harbour authority said.",
    "Firefighters fought the blaze for six hours before bringing it under control at about 9 a.m.",
    "It started in a storage shed used by a paint supplier, officials said.",
    '"I have never seen flames like it," said Tove Lind, who lives near the harbour.',
    "But the cause of the fire is still unknown, and investigators will visit the site on Monday.",
    "Ferry services to the islands are expected to resume on Tuesday, the harbour authority said.",
    "The port handles about 1.2 million passengers a year.",
]

# Page furniture mixed into a story.
FURNITURE = [
    "By Mara Quist",
    "PUBLISHED: 10:02 GMT, 3 March 2021",
    "The city council of Ostvik voted on Monday to ban cars from the old town from next spring, ending a "
    "decade-long dispute over traffic in its narrow streets.",
    "Quiet streets: A cyclist rides through the old town of Ostvik (Photo: Mara Quist/Getty Images)",
    "The ban, approved by 31 votes to 12, covers 40 streets around the cathedral square.",
    "Read more: How Ostvik fell in love with the bicycle",
    '"This is the end of an era."',
    "Shop owners in the old town said the ban would cut their trade, while residents' groups welcomed it.",
    "Delivery vans will still be allowed in the old town before 10 a.m., the council said.",
]


def article(paragraphs: list[str], url: str = "https://news.example/a", title: str = "") -> Article:
    return Article(path=url.rsplit("/", 1)[-1] + ".txt", title=title, date=dt.date(2024, 3, 5), url=url,
                   paragraphs=list(paragraphs))

# A story in file order whose lede paragraph has two sentences; a later paragraph shares more of the story's words
# (more central) but is background, not the writer's opening.
REACTOR_PARAGRAPHS = [
    "Engineers shut down the Kelvard research reactor on Thursday after a coolant pump failed during a routine test, "
    "the national nuclear agency said. No radiation was released and no staff were hurt.",
    "Replacing the pump will take at least a fortnight, according to plant manager Ola Brandt.",
    "Hospitals across the region get isotopes for cancer scans from the reactor.",
    "The agency said hospitals would get isotopes from the reactor at Dunmere while the Kelvard reactor is shut.",
    "Kelvard was built in 1978 and its reactor has been shut twice before, in 1994 and 2009.",
    "Its operator plans to replace the reactor with a new one by 2035, the agency said.",
]

# A feature in file order that opens with a hook: a first sentence that names nobody and nothing in the story, then
# the nut of the story (who, what, where, when, figures) in the same paragraph.
HOOK_PARAGRAPHS = [
    "Some traditions are stranger than others. Hundreds of swimmers raced across the freezing Lake Orsa on Sunday "
    "in the Orsa Midwinter Swim, raising 40,000 crowns for the village's lifeboat station, organisers said. "
    "The race, held since 1952, was won by Lena Falk, a 34-year-old teacher from Orsa.",
    "Falk covered the 500-metre course in 9 minutes 12 seconds, breaking the race record set in 1998.",
    "The water temperature was 2 degrees, and lifeguards in dry suits followed every swimmer from the shore.",
    "\"I could not feel my hands after the first hundred metres,\" Falk said after the race.",
    "Organisers said the lifeboat station needs a new engine, which will cost about 120,000 crowns.",
    "The swim has raised more than 1 million crowns for the station since the first race.",
    "Next year's race will be held on the first Sunday of February, the organisers said.",
]

# A story whose fourth paragraph is a photo caption glued to the sentence after it with no full stop between (as some
# pages print them): the caption names people, a place and a day, so it reads more like a lede than the lede itself.
GLUED_CAPTION = ("Campaigner Maja Holm, 41, and swimmers from the Brenholt Swimming Club protest outside Brenholt town "
                 "hall on Monday against plans to close the pool last month")
POOL_PARAGRAPHS = [
    "Dozens of residents gathered outside Brenholt town hall on Monday to protest against plans to close the town's "
    "only swimming pool, which the council says it can no longer afford to run.",
    "The council voted last month to shut the Brenholt pool in June, saying repairs to its roof would cost 2 million "
    "crowns.",
    "Campaigners say the closure would leave 4,000 children without swimming lessons.",
    GLUED_CAPTION + " In a petition, campaigners asked the council to find a new operator for it.",
    "\"We are not going to give up,\" said Holm, who organised the protest.",
    "Council leader Erik Sand said the authority had looked at every option.",
    "A final decision is expected at the council's budget meeting in March.",
]
