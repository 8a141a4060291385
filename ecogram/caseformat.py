"""The case exchange format `ecogram-case/1`: read a JSON document into a
transient case, and write a case back out in canonical form.

Reading happens in two passes. The JSON Schema shipped in `schema/` checks
shapes and vocabularies; `_Builder` then checks what a schema cannot (real
dates, unique ids, references) while it builds the model objects. Either
pass stops at the first problem and names its field path, because a person
fixing a file by hand wants one clear line, not a wall of errors.

Export always writes every key, so a canonical file comes back byte-equal
and any valid file comes back equal once the schema's defaults are filled.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from ecogram.imh_checklist import Item, Rating
from ecogram.models import (
    AnchorPeriod,
    Assessment,
    AssessmentEntry,
    BudgetItem,
    CareTable,
    Case,
    Evaluation,
    Network,
    Person,
    Region,
    RoleAssignment,
    Stay,
    Tie,
    Trajectory,
)
from ecogram.vocabulary import (
    NETWORK_NAMES,
    AttestationStatus,
    BudgetCategory,
    CandidateStatus,
    Flow,
    NetworkSlug,
    Outcome,
    PersonKind,
    Referrer,
    Role,
    Sector,
    StayKind,
    TieQuality,
    TrajectoryKind,
)

FORMAT = "ecogram-case/1"
SCHEMA_FILE = "ecogram-case-1.schema.json"
MAX_FILE_BYTES = 20 * 1024 * 1024


class CaseFormatError(ValueError):
    """A problem with a case document, tied to the field it concerns."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


@cache
def schema() -> dict[str, Any]:
    text = resources.files("ecogram.schema").joinpath(SCHEMA_FILE).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


