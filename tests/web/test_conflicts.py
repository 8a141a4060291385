"""No lost updates: two people save the same thing; the second gets 409 with both versions.

Each test has the worker and the case coordinator (both may change the case,
each in their own browser) load the same form, then both save: the worker
first. The coordinator's save is refused with a conflict that shows both
versions, and the database holds the worker's save.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, event, func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ecogram import storage
from ecogram.db import session_factory
from ecogram.imh_checklist import Item
from ecogram.models import Base, Person
from tests.factories import make_case, make_person
from tests.web.conftest import World, add_relative, login, person_id, save_change, stored_case

PERSON = {"kind": "grandparent", "sector": "family", "ring": "1", "candidate": "assessing"}


def browser(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    login(client, username)
    return client


@pytest.fixture
def pair(app: Flask, world: World) -> tuple[FlaskClient, FlaskClient]:
    return browser(app, "worker"), browser(app, "coordinator")


def hidden(page: str, pattern: str) -> str:
    found = re.search(pattern, page)
    assert found is not None, pattern
    return found.group(1)


def cell(page: str, which: str, key: str) -> str:
    """The text in the conflict table's `sent-<key>` or `stored-<key>` cell."""
    return hidden(page, rf'<td id="{which}-{key}"[^>]*>([^<]*)</td>').strip()


# --- person and tie (the side panel, JSON) -----------------------------------------


def test_a_second_save_of_a_person_gets_409_with_both_versions(
    app: Flask, world: World, pair: tuple[FlaskClient, FlaskClient]
) -> None:
    worker, coordinator = pair
    jet = person_id(app, "Oma Jet")
    url = f"/cases/{world.case_id}/persons/{jet}"
    versions = [c.get(url).get_json()["version"] for c in pair]
    mine = PERSON | {"name": "Oma Jet Peeters", "version": versions[0]}
    assert worker.post(url, data=mine).status_code == 200
    theirs = PERSON | {"name": "Jet", "ring": "2", "version": versions[1]}
    answer = coordinator.post(url, data=theirs)
    assert answer.status_code == 409
    body = answer.get_json()
    fields = {f["key"]: (f["yours"], f["stored"]) for f in body["conflict"]["fields"]}
    assert fields["name"] == ("Jet", "Oma Jet Peeters")
    assert fields["ring"] == ("2", "1")
    assert (body["conflict"]["sent_version"], body["conflict"]["stored_version"]) == ("1", "2")
    assert "1" in body["errors"]["version"] and "2" in body["errors"]["version"]
    assert "graph" in body  # the panel redraws the stored version
    with stored_case(app) as case:
        stored = next(p for p in case.persons if p.id == jet)
        assert (stored.name, stored.ring, stored.version) == ("Oma Jet Peeters", 1, 2)


def test_the_childs_conflict_shows_only_the_fields_the_child_form_has(
    app: Flask, world: World, pair: tuple[FlaskClient, FlaskClient]
) -> None:
    worker, coordinator = pair
    noor = person_id(app, "Baby Noor")
    url = f"/cases/{world.case_id}/persons/{noor}"
    assert worker.post(url, data={"name": "Noor", "version": "1"}).status_code == 200
    answer = coordinator.post(url, data={"name": "Noortje", "version": "1"})
    assert answer.status_code == 409
    assert [f["key"] for f in answer.get_json()["conflict"]["fields"]] == ["name", "household"]


def test_a_second_save_of_a_tie_gets_409_with_both_versions(
    app: Flask, world: World, pair: tuple[FlaskClient, FlaskClient]
) -> None:
    worker, coordinator = pair
    tie = coordinator.get(f"/cases/{world.case_id}/graph.json").get_json()["ties"][0]
    url = f"/cases/{world.case_id}/ties/{tie['id']}"
    base = {"from": tie["from"], "to": tie["to"], "flow": "forward", "version": tie["version"]}
    assert worker.post(url, data=base | {"quality": "stressful"}).status_code == 200
    answer = coordinator.post(url, data=base | {"quality": "tenuous", "support": ["practical"]})
    assert answer.status_code == 409
    conflict = answer.get_json()["conflict"]
    fields = {f["key"]: (f["yours"], f["stored"]) for f in conflict["fields"]}
    assert fields["quality"][0] != fields["quality"][1]
    assert fields["from"] == ("Oma Jet", "Oma Jet")
    with stored_case(app) as case:
        assert (case.ties[0].quality, case.ties[0].version) == ("stressful", 2)


