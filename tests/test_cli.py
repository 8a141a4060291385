"""The `ecogram` command as a user meets it: exit codes, one-line errors, intact data."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from cli.main import main
from ecogram import caseformat, checks, findings
from ecogram.accounts import CaseAssignment, User
from ecogram.db import make_engine, session_scope
from ecogram.demo import demo_cases
from ecogram.demo.statistics import statistics_cases
from ecogram.demo_loader import DEMO_USERS
from ecogram.models import ActionPlan, Case, Organisation, Person, Region
from ecogram.report import network_report
from ecogram.vocabulary import NetworkSlug
from tests.test_caseformat import EXAMPLE, example, fill_defaults

TODAY = dt.date(2026, 11, 23)


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, so stderr is exactly what a user sees."""
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def write(tmp_path: Path, name: str, document: Any) -> Path:
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), "utf-8")
    return path


def broken(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    doc = example()
    change(doc)
    return doc


# The eight bad files named by the issue, and the field each error must name.
BAD_FILES: dict[str, tuple[Any, str]] = {
    "unknown key": (broken(lambda d: d["case"].update(colour="red")), "case.colour"),
    "bad rating": (
        broken(lambda d: d["assessments"][0]["ratings"].update(safe_haven="X")),
        "assessments[0].ratings.safe_haven",
    ),
    "tie to unknown person": (broken(lambda d: d["ties"][0].update(to="p404")), "ties[0].to"),
    "impossible date": (broken(lambda d: d["case"].update(opened="2026-02-31")), "case.opened"),
    "duplicate id": (broken(lambda d: d["persons"][1].update(id="p1")), "persons[1].id"),
    "wrong format version": (broken(lambda d: d.update(format="ecogram-case/0")), "format"),
    "invalid json": ('{"format": "ecogram-case/1",, }', "(document)"),
    "negative nights": (
        broken(lambda d: d["roles"][0].update(nights_per_week=-2)),
        "roles[0].nights_per_week",
    ),
}


@pytest.mark.parametrize("command", ["check", "import"])
@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_exits_2_with_one_line_naming_the_field(
    tmp_path: Path, command: str, name: str
) -> None:
    document, field = BAD_FILES[name]
    path = write(tmp_path, "bad.json", document)
    env = {"ECOGRAM_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    result = run_cli(command, str(path), env=env)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"ecogram: {path}: {field}: ")
    assert "Traceback" not in result.stderr


def test_a_missing_file_exits_2_naming_it(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path / "nowhere.json"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"ecogram: {tmp_path / 'nowhere.json'}: (file): cannot read")


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["check", "x.json", "--at", "2026-13-01"], "argument --at: '2026-13-01' is not a date"),
        (["check", "x.json", "--format", "yaml"], "argument --format: invalid choice: 'yaml'"),
        (["check", "x.json", "--lang", "fr"], "argument --lang: invalid choice: 'fr'"),
        (["frobnicate"], "argument command: invalid choice: 'frobnicate'"),
        (["export"], "the following arguments are required: CASE"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args: list[str], problem: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("ecogram")
    assert problem in result.stderr


def test_check_prints_the_findings_as_json_and_exits_1_on_an_error(tmp_path: Path) -> None:
    result = run_cli("check", str(EXAMPLE), "--at", "2026-02-17", "--format", "json")
    expected = checks.check_case(caseformat.load_file(EXAMPLE), dt.date(2026, 2, 17))
    assert any(f.severity is findings.Severity.ERROR for f in expected)
    assert result.returncode == 1
    assert json.loads(result.stdout) == [
        findings.to_json(f, "nl", on=dt.date(2026, 2, 17)) for f in expected
    ]


def test_check_exits_0_when_there_is_no_error(tmp_path: Path) -> None:
    clean = next(d for d in demo_cases(TODAY) if d["case"]["id"] == "demo-2")
    path = write(tmp_path, "clean.json", clean)
    result = run_cli("check", str(path), "--at", TODAY.isoformat(), "--format", "json")
    assert result.returncode == 0
    assert {f["severity"] for f in json.loads(result.stdout)} <= {"warning", "info"}


def test_check_speaks_dutch_by_default_and_english_on_request() -> None:
    at = ["--at", "2026-02-17"]
    dutch = run_cli("check", str(EXAMPLE), *at)
    english = run_cli("check", str(EXAMPLE), *at, "--lang", "en")
    assert dutch.stdout.splitlines()[-1] == findings.summary(
        checks.check_case(caseformat.load_file(EXAMPLE), dt.date(2026, 2, 17)), "nl"
    )
    assert dutch.stdout != english.stdout
    assert dutch.stdout.count("\n") == english.stdout.count("\n")


# --- With a database (SQLite and PostgreSQL) ----------------------------------------------


@pytest.fixture
def use_db(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", db_url)
    assert main(["init"]) == 0
    return db_url


def counts(url: str, *models: type) -> tuple[int, ...]:
    models = models or (Case, Person)
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return tuple(
                session.scalar(select(func.count()).select_from(model)) or 0 for model in models
            )
    finally:
        engine.dispose()


def test_import_then_export_gives_back_an_equal_document(
    use_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    documents = [example(), *demo_cases(TODAY)]
    paths = [write(tmp_path, f"case{i}.json", doc) for i, doc in enumerate(documents)]
    assert main(["import", *map(str, paths)]) == 0
    for doc in documents:
        out = tmp_path / "out.json"
        assert main(["export", doc["case"]["id"], "--format", "json", "-o", str(out)]) == 0
        assert json.loads(out.read_text("utf-8")) == fill_defaults(doc)
    assert "Imported case demo-1" in capsys.readouterr().out


def test_one_bad_file_among_several_imports_nothing(
    use_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, "good.json", example())
    bad = write(tmp_path, "bad.json", BAD_FILES["negative nights"][0])
    with pytest.raises(SystemExit) as exited:
        main(["import", str(good), str(bad)])
    assert exited.value.code == 2
    assert counts(use_db) == (0, 0)
    assert capsys.readouterr().err.startswith(f"ecogram: {bad}: roles[0].nights_per_week")


def test_importing_an_existing_case_again_is_refused_and_keeps_the_stored_one(
    use_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "case.json", example())
    assert main(["import", str(path)]) == 0
    before = counts(use_db)
    renamed = example()
    renamed["persons"][1]["name"] = "Iemand anders"
    with pytest.raises(SystemExit) as exited:
        main(["import", str(write(tmp_path, "again.json", renamed))])
    assert exited.value.code == 2
    assert "case.id: a case with id c1 already exists" in capsys.readouterr().err
    assert counts(use_db) == before
    main(["export", "c1"])
    assert json.loads(capsys.readouterr().out)["persons"][1]["name"] == "Sara"


def test_exporting_an_unknown_case_exits_2(use_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["export", "nope"])
    assert exited.value.code == 2
    assert capsys.readouterr().err == "ecogram: CASE: there is no case with id 'nope'\n"


def test_init_says_how_to_make_the_first_admin_until_there_is_one(
    use_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init"]) == 0
    assert "ecogram user add beheer --role admin" in capsys.readouterr().out
    assert main(["demo", "--today", TODAY.isoformat()]) == 0  # its accounts include an admin
    capsys.readouterr()
    assert main(["init"]) == 0
    assert capsys.readouterr().out.count("\n") == 1  # only "Database ready: ..."


def test_demo_loads_once_and_a_second_run_changes_nothing(
    use_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--today", TODAY.isoformat()]) == 0
    first = capsys.readouterr().out
    every = (Case, Person, User, CaseAssignment, Region, Organisation, ActionPlan)
    loaded = counts(use_db, *every)
    assert loaded[0] == len(demo_cases(TODAY)) + len(statistics_cases(TODAY))
    assert loaded[2] == len(DEMO_USERS)
    assert main(["demo", "--today", TODAY.isoformat()]) == 0
    second = capsys.readouterr().out
    assert counts(use_db, *every) == loaded
    assert "Login: contextwerker" in second
    assert "Case demo-1: loaded" in first
    assert "Case demo-1: already present" in second
    assert "Network Limburg: action plan already present" in second


def test_report_prints_the_networks_figures_as_json_and_csv(
    use_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--today", TODAY.isoformat()]) == 0
    capsys.readouterr()
    period = ["--network", "limburg", "--from", "2026-01-01", "--to", "2026-12-31"]
    assert main(["report", *period, "--format", "json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    engine = make_engine(use_db)
    try:
        with session_scope(engine) as session:
            expected = network_report(
                session, NetworkSlug.LIMBURG, dt.date(2026, 1, 1), dt.date(2026, 12, 31)
            )
    finally:
        engine.dispose()
    assert figures == expected.as_json()
    assert figures["referrals"] >= 1
    out = tmp_path / "report.csv"
    assert main(["report", *period, "--format", "csv", "-o", str(out)]) == 0
    rows = {key: value for _label, value, key in csv.reader(out.read_text("utf-8").splitlines())}
    assert rows["referrals"] == str(figures["referrals"])
    assert rows["roles.respite"] == str(figures["roles"]["respite"])
    assert not any(name in out.read_text("utf-8") for name in ("Mila", "Oma Jet", "Eline"))


def test_report_refuses_a_period_that_ends_before_it_starts(
    use_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["report", "--network", "limburg", "--from", "2026-02-01", "--to", "2026-01-01"])
    assert exited.value.code == 2
    assert capsys.readouterr().err == "ecogram: --to: must not be before --from\n"


def test_a_reader_that_goes_away_ends_the_command_quietly() -> None:
    # `ecogram check FILE | head -0`: the pipe is closed before anything is written.
    with subprocess.Popen(
        [sys.executable, "-m", "cli", "check", str(EXAMPLE), "--at", "2026-03-01"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        error = process.stderr.read().decode()
        process.wait(timeout=60)
    assert error == ""
    assert process.returncode == 141


def test_version_prints_the_release_named_in_pyproject() -> None:
    import tomllib

    pyproject = Path(__file__).parents[1] / "pyproject.toml"
    release = tomllib.loads(pyproject.read_text("utf-8"))["project"]["version"]
    result = run_cli("--version")
    assert (result.returncode, result.stdout) == (0, f"ecogram {release}\n")
