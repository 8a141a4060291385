"""Fictional demo data: five networks and five cases in the `ecogram-case/1` format.

Everything here is pure data; `ecogram demo` stores it. Case dates are computed
from `today` so the findings each case is meant to show never go stale. Every
name is invented, and organisations carry "(fictief)".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypedDict

from ecogram.dates import add_months
from ecogram.imh_checklist import Item
from ecogram.vocabulary import NETWORK_NAMES, NetworkSlug

Doc = dict[str, Any]


class DemoActionPlan(TypedDict):
    approved: date
    committed: int
    region_commitments: dict[str, int]  #: region name -> trajectories committed
    budget: Decimal
    expertise_needs: str
    fund_holder: str  #: one of the network's organisations (the penhouder)


class DemoNetwork(TypedDict):
    name: str
    regions: list[str]  #: 1G1P regions
    organisations: list[str]
    action_plan: DemoActionPlan


def _network(
    slug: NetworkSlug,
    commitments: dict[str, int],
    organisations: list[str],
    approved: date,
    needs: str,
) -> DemoNetwork:
    """One network; its first organisation holds the funds, and commitments set its regions."""
    return {
        "name": NETWORK_NAMES[slug],
        "regions": list(commitments),
        "organisations": organisations,
        "action_plan": {
            "approved": approved,
            "committed": sum(commitments.values()),
            "region_commitments": commitments,
            "budget": Decimal("90000.00"),
            "expertise_needs": needs,
            "fund_holder": organisations[0],
        },
    }


DEMO_NETWORKS: dict[NetworkSlug, DemoNetwork] = {
    NetworkSlug.ANTWERPEN: _network(
        NetworkSlug.ANTWERPEN,
        {"Antwerpen": 10, "Kempen": 8, "Mechelen": 6},
        ["CKG De Kleine Haven (fictief)", "Pleegzorg Scheldeland (fictief)"],
        date(2025, 10, 1),
        "Vorming in IMH-screening van kandidaat-zorgfiguren voor contextbegeleiders.",
    ),
    NetworkSlug.LIMBURG: _network(
        NetworkSlug.LIMBURG,
        {"Noord-Limburg": 5, "Midden-Limburg": 6, "Zuid-Limburg": 4},
        ["Pleegzorg Maasland (fictief)", "CKG De Heidebloem (fictief)"],
        date(2025, 9, 15),
        "Intervisie rond netwerkonderzoek (Family Finding) en veiligheidsplanning.",
    ),
    NetworkSlug.OOST_VLAANDEREN: _network(
        NetworkSlug.OOST_VLAANDEREN,
        {"Gent": 7, "Waasland": 5, "Meetjesland": 4, "Zuid-Oost-Vlaanderen": 4},
        ["Pleegzorg Leiestroom (fictief)", "Gezinsondersteuning De Brug (fictief)"],
        date(2025, 10, 20),
        "Coaching van pleegzorgbegeleiders in het begeleiden van zorgfiguren naast de ouders.",
    ),
    NetworkSlug.VLAAMS_BRABANT_BRUSSEL: _network(
        NetworkSlug.VLAAMS_BRABANT_BRUSSEL,
        {"Leuven": 6, "Halle-Vilvoorde": 7, "Brussel": 5},
        [
            "CKG Het Nest (fictief)",
            "Pleegzorg Zennevallei (fictief)",
            "Netwerk Jonge Kind Dijleland (fictief)",
        ],
        date(2025, 11, 5),
        "Tweetalige zorgtafels en expertise rond perinatale psychiatrie.",
    ),
    NetworkSlug.WEST_VLAANDEREN: _network(
        NetworkSlug.WEST_VLAANDEREN,
        {
            "Noord-West-Vlaanderen": 5,
            "Midden-West-Vlaanderen": 4,
            "Zuid-West-Vlaanderen": 4,
            "Westhoek": 3,
        },
        ["CKG De Zeester (fictief)", "Pleegzorg IJzerland (fictief)"],
        date(2025, 12, 1),
        "Opbouw van een pool van deskundigen voor zorgtafels binnen 48 uur.",
    ),
}


# --- Builders of the canonical form: every key present, in the format's order ------------


def _days_from(today: date) -> Callable[[int], str]:
    def day(offset: int) -> str:
        return (today + timedelta(days=offset)).isoformat()

    return day


def _person(
    pid: str,
    name: str,
    kind: str,
    sector: str,
    ring: int,
    household: str | None = None,
    candidate: str = "none",
) -> Doc:
    return {
        "id": pid,
        "name": name,
        "kind": kind,
        "sector": sector,
        "ring": ring,
        "household": household,
        "candidate": candidate,
    }


def _tie(a: str, b: str, quality: str, flow: str = "none", support: Sequence[str] = ()) -> Doc:
    return {"from": a, "to": b, "quality": quality, "flow": flow, "support": list(support)}


def _assessment(
    person: str,
    day: str,
    ratings: str,
    notes: dict[Item, str],
    *,
    final: bool = True,
    assessor: str = "Lies (pleegzorg)",
) -> Doc:
    """`ratings` holds one letter per item in checklist order, e.g. "SSAAAAAAAAAAA"."""
    return {
        "person": person,
        "date": day,
        "final": final,
        "assessor": assessor,
        "ratings": {item.value: letter for item, letter in zip(Item, ratings, strict=True)},
        "notes": {item.value: notes[item] for item in Item if item in notes},
    }


def _role(
    person: str,
    role: str,
    start: str,
    end: str | None = None,
    nights: int = 0,
    attestation: Doc | None = None,
) -> Doc:
    return {
        "person": person,
        "role": role,
        "start": start,
        "end": end,
        "nights_per_week": nights,
        "attestation": attestation,
    }


def _anchor(person: str, start: str, end: str | None = None) -> Doc:
    return {"person": person, "from": start, "to": end}


def _money(day: str, category: str, amount: str, what: str) -> Doc:
    return {"date": day, "category": category, "amount": float(amount), "what": what}


def _stay(kind: str, start: str, end: str | None) -> Doc:
    return {"kind": kind, "start": start, "end": end}


def _trajectory(
    network: str,
    region: str,
    referred: str,
    referrer: str,
    *,
    care_tables: Sequence[str],
    evaluations: Sequence[str] = (),
    kind: str = "care_figure_search",
    mandated_service: bool = False,
    extended: bool = False,
    ended: str | None = None,
    outcome: str | None = None,
    budget: Sequence[Doc] = (),
    stays: Sequence[Doc] = (),
) -> Doc:
    return {
        "network": network,
        "region": region,
        "kind": kind,
        "referred": referred,
        "referrer": referrer,
        "mandated_service": mandated_service,
        "care_tables": list(care_tables),
        "evaluations": list(evaluations),
        "extended": extended,
        "ended": ended,
        "outcome": outcome,
        "budget": list(budget),
        "stays": list(stays),
    }


def _document(
    case: Doc,
    persons: list[Doc],
    ties: list[Doc],
    assessments: list[Doc],
    roles: list[Doc],
    anchors: list[Doc],
    trusted_person: str | None,
    trajectory: Doc,
) -> Doc:
    return {
        "format": "ecogram-case/1",
        "case": case,
        "persons": persons,
        "ties": ties,
        "assessments": assessments,
        "roles": roles,
        "anchors": anchors,
        "trusted_person": trusted_person,
        "trajectory": trajectory,
    }


def _case(cid: str, opened: str, birth: date | None, expected: str | None) -> Doc:
    born = birth.isoformat() if birth else None
    return {
        "id": cid,
        "opened": opened,
        "child": "p1",
        "birth_date": born,
        "expected_date": expected,
    }


# --- The cases ---------------------------------------------------------------------------
# S strength, A adequate, C concern, U unknown; one letter per item in this order:
# sensitivity safe_haven secure_base mentalizing commitment availability life_stability
# with_parents with_services protection record_checks home_practical own_network


def _unborn_child(today: date) -> Doc:
    """demo-1, Antwerpen: Baby Lotte, expected in 10 weeks; the ecogram is still being mapped.

    Referred by the midwife 6 days ago, care table the next day, mother Sara is the
    anchor, the midwife is the trusted person, nobody has a role yet.
    Meant to show only info findings: FEW_PERSONS_MAPPED, EMPTY_SECTOR for
    neighbourhood and childcare_school, and UNEXPLORED_STRONG_TIE for Nonkel Bart.
    """
    day = _days_from(today)
    persons = [
        _person("p1", "Baby Lotte", "child", "family", 0),
        _person("p2", "Sara", "parent", "family", 1, "h1"),
        _person("p3", "Jonas", "parent", "family", 1, "h1"),
        _person("p4", "Oma Rita", "grandparent", "family", 2, "h2", "to_explore"),
        _person("p5", "Tante Els", "aunt_uncle", "family", 2, "h3", "to_explore"),
        _person("p6", "Nonkel Bart", "aunt_uncle", "family", 2, "h4"),
        _person("p7", "Lien", "friend", "friends", 2, None, "to_explore"),
        _person("p8", "Vroedvrouw An", "professional", "professional", 2),
        _person("p9", "Maatschappelijk werker Greet", "professional", "professional", 3),
    ]
    ties = [
        _tie("p2", "p1", "strong", "forward"),
        _tie("p3", "p1", "normal", "forward"),
        _tie("p3", "p2", "stressful", "both"),
        _tie("p4", "p2", "strong", "both", ["emotional"]),
        _tie("p5", "p2", "normal", "both", ["emotional", "practical"]),
        _tie("p6", "p3", "strong", "both", ["practical", "housing"]),
        _tie("p7", "p2", "strong", "both", ["emotional"]),
        _tie("p8", "p2", "normal", "forward", ["advice"]),
        _tie("p9", "p2", "normal", "forward", ["advice", "practical"]),
    ]
    return _document(
        _case("demo-1", day(-6), None, day(70)),
        persons,
        ties,
        [],
        [],
        [_anchor("p2", day(-6))],
        "p8",
        _trajectory("antwerpen", "Kempen", day(-6), "midwife", care_tables=[day(-5)]),
    )


def _infant_with_respite(today: date) -> Doc:
    """demo-2, Limburg: Baby Mila, about 5 months, at home with her mother Eline (the anchor).

    Oma Jet has had a respite role of 1 night a week for 40 days; her final assessment
    (45 days ago) meets every respite minimum, and the earlier draft does not count.
    Buurvrouw Maria is a buddy, rated only on what a buddy needs. 14 persons in every
    sector; care table exactly 2 days after the referral (the 48-hour boundary, on
    time); last evaluation 16 days ago; guidance budget only.
    Meant to show only FEW_PERSONS_MAPPED (info): no error, no warning.
    """
    day = _days_from(today)
    birth = add_months(today, -5) - timedelta(days=4)
    persons = [
        _person("p1", "Baby Mila", "child", "family", 0, "h1"),
        _person("p2", "Eline", "parent", "family", 1, "h1"),
        _person("p3", "Dries", "parent", "family", 2, "h2"),
        _person("p4", "Oma Jet", "grandparent", "family", 1, "h3", "suitable"),
        _person("p5", "Opa Luc", "grandparent", "family", 2, "h3", "in_conversation"),
        _person("p6", "Tante Nele", "aunt_uncle", "family", 2, "h4", "to_explore"),
        _person("p7", "Fien", "friend", "friends", 1, None, "in_conversation"),
        _person("p8", "Sofie", "friend", "friends", 3),
        _person("p9", "Buurvrouw Maria", "neighbour", "neighbourhood", 2, "h5", "suitable"),
        _person("p10", "Buurman Ahmed", "neighbour", "neighbourhood", 3, "h6"),
        _person("p11", "Onthaalouder Hilde", "childcare", "childcare_school", 2),
        _person("p12", "Verpleegkundige Katrien", "professional", "professional", 2),
        _person("p13", "Contextbegeleider Tom", "professional", "professional", 2),
        _person("p14", "Huisarts Wim", "professional", "professional", 3),
        _person("p15", "Vroedvrouw Lies", "professional", "professional", 3),
    ]
    ties = [
        _tie("p2", "p1", "strong", "forward", ["childcare"]),
        _tie("p3", "p1", "tenuous", "forward"),
        _tie("p3", "p2", "stressful"),
        _tie("p4", "p1", "strong", "forward", ["childcare"]),
        _tie("p4", "p2", "strong", "both", ["emotional", "practical"]),
        _tie("p5", "p2", "normal", "forward", ["financial"]),
        _tie("p6", "p2", "normal", "both", ["emotional"]),
        _tie("p7", "p2", "strong", "both", ["emotional", "advice"]),
        _tie("p8", "p2", "normal", "both", ["emotional"]),
        _tie("p9", "p1", "normal", "forward", ["childcare"]),
        _tie("p9", "p2", "normal", "forward", ["practical"]),
        _tie("p10", "p2", "tenuous"),
        _tie("p11", "p1", "normal", "forward", ["childcare"]),
        _tie("p12", "p2", "normal", "forward", ["advice"]),
        _tie("p13", "p2", "strong", "forward", ["advice", "practical"]),
        _tie("p14", "p2", "normal", "forward", ["advice"]),
        _tie("p15", "p2", "normal", "forward", ["advice"]),
    ]
    assessments = [
        _assessment(
            "p4",
            day(-70),
            "AAUUAAUAUUUUU",
            {Item.SENSITIVITY: "Eerste kennismaking; verder te bekijken."},
            final=False,
        ),
        _assessment(
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
        _assessment(
            "p9",
            day(-30),
            "AUUUAAUAAAAUU",
            {Item.PROTECTION: "Kent het veiligheidsplan en weet wie te bellen."},
            assessor="Tom (contextbegeleiding)",
        ),
    ]
    roles = [
        _role("p4", "respite", day(-40), nights=1),
        _role("p9", "buddy", day(-25)),
    ]
    return _document(
        _case("demo-2", day(-60), birth, None),
        persons,
        ties,
        assessments,
        roles,
        [_anchor("p2", day(-60))],
        "p7",
        _trajectory(
            "limburg",
            "Midden-Limburg",
            day(-60),
            "child_and_family",
            care_tables=[day(-58)],
            evaluations=[day(-16)],
            budget=[_money(day(-50), "guidance", "1250.00", "contextbegeleiding aan huis")],
        ),
    )


def _toddler_in_kinship_care(today: date) -> Doc:
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
    day = _days_from(today)
    birth = add_months(today, -26) - timedelta(days=5)
    persons = [
        _person("p1", "Kobe", "child", "family", 0, "h2"),
        _person("p2", "Jolien", "parent", "family", 1, "h1"),
        _person("p3", "Steven", "parent", "family", 3, "h4"),
        _person("p4", "Tante Ilse", "aunt_uncle", "family", 1, "h2", "suitable"),
        _person("p5", "Nonkel Pieter", "aunt_uncle", "family", 1, "h2", "suitable"),
        _person("p6", "Neef Nand", "other_relative", "family", 2, "h2"),
        _person("p7", "Oma Mia", "grandparent", "family", 2, "h3", "in_conversation"),
        _person("p8", "Karen", "friend", "friends", 3),
        _person("p9", "Kinderbegeleider Samira", "childcare", "childcare_school", 2),
        _person("p10", "Pleegzorgbegeleider Bram", "professional", "professional", 2),
        _person("p11", "Contextbegeleider Ellen", "professional", "professional", 2),
    ]
    ties = [
        _tie("p4", "p1", "strong", "forward", ["childcare", "housing"]),
        _tie("p5", "p1", "strong", "forward", ["childcare"]),
        _tie("p2", "p1", "normal", "forward"),
        _tie("p3", "p2", "conflict"),
        _tie("p4", "p2", "normal", "both", ["emotional"]),
        _tie("p6", "p1", "normal", "both"),
        _tie("p7", "p2", "strong", "both", ["emotional", "financial"]),
        _tie("p7", "p1", "normal", "forward", ["childcare"]),
        _tie("p8", "p2", "normal", "both", ["emotional"]),
        _tie("p9", "p1", "normal", "forward", ["childcare"]),
        _tie("p10", "p4", "strong", "forward", ["advice"]),
        _tie("p11", "p2", "normal", "forward", ["advice", "practical"]),
    ]
    assessment = _assessment(
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
    return _document(
        _case("demo-3", day(-130), birth, None),
        persons,
        ties,
        [assessment],
        [_role("p4", "kinship_foster_care", day(-94), nights=7, attestation=granted)],
        [_anchor("p2", day(-130), day(-94)), _anchor("p4", day(-94))],
        "p7",
        _trajectory(
            "oost-vlaanderen",
            "Waasland",
            day(-130),
            "youth_care",
            care_tables=[day(-129)],
            evaluations=[day(-87), day(-45), day(-3)],
            extended=True,
            budget=[
                _money(day(-120), "guidance", "1500.00", "contextbegeleiding"),
                _money(day(-100), "residence", "2400.00", "verblijf leefgroep"),
                _money(day(-60), "guidance", "900.00", "amberbegeleiding"),
            ],
            stays=[_stay("residential_group", day(-130), day(-95))],
        ),
    )


def _case_with_errors(today: date) -> Doc:
    """demo-4, Vlaams-Brabant en Brussel: Ruben, 9 months, whose care plan has gaps.

    Meant to show, at `today`:
    - ANCHOR_MISSING: mother Jana was the anchor until 8 days ago; nobody since.
    - ROLE_KNOCKOUT (protection) and ROLE_BELOW_MINIMUM (own_network) for Buurvrouw
      Gerda's part-time stay (1 night a week).
    - ROLE_NOT_ASSESSED for Sanne's play-family role: she has only a draft.
    - ATTESTATION_MISSING and REASSESSMENT_DUE for Nonkel Koen's kinship role (2 nights,
      attestation pending; his last final assessment is 190 days old).
    - OVERNIGHT_HOMES_EXCEEDED: 2 other homes under 12 months. Nights away total 3,
      so ANCHOR_FEW_NIGHTS stays silent either way.
    - NO_TRUSTED_PERSON; CARE_TABLE_LATE (4 days); EVALUATION_OVERDUE (54 days);
      TERM_EXCEEDED (100 days, not extended); RESIDENCE_BUDGET_OVER_HALF (64 %).
    - Info: FEW_PERSONS_MAPPED, EMPTY_SECTOR childcare_school, UNEXPLORED_STRONG_TIE
      for Opa Willy.
    """
    day = _days_from(today)
    birth = add_months(today, -9) - timedelta(days=3)
    persons = [
        _person("p1", "Ruben", "child", "family", 0, "h1"),
        _person("p2", "Jana", "parent", "family", 1, "h1"),
        _person("p3", "Nonkel Koen", "aunt_uncle", "family", 1, "h2", "suitable"),
        _person("p4", "Opa Willy", "grandparent", "family", 2, "h3"),
        _person("p5", "Sanne", "friend", "friends", 2, None, "assessing"),
        _person("p6", "Buurvrouw Gerda", "neighbour", "neighbourhood", 2, None, "assessing"),
        _person("p7", "Consulent Dirk", "professional", "professional", 2),
        _person("p8", "Verpleegkundige Ann", "professional", "professional", 3),
    ]
    ties = [
        _tie("p2", "p1", "strong", "both"),
        _tie("p3", "p1", "strong", "forward", ["childcare"]),
        _tie("p3", "p2", "stressful", "both"),
        _tie("p4", "p2", "strong", "both", ["emotional", "financial"]),
        _tie("p5", "p2", "normal", "both", ["emotional"]),
        _tie("p5", "p1", "normal", "forward", ["childcare"]),
        _tie("p6", "p1", "normal", "forward", ["childcare"]),
        _tie("p6", "p2", "tenuous"),
        _tie("p7", "p2", "normal", "forward", ["advice"]),
        _tie("p8", "p2", "normal", "forward", ["advice"]),
    ]
    assessments = [
        _assessment(
            "p3",
            day(-190),
            "SSAASSAAAAAAA",
            {Item.RECORD_CHECKS: "Screening pleegzorg bij een eerdere vraag."},
            assessor="Wout (pleegzorg)",
        ),
        _assessment("p5", day(-20), "AAUUAAUAUUUUU", {}, final=False),
        _assessment(
            "p6",
            day(-30),
            "AAAAAAAAACAAU",
            {
                Item.PROTECTION: "Minimaliseert de zorgen; wil Jana ongepland laten langskomen.",
                Item.OWN_NETWORK: "Nog niet besproken.",
            },
        ),
    ]
    pending = {"status": "pending", "date": None}
    # Listed by person, as export writes them, so the document is in canonical form.
    roles = [
        _role("p3", "kinship_foster_care", day(-8), nights=2, attestation=pending),
        _role("p5", "play_family", day(-20)),
        _role("p6", "part_time_stay", day(-40), nights=1),
    ]
    return _document(
        _case("demo-4", day(-100), birth, None),
        persons,
        ties,
        assessments,
        roles,
        [_anchor("p2", day(-100), day(-8))],
        None,
        _trajectory(
            "vlaams-brabant-brussel",
            "Halle-Vilvoorde",
            day(-100),
            "hospital",
            mandated_service=True,
            care_tables=[day(-96)],
            evaluations=[day(-54)],
            budget=[
                _money(day(-90), "residence", "3200.00", "verblijf CKG"),
                _money(day(-80), "guidance", "1800.00", "veiligheidsplanning"),
            ],
            stays=[
                _stay("hospital", day(-100), day(-92)),
                _stay("residential_group", day(-91), day(-60)),
            ],
        ),
    )


def _unstable_anchor(today: date) -> Doc:
    """demo-5, West-Vlaanderen: Lowie, 18 months; an ended, extended trajectory.

    The anchor moved from father Bert to Oma Rosa (120 days ago) and back (30 days
    ago). Oma Rosa's full-time stay ended when her part-time stay of 3 nights began
    (half-open periods: no overlap); Tante Sien has 1 respite night.
    Meant to show ANCHOR_UNSTABLE (2 changes within 183 days) and ANCHOR_FEW_NIGHTS
    (4 nights away), but not OVERNIGHT_HOMES_EXCEEDED (2 other homes is the cap from
    12 months). Ended 10 days ago, so no trajectory warnings. Info: FEW_PERSONS_MAPPED,
    EMPTY_SECTOR for neighbourhood.
    """
    day = _days_from(today)
    birth = add_months(today, -18) - timedelta(days=10)
    persons = [
        _person("p1", "Lowie", "child", "family", 0, "h1"),
        _person("p2", "Bert", "parent", "family", 1, "h1"),
        _person("p3", "Kim", "parent", "family", 2, "h2"),
        _person("p4", "Oma Rosa", "grandparent", "family", 1, "h3", "suitable"),
        _person("p5", "Tante Sien", "aunt_uncle", "family", 1, "h4", "suitable"),
        _person("p6", "Yannick", "friend", "friends", 2, None, "declined"),
        _person("p7", "Kinderbegeleider Ines", "childcare", "childcare_school", 2),
        _person("p8", "Contextbegeleider Jeroen", "professional", "professional", 2),
    ]
    ties = [
        _tie("p2", "p1", "strong", "forward", ["childcare"]),
        _tie("p3", "p1", "tenuous", "forward"),
        _tie("p4", "p1", "strong", "forward", ["childcare", "housing"]),
        _tie("p4", "p2", "normal", "both", ["practical"]),
        _tie("p5", "p1", "strong", "forward", ["childcare"]),
        _tie("p6", "p2", "strong", "both", ["emotional"]),
        _tie("p7", "p1", "normal", "forward", ["childcare"]),
        _tie("p8", "p2", "normal", "forward", ["advice"]),
    ]
    assessments = [
        _assessment(
            "p4",
            day(-125),
            "SSASSSAAAAAAA",
            {Item.AVAILABILITY: "Met pensioen; kan Lowie voltijds opvangen."},
        ),
        _assessment("p5", day(-65), "AAAAAAAAAAAAA", {}),
    ]
    roles = [
        _role("p4", "full_time_stay", day(-120), day(-30), nights=7),
        _role("p4", "part_time_stay", day(-30), nights=3),
        _role("p5", "respite", day(-60), nights=1),
    ]
    anchors = [
        _anchor("p2", day(-170), day(-120)),
        _anchor("p4", day(-120), day(-30)),
        _anchor("p2", day(-30)),
    ]
    return _document(
        _case("demo-5", day(-170), birth, None),
        persons,
        ties,
        assessments,
        roles,
        anchors,
        "p5",
        _trajectory(
            "west-vlaanderen",
            "Westhoek",
            day(-170),
            "mental_health",
            kind="care_guarantee",
            care_tables=[day(-169), day(-85)],
            evaluations=[day(-127), day(-43)],
            extended=True,
            ended=day(-10),
            outcome="care_figure",
            budget=[
                _money(day(-150), "guidance", "2000.00", "contextbegeleiding"),
                _money(day(-140), "residence", "1000.00", "kortverblijf CKG"),
                _money(day(-80), "guidance", "1000.00", "amberbegeleiding bij verlenging"),
            ],
            stays=[_stay("crisis_foster_family", day(-170), day(-121))],
        ),
    )


def demo_cases(today: date) -> list[Doc]:
    """The demo cases as `ecogram-case/1` documents, dated relative to `today`."""
    builders = (
        _unborn_child,
        _infant_with_respite,
        _toddler_in_kinship_care,
        _case_with_errors,
        _unstable_anchor,
    )
    return [build(today) for build in builders]