# --- Reading ------------------------------------------------------------------------------


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise CaseFormatError("(document)", f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise CaseFormatError("(document)", f"{name} is not a number JSON allows")


def loads(text: str | bytes) -> Case:
    """Parse and validate a case document; raise CaseFormatError on any problem."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CaseFormatError("(document)", "the file is not UTF-8 text") from exc
    try:
        document = json.loads(
            text, object_pairs_hook=_reject_duplicate_keys, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as exc:
        raise CaseFormatError(
            "(document)", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    except RecursionError as exc:
        raise CaseFormatError("(document)", "the JSON is nested too deeply") from exc
    return parse_document(document)


def load_file(path: str | Path) -> Case:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CaseFormatError("(document)", f"the file is larger than {MAX_FILE_BYTES} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise CaseFormatError("(file)", f"cannot read {path}: {exc.strerror}") from exc
    return loads(data)


def parse_document(document: Any) -> Case:
    _check_schema(document)
    return _Builder(document).build()


def _check_schema(document: Any) -> None:
    if isinstance(document, dict) and "format" in document and document["format"] != FORMAT:
        raise CaseFormatError(
            "format", f"expected {FORMAT!r}, got {_show(document['format'])} (wrong format version)"
        )
    errors = sorted(_validator().iter_errors(document), key=_error_order)
    if errors:
        raise _explain(errors[0])


def _error_order(error: ValidationError) -> tuple[Any, ...]:
    return tuple((0, p) if isinstance(p, int) else (1, str(p)) for p in error.absolute_path)


def field_path(parts: Iterable[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(document)"


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


_JSON_TYPES = {
    dict: "an object",
    list: "a list",
    str: "a string",
    bool: "true/false",
    int: "a number",
    float: "a number",
    type(None): "null",
}
_SCHEMA_TYPES = {
    "object": "an object",
    "array": "a list",
    "string": "a string",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "null",
}


_PATTERN_PROBLEMS = {
    r"^\d{4}-\d{2}-\d{2}$": "{} is not a date in the form YYYY-MM-DD",
    "^[A-Za-z0-9_.:-]+$": "{} is not a valid id (letters, digits, and _ . : - only)",
    "^[^\\u0000-\\u001f\\u007f]*$": "must not contain control characters or line breaks",
    "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$": (
        "must not contain control characters other than tabs and line breaks"
    ),
}


def _explain(error: ValidationError) -> CaseFormatError:
    path = list(error.absolute_path)
    kind: Any = error.validator
    expected: Any = error.validator_value
    value: Any = error.instance
    schema_part: Any = error.schema
    if kind in ("anyOf", "oneOf") and error.context:
        # Skip the "or null" branch: the useful complaint is about the real option.
        relevant = [
            e for e in error.context if not (e.validator == "type" and e.validator_value == "null")
        ]
        if relevant:
            return _explain(sorted(relevant, key=lambda e: len(list(e.absolute_path)))[-1])
    if kind == "additionalProperties":
        allowed = set(schema_part.get("properties", {}))
        unknown = sorted(k for k in value if k not in allowed)
        return CaseFormatError(field_path([*path, unknown[0]]), "unknown key")
    if kind == "required":
        missing = next(k for k in expected if k not in value)
        return CaseFormatError(field_path([*path, missing]), "this required key is missing")
    if kind == "enum":
        options = ", ".join(str(o) for o in expected)
        return CaseFormatError(field_path(path), f"{_show(value)} is not one of: {options}")
    if kind == "const":
        return CaseFormatError(field_path(path), f"expected {_show(expected)}, got {_show(value)}")
    if kind == "type":
        got = _JSON_TYPES.get(type(value), type(value).__name__)
        return CaseFormatError(
            field_path(path), f"expected {_SCHEMA_TYPES.get(expected, expected)}, got {got}"
        )
    if kind == "pattern":
        return CaseFormatError(field_path(path), _PATTERN_PROBLEMS[expected].format(_show(value)))
    if kind == "minimum":
        return CaseFormatError(field_path(path), f"{_show(value)} is below the minimum {expected}")
    if kind == "maximum":
        return CaseFormatError(field_path(path), f"{_show(value)} is above the maximum {expected}")
    if kind == "minLength":
        return CaseFormatError(field_path(path), "must not be empty")
    if kind == "maxLength":
        return CaseFormatError(field_path(path), f"is longer than {expected} characters")
    if kind == "uniqueItems":
        return CaseFormatError(field_path(path), "lists the same value twice")
    return CaseFormatError(field_path(path), error.message)


class _Builder:
    """Turns a schema-valid document into transient model objects, checking references."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.doc = document
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
        case = Case(
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
            person = Person(
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
                Tie(
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
            assessment = Assessment(
                date=self.required_date(a["date"], "assessments", i, "date"),
                final=a.get("final", False),
                assessor=a.get("assessor", ""),
            )
            ratings, notes = a.get("ratings", {}), a.get("notes", {})
            for item in Item:
                if item.value in ratings or item.value in notes:
                    rating = ratings.get(item.value)
                    assessment.entries.append(
                        AssessmentEntry(
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
                RoleAssignment(
                    role=Role(r["role"]),
                    start=start,
                    end=end,
                    nights_per_week=r.get("nights_per_week", 0),
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
            case.anchors.append(AnchorPeriod(person=person, start=start, end=end))

    def build_trajectory(self, t: Mapping[str, Any]) -> Trajectory:
        p = "trajectory"
        referred = self.required_date(t["referred"], p, "referred")
        slug = NetworkSlug(t["network"])
        network = Network(slug=slug, name=NETWORK_NAMES[slug])
        trajectory = Trajectory(
            network=network,
            region=None if t.get("region") is None else Region(name=t["region"], network=network),
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
        for key, cls in (("care_tables", CareTable), ("evaluations", Evaluation)):
            for i, value in enumerate(t.get(key, [])):
                day = self.required_date(value, p, key, i)
                if day < referred:
                    raise CaseFormatError(f"{p}.{key}[{i}]", "is before the referral")
                getattr(trajectory, key).append(cls(date=day))
        for i, b in enumerate(t.get("budget", [])):
            amount = Decimal(str(b["amount"]))
            if amount.as_tuple().exponent < -2:  # type: ignore[operator]
                raise CaseFormatError(f"{p}.budget[{i}].amount", "has more than 2 decimals")
            trajectory.budget_items.append(
                BudgetItem(
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
            trajectory.stays.append(Stay(kind=StayKind(s["kind"]), start=start, end=end))
        return trajectory


# --- Writing ------------------------------------------------------------------------------


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _amount(value: Decimal) -> float | int:
    return float(value)


def dump_case(case: Case) -> dict[str, Any]:
    """The canonical document: every key present, lists in stored order."""
    child = case.child
    return {
        "format": FORMAT,
        "case": {
            "id": case.ref,
            "opened": _iso(case.opened),
            "child": None if child is None else child.ref,
            "birth_date": _iso(case.birth_date),
            "expected_date": _iso(case.expected_date),
        },
        "persons": [
            {
                "id": p.ref,
                "name": p.name,
                "kind": p.kind.value,
                "sector": p.sector.value,
                "ring": p.ring,
                "household": p.household,
                "candidate": p.candidate.value,
            }
            for p in case.persons
        ],
        "ties": [
            {
                "from": t.from_person.ref,
                "to": t.to_person.ref,
                "quality": t.quality.value,
                "flow": t.flow.value,
                "support": list(t.support),
            }
            for t in case.ties
        ],
        "assessments": [
            {
                "person": p.ref,
                "date": _iso(a.date),
                "final": a.final,
                "assessor": a.assessor,
                "ratings": {e.item.value: e.rating.value for e in a.entries if e.rating},
                "notes": {e.item.value: e.note for e in a.entries if e.note is not None},
            }
            for p in case.persons
            for a in p.assessments
        ],
        "roles": [
            {
                "person": p.ref,
                "role": r.role.value,
                "start": _iso(r.start),
                "end": _iso(r.end),
                "nights_per_week": r.nights_per_week,
                "attestation": (
                    None
                    if r.attestation_status is None
                    else {"status": r.attestation_status.value, "date": _iso(r.attestation_date)}
                ),
            }
            for p in case.persons
            for r in p.roles
        ],
        "anchors": [
            {"person": a.person.ref, "from": _iso(a.start), "to": _iso(a.end)} for a in case.anchors
        ],
        "trusted_person": None if case.trusted_person is None else case.trusted_person.ref,
        "trajectory": None if case.trajectory is None else _dump_trajectory(case.trajectory),
    }


def _dump_trajectory(t: Trajectory) -> dict[str, Any]:
    return {
        "network": None if t.network is None else t.network.slug.value,
        "region": None if t.region is None else t.region.name,
        "kind": t.kind.value,
        "referred": _iso(t.referred),
        "referrer": t.referrer.value,
        "mandated_service": t.mandated_service,
        "care_tables": [_iso(c.date) for c in t.care_tables],
        "evaluations": [_iso(e.date) for e in t.evaluations],
        "extended": t.extended,
        "ended": _iso(t.ended),
        "outcome": None if t.outcome is None else t.outcome.value,
        "budget": [
            {
                "date": _iso(b.date),
                "category": b.category.value,
                "amount": _amount(b.amount),
                "what": b.what,
            }
            for b in t.budget_items
        ],
        "stays": [
            {"kind": s.kind.value, "start": _iso(s.start), "end": _iso(s.end)} for s in t.stays
        ],
    }


def dumps(case: Case) -> str:
    return json.dumps(dump_case(case), ensure_ascii=False, indent=2) + "\n"