def test_a_write_that_loses_the_race_at_commit_gets_the_same_409(
    app: Flask, world: World, pair: tuple[FlaskClient, FlaskClient]
) -> None:
    """Both pass the version check; the version column stops the second at commit."""
    worker, _coordinator = pair
    jet = person_id(app, "Oma Jet")
    factory = app.extensions["ecogram.sessions"]
    engine: Engine = app.extensions["ecogram.engine"]

    raced: list[bool] = []

    def someone_else_saves_first(session: Session, *_args: Any) -> None:
        # Just before the flush that writes the person: after the view's version check.
        if raced or not any(isinstance(obj, Person) for obj in session.dirty):
            return
        raced.append(True)
        with engine.begin() as other:
            other.execute(
                text("UPDATE person SET name = 'Jet P.', version = version + 1 WHERE id = :id"),
                {"id": jet},
            )

    event.listen(factory, "before_flush", someone_else_saves_first)
    url = f"/cases/{world.case_id}/persons/{jet}"
    try:
        answer = worker.post(url, data=PERSON | {"name": "Oma Jet Peeters", "version": "1"})
    finally:
        event.remove(factory, "before_flush", someone_else_saves_first)
    assert raced
    assert answer.status_code == 409
    fields = {f["key"]: f["stored"] for f in answer.get_json()["conflict"]["fields"]}
    assert fields["name"] == "Jet P."
    with stored_case(app) as case:
        assert next(p for p in case.persons if p.id == jet).name == "Jet P."


# --- assessment ---------------------------------------------------------------------


def assessment_form(basis: str | None, rating: str, note: str) -> dict[str, str]:
    data = {f"rating-{item.value}": rating for item in Item}
    data |= {f"note-{item.value}": "" for item in Item}
    data |= {"date": "2026-11-20", "assessor": "Assessor B", "final": "y", "note-protection": note}
    if basis is not None:
        data["basis"] = basis
    return data


def assessment_count(app: Flask, pid: int) -> int:
    with stored_case(app) as case:
        return len(next(p for p in case.persons if p.id == pid).assessments)


BASIS = r'name="basis" type="hidden" value="(\d*)"'


def test_a_second_assessment_from_a_stale_form_gets_409_with_both_versions(
    app: Flask, world: World, pair: tuple[FlaskClient, FlaskClient]
) -> None:
    worker, coordinator = pair
    jet = person_id(app, "Oma Jet")
    url = f"/cases/{world.case_id}/persons/{jet}/assessment"
    bases = [hidden(c.get(url).get_data(as_text=True), BASIS) for c in pair]
    assert bases[0] == bases[1] != ""
    saved = worker.post(url, data=assessment_form(bases[0], "S", "Kent het plan."))
    assert saved.status_code == 302
    answer = coordinator.post(url, data=assessment_form(bases[1], "C", "Twijfel <b>nog</b>."))
    page = answer.get_data(as_text=True)
    assert answer.status_code == 409
    assert cell(page, "sent", "note-protection") == "Twijfel &lt;b&gt;nog&lt;/b&gt;."
    assert cell(page, "stored", "note-protection") == "Kent het plan."
    assert cell(page, "sent", "version") == bases[1]
    assert cell(page, "stored", "version") != bases[1]
    assert 'data-field="rating-protection" class="differs"' in page
    assert assessment_count(app, jet) == 2  # the example's and the worker's


def test_saving_the_stale_assessment_anyway_adds_it_beside_the_newer_one(
    app: Flask, world: World, pair: tuple[FlaskClient, FlaskClient]
) -> None:
    worker, coordinator = pair
    jet = person_id(app, "Oma Jet")
    url = f"/cases/{world.case_id}/persons/{jet}/assessment"
    basis = hidden(coordinator.get(url).get_data(as_text=True), BASIS)
    worker.post(url, data=assessment_form(basis, "S", "Kent het plan."))
    answer = coordinator.post(url, data=assessment_form(basis, "C", "Twijfel."))
    page = answer.get_data(as_text=True)
    form = page.split('id="conflict-resubmit"', 1)[1].split("</form>", 1)[0]
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    assert fields["note-protection"] == "Twijfel." and fields["basis"] != basis
    assert coordinator.post(url, data=fields).status_code == 302
    assert assessment_count(app, jet) == 3


