"""A case of 40 persons besides the child: the Family Finding target, as a case file.

Fictional names of everyday lengths, crowded where real networks are crowded
(family, ring 1), with an anchor, a trusted person, a few roles and 30 ties of
every quality. The layout tests, the browser test of the labels and the
screenshots all draw it.
"""

from __future__ import annotations

from typing import Any

from ecogram import caseformat
from ecogram.models import Case

REF = "forty"
# (name, kind, sector, ring, candidate)
PERSONS: list[tuple[str, str, str, int, str]] = [
    ("Sara", "parent", "family", 1, "none"),
    ("Jonas", "parent", "family", 1, "none"),
    ("Oma Godelieve", "grandparent", "family", 1, "assessing"),
    ("Opa Marcel", "grandparent", "family", 1, "in_conversation"),
    ("Tante Sarah", "aunt_uncle", "family", 1, "suitable"),
    ("Stiefvader Bart", "partner_of_parent", "family", 1, "none"),
    ("Broer Daan", "sibling", "family", 1, "none"),
    ("Oma Paula", "grandparent", "family", 2, "to_explore"),
    ("Nonkel Koen", "aunt_uncle", "family", 2, "declined"),
    ("Tante Lieve", "aunt_uncle", "family", 2, "not_suitable"),
    ("Neef Sander", "other_relative", "family", 2, "none"),
    ("Nicht Femke", "other_relative", "family", 2, "to_explore"),
    ("Overgrootmoeder Maria", "other_relative", "family", 3, "none"),
    ("Peter Wim", "other_relative", "family", 3, "none"),
    ("Meter An", "other_relative", "family", 3, "in_conversation"),
    ("Achterneef Lucas", "other_relative", "family", 3, "none"),
    ("Vriendin Lotte", "friend", "friends", 1, "suitable"),
    ("Vriend Youssef", "friend", "friends", 2, "to_explore"),
    ("Hanne van de turnclub", "friend", "friends", 2, "none"),
    ("Jeugdvriend Pieter", "friend", "friends", 2, "none"),
    ("Vriendin Elif", "friend", "friends", 3, "none"),
    ("Collega Tom", "friend", "friends", 3, "none"),
    ("Buurvrouw Marleen", "neighbour", "neighbourhood", 1, "assessing"),
    ("Buurman Ali", "neighbour", "neighbourhood", 2, "none"),
    ("Familie Peeters", "neighbour", "neighbourhood", 2, "none"),
    ("Bakker Guido", "neighbour", "neighbourhood", 3, "none"),
    ("Wijkagent Ines", "other", "neighbourhood", 3, "none"),
    ("Onthaalouder Rita", "childcare", "childcare_school", 1, "suitable"),
    ("Directrice Els", "childcare", "childcare_school", 2, "none"),
    ("Kinderverzorgster Nadia", "childcare", "childcare_school", 2, "none"),
    ("Juf Sofie", "childcare", "childcare_school", 3, "none"),
    ("Vroedvrouw Karen", "professional", "professional", 1, "none"),
    ("Verpleegkundige Kind en Gezin", "professional", "professional", 1, "none"),
    ("Huisarts Dr. Claes", "professional", "professional", 2, "none"),
    ("Contextbegeleider Joke", "professional", "professional", 2, "none"),
    ("Psychiater Dr. Wouters", "professional", "professional", 2, "none"),
    ("Maatschappelijk werker Dirk", "professional", "professional", 3, "none"),
    ("Advocaat Mr. Jacobs", "professional", "professional", 3, "none"),
    ("Pleegzorgbegeleider Eva", "professional", "professional", 3, "none"),
    ("CAW-medewerker Raf", "professional", "professional", 3, "none"),
]
QUALITIES = ["strong", "normal", "tenuous", "stressful", "conflict"]
FLOWS = ["none", "forward", "back", "both"]


def document() -> dict[str, Any]:
    """The case file: 41 persons (p1 is the child) and 30 ties."""
    persons: list[dict[str, Any]] = [
        {"id": "p1", "name": "Baby Mila", "kind": "child", "sector": "family", "ring": 0}
    ]
    for n, (name, kind, sector, ring, candidate) in enumerate(PERSONS, start=2):
        persons.append(
            {"id": f"p{n}", "name": name, "kind": kind, "sector": sector, "ring": ring}
            | ({"candidate": candidate} if candidate != "none" else {})
        )
    ties: list[dict[str, Any]] = []
    pairs: set[frozenset[str]] = set()
    for n in range(100):
        source = f"p{2 + (n * 7) % 40}"
        target = "p1" if n % 3 == 0 else f"p{2 + n % 4}"
        if source == target or frozenset((source, target)) in pairs or len(ties) == 30:
            continue
        pairs.add(frozenset((source, target)))
        ties.append(
            {
                "from": source,
                "to": target,
                "quality": QUALITIES[n % 5],
                "flow": FLOWS[n % 4],
                "support": ["emotional", "childcare"][: n % 3],
            }
        )
    return {
        "format": "ecogram-case/1",
        "case": {
            "id": REF,
            "opened": "2026-01-05",
            "child": "p1",
            "birth_date": "2025-11-02",
            "expected_date": None,
        },
        "persons": persons,
        "ties": ties,
        "assessments": [],
        "roles": [
            {
                "person": "p6",
                "role": "respite",
                "start": "2026-01-10",
                "end": None,
                "nights_per_week": 1,
                "attestation": None,
            },
            {
                "person": "p29",
                "role": "play_family",
                "start": "2026-01-10",
                "end": None,
                "nights_per_week": 0,
                "attestation": None,
            },
        ],
        "anchors": [{"person": "p2", "from": "2026-01-05", "to": None}],
        "trusted_person": "p4",
    }


def forty_case() -> Case:
    """The case as a transient tree, ready to lay out or to store."""
    return caseformat.parse_document(document())
