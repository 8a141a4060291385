"""What changed between two states of a case: persons, ties and the trusted person.

Persons are matched by ref. A pair of persons has at most one tie, so ties are
matched by their two persons and a tie turned round is a change ("direction"),
not a removal and an addition. A person's roles, assessments and anchor periods
count as fields of that person, so the diff says who took on a role or became
the anchor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ecogram import caseformat
from ecogram.models import Case

PERSON_FIELDS = ("name", "kind", "sector", "ring", "household", "candidate")
TIE_FIELDS = ("quality", "flow", "support")


@dataclass(frozen=True)
class PersonChange:
    ref: str
    name: str  #: as it stands afterwards (before, for a removed person)
    fields: tuple[str, ...] = ()  #: for a changed person: what changed


@dataclass(frozen=True)
class TieChange:
    from_ref: str
    to_ref: str
    from_name: str
    to_name: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class SessionDiff:
    persons_added: list[PersonChange] = field(default_factory=list)
    persons_removed: list[PersonChange] = field(default_factory=list)
    persons_changed: list[PersonChange] = field(default_factory=list)
    ties_added: list[TieChange] = field(default_factory=list)
    ties_removed: list[TieChange] = field(default_factory=list)
    ties_changed: list[TieChange] = field(default_factory=list)
    #: (before, after) refs of the trusted person, when that changed
    trusted_person: tuple[str | None, str | None] | None = None

    @property
    def empty(self) -> bool:
        persons = (self.persons_added, self.persons_removed, self.persons_changed)
        ties = (self.ties_added, self.ties_removed, self.ties_changed)
        return not any(persons) and not any(ties) and self.trusted_person is None


def diff(before: Case, after: Case) -> SessionDiff:
    """Persons (matched by ref) and ties (matched by their two persons) added, removed, changed."""
    return diff_documents(caseformat.dump_case(before), caseformat.dump_case(after))


def _per_person(document: dict[str, Any], key: str) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for entry in document[key]:
        rest = {k: v for k, v in entry.items() if k != "person"}
        grouped.setdefault(entry["person"], []).append(rest)
    return grouped


def _person_view(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    extras = {key: _per_person(document, key) for key in ("roles", "assessments", "anchors")}
    return {
        p["id"]: {f: p[f] for f in PERSON_FIELDS}
        | {
            "roles": extras["roles"].get(p["id"], []),
            "assessments": extras["assessments"].get(p["id"], []),
            "anchor": extras["anchors"].get(p["id"], []),
        }
        for p in document["persons"]
    }


def _tie_view(document: dict[str, Any]) -> dict[frozenset[str], dict[str, Any]]:
    # A pair has at most one tie, so turning it round is a change, not a new tie.
    return {
        frozenset((t["from"], t["to"])): t | {"support": sorted(t["support"])}
        for t in document["ties"]
    }


def diff_documents(before: dict[str, Any], after: dict[str, Any]) -> SessionDiff:
    """The same comparison on two canonical documents."""
    old, new = _person_view(before), _person_view(after)
    names = {ref: p["name"] for ref, p in old.items()} | {ref: p["name"] for ref, p in new.items()}
    changed_persons = []
    for ref in (ref for ref in new if ref in old):
        fields = tuple(f for f in new[ref] if new[ref][f] != old[ref][f])
        if fields:
            changed_persons.append(PersonChange(ref, new[ref]["name"], fields))

    old_ties, new_ties = _tie_view(before), _tie_view(after)

    def tie(t: dict[str, Any], fields: tuple[str, ...] = ()) -> TieChange:
        return TieChange(t["from"], t["to"], names[t["from"]], names[t["to"]], fields)

    changed_ties = []
    for pair, t in new_ties.items():
        if pair in old_ties:
            was = old_ties[pair]
            fields = tuple(f for f in TIE_FIELDS if t[f] != was[f])
            if t["from"] != was["from"]:
                fields += ("direction",)
            if fields:
                changed_ties.append(tie(t, fields))
    trusted = (before["trusted_person"], after["trusted_person"])
    return SessionDiff(
        persons_added=[PersonChange(ref, new[ref]["name"]) for ref in new if ref not in old],
        persons_removed=[PersonChange(ref, old[ref]["name"]) for ref in old if ref not in new],
        persons_changed=changed_persons,
        ties_added=[tie(t) for pair, t in new_ties.items() if pair not in old_ties],
        ties_removed=[tie(t) for pair, t in old_ties.items() if pair not in new_ties],
        ties_changed=changed_ties,
        trusted_person=trusted if trusted[0] != trusted[1] else None,
    )