def test_an_assessment_for_a_person_never_assessed_needs_an_empty_basis(
    app: Flask, world: World, pair: tuple[FlaskClient, FlaskClient]
) -> None:
    worker, coordinator = pair
    mia = add_relative(app)
    url = f"/cases/{world.case_id}/persons/{mia}/assessment"
    assert hidden(coordinator.get(url).get_data(as_text=True), BASIS) == ""
    assert worker.post(url, data=assessment_form("", "S", "Eerste.")).status_code == 302
    assert coordinator.post(url, data=assessment_form("", "A", "Ook eerste.")).status_code == 409
    assert assessment_count(app, mia) == 1


def test_an_assessment_sent_without_a_basis_adds_one_and_overwrites_nothing(
    app: Flask, world: World, pair: tuple[FlaskClient, FlaskClient]
) -> None:
    worker, _coordinator = pair
    jet = person_id(app, "Oma Jet")
    url = f"/cases/{world.case_id}/persons/{jet}/assessment"
    assert worker.post(url, data=assessment_form(None, "S", "Zonder basis.")).status_code == 302
    assert assessment_count(app, jet) == 2


@pytest.mark.parametrize("basis", ["x", "1 OR 1=1", "9" * 21])
def test_a_malformed_basis_is_refused_with_400(
    app: Flask, world: World, pair: tuple[FlaskClient, FlaskClient], basis: str
) -> None:
    worker, _coordinator = pair
    jet = person_id(app, "Oma Jet")
    url = f"/cases/{world.case_id}/persons/{jet}/assessment"
    assert worker.post(url, data=assessment_form(basis, "S", "x")).status_code == 400
    assert assessment_count(app, jet) == 1


# --- roles page: ending a role, the anchor, the trusted person ----------------------


def roles_page(client: FlaskClient, world: World) -> str:
    return client.get(f"/cases/{world.case_id}/roles").get_data(as_text=True)


def test_ending_a_role_from_a_stale_page_gets_409_with_both_end_dates(
    app: Flask, world: World, pair: tuple[FlaskClient, FlaskClient]
) -> None:
    worker, coordinator = pair
    with stored_case(app) as case:
        role_id = next(p for p in case.persons if p.name == "Oma Jet").roles[0].id
    pattern = rf'(?s)id="end-role-{role_id}".*?name="version" value="(\d+)"'
    versions = [hidden(roles_page(c, world), pattern) for c in pair]
    url = f"/cases/{world.case_id}/roles/{role_id}/end"
    mine = {"last_day": "2026-05-31", "version": versions[0]}
    assert worker.post(url, data=mine).status_code == 302
    answer = coordinator.post(url, data={"last_day": "2026-08-31", "version": versions[1]})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 409
    assert "2026" in cell(page, "sent", "last_day") and cell(page, "sent", "last_day") != cell(
        page, "stored", "last_day"
    )
    assert (cell(page, "sent", "version"), cell(page, "stored", "version")) == ("1", "2")
    with stored_case(app) as case:
        role = next(p for p in case.persons if p.name == "Oma Jet").roles[0]
        assert role.end is not None and role.end.isoformat() == "2026-06-01"


ANCHOR_VERSION = r'id="set-anchor-version" name="version" type="hidden" value="([^"]*)"'
TRUSTED_VERSION = r'id="set-trusted-version" name="version" type="hidden" value="(\d+)"'


def anchors(app: Flask) -> list[tuple[str, str, str | None]]:
    with stored_case(app) as case:
        return [
            (p.person.name, p.start.isoformat(), p.end.isoformat() if p.end else None)
            for p in sorted(case.anchors, key=lambda p: (p.start, p.id))
        ]


def test_designating_an_anchor_from_a_stale_page_gets_409_with_both_choices(
    app: Flask, world: World, pair: tuple[FlaskClient, FlaskClient]
) -> None:
    worker, coordinator = pair
    mia = add_relative(app)
    jet = person_id(app, "Oma Jet")
    tokens = [hidden(roles_page(c, world), ANCHOR_VERSION) for c in pair]
    url = f"/cases/{world.case_id}/anchor"
    mine = {"person": str(jet), "from": "2026-05-01", "version": tokens[0]}
    assert save_change(worker, url, mine).status_code == 302
    theirs = {"person": str(mia), "from": "2026-06-01", "version": tokens[1]}
    answer = coordinator.post(url, data=theirs)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 409
    assert (cell(page, "sent", "person"), cell(page, "stored", "person")) == (
        "Tante Mia",
        "Oma Jet",
    )
    assert anchors(app) == [
        ("Sara", "2026-01-05", "2026-05-01"),
        ("Oma Jet", "2026-05-01", None),
    ]


