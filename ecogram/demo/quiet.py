"""Demo cases meant to show only info findings: plans with nothing to act on yet.

Ratings strings hold one letter per checklist item; see `builders.assessment`.
"""

from __future__ import annotations

from datetime import date, timedelta

from ecogram.dates import add_months
from ecogram.demo.builders import (
    Doc,
    anchor,
    assessment,
    care_table,
    case,
    days_from,
    document,
    money,
    person,
    role,
    stay,
    tie,
    trajectory,
)
from ecogram.imh_checklist import Item


def unborn_child(today: date) -> Doc:
    """demo-1, Antwerpen: Baby Lotte, expected in 10 weeks; the ecogram is still being mapped.

    Referred by the midwife 6 days ago, care table the next day, mother Sara is the
    anchor, the midwife is the trusted person, nobody has a role yet.
    Meant to show only info findings: FEW_PERSONS_MAPPED, EMPTY_SECTOR for
    neighbourhood and childcare_school, and UNEXPLORED_STRONG_TIE for Nonkel Bart.
    """
    day = days_from(today)
    persons = [
        person("p1", "Baby Lotte", "child", "family", 0),
        person("p2", "Sara", "parent", "family", 1, "h1"),
        person("p3", "Jonas", "parent", "family", 1, "h1"),
        person("p4", "Oma Rita", "grandparent", "family", 2, "h2", "to_explore"),
        person("p5", "Tante Els", "aunt_uncle", "family", 2, "h3", "to_explore"),
        person("p6", "Nonkel Bart", "aunt_uncle", "family", 2, "h4"),
        person("p7", "Lien", "friend", "friends", 2, None, "to_explore"),
        person("p8", "Vroedvrouw An", "professional", "professional", 2),
        person("p9", "Maatschappelijk werker Greet", "professional", "professional", 3),
    ]
    ties = [
        tie("p2", "p1", "strong", "forward"),
        tie("p3", "p1", "normal", "forward"),
        tie("p3", "p2", "stressful", "both"),
        tie("p4", "p2", "strong", "both", ["emotional"]),
        tie("p5", "p2", "normal", "both", ["emotional", "practical"]),
        tie("p6", "p3", "strong", "both", ["practical", "housing"]),
        tie("p7", "p2", "strong", "both", ["emotional"]),
        tie("p8", "p2", "normal", "forward", ["advice"]),
        tie("p9", "p2", "normal", "forward", ["advice", "practical"]),
    ]
    return document(
        case("demo-1", day(-6), None, day(70)),
        persons,
        ties,
        [],
        [],
        [anchor("p2", day(-6))],
        "p8",
        trajectory(
            "antwerpen",
            "Kempen",
            day(-6),
            "midwife",
            care_tables=[
                care_table(
                    day(-5),
                    ["family", "referrer", "experts", "case_coordinator"],
                    "Lotte is nog niet geboren. Ze heeft vanaf haar eerste dag één vaste plek "
                    "nodig, dicht bij mama, met mensen die haar signalen leren lezen.",
                )
            ],
        ),
    )


