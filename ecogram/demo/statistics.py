"""Many small fictional trajectories, so the network dashboard has something to show.

The five showcase cases (`demo_cases`) make a thin report. These cases are
deliberately plain: a child, a parent and one or two care figures, spread
over each network's plan year and its regions, with care tables, budget,
roles, stays and outcomes in proportions like Limburg's 2019 practice figures
(about half of the referrals reach a care table, half of those deploy budget).

Everything is drawn from a `random.Random` seeded with the network's slug, so
the same `today` always gives the same documents. Dates are relative to
`today` and never after it. Every name is invented.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from ecogram.demo.builders import (
    Doc,
    anchor,
    assessment,
    case,
    document,
    money,
    person,
    role,
    stay,
    tie,
    trajectory,
)
from ecogram.demo.networks import DEMO_NETWORKS, approval_date
from ecogram.vocabulary import NetworkSlug

#: network -> (number of the first case, how many cases). Ids read "demo-101" and so on.
STATISTICS: dict[NetworkSlug, tuple[int, int]] = {
    NetworkSlug.LIMBURG: (101, 40),
    NetworkSlug.ANTWERPEN: (201, 10),
    NetworkSlug.OOST_VLAANDEREN: (301, 10),
    NetworkSlug.VLAAMS_BRABANT_BRUSSEL: (401, 8),
    NetworkSlug.WEST_VLAANDEREN: (501, 8),
}

CHILDREN = (
    "Amira", "Bas", "Chloë", "Daan", "Elif", "Finn", "Gust", "Hiba", "Ilias", "Jade",
    "Kobe", "Lore", "Mats", "Nina", "Otis", "Pien", "Quinten", "Roos", "Seppe", "Tess",
    "Ugo", "Vic", "Wies", "Xander", "Yasmine", "Zita", "Arne", "Bo", "Cas", "Dounia",
)  # fmt: skip
PARENTS = (
    "Anouk", "Bieke", "Celine", "Dagmar", "Eva", "Fatima", "Griet", "Hilde", "Inge",
    "Joke", "Kaat", "Leen", "Marieke", "Nele", "Oona", "Petra", "Rania", "Saar",
)  # fmt: skip
FIGURES = (
    ("grandparent", "family", "Oma Fien"),
    ("grandparent", "family", "Opa Staf"),
    ("aunt_uncle", "family", "Tante Lut"),
    ("aunt_uncle", "family", "Nonkel Rik"),
    ("neighbour", "neighbourhood", "Buurvrouw Mieke"),
    ("friend", "friends", "Vriendin Hanna"),
    ("childcare", "childcare_school", "Onthaalmoeder Vera"),
)
#: lighter roles more often, as in practice; the heavier ones also become the anchor
ROLES = ("buddy", "buddy", "play_family", "respite", "respite", "part_time_stay",
         "full_time_stay", "kinship_foster_care")  # fmt: skip
OUTCOMES = ("home", "home", "care_figure", "care_figure", "kinship_foster_care",
            "foster_care", "residential_group")  # fmt: skip
REFERRERS = ("hospital", "midwife", "child_and_family", "mental_health", "youth_care")
STAYS = (("hospital", 3, 20), ("residential_group", 10, 60), ("crisis_foster_family", 7, 45))
ALL_STRONG = "S" * 13  #: every checklist item a strength, so the roles raise no error


def statistics_cases(today: date) -> list[Doc]:
    """Every network's statistical cases, in network order then number."""
    return [
        doc
        for slug, (first, count) in STATISTICS.items()
        for doc in _network_cases(slug, first, count, today)
    ]


def _network_cases(slug: NetworkSlug, first: int, count: int, today: date) -> list[Doc]:
    rng = random.Random(f"ecogram-demo-{slug.value}")  # noqa: S311  (repeatable demo data, not secrets)
    data = DEMO_NETWORKS[slug]
    start = approval_date(data["action_plan"], today)
    # Leave the last days free, so a care table a few days after referral is not in the future.
    span = max((today - start).days - 4, 1)
    docs = []
    for n in range(count):
        referred = start + timedelta(days=int(span * (n + rng.random()) / count))
        region = data["regions"][rng.randrange(len(data["regions"]))]
        docs.append(_case(rng, f"demo-{first + n}", slug, region, referred, today, n))
    return docs


