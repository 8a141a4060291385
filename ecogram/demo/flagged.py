"""Demo cases meant to show errors and warnings, so every rule has something to say.

Ratings strings hold one letter per checklist item; see `builders.assessment`.
"""

from __future__ import annotations

from datetime import date, timedelta

from ecogram.dates import add_months
from ecogram.demo.builders import (
    Doc,
    anchor,
    assessment,
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


def case_with_errors(today: date) -> Doc:
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
    day = days_from(today)
    birth = add_months(today, -9) - timedelta(days=3)
    persons = [
        person("p1", "Ruben", "child", "family", 0, "h1"),
        person("p2", "Jana", "parent", "family", 1, "h1"),
        person("p3", "Nonkel Koen", "aunt_uncle", "family", 1, "h2", "suitable"),
        person("p4", "Opa Willy", "grandparent", "family", 2, "h3"),
        person("p5", "Sanne", "friend", "friends", 2, None, "assessing"),
        person("p6", "Buurvrouw Gerda", "neighbour", "neighbourhood", 2, None, "assessing"),
        person("p7", "Consulent Dirk", "professional", "professional", 2),
        person("p8", "Verpleegkundige Ann", "professional", "professional", 3),
    ]
    ties = [
        tie("p2", "p1", "strong", "both"),
        tie("p3", "p1", "strong", "forward", ["childcare"]),
        tie("p3", "p2", "stressful", "both"),
        tie("p4", "p2", "strong", "both", ["emotional", "financial"]),
        tie("p5", "p2", "normal", "both", ["emotional"]),
        tie("p5", "p1", "normal", "forward", ["childcare"]),
        tie("p6", "p1", "normal", "forward", ["childcare"]),
        tie("p6", "p2", "tenuous"),
        tie("p7", "p2", "normal", "forward", ["advice"]),
        tie("p8", "p2", "normal", "forward", ["advice"]),
    ]
    assessments = [
        assessment(
            "p3",
            day(-190),
            "SSAASSAAAAAAA",
            {Item.RECORD_CHECKS: "Screening pleegzorg bij een eerdere vraag."},
            assessor="Wout (pleegzorg)",
        ),
        assessment("p5", day(-20), "AAUUAAUAUUUUU", {}, final=False),
        assessment(
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
        role("p3", "kinship_foster_care", day(-8), nights=2, attestation=pending),
        role("p5", "play_family", day(-20)),
        role("p6", "part_time_stay", day(-40), nights=1),
    ]
    return document(
        case("demo-4", day(-100), birth, None),
        persons,
        ties,
        assessments,
        roles,
        [anchor("p2", day(-100), day(-8))],
        None,
        trajectory(
            "vlaams-brabant-brussel",
            "Halle-Vilvoorde",
            day(-100),
            "hospital",
            mandated_service=True,
            care_tables=[day(-96)],
            evaluations=[day(-54)],
            budget=[
                money(day(-90), "residence", "3200.00", "verblijf CKG"),
                money(day(-80), "guidance", "1800.00", "veiligheidsplanning"),
            ],
            stays=[
                stay("hospital", day(-100), day(-92)),
                stay("residential_group", day(-91), day(-60)),
            ],
        ),
    )


def unstable_anchor(today: date) -> Doc:
    """demo-5, West-Vlaanderen: Lowie, 18 months; an ended, extended trajectory.

    The anchor moved from father Bert to Oma Rosa (120 days ago) and back (30 days
    ago). Oma Rosa's full-time stay ended when her part-time stay of 3 nights began
    (half-open periods: no overlap); Tante Sien has 1 respite night.
    Meant to show ANCHOR_UNSTABLE (2 changes within 183 days) and ANCHOR_FEW_NIGHTS
    (4 nights away), but not OVERNIGHT_HOMES_EXCEEDED (2 other homes is the cap from
    12 months). Ended 10 days ago, so no trajectory warnings. Info: FEW_PERSONS_MAPPED,
    EMPTY_SECTOR for neighbourhood.
    """
    day = days_from(today)
    birth = add_months(today, -18) - timedelta(days=10)
    persons = [
        person("p1", "Lowie", "child", "family", 0, "h1"),
        person("p2", "Bert", "parent", "family", 1, "h1"),
        person("p3", "Kim", "parent", "family", 2, "h2"),
        person("p4", "Oma Rosa", "grandparent", "family", 1, "h3", "suitable"),
        person("p5", "Tante Sien", "aunt_uncle", "family", 1, "h4", "suitable"),
        person("p6", "Yannick", "friend", "friends", 2, None, "declined"),
        person("p7", "Kinderbegeleider Ines", "childcare", "childcare_school", 2),
        person("p8", "Contextbegeleider Jeroen", "professional", "professional", 2),
    ]
    ties = [
        tie("p2", "p1", "strong", "forward", ["childcare"]),
        tie("p3", "p1", "tenuous", "forward"),
        tie("p4", "p1", "strong", "forward", ["childcare", "housing"]),
        tie("p4", "p2", "normal", "both", ["practical"]),
        tie("p5", "p1", "strong", "forward", ["childcare"]),
        tie("p6", "p2", "strong", "both", ["emotional"]),
        tie("p7", "p1", "normal", "forward", ["childcare"]),
        tie("p8", "p2", "normal", "forward", ["advice"]),
    ]
    assessments = [
        assessment(
            "p4",
            day(-125),
            "SSASSSAAAAAAA",
            {Item.AVAILABILITY: "Met pensioen; kan Lowie voltijds opvangen."},
        ),
        assessment("p5", day(-65), "AAAAAAAAAAAAA", {}),
    ]
    roles = [
        role("p4", "full_time_stay", day(-120), day(-30), nights=7),
        role("p4", "part_time_stay", day(-30), nights=3),
        role("p5", "respite", day(-60), nights=1),
    ]
    anchors = [
        anchor("p2", day(-170), day(-120)),
        anchor("p4", day(-120), day(-30)),
        anchor("p2", day(-30)),
    ]
    return document(
        case("demo-5", day(-170), birth, None),
        persons,
        ties,
        assessments,
        roles,
        anchors,
        "p5",
        trajectory(
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
                money(day(-150), "guidance", "2000.00", "contextbegeleiding"),
                money(day(-140), "residence", "1000.00", "kortverblijf CKG"),
                money(day(-80), "guidance", "1000.00", "amberbegeleiding bij verlenging"),
            ],
            stays=[stay("crisis_foster_family", day(-170), day(-121))],
        ),
    )
