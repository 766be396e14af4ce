"""Fictional articles for the grouping tests (places, people and outlets are invented; .example hosts)."""
from __future__ import annotations

import dataclasses
import datetime as dt

from generator.model import Article

FERRY_WIRE = [
    "The Kestrel Island ferry operator Larkspur Lines suspended all sailings from Port Anselm on Tuesday after "
    "an engine fire forced 212 passengers to be evacuated onto lifeboats a mile from the harbour.",
    "Nobody was seriously hurt, the coastguard said, although nine passengers were treated for smoke "
    "inhalation at the Port Anselm general hospital and released by the evening.",
    "\"The crew did exactly what they trained for, and every passenger was off the vessel within "
    "twenty minutes,\" Captain Ilse Varga told reporters on the quay.",
    "The fire started in the starboard engine room of the Marram Star shortly after it left the harbour "
    "at 7.40 in the morning, according to a statement from Larkspur Lines.",
    "Chief executive Marisol Drave said the company would keep its two remaining ships in port until "
    "engineers had inspected every engine, which could take until the weekend.",
    "Kestrel Island, home to about 4,000 people, depends on the ferry for food deliveries, school "
    "transport and the tourists who visit its seal colonies in summer.",
    "Island council leader Bram Olufsen asked the regional government to charter a replacement "
    "vessel, saying shops would run short of fresh produce within days.",
    "The maritime safety agency has opened an investigation and sent two inspectors to examine "
    "the damaged ship, which was towed back to Port Anselm by a tug.",
]

FERRY_OTHER_OUTLET = [
    "Two hundred and twelve people were taken off a burning ferry near Port Anselm on Tuesday morning, "
    "and the Kestrel Island route will stay closed while Larkspur Lines checks its fleet.",
    "Smoke was seen pouring from the Marram Star minutes after departure. Lifeboats carried passengers "
    "to a coastguard cutter, and nine of them needed hospital care for breathing in smoke.",
    "Marisol Drave, who runs Larkspur Lines, apologised to islanders and said engineers would inspect "
    "the engines of the company's other two ships before any sailing resumes.",
    "\"We cannot take any risk with people's lives,\" Drave said at a press conference in the afternoon.",
    "Islanders on Kestrel Island fear empty shelves. Bram Olufsen, who leads the island council, wants "
    "the regional government to hire another boat straight away.",
    "Maritime safety inspectors have begun examining the ship after a tug brought it back to Port Anselm.",
]

FERRY_FOLLOW_UP = [
    "Maritime safety investigators on Monday blamed a cracked fuel line for the engine fire on the "
    "Marram Star and fined Larkspur Lines 180,000 crowns for missed maintenance checks.",
    "The report found that the fuel line had been flagged as worn during an inspection in March but "
    "was never replaced, chief investigator Teodor Halm said at a briefing in the capital.",
    "Larkspur Lines said it accepted the findings and had replaced the fuel systems on all three ships. "
    "Sailings between Port Anselm and Kestrel Island resumed last Friday.",
    "Marisol Drave said the company would appeal the size of the fine but not the conclusions.",
    "The agency also ordered quarterly engine audits for every passenger ferry on the coast for the "
    "next two years, a measure that unions had demanded for a decade.",
]

TRAM = [
    "Bellmoor city council voted 31 to 12 on Thursday to build a 9-kilometre tram line linking the "
    "central station with the Hollins Park housing estate, ending years of argument over the route.",
    "The line will cost 290 million florins and is due to open in 2031, with eleven stops including "
    "the university hospital and the new sports arena.",
    "\"For the first time, people in Hollins Park will have a fast and direct way into the city,\" "
    "transport councillor Yara Pelt said after the vote.",
    "Shopkeepers on Canal Street opposed the route, warning that two years of construction would "
    "drive away customers, and some have threatened a legal challenge.",
    "The council promised compensation for businesses that lose more than a fifth of their turnover "
    "while the street is closed.",
    "Work on the depot is expected to begin next spring, once the national infrastructure fund "
    "confirms its share of the budget.",
]

HARVEST = [
    "Fruit growers in the Tallis Valley expect a record apple harvest this autumn after a mild spring "
    "and a wet summer, the regional growers' cooperative said on Wednesday.",
    "The cooperative estimates that members will pick 84,000 tonnes, about 15 percent more than last "
    "year and the most since records began in 1962.",
    "\"We have never seen trees this heavy. Some branches are breaking under the weight,\" said "
    "orchard owner Pieter Vandaal, whose family has grown apples in the valley for five generations.",
    "Growers are short of pickers, however, and the cooperative has asked students and pensioners to "
    "sign on for the six-week season, offering free lodging in the village of Ostrand.",
    "Cider makers welcomed the news. Prices for juice apples have already fallen by a tenth, "
    "according to the weekly market report from the valley exchange.",
    "The cooperative plans to store part of the crop in its new cold warehouse near Ostrand, which "
    "opened in June and can hold 20,000 tonnes.",
]

