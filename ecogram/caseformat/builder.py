"""Building transient model objects from a schema-valid case document.

The schema cannot see across fields, so this is where real dates, unique ids,
references between persons and the order of dates are checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ecogram.caseformat.errors import CaseFormatError, field_path
from ecogram.imh_checklist import Item, Rating
from ecogram.vocabulary import (
    NETWORK_NAMES,
    AttestationStatus,
    BudgetCategory,
    CandidateStatus,
    CareTableParty,
    Flow,
    NetworkSlug,
    Outcome,
    PersonKind,
    Referrer,
    Role,
    RoleEndReason,
    Sector,
    StayKind,
    TieQuality,
    TrajectoryKind,
)

if TYPE_CHECKING:
    from ecogram.models import CarePlanAction, CareTable, Case, Person, Trajectory


def _classes(plain: bool) -> ModuleType:
    """The mapped classes, or their plain stand-ins that spare a reader the ORM's mapping."""
    if plain:
        from ecogram import casetree

        return casetree
    from ecogram import models

    return models


class CaseBuilder:
    """Turns a schema-valid document into transient model objects, checking references.

    With `plain`, the objects are `ecogram.casetree`'s: for reading only, never stored.
    """

    def __init__(self, document: dict[str, Any], *, plain: bool = False) -> None:
        self.doc = document
        self.m = _classes(plain)
        self.persons: dict[str, Person] = {}
        self.case_ref = document["case"]["id"]

    def date(self, value: str | None, *path: Any) -> dt.date | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise CaseFormatError(field_path(path), f"{value} is not a real date") from None

    def required_date(self, value: str, *path: Any) -> dt.date:
        day = self.date(value, *path)
        assert day is not None  # noqa: S101  (the schema makes the field required)
        return day

    def person(self, ref: str, *path: Any, allow_child: bool = True) -> Person:
        person = self.persons.get(ref)
        if person is None:
            raise CaseFormatError(field_path(path), f"there is no person with id {ref!r}")
        if not allow_child and person.kind is PersonKind.CHILD:
            raise CaseFormatError(field_path(path), "this cannot be the child")
        return person

    def build(self) -> Case:
        c = self.doc["case"]
        case: Case = self.m.Case(
            ref=c["id"],
            opened=self.required_date(c["opened"], "case", "opened"),
            birth_date=self.date(c.get("birth_date"), "case", "birth_date"),
            expected_date=self.date(c.get("expected_date"), "case", "expected_date"),
        )
        if case.birth_date is None and case.expected_date is None:
            raise CaseFormatError("case", "needs a birth_date or an expected_date")
        self.build_persons(case)
        self.build_ties(case)
        self.build_assessments()
        self.build_roles()
        self.build_anchors(case)
        trusted = self.doc.get("trusted_person")
        if trusted is not None:
            case.trusted_person = self.person(trusted, "trusted_person", allow_child=False)
        if self.doc.get("trajectory") is not None:
            case.trajectory = self.build_trajectory(self.doc["trajectory"])
        return case

    def build_persons(self, case: Case) -> None:
        for i, p in enumerate(self.doc["persons"]):
            if p["id"] in self.persons or p["id"] == self.case_ref:
                raise CaseFormatError(f"persons[{i}].id", f"the id {p['id']!r} is used twice")
            kind = PersonKind(p["kind"])
            if (kind is PersonKind.CHILD) != (p["ring"] == 0):
                raise CaseFormatError(
                    f"persons[{i}].ring", "ring 0 is for the child, and the child is in ring 0"
                )
            if kind is PersonKind.CHILD and p["id"] != self.doc["case"]["child"]:
                raise CaseFormatError(f"persons[{i}].kind", "only case.child can be of kind child")
            person: Person = self.m.Person(
                ref=p["id"],
                name=p["name"],
                kind=kind,
                sector=Sector(p["sector"]),
                ring=p["ring"],
                household=p.get("household"),
                candidate=CandidateStatus(p.get("candidate", "none")),
            )
            self.persons[person.ref] = person
            case.persons.append(person)
        child = self.person(self.doc["case"]["child"], "case", "child")
        if child.kind is not PersonKind.CHILD:
            raise CaseFormatError("case.child", "this person's kind must be child")

    def build_ties(self, case: Case) -> None:
        pairs: set[frozenset[str]] = set()
        for i, t in enumerate(self.doc.get("ties", [])):
            a = self.person(t["from"], "ties", i, "from")
            b = self.person(t["to"], "ties", i, "to")
            if a is b:
                raise CaseFormatError(f"ties[{i}].to", "a tie needs two different persons")
            pair = frozenset((a.ref, b.ref))
            if pair in pairs:
                raise CaseFormatError(f"ties[{i}]", f"{a.ref} and {b.ref} already have a tie")
            pairs.add(pair)
            case.ties.append(
                self.m.Tie(
                    from_person=a,
                    to_person=b,
                    quality=TieQuality(t["quality"]),
                    flow=Flow(t.get("flow", "none")),
                    support=list(t.get("support", [])),
                )
            )

    def build_assessments(self) -> None:
        for i, a in enumerate(self.doc.get("assessments", [])):
            person = self.person(a["person"], "assessments", i, "person", allow_child=False)
            assessment = self.m.Assessment(
                date=self.required_date(a["date"], "assessments", i, "date"),
                final=a.get("final", False),
                assessor=a.get("assessor", ""),
            )
            ratings, notes = a.get("ratings", {}), a.get("notes", {})
            for item in Item:
                if item.value in ratings or item.value in notes:
                    rating = ratings.get(item.value)
                    assessment.entries.append(
                        self.m.AssessmentEntry(
                            item=item,
                            rating=None if rating is None else Rating(rating),
                            note=notes.get(item.value),
                        )
                    )
            person.assessments.append(assessment)

    def build_roles(self) -> None:
        for i, r in enumerate(self.doc.get("roles", [])):
            person = self.person(r["person"], "roles", i, "person", allow_child=False)
            start = self.required_date(r["start"], "roles", i, "start")
            end = self.date(r.get("end"), "roles", i, "end")
            if end is not None and end <= start:
                raise CaseFormatError(f"roles[{i}].end", "must be after start")
            attestation = r.get("attestation")
            person.roles.append(
                self.m.RoleAssignment(
                    role=Role(r["role"]),
                    start=start,
                    end=end,
                    nights_per_week=r.get("nights_per_week", 0),
                    end_reason=None if "end_reason" not in r else RoleEndReason(r["end_reason"]),
                    attestation_status=(
                        None if attestation is None else AttestationStatus(attestation["status"])
                    ),
                    attestation_date=(
                        None
                        if attestation is None
                        else self.date(attestation.get("date"), "roles", i, "attestation", "date")
                    ),
                )
            )

    def build_anchors(self, case: Case) -> None:
        for i, a in enumerate(self.doc.get("anchors", [])):
            person = self.person(a["person"], "anchors", i, "person", allow_child=False)
            start = self.required_date(a["from"], "anchors", i, "from")
            end = self.date(a.get("to"), "anchors", i, "to")
            if end is not None and end <= start:
                raise CaseFormatError(f"anchors[{i}].to", "must be after from")
            case.anchors.append(self.m.AnchorPeriod(person=person, start=start, end=end))

    def build_trajectory(self, t: Mapping[str, Any]) -> Trajectory:
        p = "trajectory"
        referred = self.required_date(t["referred"], p, "referred")
        slug = NetworkSlug(t["network"])
        network = self.m.Network(slug=slug, name=NETWORK_NAMES[slug])
        trajectory: Trajectory = self.m.Trajectory(
            network=network,
            region=None
            if t.get("region") is None
            else self.m.Region(name=t["region"], network=network),
            kind=TrajectoryKind(t["kind"]),
            referred=referred,
            referrer=Referrer(t["referrer"]),
            mandated_service=t.get("mandated_service", False),
            extended=t.get("extended", False),
            ended=self.date(t.get("ended"), p, "ended"),
            outcome=None if t.get("outcome") is None else Outcome(t["outcome"]),
        )
        if trajectory.ended is not None and trajectory.ended < referred:
            raise CaseFormatError(f"{p}.ended", "is before the referral")
        for i, value in enumerate(t.get("care_tables", [])):
            trajectory.care_tables.append(self.build_care_table(value, referred, i))
        for i, value in enumerate(t.get("evaluations", [])):
            day = self.required_date(value, p, "evaluations", i)
            if day < referred:
                raise CaseFormatError(f"{p}.evaluations[{i}]", "is before the referral")
            trajectory.evaluations.append(self.m.Evaluation(date=day))
        for i, a in enumerate(t.get("care_plan", [])):
            trajectory.actions.append(self.build_action(a, referred, i, trajectory.care_tables))
        for i, b in enumerate(t.get("budget", [])):
            amount = Decimal(str(b["amount"]))
            if amount.as_tuple().exponent < -2:  # type: ignore[operator]
                raise CaseFormatError(f"{p}.budget[{i}].amount", "has more than 2 decimals")
            trajectory.budget_items.append(
                self.m.BudgetItem(
                    date=self.required_date(b["date"], p, "budget", i, "date"),
                    category=BudgetCategory(b["category"]),
                    amount=amount,
                    what=b.get("what", ""),
                )
            )
        for i, s in enumerate(t.get("stays", [])):
            start = self.required_date(s["start"], p, "stays", i, "start")
            end = self.date(s.get("end"), p, "stays", i, "end")
            if end is not None and end < start:
                raise CaseFormatError(f"{p}.stays[{i}].end", "is before start")
            trajectory.stays.append(self.m.Stay(kind=StayKind(s["kind"]), start=start, end=end))
        return trajectory

    def build_care_table(
        self, value: str | Mapping[str, Any], referred: dt.date, i: int
    ) -> CareTable:
        """A care table is a plain date, or a date with who was present."""
        path: tuple[Any, ...] = ("trajectory", "care_tables", i)
        if isinstance(value, str):
            day, present, perspective = self.required_date(value, *path), [], ""
        else:
            path = (*path, "date")
            day = self.required_date(value["date"], *path)
            present = [CareTableParty(party).value for party in value.get("present", [])]
            perspective = value.get("child_perspective", "")
        if day < referred:
            raise CaseFormatError(field_path(path), "is before the referral")
        table: CareTable = self.m.CareTable(
            date=day, present=present, child_perspective=perspective
        )
        return table

    def build_action(
        self, a: Mapping[str, Any], referred: dt.date, i: int, tables: list[CareTable]
    ) -> CarePlanAction:
        path = ("trajectory", "care_plan", i)
        if not a["what"].strip():
            raise CaseFormatError(field_path((*path, "what")), "must not be empty")
        due = self.date(a.get("due"), *path, "due")
        if due is not None and due < referred:
            raise CaseFormatError(field_path((*path, "due")), "is before the referral")
        decided = self.date(a.get("care_table"), *path, "care_table")
        # A care table is named by its date; with two on one day, the first in the file.
        table = next((t for t in tables if t.date == decided), None)
        if decided is not None and table is None:
            raise CaseFormatError(
                field_path((*path, "care_table")), f"there is no care table on {decided}"
            )
        action: CarePlanAction = self.m.CarePlanAction(
            what=a["what"],
            who=a.get("who", ""),
            due=due,
            done=a.get("done", False),
            care_table=table,
        )
        return action