def _case(
    rng: random.Random,
    ref: str,
    slug: NetworkSlug,
    region: str,
    referred: date,
    today: date,
    n: int,
) -> Doc:
    iso = date.isoformat
    prenatal = rng.random() < 0.15
    if prenatal:
        expected: date | None = referred + timedelta(days=rng.randint(30, 200))
        birth = expected if expected is not None and expected <= today else None
    else:
        expected, birth = None, referred - timedelta(days=rng.randint(10, 600))
    persons = [
        person("p1", CHILDREN[n % len(CHILDREN)], "child", "family", 0, "h1"),
        person("p2", PARENTS[rng.randrange(len(PARENTS))], "parent", "family", 1, "h1"),
    ]
    ties = [tie("p2", "p1", "strong", "both")]
    anchors = [anchor("p2", iso(referred))]
    assessments: list[Doc] = []
    roles: list[Doc] = []

    tabled = rng.random() < 0.55
    care_tables: list[str] = []
    evaluations: list[str] = []
    budget: list[Doc] = []
    ended: date | None = None
    outcome: str | None = None
    if tabled:
        table = min(referred + timedelta(days=rng.choice((0, 1, 1, 2, 2, 3))), today)
        care_tables.append(iso(table))
        if rng.random() < 0.6:
            budget = _budget(rng, table, today)
        last_day = today
        if (today - referred).days > 100:
            ended = referred + timedelta(days=rng.randint(85, min(175, (today - referred).days)))
            outcome = rng.choice(OUTCOMES)
            last_day = ended
        evaluation = table + timedelta(days=40)
        while evaluation <= last_day:
            evaluations.append(iso(evaluation))
            evaluation += timedelta(days=40)
        for index in range(rng.choice((1, 1, 2))):
            _add_figure(rng, index, table, last_day, persons, ties, assessments, roles, anchors)
    elif (today - referred).days > 10:
        # Referrals that never reached a care table: closed within a few weeks.
        ended = referred + timedelta(days=rng.randint(5, min(30, (today - referred).days)))

    stays = []
    if rng.random() < 0.35:
        kind, shortest, longest = STAYS[rng.randrange(len(STAYS))]
        first = referred + timedelta(days=rng.randint(0, 5))
        if first <= today:
            last = min(first + timedelta(days=rng.randint(shortest, longest)), today)
            stays.append(stay(kind, iso(first), iso(last)))

    return document(
        case(ref, iso(referred), birth, None if expected is None else iso(expected)),
        persons,
        ties,
        assessments,
        roles,
        anchors,
        "p3" if len(persons) > 2 else None,
        trajectory(
            slug.value,
            region,
            iso(referred),
            rng.choice(REFERRERS),
            care_tables=care_tables,
            evaluations=evaluations,
            kind="care_figure_search" if rng.random() < 0.9 else "care_guarantee",
            extended=ended is not None and (ended - referred).days > 92,
            ended=None if ended is None else iso(ended),
            outcome=outcome,
            budget=budget,
            stays=stays,
        ),
    )


def _budget(rng: random.Random, table: date, today: date) -> list[Doc]:
    """Guidance first; residence, when there is any, stays under half of the case's budget."""
    items = []
    guidance = rng.randrange(1500, 4500, 50)
    items.append(money(table.isoformat(), "guidance", str(guidance), "Contextbegeleiding"))
    if rng.random() < 0.4:
        day = min(table + timedelta(days=rng.randint(5, 30)), today)
        residence = rng.randrange(100, guidance // 2, 25)
        items.append(money(day.isoformat(), "residence", str(residence), "Verblijf in een CKG"))
    return items


#: Why light roles end in the demo: mostly as planned, some breakdowns, and some ended
#: before reasons were asked (no reason: "not recorded").
ENDINGS = ("as_planned", "as_planned", "as_planned", "needs_changed", "care_figure_stopped",
           "parents_stopped", "safety_concern", None, None)  # fmt: skip


def _ending(pid: str, chosen: str, start: date, last_day: date) -> tuple[str | None, str | None]:
    """Some light roles end, with a reason; heavy roles (the anchors) go on.

    A random source of its own, seeded per role, so the rest of the demo stays as it was.
    """
    rng = random.Random(f"ecogram-demo-ending-{pid}-{chosen}-{start.isoformat()}")  # noqa: S311
    if chosen not in ("buddy", "play_family", "respite") or rng.random() > 0.45:
        return None, None
    lasted = rng.randint(14, 120)
    end = start + timedelta(days=lasted)
    if end >= last_day:
        return None, None
    return end.isoformat(), rng.choice(ENDINGS)


def _add_figure(
    rng: random.Random,
    index: int,
    table: date,
    last_day: date,
    persons: list[Doc],
    ties: list[Doc],
    assessments: list[Doc],
    roles: list[Doc],
    anchors: list[Doc],
) -> None:
    """A care figure with a final assessment and a role; a heavy role makes them the anchor."""
    kind, sector, name = FIGURES[rng.randrange(len(FIGURES))]
    pid = f"p{len(persons) + 1}"
    persons.append(person(pid, name, kind, sector, 1 + index, f"h{len(persons)}", "suitable"))
    ties.append(tie(pid, "p1", "normal", "forward", ["childcare"]))
    start = table + timedelta(days=rng.randint(7, 30))
    if start >= last_day:
        return  # found, but no role yet
    assessments.append(
        assessment(pid, (start - timedelta(days=3)).isoformat(), ALL_STRONG, {}, assessor="")
    )
    chosen = rng.choice(ROLES) if index == 0 else "buddy"
    nights = {"respite": 1, "part_time_stay": 2, "full_time_stay": 7, "kinship_foster_care": 7}
    attestation = None
    if chosen == "kinship_foster_care":
        attestation = {"status": "granted", "date": start.isoformat()}
    end, reason = _ending(pid, chosen, start, last_day)
    roles.append(
        role(pid, chosen, start.isoformat(), end, nights.get(chosen, 0), attestation, reason)
    )
    if chosen in ("full_time_stay", "kinship_foster_care"):
        anchors[-1]["to"] = start.isoformat()
        anchors.append(anchor(pid, start.isoformat()))