def infant_with_respite(today: date) -> Doc:
    """demo-2, Limburg: Baby Mila, about 5 months, at home with her mother Eline (the anchor).

    Oma Jet has had a respite role of 1 night a week for 40 days; her final assessment
    (45 days ago) meets every respite minimum, and the earlier draft does not count.
    Buurvrouw Maria is a buddy, rated only on what a buddy needs. 14 persons in every
    sector; care table exactly 2 days after the referral (the 48-hour boundary, on
    time); last evaluation 16 days ago; guidance budget only. The care plan has one
    action done and one due in 12 days.
    Meant to show only FEW_PERSONS_MAPPED (info): no error, no warning.
    """
    day = days_from(today)
    birth = add_months(today, -5) - timedelta(days=4)
    persons = [
        person("p1", "Baby Mila", "child", "family", 0, "h1"),
        person("p2", "Eline", "parent", "family", 1, "h1"),
        person("p3", "Dries", "parent", "family", 2, "h2"),
        person("p4", "Oma Jet", "grandparent", "family", 1, "h3", "suitable"),
        person("p5", "Opa Luc", "grandparent", "family", 2, "h3", "in_conversation"),
        person("p6", "Tante Nele", "aunt_uncle", "family", 2, "h4", "to_explore"),
        person("p7", "Fien", "friend", "friends", 1, None, "in_conversation"),
        person("p8", "Sofie", "friend", "friends", 3),
        person("p9", "Buurvrouw Maria", "neighbour", "neighbourhood", 2, "h5", "suitable"),
        person("p10", "Buurman Ahmed", "neighbour", "neighbourhood", 3, "h6"),
        person("p11", "Onthaalouder Hilde", "childcare", "childcare_school", 2),
        person("p12", "Verpleegkundige Katrien", "professional", "professional", 2),
        person("p13", "Contextbegeleider Tom", "professional", "professional", 2),
        person("p14", "Huisarts Wim", "professional", "professional", 3),
        person("p15", "Vroedvrouw Lies", "professional", "professional", 3),
    ]
    ties = [
        tie("p2", "p1", "strong", "forward", ["childcare"]),
        tie("p3", "p1", "tenuous", "forward"),
        tie("p3", "p2", "stressful"),
        tie("p4", "p1", "strong", "forward", ["childcare"]),
        tie("p4", "p2", "strong", "both", ["emotional", "practical"]),
        tie("p5", "p2", "normal", "forward", ["financial"]),
        tie("p6", "p2", "normal", "both", ["emotional"]),
        tie("p7", "p2", "strong", "both", ["emotional", "advice"]),
        tie("p8", "p2", "normal", "both", ["emotional"]),
        tie("p9", "p1", "normal", "forward", ["childcare"]),
        tie("p9", "p2", "normal", "forward", ["practical"]),
        tie("p10", "p2", "tenuous"),
        tie("p11", "p1", "normal", "forward", ["childcare"]),
        tie("p12", "p2", "normal", "forward", ["advice"]),
        tie("p13", "p2", "strong", "forward", ["advice", "practical"]),
        tie("p14", "p2", "normal", "forward", ["advice"]),
        tie("p15", "p2", "normal", "forward", ["advice"]),
    ]
    assessments = [
        assessment(
            "p4",
            day(-70),
            "AAUUAAUAUUUUU",
            {Item.SENSITIVITY: "Eerste kennismaking; verder te bekijken."},
            final=False,
        ),
        assessment(
            "p4",
            day(-45),
            "SSAASAAAAAAAS",
            {
                Item.SENSITIVITY: "Merkt vermoeidheid van Mila snel op en wiegt haar in slaap.",
                Item.WITH_PARENTS: "Spreekt Eline aan als mama; geen rivaliteit.",
                Item.RECORD_CHECKS: "Uittreksel strafregister in orde.",
                Item.HOME_PRACTICAL: "Veilig slaapplekje met eigen bedje.",
            },
        ),
        assessment(
            "p9",
            day(-30),
            "AUUUAAUAAAAUU",
            {Item.PROTECTION: "Kent het veiligheidsplan en weet wie te bellen."},
            assessor="Tom (contextbegeleiding)",
        ),
    ]
    roles = [
        role("p4", "respite", day(-40), nights=1),
        role("p9", "buddy", day(-25)),
    ]
    return document(
        case("demo-2", day(-60), birth, None),
        persons,
        ties,
        assessments,
        roles,
        [anchor("p2", day(-60))],
        "p7",
        trajectory(
            "limburg",
            "Midden-Limburg",
            day(-60),
            "child_and_family",
            care_tables=[
                care_table(
                    day(-58),
                    ["family", "network", "referrer", "experts", "case_coordinator"],
                    "Mila kijkt mama na als die de kamer uitgaat en komt tot rust op de arm "
                    "van Oma Jet. Ze wil slapen in haar eigen bedje, thuis.",
                )
            ],
            evaluations=[day(-16)],
            budget=[money(day(-50), "guidance", "1250.00", "contextbegeleiding aan huis")],
            care_plan=[
                {
                    "what": "Veiligheidsplan overlopen met Eline",
                    "who": "contextbegeleider",
                    "due": day(-45),
                    "done": True,
                },
                {
                    "what": "Respijtnachten na de evaluatie opnieuw bekijken",
                    "who": "casuscoördinator",
                    "due": day(12),
                    "done": False,
                },
            ],
        ),
    )


