"""Hostile case files: `ecogram import` exits 2 with one line, or stores exactly the file.

hypothesis puts hostile strings (markup, SQL, control characters, lone
surrogates, 100k text, right-to-left overrides, combining marks, emoji) into
the text fields of the design example and impossible dates into its date
fields. Whatever it sends, the importer never crashes (exit 1 or a traceback),
and a file it accepts comes back from `ecogram export` equal to what was sent.
Runs on SQLite and on PostgreSQL: PostgreSQL refuses NUL characters in text,
so a NUL the importer let through would show there.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select

from cli.main import main
from ecogram.db import session_scope
from ecogram.models import Case
from tests.test_caseformat import example, fill_defaults

#: Strings that have broken other software, one of each kind the issue names.
NASTY = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "Robert'); DROP TABLE person;--",
    "' OR '1'='1",
    "\x00",
    "Oma\x00Jet",
    "\x1b[31mrood\x1b[0m",
    "Oma\rJet\nX",
    "\ud800",
    "Oma \udfff Jet",
    "\u202eteJ amO",
    "Z\u0351\u0352\u0353\u0354a\u0300\u0301\u0302lgo",
    "👵🏽 Oma 👶",
    "\ufeffOma",
    "  Oma Jet  ",
    "",
    " ",
    "Jet" * 34_000,  # about 100k characters
    "%s%n{0}${x}",
    "\u2028\u2029",
]
IMPOSSIBLE_DATES = [
    "2026-02-30",
    "0000-01-01",
    "99999-01-01",
    "yesterday",
    "2026-13-01",
    "2026-1-5",
    "",
    "2026-01-05T00:00:00",
    "２０２６-01-05",
]
#: Real dates, only odd ones: the format takes them, so they must come back exactly.
ODD_DATES = ["1899-12-31", "2101-01-01", "2028-02-29", "1970-01-01"]

hostile_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(codec=None, exclude_categories=[]), max_size=40),
)
hostile_date = st.one_of(
    st.sampled_from(IMPOSSIBLE_DATES + ODD_DATES), st.dates().map(str), st.text(max_size=12)
)

Setter = Callable[[dict[str, Any], Any], None]


def _at(*path: Any) -> Setter:
    def put(document: dict[str, Any], value: Any) -> None:
        target: Any = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return put


TEXT_FIELDS: dict[str, Setter] = {
    "persons[0].name": _at("persons", 0, "name"),
    "persons[2].name": _at("persons", 2, "name"),
    "persons[1].household": _at("persons", 1, "household"),
    "assessments[0].assessor": _at("assessments", 0, "assessor"),
    "assessments[0].notes.sensitivity": _at("assessments", 0, "notes", "sensitivity"),
    "trajectory.region": _at("trajectory", "region"),
    "trajectory.budget[0].what": _at("trajectory", "budget", 0, "what"),
}
DATE_FIELDS: dict[str, Setter] = {
    "case.opened": _at("case", "opened"),
    "case.expected_date": _at("case", "expected_date"),
    "assessments[0].date": _at("assessments", 0, "date"),
    "roles[0].start": _at("roles", 0, "start"),
    "anchors[0].from": _at("anchors", 0, "from"),
    "trajectory.referred": _at("trajectory", "referred"),
    "trajectory.care_tables[0]": _at("trajectory", "care_tables", 0),
    "trajectory.budget[0].date": _at("trajectory", "budget", 0, "date"),
    "trajectory.stays[0].start": _at("trajectory", "stays", 0, "start"),
}

changes = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(sorted(TEXT_FIELDS)), hostile_text),
        st.tuples(st.sampled_from(sorted(DATE_FIELDS)), hostile_date),
    ),
    min_size=1,
    max_size=3,
)


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as stop:
            code = int(stop.code or 0)
    return code, out.getvalue(), err.getvalue()


def cases(engine: Engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count(Case.id))) or 0


@pytest.fixture
def database(engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", db_url)
    return engine


# One database for every example on purpose: each example imports under a ref of its
# own, so what earlier examples stored must not disturb the next (and cannot).
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=changes)
def test_a_hostile_file_is_refused_in_one_line_or_stored_exactly(
    database: Engine, tmp_path: Path, changes: list[tuple[str, str]]
) -> None:
    document = example()
    document["case"]["id"] = f"h-{uuid.uuid4().hex[:12]}"
    for field, value in changes:
        (TEXT_FIELDS.get(field) or DATE_FIELDS[field])(document, value)
    path = tmp_path / f"{document['case']['id']}.json"
    # ASCII escapes, so lone surrogates reach the reader as JSON "\ud800" escapes.
    path.write_text(json.dumps(document, ensure_ascii=True), "ascii")
    before = cases(database)

    code, _out, err = run("import", str(path))

    assert code in (0, 2), f"importer crashed on {changes!r}: {err}"
    if code == 2:
        assert err.startswith("ecogram: ") and err.count("\n") == 1, err
        assert cases(database) == before
        return
    assert cases(database) == before + 1
    exported_code, exported, err = run("export", document["case"]["id"])
    assert exported_code == 0, err
    assert json.loads(exported) == fill_defaults(copy.deepcopy(document))


@pytest.mark.parametrize("value", NASTY)
def test_every_nasty_name_is_refused_or_stored_exactly(
    database: Engine, tmp_path: Path, value: str
) -> None:
    test_a_hostile_file_is_refused_in_one_line_or_stored_exactly.hypothesis.inner_test(  # type: ignore[attr-defined]
        database, tmp_path, [("persons[2].name", value)]
    )


@pytest.mark.parametrize("value", IMPOSSIBLE_DATES)
def test_every_impossible_date_is_refused_in_one_line(
    database: Engine, tmp_path: Path, value: str
) -> None:
    document = example()
    document["case"]["opened"] = value
    path = tmp_path / "case.json"
    path.write_text(json.dumps(document), "utf-8")
    code, _out, err = run("import", str(path))
    assert code == 2
    assert err.startswith("ecogram: ") and "case.opened" in err and err.count("\n") == 1
    assert cases(database) == 0
