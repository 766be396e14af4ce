"""Held-out style cases for grouping: what a reader of a real digest meets, written for these tests.

Every place, person, team, company and outlet here is invented (.example hosts). Each case asserts the
exact partition that group_articles must produce, alone (a tiny run: flat term weights) and inside the
whole fixture corpus (a larger run of unrelated and same-kind stories).

Judgement call (documented here and in test_same_politician_two_events_on_consecutive_days_stay_apart):
a head of government's visit to a flooded town on Monday and her budget speech on Tuesday are two
stories, even though both name her, her party and (in passing) the town: a reader would list them as
two headlines, and merging them would hide one of them under the other's title.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from generator.group import group_articles
from generator.model import Article
from tests.test_group_fixtures import background, curl

MON = dt.date(2026, 11, 9)


def day(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


# -- different events of one kind ------------------------------------------------------------------------

QUAKE_VARNIA_WIRE = [
    "KORSA, Varnia (Meridian Press) - A magnitude 5.9 earthquake struck northern Varnia early on Tuesday, "
    "killing at least three people and damaging dozens of buildings in the mountain town of Dravec, the "
    "country's emergency ministry said.",
    "The quake hit at 03:14 local time (0114 GMT) at a depth of 12 km, the European-Mediterranean "
    "Seismological Centre (EMSC) said. It was felt as far away as the capital Korsa, 140 km to the south.",
    "Rescue teams were searching the rubble of a collapsed school gymnasium in Dravec, where local "
    "officials said two people were still missing.",
    "\"The shaking lasted almost a minute. Everyone ran into the street in their nightclothes,\" said "
    "Milan Orsic, a baker in Dravec.",
    "Varnia lies on several active fault lines. An earthquake in 1963 destroyed much of the city of "
    "Belograd and killed more than 1,000 people.",
    "Prime Minister Tomas Greben said the government would release emergency funds and that he would "
    "visit the region on Wednesday.",
]

QUAKE_VARNIA_OTHER = [
    "Three people died and two are missing after an earthquake shook the north of Varnia in the early "
    "hours of Tuesday, with the worst damage in the town of Dravec.",
    "Residents described being thrown from their beds. The roof of a school gymnasium fell in, and "
    "rescuers with dogs worked through the morning to reach two people thought to be trapped.",
    "The emergency ministry put the magnitude at 5.9 and said more than 60 buildings had cracked walls. "
    "Around 400 people spent the night in tents pitched on the town square.",
    "Tomas Greben, the prime minister, promised money for rebuilding and said he would travel to Dravec "
    "the next day to meet families.",
]

QUAKE_ESTOVA_WIRE = [
    "LIRNA, Estova (Meridian Press) - A magnitude 6.2 earthquake struck eastern Estova on Thursday, "
    "killing at least five people and damaging dozens of buildings in the river town of Pazmar, the "
    "country's civil protection agency said.",
    "The quake hit at 14:40 local time (1240 GMT) at a depth of 10 km, the European-Mediterranean "
    "Seismological Centre (EMSC) said. It was felt across the border in northern Varnia.",
    "Rescue teams were searching the rubble of a collapsed apartment block in Pazmar, where local "
    "officials said eleven people were still missing.",
    "\"The whole building swayed and then the stairs fell away,\" said Jana Vukor, a nurse who escaped "
    "from the fourth floor.",
    "Estova was last hit by a deadly earthquake in 1999, when 27 people died near Lirna.",
    "President Adrian Holub cut short a visit abroad and declared three days of national mourning.",
]

QUAKE_ESTOVA_OTHER = [
    "Five people were killed when an earthquake brought down an apartment block in the Estovan town of "
    "Pazmar on Thursday afternoon, and rescuers fear the toll will rise.",
    "Civil protection crews and volunteers dug by hand through the concrete, pulling out two survivors "
    "by nightfall. Eleven residents are still unaccounted for.",
    "The agency measured the quake at magnitude 6.2. Tremors were also felt in neighbouring Varnia, which "
    "was hit by a smaller quake two days earlier.",
    "President Adrian Holub flew home from a summit and announced national mourning.",
]

MATCH_REDHAVEN = [
    "Redhaven United beat Castor Athletic 2-1 at the Quayside Stadium on Saturday to move top of the "
    "Northern League, with Tomas Brink scoring the winner in the 87th minute.",
    "Castor had taken the lead through Emil Sorensen after 23 minutes, but Redhaven equalised ten "
    "minutes after the break when Luka Marn headed in a corner.",
    "\"We never stopped believing. This group has a lot of character,\" Redhaven coach Piet Albers said.",
    "Redhaven have 24 points from 11 games, one ahead of Millbrook Rovers, who play on Sunday. Castor "
    "stay ninth.",
]

MATCH_REDHAVEN_LOCAL = [
    "Tomas Brink waited until three minutes from time to send the Quayside Stadium into raptures, "
    "sliding in at the far post to give Redhaven a 2-1 win over Castor and first place in the table.",
    "It had looked like a frustrating afternoon. Emil Sorensen's early header put the visitors ahead "
    "and Castor defended deep for most of the first half.",
    "Luka Marn changed the mood, rising above two defenders to meet a corner soon after the interval.",
    "Piet Albers, who took over in the summer, praised his players' character and refused to talk "
    "about the title. \"It is November. Nobody wins anything in November,\" he said.",
    "The 18,400 crowd was the biggest at the Quayside this season.",
]

MATCH_FERROW = [
    "Ferrow Town beat Oldcastle City 3-1 at Ferrow Park on Saturday to climb to fourth in the Northern "
    "League, with Jonah Kell scoring twice.",
    "Oldcastle had pulled level through Amir Dusek after 40 minutes, but Ferrow went back ahead when "
    "Kell volleyed in from the edge of the box early in the second half.",
    "\"We showed a lot of character after the equaliser,\" Ferrow coach Grete Holm said.",
    "Ferrow have 19 points from 11 games, five behind leaders Redhaven United. Oldcastle stay 14th.",
]

MATCH_MILLBROOK = [
    "Millbrook Rovers drew 1-1 with Sandgate Wanderers at Brook Lane on Sunday and missed the chance to "
    "go back top of the Northern League, with Ivo Castell scoring a late penalty.",
    "Sandgate had taken the lead through Orla Finn after 31 minutes and held on until Castell was "
    "fouled in the box in stoppage time.",
    "\"A point is a point, but we wanted three today,\" Millbrook coach Dario Vance said.",
    "Millbrook have 24 points from 12 games, level with leaders Redhaven United. Sandgate stay 17th.",
]

EARNINGS_HALVARD = [
    "Halvard Bank reported a 12% rise in third-quarter net profit on Wednesday to 1.42 billion crowns, "
    "beating analysts' forecasts, as higher interest rates lifted its lending income.",
    "Net interest income rose 9% to 3.1 billion crowns, the Tessby-based lender said. Analysts polled by "
    "LSEG had on average expected a net profit of 1.30 billion crowns.",
    "\"Our customers borrowed more for homes and for their businesses, and they kept their savings with "
    "us,\" chief executive Karin Olde said in a statement.",
    "The bank kept its target of a return on equity above 14% and said it would buy back its own shares "
    "worth 2 billion crowns. Its shares rose 3.5% in early trading in Tessby.",
    "The central bank has kept its key rate at 4% since March and is expected to cut it early next year.",
]

EARNINGS_HALVARD_OTHER = [
    "Halvard Bank's profit jumped in the third quarter as borrowers kept paying more interest, and the "
    "lender will hand 2 billion crowns back to shareholders through a buyback.",
    "Karin Olde, who has led Halvard since 2021, said mortgage demand had recovered over the summer.",
    "Profit came to 1.42 billion crowns, ahead of the 1.30 billion that analysts had pencilled in. "
    "The shares gained 3.5% by midday.",
]

EARNINGS_NORDMARK = [
    "Nordmark Savings Bank reported an 8% fall in third-quarter net profit on Wednesday to 860 million "
    "crowns, missing analysts' forecasts, as it set aside more money for bad loans.",
    "Net interest income rose 4% to 2.2 billion crowns, the Tessby-based lender said. Analysts polled by "
    "LSEG had on average expected a net profit of 910 million crowns.",
    "\"Some of our farming and building customers are under pressure, and we are being careful,\" chief "
    "executive Johan Brask said in a statement.",
    "The bank cut its target for a return on equity to 11% and said it would not buy back shares this "
    "year. Its shares fell 4.1% in early trading in Tessby.",
    "The central bank has kept its key rate at 4% since March and is expected to cut it early next year.",
]

STORM_ILSE = [
    "The Meteorological Institute issued an orange warning for the west coast on Monday as Storm Ilse "
    "approached, with gusts of up to 120 km/h expected in Halmby and on the islands overnight.",
    "Ferries between Halmby and the outer islands were cancelled and the coastal railway will not run "
    "before noon on Tuesday, operators said.",
    "\"Stay indoors, keep away from the seafront and do not drive unless you must,\" duty forecaster "
    "Sanna Lind said.",
    "Up to 60 millimetres of rain could fall on higher ground, raising the risk of landslides on the "
    "coast road north of Halmby.",
]

STORM_ILSE_LOCAL = [
    "Halmby is bracing for Storm Ilse. Shopkeepers on the harbour front spent Monday afternoon stacking "
    "sandbags, and the council closed the promenade and two schools.",
    "Forecasters expect the worst gusts around midnight. The island ferries are already tied up.",
    "Sanna Lind of the Meteorological Institute told residents to stay at home and keep off the roads.",
]

STORM_JORUND = [
    "The Meteorological Institute issued an orange warning for the northern mountains on Thursday as "
    "Storm Jorund approached, with heavy snow and gusts of up to 100 km/h expected around Skarvik.",
    "The mountain pass between Skarvik and Tannes will close at 18:00 and several ski lifts will not "
    "open on Friday, the roads authority said.",
    "\"Do not set out on mountain roads tonight. Conditions will change very quickly,\" duty forecaster "
    "Erik Moen said.",
    "Up to 40 centimetres of snow could fall above 600 metres, raising the risk of avalanches on the "
    "slopes east of Skarvik.",
]

ELECTION_MARROWLAND = [
    "The Civic Alliance won the state election in Marrowland on Sunday, taking 34.2% of the vote and "
    "ending twelve years of Labour Federation government, according to the official preliminary count.",
    "The Labour Federation of outgoing premier Ines Tobar fell to 27.5%. The Greens came third with "
    "13.1%, and turnout rose to 68%.",
    "Civic Alliance candidate Oskar Veil said he would talk to all parties except the far right about "
    "forming a government in Marrowland.",
    "In the national capital, Chancellor Ruth Ambers called the result a clear vote for change.",
]

ELECTION_OSKIA = [
    "The Labour Federation held on to power in the state of Oskia on Sunday with 31.8% of the vote, "
    "despite losing ground to the Civic Alliance, according to the official preliminary count.",
    "The Civic Alliance rose to 29.4% under its candidate Hanne Rieck, and the Greens took 10.7%. "
    "Turnout was 64%.",
    "Premier Anton Selm said the result was a mandate to finish the new hospital in Oskia City and the "
    "eastern motorway.",
    "In the national capital, Chancellor Ruth Ambers congratulated both winners and said the day had "
    "been a good one for democracy.",
]

COURT_LICENCES = [
    "The Constitutional Court in Aldenburg on Tuesday struck down a law that barred people over 75 from "
    "renewing their driving licences without a medical test, calling it age discrimination.",
    "Presiding judge Helena Marsh said the law, passed in 2023, treated older drivers as a group rather "
    "than as individuals, and gave parliament six months to write a new one.",
    "The pensioners' association that brought the case said the ruling restored dignity to 400,000 "
    "drivers. The transport ministry said it would study the decision.",
]

COURT_SURVEILLANCE = [
    "The Constitutional Court in Aldenburg on Thursday upheld a law that lets police read the messages "
    "of suspects in organised crime cases, rejecting a challenge by the Digital Rights League.",
    "Presiding judge Helena Marsh said the law, passed in 2023, contained enough safeguards because "
    "every request must be approved by a judge and is reviewed after six months.",
    "The Digital Rights League said it was disappointed and would take the case to the European court. "
    "The interior ministry welcomed the ruling.",
]

PM_FLOOD_VISIT = [
    "Prime Minister Ada Kowal visited the flooded town of Wenlo on Monday, wading through streets still "
    "under water and promising 50 million crowns in emergency aid to families and businesses.",
    "The river Sel burst its banks on Saturday after three days of rain, forcing 2,300 people from their "
    "homes. Two pensioners died when their car was swept off a road near the town.",
    "\"Nobody in Wenlo will be left alone with this,\" Kowal told residents in the sports hall where many "
    "of them have slept since the weekend.",
    "Mayor Pia Grut asked the government to pay for a new flood wall, which the town has sought since "
    "the last major flood in 2010.",
]

PM_BUDGET_SPEECH = [
    "Prime Minister Ada Kowal promised on Tuesday to cut income tax for low earners next year and to "
    "raise spending on schools, in a speech to her Unity Party's autumn conference in Morvik.",
    "Kowal said the budget would lift the tax-free allowance by 8,000 crowns and hire 3,000 teachers, "
    "paid for by a new levy on banks' windfall profits.",
    "She opened the speech with a minute's silence for the two people who died in the Wenlo floods, "
    "which she had visited the day before.",
    "Opposition leader Gustav Rein said the plans were unfunded and that the bank levy would push up "
    "mortgage rates.",
]

PM_BUDGET_OTHER = [
    "Low earners will pay less income tax next year, Ada Kowal told the Unity Party conference in "
    "Morvik, as the prime minister set out a budget that also promises 3,000 more teachers.",
    "The tax-free allowance will rise by 8,000 crowns. A levy on the windfall profits of banks is meant "
    "to pay for both measures.",
    "Gustav Rein, who leads the opposition, called the speech a list of promises without money behind it.",
]


# -- one event, several outlets ---------------------------------------------------------------------------

DERAIL_BRIEF = [
    "ALTMOOR, Nov 12 (Meridian Press) - A regional passenger train derailed near Altmoor on Thursday "
    "evening, injuring 14 people, two of them seriously, the rail operator Nordbahn Regional said.",
    "The train, carrying about 90 passengers from Altmoor to Selden, left the tracks on a bridge over the "
    "Weir canal shortly after 18:30. The line will stay closed until at least Saturday.",
]

DERAIL_FEATURE = [
    "The 18:22 from Altmoor had been running for less than ten minutes when passengers felt the jolt. "
    "Then the lights went out, the second carriage tipped onto its side, and the screaming began.",
    "Fourteen people were hurt when the regional train to Selden derailed on the bridge over the Weir "
    "canal on Thursday evening. Two of them, a conductor and a teenage passenger, were flown to the "
    "university hospital with serious injuries.",
    "\"I was thrown against the window and then there was glass everywhere,\" said Lene Voss, 34, who "
    "was travelling home from her job at a bakery in the old town. \"People helped each other climb out "
    "through the doors on the top side.\"",
    "Firefighters from Altmoor and three neighbouring villages worked under floodlights to free a "
    "passenger trapped by the legs. By midnight all 90 or so people on board had been accounted for.",
    "Nordbahn Regional, which runs the line, said it was too early to speak about a cause. The company "
    "confirmed that the bridge had been inspected in the spring and that a speed limit of 60 km/h "
    "applied on it.",
    "Rail safety investigators arrived on Friday morning and began photographing the twisted rails. "
    "A crane will be needed to lift the carriages, and the line between Altmoor and Selden will stay "
    "closed until at least Saturday.",
    "Local councillor Benno Aust said residents had complained for years about the noise and vibration "
    "when trains crossed the canal. \"We were told again and again that everything was safe,\" he said.",
    "The union of train drivers called for all bridges on the regional network to be checked before "
    "services resume, and said staff shortages had delayed maintenance work across the region.",
    "Replacement buses are running every half hour between the two towns, adding about twenty minutes "
    "to the journey.",
    "It is the first derailment of a passenger train in the region since 1998, when a freight train and "
    "a commuter service collided outside Selden.",
]

DERAIL_TRANSLATED = [
    "In the region of Altmoor a passenger train has on Thursday at evening come off the rails. According "
    "to the operator Nordbahn Regional 14 persons were injured, of these two heavily.",
    "The accident happened on the railway bridge over the Weir canal, on the line to Selden. The train "
    "had approximately 90 travellers on board.",
    "The fire brigade was with numerous forces in action. The investigation authority for rail accidents "
    "has taken up the inquiries; about the cause there are yet no information.",
    "The route stays at least until Saturday closed. Nordbahn Regional has set up a replacement service "
    "with buses.",
]

DERAIL_RADIO = [
    "Investigators are trying to work out why a train came off the tracks on a canal bridge outside "
    "Altmoor, leaving fourteen passengers injured.",
    "Nordbahn Regional says the bridge was checked this spring. Councillor Benno Aust says locals have "
    "worried about it for years, and the train drivers' union wants every bridge on the network checked.",
    "Buses are replacing trains between Altmoor and Selden until at least the weekend.",
]

DERAIL_FOLLOW_UP = [
    "A broken rail joint on the Weir canal bridge caused last week's derailment near Altmoor, rail "
    "safety investigators said on Monday in their first report on the accident.",
    "The joint had cracked in the cold and was not picked up by the spring inspection, chief "
    "investigator Marta Kiel said. Nordbahn Regional has since replaced every joint on the bridge.",
    "Trains between Altmoor and Selden will run again from Wednesday at a reduced speed of 40 km/h.",
    "The conductor who was seriously injured in the accident has left hospital, the company said.",
]

# written from the others, not copied: a live blog summing up the day (must not chain its stories)
LIVE_BLOG = [
    "Live: the day's news as it happens. Our reporters are following the main stories of Thursday.",
    "17:05 - Rescue teams in the Estovan town of Pazmar are still digging through the remains of an "
    "apartment block after the earthquake; eleven people are missing.",
    "18:10 - Halvard Bank shares closed up 3.5% after its results, while Nordmark Savings Bank lost "
    "ground.",
    "19:20 - First reports of a derailment near Altmoor. Nordbahn Regional says several passengers are "
    "hurt.",
    "20:45 - The Meteorological Institute has issued an orange warning for the northern mountains as "
    "Storm Jorund nears Skarvik.",
]

# a live blog that follows one story is a report of it
DERAIL_LIVE = [
    "Live: train derailment near Altmoor. We are following the rescue on the Weir canal bridge.",
    "18:55 - A regional train from Altmoor to Selden has come off the tracks on the Weir canal bridge, "
    "Nordbahn Regional confirms. Fire crews from Altmoor are on their way.",
    "19:40 - Nordbahn Regional says 14 passengers are hurt, two of them seriously. The line between "
    "Altmoor and Selden is closed.",
    "21:15 - Firefighters have freed a passenger trapped in the second carriage, which lies on its side.",
    "23:50 - All of the roughly 90 people on board are accounted for. Buses will replace trains between "
    "Altmoor and Selden until at least Saturday.",
]

# -- copies -----------------------------------------------------------------------------------------------

COPY_BASE = [
    "GRENMOUTH (Meridian Press) - Dock workers at the port of Grenmouth will strike for 48 hours from "
    "Monday after talks on pay broke down, halting container traffic at the country's second-largest "
    "harbour, their union said on Friday.",
    "The Harbour Workers' Union wants a 9% raise over two years; the port operator Grenmouth Terminals "
    "has offered 5.5%, saying higher costs would drive shipping lines to rival ports.",
    "\"Our members kept this port running through every crisis. They are not asking for charity,\" union "
    "leader Dora Pellegrin said at a rally outside the terminal gates.",
    "Grenmouth Terminals chief executive Viktor Aasen said the strike would cost the port about 3 million "
    "crowns a day and that he was ready to resume talks at any time.",
    "About 1,800 workers are covered by the agreement, which expired at the end of September.",
    "Exporters of timber and paper, which ship most of their goods through Grenmouth, warned of "
    "delays to deliveries before Christmas.",
    "The last strike at the port, in 2019, lasted five days and left more than 200 ships waiting at anchor.",
]

COPY_FURNITURE_TOP = "By Meridian Press staff"
COPY_FURNITURE = [
    "Reporting by Hedda Lorne; Editing by Pavel Strand",
    "Sign up for our newsletter to get the day's top stories in your inbox every morning.",
]
COPY_UPDATE = ("Update, Saturday: The port operator said late on Friday that it had invited the union to new "
               "talks on Sunday morning, and the union said it would attend.")


def art(name: str, paragraphs: list[str], title: str, date: dt.date, outlet: str = "") -> Article:
    host = outlet or f"{name}.example"
    return Article(path=f"{name}.txt", title=title, date=date, url=f"https://{host}/news/{name}",
                   paragraphs=list(paragraphs), outlet=host)


def copy_of(base: Article, name: str, paragraphs: list[str] | None = None, **changes) -> Article:
    host = f"{name}.example"
    return dataclasses.replace(base, path=f"{name}.txt", url=f"https://{host}/story/{name}", outlet=host,
                               paragraphs=list(base.paragraphs if paragraphs is None else paragraphs), **changes)


def with_typos(paragraphs: list[str]) -> list[str]:
    """The wire text as first sent, with typos (the base fixes them)."""
    out = [p.replace("container", "contianer").replace("harbour", "harbuor").replace("delays", "dealys")
           for p in paragraphs]
    assert out != paragraphs
    return out


def copy_articles() -> list[Article]:
    base = art("port-strike", COPY_BASE, "Grenmouth dock workers to strike for 48 hours", day(4))
    p = COPY_BASE
    return [
        base,
        copy_of(base, "strike-exact"),
        copy_of(base, "strike-trim", p[:3]),
        copy_of(base, "strike-brief", p[:2]),
        copy_of(base, "strike-reorder", [p[0], p[2], p[1], p[4], p[3], p[6], p[5]]),
        copy_of(base, "strike-headline", title="Port of Grenmouth faces two-day walkout over pay"),
        copy_of(base, "strike-furniture", [COPY_FURNITURE_TOP] + p + COPY_FURNITURE),
        copy_of(base, "strike-dateline", ["GRENMOUTH, Nov 13 - " + p[0].split(" - ", 1)[1]] + p[1:]),
        copy_of(base, "strike-curled", [curl(x) for x in p]),
        copy_of(base, "strike-later", date=day(5)),
        copy_of(base, "strike-typos", with_typos(p), date=day(4)),
        copy_of(base, "strike-update", p + [COPY_UPDATE], date=day(5)),
    ]


# -- the corpus -------------------------------------------------------------------------------------------

def event_articles() -> list[Article]:
    return [
        art("quake-varnia-wire", QUAKE_VARNIA_WIRE, "Quake kills three in northern Varnia", day(1), "meridian.example"),
        art("quake-varnia-other", QUAKE_VARNIA_OTHER, "Dravec counts the cost after night of terror", day(1)),
        art("quake-estova-wire", QUAKE_ESTOVA_WIRE, "Quake kills five in eastern Estova", day(3), "meridian.example"),
        art("quake-estova-other", QUAKE_ESTOVA_OTHER, "Apartment block collapses in Pazmar quake", day(3)),
        art("match-redhaven", MATCH_REDHAVEN, "Brink's late goal sends Redhaven top", day(5), "meridian.example"),
        art("match-redhaven-local", MATCH_REDHAVEN_LOCAL, "Brink the hero as Redhaven go top", day(5)),
        art("match-ferrow", MATCH_FERROW, "Kell double lifts Ferrow to fourth", day(5), "meridian.example"),
        art("match-millbrook", MATCH_MILLBROOK, "Late penalty rescues a point for Millbrook", day(6),
            "meridian.example"),
        art("earnings-halvard", EARNINGS_HALVARD, "Halvard Bank profit beats forecasts", day(2), "meridian.example"),
        art("earnings-halvard-other", EARNINGS_HALVARD_OTHER, "Halvard to buy back shares as profit jumps", day(2)),
        art("earnings-nordmark", EARNINGS_NORDMARK, "Nordmark Savings Bank profit falls on bad loans", day(2),
            "meridian.example"),
        art("storm-ilse", STORM_ILSE, "Orange warning as Storm Ilse nears west coast", day(0), "meridian.example"),
        art("storm-ilse-local", STORM_ILSE_LOCAL, "Halmby braces for Storm Ilse", day(0)),
        art("storm-jorund", STORM_JORUND, "Snow and gales: orange warning for the north", day(3), "meridian.example"),
        art("election-marrowland", ELECTION_MARROWLAND, "Civic Alliance wins Marrowland", day(6), "meridian.example"),
        art("election-oskia", ELECTION_OSKIA, "Labour Federation holds Oskia", day(6), "meridian.example"),
        art("court-licences", COURT_LICENCES, "Court strikes down licence test for over-75s", day(1),
            "meridian.example"),
        art("court-surveillance", COURT_SURVEILLANCE, "Court upholds police message-reading law", day(3),
            "meridian.example"),
        art("pm-flood-visit", PM_FLOOD_VISIT, "Kowal promises aid on visit to flooded Wenlo", day(0)),
        art("pm-budget-speech", PM_BUDGET_SPEECH, "Kowal promises tax cuts for low earners", day(1)),
        art("pm-budget-other", PM_BUDGET_OTHER, "Tax cut and 3,000 teachers in Kowal budget", day(1)),
        art("derail-brief", DERAIL_BRIEF, "Train derails near Altmoor, 14 hurt", day(3), "meridian.example"),
        art("derail-feature", DERAIL_FEATURE, "\"There was glass everywhere\": inside the Altmoor derailment",
            day(4)),
        art("derail-translated", DERAIL_TRANSLATED, "Train accident at Altmoor: 14 injured", day(3)),
        art("derail-radio", DERAIL_RADIO, "Why did the Altmoor train leave the tracks?", day(4)),
        art("derail-report", DERAIL_FOLLOW_UP, "Broken rail joint caused Altmoor derailment", day(14),
            "meridian.example"),
        art("live-blog", LIVE_BLOG, "Live: Thursday's news", day(3)),
        art("derail-live", DERAIL_LIVE, "Live: train derails near Altmoor", day(3)),
    ]


STORIES = [
    ["quake-varnia-wire", "quake-varnia-other"],
    ["quake-estova-wire", "quake-estova-other"],
    ["match-redhaven", "match-redhaven-local"],
    ["match-ferrow"],
    ["match-millbrook"],
    ["earnings-halvard", "earnings-halvard-other"],
    ["earnings-nordmark"],
    ["storm-ilse", "storm-ilse-local"],
    ["storm-jorund"],
    ["election-marrowland"],
    ["election-oskia"],
    ["court-licences"],
    ["court-surveillance"],
    ["pm-flood-visit"],
    ["pm-budget-speech", "pm-budget-other"],
    ["derail-brief", "derail-feature", "derail-translated", "derail-radio", "derail-live"],
    ["derail-report"],
    ["live-blog"],
]
COPIES = [a.path[:-4] for a in copy_articles()]
BACKGROUND = [[a.path[:-4]] for a in background()]


def partition(arts: list[Article]) -> set[frozenset[str]]:
    return {frozenset(arts[m].path[:-4] for m in g.members) for g in group_articles(arts)}


def expected(stories: list[list[str]], arts: list[Article]) -> set[frozenset[str]]:
    names = {a.path[:-4] for a in arts}
    out = {frozenset(n for n in s if n in names) for s in stories}
    return {s for s in out if s}


def pick(*names: str) -> list[Article]:
    by_name = {a.path[:-4]: a for a in event_articles() + copy_articles() + background()}
    return [by_name[n] for n in names]


def corpus() -> list[Article]:
    return background() + event_articles() + copy_articles()


ALL = STORIES + [COPIES] + BACKGROUND

# Cases the grouper still gets wrong (see KNOWN_FAILURES); the corpus test leaves their articles out and
# test_known_failures keeps each one visible as an expected failure.
KNOWN_FAILURES = {
    "courts": "two rulings of one court in one week (same court, same presiding judge, same sentence frames "
              "with the same names in them): only the subject words differ, and nothing in the text says which "
              "words are the subject",
    "elections": "two state elections on one day share every party, the chancellor and the vote-count sentences; "
                 "the states' names sit in different sentence frames, so no template conflict is seen",
    "football-same-day": "two match reports of one round on the same day: their frames conflict "
                         "(test_one_template_with_other_names_conflicts_and_rewrites_do_not), but the texts share "
                         "no 5-word shingle, so group.py skips the template check (TEMPLATE_PHRASES, kept for speed)",
    "politician": "a prime minister's flood visit (Monday) and budget speech (Tuesday) share her name and the "
                  "town (the speech mentions the visit); no template is shared, and different lead days alone "
                  "are not a veto (on ECB+ every such pair was one story: F1 0.939 -> 0.936)",
}
FAILING_ARTICLES = {"court-licences", "court-surveillance", "election-marrowland", "election-oskia",
                    "match-ferrow", "pm-flood-visit"}


def test_whole_corpus_partition():
    arts = [a for a in corpus() if a.path[:-4] not in FAILING_ARTICLES]
    assert partition(arts) == expected(ALL, arts)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_whole_corpus_partition_does_not_depend_on_order(seed):
    arts = [a for a in corpus() if a.path[:-4] not in FAILING_ARTICLES]
    random.Random(seed).shuffle(arts)
    assert partition(arts) == expected(ALL, arts)


# Each case alone (a tiny run: every term is rare) and with background articles.
CASES = {
    "quakes": ["quake-varnia-wire", "quake-varnia-other", "quake-estova-wire", "quake-estova-other"],
    "quake-wires": ["quake-varnia-wire", "quake-estova-wire"],
    "quake-one-each": ["quake-varnia-other", "quake-estova-wire"],
    "quake-with-background-quake": ["quake-estova-wire", "quake-estova-other", "quake-north"],
    "football-next-day": ["match-redhaven", "match-redhaven-local", "match-millbrook"],
    "football-wire-next-day": ["match-redhaven", "match-millbrook"],
    "earnings": ["earnings-halvard", "earnings-halvard-other", "earnings-nordmark"],
    "earnings-wire": ["earnings-halvard", "earnings-nordmark"],
    "storms": ["storm-ilse", "storm-ilse-local", "storm-jorund"],
    "storm-wires": ["storm-ilse", "storm-jorund"],
    "politician-same-event": ["pm-budget-speech", "pm-budget-other"],
    "derailment": ["derail-brief", "derail-feature", "derail-translated", "derail-radio"],
    "derailment-brief-vs-feature": ["derail-brief", "derail-feature"],
    "derailment-translated": ["derail-translated", "derail-feature"],
    "follow-up": ["derail-brief", "derail-feature", "derail-report"],
    "live-blog": ["live-blog", "quake-estova-wire", "quake-estova-other", "derail-brief", "derail-radio",
                  "storm-jorund", "earnings-halvard", "earnings-nordmark"],
    "live-blog-of-one-story": ["derail-live", "derail-brief", "derail-feature", "derail-radio"],
    "everything-of-one-kind": ["quake-varnia-wire", "quake-estova-wire", "earnings-halvard", "earnings-nordmark",
                               "storm-ilse", "storm-jorund", "match-redhaven", "match-millbrook"],
}
FAILING_CASES = {
    "courts": ["court-licences", "court-surveillance"],
    "elections": ["election-marrowland", "election-oskia"],
    "football-same-day": ["match-redhaven", "match-redhaven-local", "match-ferrow"],
    "politician": ["pm-flood-visit", "pm-budget-speech", "pm-budget-other"],
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("with_background", [False, True], ids=["alone", "background"])
def test_case_partition(case, with_background):
    arts = pick(*CASES[case]) + (background() if with_background else [])
    assert partition(arts) == expected(ALL, arts)


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[c]))
                                  for c in sorted(FAILING_CASES)])
def test_known_failures(case):
    arts = pick(*FAILING_CASES[case])
    assert partition(arts) == expected(ALL, arts)


COPY_NAMES = COPIES[1:]


@pytest.mark.parametrize("name", COPY_NAMES)
@pytest.mark.parametrize("with_background", [False, True], ids=["alone", "background"])
def test_copy_pair(name, with_background):
    arts = pick("port-strike", name) + (background() if with_background else [])
    groups = group_articles(arts)
    g = next(g for g in groups if 0 in g.members)
    assert sorted(g.members) == [0, 1]
    assert len(set(g.copy_groups)) == 1  # a copy, not a same-event article


@pytest.mark.parametrize("size", [3, 6, 10, len(COPIES)])
def test_small_copy_runs(size):
    arts = pick(*COPIES[:size])
    groups = group_articles(arts)
    assert len(groups) == 1 and len(set(groups[0].copy_groups)) == 1


def test_copies_inside_a_larger_run():
    arts = corpus()
    g = next(g for g in group_articles(arts) if any(arts[m].path == "port-strike.txt" for m in g.members))
    assert len(set(g.copy_groups)) == 1 and sorted(arts[m].path[:-4] for m in g.members) == sorted(COPIES)


# -- the template check on its own ------------------------------------------------------------------------

def _frames(paragraphs: list[str]):
    from generator.group_events import sentence_frames
    from generator.group_text import names_and_numbers
    return sentence_frames(paragraphs, set(names_and_numbers(" ".join(paragraphs))))


def test_one_template_with_other_names_conflicts_and_rewrites_do_not():
    from generator.group_events import template_conflicts
    assert template_conflicts(_frames(QUAKE_VARNIA_WIRE), _frames(QUAKE_ESTOVA_WIRE)) >= 2
    # a sentence that names the other team elsewhere ("five behind leaders Redhaven United") still
    # fills its slot with another name
    assert template_conflicts(_frames(MATCH_FERROW), _frames(MATCH_REDHAVEN)) >= 2
    assert template_conflicts(_frames(MATCH_REDHAVEN), _frames(MATCH_REDHAVEN_LOCAL)) == 0
    assert template_conflicts(_frames(QUAKE_VARNIA_WIRE), _frames(QUAKE_VARNIA_OTHER)) == 0
    assert template_conflicts(_frames(DERAIL_BRIEF), _frames(DERAIL_TRANSLATED)) == 0
    # a copy with a name spelt out, abbreviated or respelt fills the slots alike
    moved = [p.replace("European-Mediterranean Seismological Centre (EMSC)", "EMSC").replace("Dravec", "Dravetz")
             for p in QUAKE_VARNIA_WIRE]
    assert template_conflicts(_frames(QUAKE_VARNIA_WIRE), _frames(moved)) == 0


def test_lead_days_read_weekdays_back_from_the_date():
    from generator.group_events import lead_days
    thursday = day(3)
    assert lead_days("The court ruled on Tuesday that ...", thursday) == {day(1).toordinal()}
    assert lead_days("The court ruled on Thursday that ...", thursday) == {thursday.toordinal()}
    assert lead_days("The court ruled on Tuesday that ...", None) == frozenset()
    assert lead_days("The court ruled that ...", thursday) == frozenset()


# -- copies of a two-paragraph wire brief: few shingles to go on -----------------------------------------

def brief_copies() -> list[Article]:
    base = art("derail-brief", DERAIL_BRIEF, "Train derails near Altmoor, 14 hurt", day(3), "meridian.example")
    p = DERAIL_BRIEF
    return [
        copy_of(base, "brief-exact"),
        copy_of(base, "brief-furniture", [COPY_FURNITURE_TOP] + p + COPY_FURNITURE),
        copy_of(base, "brief-no-dateline", [p[0].split(" - ", 1)[1], p[1]]),
        copy_of(base, "brief-reorder", [p[1], p[0]]),
        copy_of(base, "brief-curled", [curl(x) for x in p]),
        copy_of(base, "brief-lead-only", [p[0]]),
        copy_of(base, "brief-update", p + ["Update: Nordbahn Regional said on Friday that one of the two seriously "
                                           "injured passengers had been released from hospital."], date=day(4)),
        copy_of(base, "brief-headline", title="Fourteen injured as regional train leaves the tracks"),
        copy_of(base, "brief-typos", [x.replace("passenger", "pasenger").replace("carrying", "carying") for x in p]),
    ]


@pytest.mark.parametrize("k", range(9))
@pytest.mark.parametrize("with_background", [False, True], ids=["alone", "background"])
def test_copies_of_a_short_brief(k, with_background):
    arts = pick("derail-brief") + [brief_copies()[k]] + (background() if with_background else [])
    g = next(g for g in group_articles(arts) if 0 in g.members)
    assert sorted(g.members) == [0, 1] and len(set(g.copy_groups)) == 1


def test_copies_of_a_short_brief_join_its_story_in_the_corpus():
    arts = [a for a in corpus() if a.path[:-4] not in FAILING_ARTICLES] + brief_copies()
    derail = {"derail-brief", "derail-feature", "derail-translated", "derail-radio", "derail-live"}
    stories = partition(arts)
    assert frozenset(derail | {a.path[:-4] for a in brief_copies()}) in stories
    g = next(g for g in group_articles(arts) if any(arts[m].path == "derail-brief.txt" for m in g.members))
    brief_group = {c for m, c in zip(g.members, g.copy_groups) if arts[m].path == "derail-brief.txt"}
    assert {c for m, c in zip(g.members, g.copy_groups) if arts[m].path.startswith("brief-")} == brief_group
