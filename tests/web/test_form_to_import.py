"""Whatever a form stores, the case file carries: web form -> JSON export -> `ecogram import`.

Each text field a form accepts (a person's name and household in the side panel,
a care-plan action's what and who, the people present at a session) is exported
as the case file and imported into another database with the command line; the
imported case holds exactly the stored text. A household typed as words
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
from tests.web.conftest import World, login, stored_case

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
    }


@settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=typed, household=typed, what=typed, who=typed)
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
) -> None:
    login(client, "worker")
    person = {"name": name, "household": household, "kind": "neighbour", "sector": "friends"}
    person |= {"ring": "2", "candidate": "to_explore"}
    client.post(f"/cases/{world.case_id}/persons", data=person)
    coordinator = app.test_client()
    coordinator.environ_base["wsgi.url_scheme"] = "https"
    login(coordinator, "coordinator")
    coordinator.post(f"/cases/{world.case_id}/trajectory/actions", data={"what": what, "who": who})
    with stored_case(app) as case:
        stored = texts(case)

    back = imported(
        exported(client, world.case_id, tmp_path), sqlite_template, tmp_path, monkeypatch
    )

    assert back == stored


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
