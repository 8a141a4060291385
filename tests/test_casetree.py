"""`ecogram.casetree`'s plain objects stand for the mapped classes: `ecogram check FILE`
reads a case through them, and must say exactly what a stored case would make it say."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect

from ecogram import ahead, caseformat, casetree, findings, models
from ecogram.demo import demo_cases
from ecogram.demo.statistics import statistics_cases
from tests.factories import make_network_case

DATA = Path(__file__).parent / "data"
TODAY = dt.date(2026, 11, 23)
PLAIN_CLASSES = [
    value
    for value in vars(casetree).values()
    if dataclasses.is_dataclass(value) and value.__module__ == casetree.__name__
]


def documents() -> list[Any]:
    files = [DATA / "design_example.json", *sorted((DATA / "old-cases").glob("demo-*.json"))]
    return [
        *(json.loads(path.read_text("utf-8")) for path in files),
        *demo_cases(TODAY),
        *statistics_cases(TODAY)[:20],
        caseformat.dump_case(make_network_case(40, ref="forty")),
    ]


@pytest.mark.parametrize("plain", PLAIN_CLASSES, ids=lambda cls: cls.__name__)
def test_every_plain_class_has_the_attributes_and_methods_of_its_mapped_class(
    plain: type,
) -> None:
    mapped = getattr(models, plain.__name__)
    columns_and_relationships = set(inspect(mapped).attrs.keys())
    assert {f.name for f in dataclasses.fields(plain)} <= columns_and_relationships
    own = {name for name in vars(plain) if not name.startswith("_")}
    methods = own - {f.name for f in dataclasses.fields(plain)}
    assert all(name in vars(mapped) for name in methods)


def test_the_files_below_hold_every_class_the_builder_makes_and_each_has_a_stand_in() -> None:
    made = {
        type(obj).__name__ for doc in documents() for obj in _tree(caseformat.parse_document(doc))
    }
    assert made == {cls.__name__ for cls in PLAIN_CLASSES}


@pytest.mark.parametrize("document", documents(), ids=lambda doc: doc["case"]["id"])
def test_a_plain_case_is_checked_worded_and_written_as_its_mapped_twin(document: Any) -> None:
    plain = caseformat.parse_document(document, plain=True)
    mapped = caseformat.parse_document(document)
    assert {type(obj).__module__ for obj in _tree(plain)} == {casetree.__name__}
    assert caseformat.dump_case(plain) == caseformat.dump_case(mapped)
    opened = mapped.opened
    for at in (opened, opened + dt.timedelta(days=43), opened + dt.timedelta(days=200), TODAY):
        found = ahead.check_ahead(plain, at, 400)
        assert found == ahead.check_ahead(mapped, at, 400)
        for lang in ("nl", "en"):
            assert findings.as_text(found, lang, at=at) == findings.as_text(
                ahead.check_ahead(mapped, at, 400), lang, at=at
            )


def _tree(case: Any) -> list[Any]:
    """Every object of a built case, the case included."""
    persons = list(case.persons)
    trajectory = case.trajectory
    objects = [case, *persons, *case.ties, *case.anchors]
    for person in persons:
        objects += [*person.roles, *person.assessments]
        objects += [entry for a in person.assessments for entry in a.entries]
    if trajectory is not None:
        objects += [trajectory, trajectory.network, trajectory.region]
        objects += [*trajectory.care_tables, *trajectory.evaluations, *trajectory.actions]
        objects += [*trajectory.budget_items, *trajectory.stays]
    return [obj for obj in objects if obj is not None]
