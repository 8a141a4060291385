"""Whatever a form stores, the case file carries: web form -> JSON export -> `ecogram import`.

Each text field a form accepts that the case file carries (a person's name and
household in the side panel, a care-plan action's what and who, the child's
perspective at a care table, what a budget item paid for, an assessment's
assessor and its notes) is exported as the case file and imported into another
database with the command line; the imported case holds exactly the stored text.
Text that a form refuses is not stored, so it cannot come back either. A household typed as words
("Huis van oma") once passed the form and then broke the history, the graph
data, the diff and the importer.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.main import main
from ecogram import storage
from ecogram.db import make_engine, session_scope
from ecogram.imh_checklist import Item
from tests.web.conftest import World, login, person_id, stored_case

#: Typed text: letters of any script, spaces, punctuation, and now and then a control
#: character or a line break, which the forms refuse.
typed = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=40
)


def exported(client: FlaskClient, case_id: int, folder: Path) -> Path:
    answer = client.post(f"/cases/{case_id}/downloads/json")
    assert answer.status_code == 200
    target = folder / "case.json"
    target.write_bytes(answer.data)
    return target


def imported(
    file: Path, template: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Any]:
    database = folder / "elsewhere.sqlite3"
    shutil.copyfile(template, database)
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", f"sqlite:///{database}")
    assert main(["import", str(file)]) == 0
    engine = make_engine(f"sqlite:///{database}")
    try:
        with session_scope(engine) as session:
            case = storage.load_case(session, "c1")
            assert case is not None
            return texts(case)
    finally:
        engine.dispose()


def texts(case: Any) -> dict[str, Any]:
    """Every typed text of the case, keyed so two databases' copies compare."""
    assert case.trajectory is not None
    return {
        "persons": sorted((p.ref, p.name, p.household) for p in case.persons),
        "actions": sorted((a.what, a.who) for a in case.trajectory.actions),
        "perspectives": sorted(t.child_perspective for t in case.trajectory.care_tables),
        "budget": sorted(b.what for b in case.trajectory.budget_items),
        "assessments": sorted(
            (p.ref, a.assessor, tuple(sorted((e.item.value, e.note or "") for e in a.entries)))
            for p in case.persons
            for a in p.assessments
        ),
    }


@settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=typed,
    household=typed,
    what=typed,
    who=typed,
    perspective=typed,
    paid_for=typed,
    assessor=typed,
    note=typed,
)
def test_every_text_a_form_accepts_comes_back_whole_through_export_and_import(
    app: Flask,
    client: FlaskClient,
    world: World,
    sqlite_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    household: str,
    what: str,
    who: str,
    perspective: str,
    paid_for: str,
    assessor: str,
    note: str,
) -> None:
    fill_every_text_form(app, client, world, name, household, what, who)
    fill_the_other_text_forms(app, client, world, perspective, paid_for, assessor, note)
    with stored_case(app) as case:
        stored = texts(case)

    back = imported(
        exported(client, world.case_id, tmp_path), sqlite_template, tmp_path, monkeypatch
    )

    assert back == stored


def fill_every_text_form(
    app: Flask, client: FlaskClient, world: World, name: str, household: str, what: str, who: str
) -> list[int]:
    """The side panel's new person and the coordinator's care-plan action; their statuses."""
    case_url = f"/cases/{world.case_id}"
    login(client, "worker")
    person = {"name": name, "household": household, "kind": "neighbour", "sector": "friends"}
    person |= {"ring": "2", "candidate": "to_explore"}
    statuses = [client.post(f"{case_url}/persons", data=person).status_code]
    coordinator = app.test_client()
    coordinator.environ_base["wsgi.url_scheme"] = "https"
    login(coordinator, "coordinator")
    action = {"what": what, "who": who}
    statuses.append(coordinator.post(f"{case_url}/trajectory/actions", data=action).status_code)
    return statuses


def fill_the_other_text_forms(
    app: Flask,
    client: FlaskClient,
    world: World,
    perspective: str,
    paid_for: str,
    assessor: str,
    note: str,
) -> list[int]:
    """A care table, an assessment of Oma Jet and a budget item; their statuses."""
    case_url = f"/cases/{world.case_id}"
    login(client, "worker")
    table = {"date": "2026-02-19", "present": ["family"], "child_perspective": perspective}
    statuses = [client.post(f"{case_url}/trajectory/care-tables", data=table).status_code]
    ratings = {f"rating-{item.value}": "S" for item in Item}
    notes = {f"note-{item.value}": "" for item in Item} | {f"note-{Item.SENSITIVITY.value}": note}
    assessment = ratings | notes | {"date": "2026-02-19", "assessor": assessor, "final": "y"}
    jet = person_id(app, "Oma Jet")
    statuses.append(
        client.post(f"{case_url}/persons/{jet}/assessment", data=assessment).status_code
    )
    coordinator = app.test_client()
    coordinator.environ_base["wsgi.url_scheme"] = "https"
    login(coordinator, "coordinator")
    budget = {"date": "2026-03-01", "category": "guidance", "amount": "100", "what": paid_for}
    statuses.append(coordinator.post(f"{case_url}/trajectory/budget", data=budget).status_code)
    return statuses


def test_plain_text_in_every_form_is_stored_so_the_property_above_tests_something(
    app: Flask, client: FlaskClient, world: World
) -> None:
    first = fill_every_text_form(app, client, world, "Buur Ahmed", "Huis 12", "Bellen", "Mia")
    rest = fill_the_other_text_forms(
        app, client, world, "Noor lacht", "Vervoer", "Fatima B", "Rustig bij haar"
    )
    assert first == [201, 302] and rest == [302, 302, 302]
    with stored_case(app) as case:
        stored = texts(case)
    assert ("Buur Ahmed", "Huis 12") in [row[1:] for row in stored["persons"]]
    assert ("Bellen", "Mia") in stored["actions"]
    assert "Noor lacht" in stored["perspectives"]
    assert "Vervoer" in stored["budget"]
    assert any(
        who == "Fatima B" and ("sensitivity", "Rustig bij haar") in notes
        for _ref, who, notes in stored["assessments"]
    )


def test_a_household_typed_as_words_is_stored_exported_and_imported(
    app: Flask,
    client: FlaskClient,
    world: World,
    sqlite_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    login(client, "worker")
    person = {"name": "Oma Lea", "household": "Huis van oma", "kind": "grandparent"}
    person |= {"sector": "family", "ring": "1", "candidate": "to_explore"}
    assert client.post(f"/cases/{world.case_id}/persons", data=person).status_code == 201

    back = imported(
        exported(client, world.case_id, tmp_path), sqlite_template, tmp_path, monkeypatch
    )

    assert any(row[1:] == ("Oma Lea", "Huis van oma") for row in back["persons"])
    history = client.get(f"/cases/{world.case_id}/history")
    assert history.status_code == 200