STATUES = [
    "The Veldhaven Museum of World Cultures will return eleven bronze statues to the Kingdom of "
    "Qarnel, ending a dispute that began when the figures were taken by a colonial expedition in 1897.",
    "Museum director Anouk Brevers signed the agreement in Veldhaven on Friday with Qarnel's culture "
    "minister, Tahir Essoufi, who called it a day of healing for his country.",
    "The statues, which depict royal ancestors and are up to two metres tall, will be shipped next "
    "year to a new national museum being built in the Qarnel capital, Selumbe.",
    "\"These objects were never ours to keep,\" Brevers said. \"Returning them is overdue.\"",
    "Qarnel first asked for the bronzes in 1974. Three other European museums hold similar figures "
    "and have said they are studying the agreement.",
]

QUAKE_NORTH = [
    "A magnitude 6.1 earthquake struck the Veltrano region on Saturday morning, killing at least four "
    "people and damaging hundreds of houses in the hill town of San Orsolo, officials said.",
    "The quake hit at 5.12 local time at a depth of 10 kilometres, the national seismology institute "
    "said, and was followed by more than 40 aftershocks.",
    "Mayor Lucia Ferrante said rescue teams were searching two collapsed apartment buildings in the "
    "old centre of San Orsolo and that the town's hospital had been evacuated as a precaution.",
    "About 1,200 residents spent the day in tents set up on the football ground by the civil "
    "protection agency, which sent 300 rescuers and sniffer dogs.",
    "The Veltrano region was last hit by a strong earthquake in 1980, when more than 100 people died.",
]

QUAKE_SOUTH = [
    "A magnitude 5.4 earthquake shook the Ostmark Hills on Monday evening, injuring 17 people and "
    "cracking the walls of a church and a school in the village of Brenholt, officials said.",
    "The tremor struck at 19.45 local time at a depth of 8 kilometres, according to the national "
    "seismology institute, which recorded a dozen aftershocks overnight.",
    "Regional governor Stefan Krall said most of the injured had been hurt by falling roof tiles and "
    "that none were in a serious condition.",
    "Schools in Brenholt and two neighbouring villages will stay closed for the rest of the week "
    "while engineers check the buildings, the civil protection agency said.",
    "The Ostmark Hills see frequent small tremors, but the last quake above magnitude 5 there was "
    "recorded in 2003.",
]

COURIER_FURNITURE = [
    "Reporting by Jonas Fell; Editing by Mira Sand",
    "Sign up for the Bellmoor Courier morning briefing and get the news that matters in your inbox.",
    "The Bellmoor Courier is an independent newspaper founded in 1891 and owned by its readers' trust.",
]


def article(name: str, paragraphs: list[str], title: str = "", date: dt.date = dt.date(2026, 11, 10),
            outlet: str = "") -> Article:
    host = outlet or f"{name.split('-')[0]}.example"
    return Article(path=f"{name}.txt", title=title or name.replace("-", " ").capitalize(), date=date,
                   url=f"https://{host}/news/{name}", paragraphs=list(paragraphs), outlet=host)


def variant(base: Article, name: str, **changes) -> Article:
    """A republished version of base under another path, URL and outlet."""
    host = f"{name}.example"
    return dataclasses.replace(base, path=f"{name}.txt", url=f"https://{host}/story/{name}", outlet=host, **changes)


def background() -> list[Article]:
    """Unrelated stories that every test corpus carries, so term weights look like a real run's."""
    return [
        article("tram-vote", TRAM, "Bellmoor approves tram line to Hollins Park", dt.date(2026, 11, 5)),
        article("apple-harvest", HARVEST, "Tallis Valley expects record apple harvest", dt.date(2026, 11, 6)),
        article("bronze-return", STATUES, "Veldhaven museum to return Qarnel bronzes", dt.date(2026, 11, 7)),
        article("quake-north", QUAKE_NORTH, "Deadly quake hits Veltrano hill town", dt.date(2026, 11, 8)),
    ]


def curl(text: str) -> str:
    """Straight quotes and apostrophes as curly ones (a copy restyled by another outlet's system)."""
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("\u201c" if opening else "\u201d")
            opening = not opening
        else:
            out.append("\u2019" if ch == "'" else ch)
    return "".join(out)