def test_an_anchor_form_without_its_version_is_refused_with_400(
    app: Flask, world: World, pair: tuple[FlaskClient, FlaskClient]
) -> None:
    worker, _coordinator = pair
    jet = person_id(app, "Oma Jet")
    answer = worker.post(
        f"/cases/{world.case_id}/anchor", data={"person": str(jet), "from": "2026-05-01"}
    )
    assert answer.status_code == 400
    assert 'id="set-anchor-version-error"' in answer.get_data(as_text=True)
    assert anchors(app) == [("Sara", "2026-01-05", None)]


def trusted_name(app: Flask) -> str | None:
    with stored_case(app) as case:
        return case.trusted_person.name if case.trusted_person is not None else None


def test_naming_the_trusted_person_from_a_stale_page_gets_409_with_both_choices(
    app: Flask, world: World, pair: tuple[FlaskClient, FlaskClient]
) -> None:
    worker, coordinator = pair
    sara = person_id(app, "Sara")
    versions = [hidden(roles_page(c, world), TRUSTED_VERSION) for c in pair]
    url = f"/cases/{world.case_id}/trusted-person"
    assert worker.post(url, data={"person": str(sara), "version": versions[0]}).status_code == 302
    answer = coordinator.post(url, data={"person": "", "version": versions[1]})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 409
    assert cell(page, "stored", "person") == "Sara"
    assert cell(page, "sent", "person") != "Sara"
    assert trusted_name(app) == "Sara"


def test_saving_the_trusted_person_anyway_takes_the_conflict_pages_version(
    app: Flask, world: World, pair: tuple[FlaskClient, FlaskClient]
) -> None:
    worker, coordinator = pair
    sara = person_id(app, "Sara")
    version = hidden(roles_page(coordinator, world), TRUSTED_VERSION)
    url = f"/cases/{world.case_id}/trusted-person"
    worker.post(url, data={"person": str(sara), "version": version})
    page = coordinator.post(url, data={"person": "", "version": version}).get_data(as_text=True)
    form = page.split('id="conflict-resubmit"', 1)[1].split("</form>", 1)[0]
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    # Saving anyway goes through the same preview as any change: nobody named is a warning.
    assert save_change(coordinator, url, fields).status_code == 302
    assert trusted_name(app) is None


def test_the_conflict_page_is_the_shared_one_with_a_way_back(
    app: Flask, world: World, pair: tuple[FlaskClient, FlaskClient]
) -> None:
    worker, coordinator = pair
    url = f"/cases/{world.case_id}/trusted-person"
    save_change(worker, url, {"person": "", "version": "1"})
    coordinator.post("/language", data={"lang": "en"})
    answer = coordinator.post(url, data={"person": "", "version": "1"})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 409
    assert 'id="conflict"' in page and "Nothing was saved" in page
    assert f'id="conflict-back" href="/cases/{world.case_id}/roles"' in page


# --- the version column itself ------------------------------------------------------


def test_a_stale_orm_flush_raises_stale_data_error(engine: Engine) -> None:
    factory = session_factory(engine)
    with factory() as setup:
        case = make_case()
        make_person(case, name="Oma Jet")
        storage.save_case(setup, case)
        setup.commit()
    with factory() as first, factory() as second:
        jet_first = first.scalar(select(Person).where(Person.name == "Oma Jet"))
        jet_second = second.scalar(select(Person).where(Person.name == "Oma Jet"))
        assert jet_first is not None and jet_second is not None
        jet_first.name = "Oma Jet Peeters"
        first.commit()
        jet_second.name = "Jet"
        with pytest.raises(StaleDataError):
            second.commit()
    with factory() as check:
        assert check.scalar(select(func.count()).where(Person.name == "Oma Jet Peeters")) == 1


def test_every_editable_row_has_a_version_column() -> None:
    versioned = {
        mapper.class_.__name__
        for mapper in Base.registry.mappers
        if mapper.version_id_col is not None
    }
    assert {"Person", "Tie", "Assessment", "AssessmentEntry", "RoleAssignment"} <= versioned
    assert {"AnchorPeriod", "Case"} <= versioned


