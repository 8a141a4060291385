"""`ecogram export` in every format, `--at` and `--family`, and `ecogram import` of GraphML."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from sqlalchemy import select

from cli.main import main
from ecogram import caseformat, history, storage
from ecogram.accounts import AuditEvent
from ecogram.db import make_engine, session_scope
from ecogram.demo import demo_cases
from tests.factories import make_person
from tests.test_cli import run_cli

EXAMPLE = Path(__file__).parent / "data" / "design_example.json"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def database(
    tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[], Any]:
    """A migrated SQLite database holding the design example (c1) and a demo case."""
    path = tmp_path / "ecogram.sqlite3"
    shutil.copyfile(sqlite_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", url)
    demo = tmp_path / "demo.json"
    demo.write_text(json.dumps(demo_cases(TODAY)[0]), "utf-8")
    assert main(["import", str(EXAMPLE), str(demo)]) == 0

    def session() -> Any:
        return session_scope(make_engine(url))

    return session


def audit_actions(session: Callable[[], Any]) -> list[tuple[str, str, str]]:
    with session() as db:
        rows = db.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        return [(row.action, row.username, row.request_id) for row in rows]


def read_back(fmt: str, data: bytes) -> object:
    """Proof that the file is what its format says."""
    readers: dict[str, Callable[[bytes], object]] = {
        "svg": lambda d: d.decode("utf-8").lstrip().startswith(("<svg", "<?xml")) or None,
        "png": lambda d: d.startswith(b"\x89PNG\r\n\x1a\n") or None,
        "pdf": lambda d: d.startswith(b"%PDF-") or None,
        "graphml": lambda d: nx.read_graphml(io.BytesIO(d)),
        "gexf": lambda d: nx.read_gexf(io.BytesIO(d)),
        "json": lambda d: caseformat.loads(d),
        "nodelink": lambda d: nx.node_link_graph(json.loads(d)),
    }
    return readers[fmt](data)


FORMATS = ["svg", "png", "pdf", "graphml", "gexf", "json", "nodelink"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_writes_each_format_and_an_audit_row(
    database: Callable[[], Any], tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"c1.{fmt}"
    assert main(["export", "c1", "--format", fmt, "-o", str(out), "--at", "2026-02-17"]) == 0
    assert read_back(fmt, out.read_bytes()) is not None
    assert capsys.readouterr().out == ""
    assert audit_actions(database)[-1] == (f"export_{fmt}", "cli", "cli")


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_the_family_version_is_a_drawing_of_its_own(
    database: Callable[[], Any], tmp_path: Path, fmt: str
) -> None:
    family, full = tmp_path / f"family.{fmt}", tmp_path / f"full.{fmt}"
    assert main(["export", "c1", "--format", fmt, "--family", "-o", str(family)]) == 0
    assert main(["export", "c1", "--format", fmt, "-o", str(full)]) == 0
    assert read_back(fmt, family.read_bytes()) is not None
    assert family.read_bytes() != full.read_bytes()
    assert audit_actions(database)[-2][0] == f"export_family_{fmt}"


def test_json_stays_the_case_format_and_is_the_default(
    database: Callable[[], Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "c1"]) == 0
    assert caseformat.loads(capsys.readouterr().out).ref == "c1"


def test_a_text_format_goes_to_stdout_without_o(
    database: Callable[[], Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "c1", "--format", "graphml"]) == 0
    assert nx.read_graphml(io.StringIO(capsys.readouterr().out)).graph["case"] == "c1"


def test_the_svg_speaks_english_on_request(database: Callable[[], Any], tmp_path: Path) -> None:
    dutch, english = tmp_path / "nl.svg", tmp_path / "en.svg"
    assert main(["export", "c1", "--format", "svg", "-o", str(dutch)]) == 0
    assert main(["export", "c1", "--format", "svg", "--lang", "en", "-o", str(english)]) == 0
    assert dutch.read_text("utf-8") != english.read_text("utf-8")


def test_export_at_a_date_gives_the_case_as_it_stood_then(
    database: Callable[[], Any], tmp_path: Path
) -> None:
    with database() as db:
        case = storage.load_case(db, "c1")
        make_person(case, ref="p9", name="Buurvrouw Els")
        db.flush()
        history.record_change(db, case, dt.date(2026, 3, 10), None)
    before, after = tmp_path / "before.graphml", tmp_path / "after.graphml"
    assert (
        main(["export", "c1", "--format", "graphml", "--at", "2026-03-09", "-o", str(before)]) == 0
    )
    assert (
        main(["export", "c1", "--format", "graphml", "--at", "2026-03-10", "-o", str(after)]) == 0
    )
    assert "p9" not in nx.read_graphml(before)
    assert nx.read_graphml(after).nodes["p9"]["name"] == "Buurvrouw Els"
    assert nx.read_graphml(after).graph["at"] == "2026-03-10"


def test_graphml_exported_then_imported_gives_the_same_persons_and_ties(
    database: Callable[[], Any], tmp_path: Path
) -> None:
    exported = tmp_path / "c1.graphml"
    assert main(["export", "c1", "--format", "graphml", "-o", str(exported)]) == 0
    # The same graph under a new case id, as a researcher would hand it back.
    copy = tmp_path / "copy.graphml"
    copy.write_text(exported.read_text("utf-8").replace('"case">c1<', '"case">c1-copy<'), "utf-8")
    assert main(["import", str(copy)]) == 0
    original, again = tmp_path / "c1.json", tmp_path / "copy.json"
    assert main(["export", "c1", "-o", str(original)]) == 0
    assert main(["export", "c1-copy", "-o", str(again)]) == 0
    first, second = (json.loads(p.read_text("utf-8")) for p in (original, again))
    for key in ("persons", "ties", "trusted_person"):
        assert second[key] == first[key]
    assert second["case"] == first["case"] | {"id": "c1-copy"}


def test_a_graphml_file_without_the_extension_is_recognised_by_its_content(
    database: Callable[[], Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "graph"
    assert main(["export", "c1", "--format", "graphml", "-o", str(exported)]) == 0
    exported.write_text(exported.read_text("utf-8").replace('"case">c1<', '"case">c7<'), "utf-8")
    assert main(["import", str(exported)]) == 0
    assert "Imported case c7 (3 persons)" in capsys.readouterr().out


def test_a_bad_graphml_file_exits_2_with_one_line_naming_the_node(
    tmp_path: Path, sqlite_template: Path
) -> None:
    good = caseformat.load_file(EXAMPLE)
    from exports.graphml import graphml_bytes

    bad = tmp_path / "bad.graphml"
    bad.write_bytes(graphml_bytes(good, None).replace(b">grandparent<", b">aunty<"))
    database = tmp_path / "db.sqlite3"
    shutil.copyfile(sqlite_template, database)
    result = run_cli("import", str(bad), env={"ECOGRAM_DATABASE_URL": f"sqlite:///{database}"})
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"ecogram: {bad}: node p3: kind: unknown value 'aunty' (one of: child, parent, sibling,"
        " grandparent, aunt_uncle, other_relative, partner_of_parent, friend, neighbour,"
        " childcare, professional, other)"
    ]


def test_an_entity_bomb_exits_2_cleanly(tmp_path: Path, database: Callable[[], Any]) -> None:
    from tests.test_exports_graphml import BILLION_LAUGHS

    bomb = tmp_path / "bomb.graphml"
    bomb.write_text(BILLION_LAUGHS, "utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["import", str(bomb)])
    assert exited.value.code == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "nobody", "--format", "svg"], "CASE: there is no case with id 'nobody'"),
        (["export", "c1", "--format", "graphml", "--family"], "--family: only with --format"),
        (["export", "c1", "--at", "2025-12-31"], "--at: the case has no session on or before"),
        (["export", "c1", "--format", "png", "-o", "/nowhere/x.png"], "-o: the folder '/nowhere'"),
        (["export", "c1", "--format", "tiff"], "argument --format: invalid choice: 'tiff'"),
        (["export", "c1", "--at", "2026-02-30"], "argument --at: '2026-02-30' is not a date"),
    ],
)
def test_bad_export_arguments_exit_2_with_one_line_naming_the_option(
    database: Callable[[], Any], capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = audit_actions(database)
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert err.startswith(f"ecogram: {message}"), err
    assert audit_actions(database) == before


def test_a_png_is_not_poured_into_a_terminal(
    database: Callable[[], Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(SystemExit) as exited:
        main(["export", "c1", "--format", "png"])
    assert exited.value.code == 2
    assert capsys.readouterr().err == "ecogram: -o: a PNG file needs an output file\n"


def test_a_pdf_goes_to_a_pipe_as_bytes(database: Callable[[], Any]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cli", "export", "c1", "--format", "pdf", "-o", "-"],
        capture_output=True,
        env=dict(os.environ),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"%PDF-")