def toddler_in_kinship_care(today: date) -> Doc:
    """demo-3, Oost-Vlaanderen: Kobe, 26 months, lives with Tante Ilse in kinship foster care.

    After 36 days in a residential group the child moved to his aunt; she became the
    anchor then (the one anchor change). Her final assessment has S on sensitivity,
    safe_haven, commitment and availability and A or S elsewhere, so she is a suitable
    non-parent anchor and meets every kinship minimum; the attestation is granted.
    Her 7 nights do not count as nights away (she is the anchor). The trajectory is
    extended (130 days since referral, within 6 months); last evaluation 3 days ago.
    Residence budget is exactly half of the total (the 50 % boundary: no error).
    Meant to show only info: FEW_PERSONS_MAPPED and EMPTY_SECTOR for neighbourhood.
    """
    day = days_from(today)
    birth = add_months(today, -26) - timedelta(days=5)
    persons = [
        person("p1", "Kobe", "child", "family", 0, "h2"),
        person("p2", "Jolien", "parent", "family", 1, "h1"),
        person("p3", "Steven", "parent", "family", 3, "h4"),
        person("p4", "Tante Ilse", "aunt_uncle", "family", 1, "h2", "suitable"),
        person("p5", "Nonkel Pieter", "aunt_uncle", "family", 1, "h2", "suitable"),
        person("p6", "Neef Nand", "other_relative", "family", 2, "h2"),
        person("p7", "Oma Mia", "grandparent", "family", 2, "h3", "in_conversation"),
        person("p8", "Karen", "friend", "friends", 3),
        person("p9", "Kinderbegeleider Samira", "childcare", "childcare_school", 2),
        person("p10", "Pleegzorgbegeleider Bram", "professional", "professional", 2),
        person("p11", "Contextbegeleider Ellen", "professional", "professional", 2),
    ]
    ties = [
        tie("p4", "p1", "strong", "forward", ["childcare", "housing"]),
        tie("p5", "p1", "strong", "forward", ["childcare"]),
        tie("p2", "p1", "normal", "forward"),
        tie("p3", "p2", "conflict"),
        tie("p4", "p2", "normal", "both", ["emotional"]),
        tie("p6", "p1", "normal", "both"),
        tie("p7", "p2", "strong", "both", ["emotional", "financial"]),
        tie("p7", "p1", "normal", "forward", ["childcare"]),
        tie("p8", "p2", "normal", "both", ["emotional"]),
        tie("p9", "p1", "normal", "forward", ["childcare"]),
        tie("p10", "p4", "strong", "forward", ["advice"]),
        tie("p11", "p2", "normal", "forward", ["advice", "practical"]),
    ]
    ilse_assessment = assessment(
        "p4",
        day(-100),
        "SSASSSAAAAAAA",
        {
            Item.SAFE_HAVEN: "Troost Kobe meteen bij het afscheid van mama en blijft dichtbij.",
            Item.COMMITMENT: "Wil er voor Kobe zijn zolang het nodig is.",
            Item.WITH_PARENTS: "Houdt Jolien op de hoogte en plant bezoeken samen.",
            Item.RECORD_CHECKS: "Uittreksels voor Ilse en Pieter in orde.",
        },
        assessor="Bram (pleegzorg)",
    )
    granted = {"status": "granted", "date": day(-96)}
    return document(
        case("demo-3", day(-130), birth, None),
        persons,
        ties,
        [ilse_assessment],
        [role("p4", "kinship_foster_care", day(-94), nights=7, attestation=granted)],
        [anchor("p2", day(-130), day(-94)), anchor("p4", day(-94))],
        "p7",
        trajectory(
            "oost-vlaanderen",
            "Waasland",
            day(-130),
            "youth_care",
            care_tables=[
                care_table(
                    day(-129),
                    ["family", "network", "referrer", "experts", "case_coordinator"],
                    "Kobe zoekt Tante Ilse op als hij schrikt en speelt rustig als zij in de "
                    "buurt is. Hij vraagt naar mama na elk bezoek.",
                )
            ],
            evaluations=[day(-87), day(-45), day(-3)],
            extended=True,
            budget=[
                money(day(-120), "guidance", "1500.00", "contextbegeleiding"),
                money(day(-100), "residence", "2400.00", "verblijf leefgroep"),
                money(day(-60), "guidance", "900.00", "amberbegeleiding"),
            ],
            stays=[stay("residential_group", day(-130), day(-95))],
        ),
    )