# --- no bulk update bypasses the version column -------------------------------------

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("cli", "ecogram", "exports", "webapp")
#: "path:line" -> why that bulk update may bypass the version column.
_REVISION = "the triggers that set a case's revision change that column only, which no form holds"
ALLOWED: dict[str, str] = {
    "ecogram/migrations/versions/0009_case_revision.py:74": _REVISION,
    "ecogram/migrations/versions/0009_case_revision.py:105": _REVISION,
}
RAW_UPDATE = re.compile(r"\bUPDATE\s+[\"'`]?([\w{}]+)[\"'`]?\s+SET\b", re.IGNORECASE)


def versioned_tables() -> set[str]:
    return {
        mapper.local_table.name  # type: ignore[attr-defined]
        for mapper in Base.registry.mappers
        if mapper.version_id_col is not None
    }


def _calls_query(node: ast.AST) -> bool:
    return any(
        isinstance(sub, ast.Call)
        and isinstance(sub.func, ast.Attribute)
        and sub.func.attr == "query"
        for sub in ast.walk(node)
    )


def _string_parts(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # an f-string: its holes become "{}"
        return "".join(
            v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "{}"
            for v in node.values
        )
    return None


def bulk_updates(source: str) -> list[tuple[int, str]]:
    """Every UPDATE in `source` that the ORM's version check would not see."""
    tree = ast.parse(source)
    update_names = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy")
        for alias in node.names
        if alias.name == "update"
    }
    versioned = versioned_tables()
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        text_ = _string_parts(node)
        if text_ is not None:
            for match in RAW_UPDATE.finditer(text_):
                table = match.group(1).strip("{}") or "{}"
                if table in versioned or "{" in match.group(1):
                    found.append((node.lineno, f"raw UPDATE of {match.group(1)}"))
        if not isinstance(node, ast.Call):
            continue
        func_ = node.func
        if isinstance(func_, ast.Name) and func_.id in update_names:
            found.append((node.lineno, "sqlalchemy update()"))
        elif isinstance(func_, ast.Attribute) and func_.attr in (
            "bulk_update_mappings",
            "bulk_save_objects",
        ):
            found.append((node.lineno, func_.attr))
        elif isinstance(func_, ast.Attribute) and func_.attr == "update":
            receiver = func_.value
            if isinstance(receiver, ast.Name) and receiver.id in ("sqlalchemy", "sa"):
                found.append((node.lineno, "sqlalchemy.update()"))
            elif _calls_query(receiver):
                found.append((node.lineno, "Query.update()"))
            elif isinstance(receiver, ast.Attribute) and receiver.attr in ("__table__", "table"):
                found.append((node.lineno, "Table.update()"))
            elif not node.args and not node.keywords:
                found.append((node.lineno, ".update() without values (a Table's)"))
    return found


def test_no_code_updates_rows_in_bulk_past_the_version_column() -> None:
    offenders = []
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            for line, kind in bulk_updates(path.read_text("utf-8")):
                if f"{relative}:{line}" not in ALLOWED:
                    offenders.append(f"{relative}:{line}: {kind}")
    assert offenders == [], "change rows through the ORM, which checks `version`"


@pytest.mark.parametrize(
    "source",
    [
        "from sqlalchemy import update\nsession.execute(update(Person).values(name='x'))",
        "from sqlalchemy import update as upd\nupd(Person)",
        "import sqlalchemy as sa\nsa.update(Person)",
        "session.query(Person).filter(Person.id == 1).update({'name': 'x'})",
        "Person.__table__.update().values(name='x')",
        "person_table.update()",
        "session.bulk_update_mappings(Person, rows)",
        "session.execute(text('UPDATE person SET name = :n'))",
        "connection.exec_driver_sql('update \"tie\" set quality = 1')",
        "session.execute(text(f'UPDATE {table} SET name = 1'))",
    ],
)
def test_the_scan_finds_each_kind_of_bulk_update(source: str) -> None:
    assert bulk_updates(source), source


@pytest.mark.parametrize(
    "source",
    [
        "seen = set()\nseen.update({1, 2})",
        "app.jinja_env.globals.update({'a': 1})",
        "session.execute(text('UPDATE login_attempt SET at = :at'))",  # not versioned
        "'CREATE TRIGGER t BEFORE UPDATE ON audit_event'",
        "person.name = 'Oma Jet'",
    ],
)
def test_the_scan_leaves_other_code_alone(source: str) -> None:
    assert bulk_updates(source) == [], source
