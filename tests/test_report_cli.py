"""`ecogram report`: formats, --suppress and binary output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cli.main import main
from ecogram.db import make_engine, session_scope
from ecogram.report import network_report, suppressed_report
from ecogram.report_model import NetworkReport
from ecogram.vocabulary import NetworkSlug
from tests.test_cli import TODAY, use_db  # noqa: F401  (use_db is a fixture)

PERIOD = ["--network", "limburg", "--from", "2026-01-01", "--to", "2026-12-31"]


@pytest.fixture
def demo(use_db: str, capsys: pytest.CaptureFixture[str]) -> str:  # noqa: F811
    assert main(["demo", "--today", TODAY.isoformat()]) == 0
    capsys.readouterr()
    return use_db


def stored_report(url: str) -> NetworkReport:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            figures = network_report(
                session, NetworkSlug.LIMBURG, dt.date(2026, 1, 1), dt.date(2026, 12, 31)
            )
    finally:
        engine.dispose()
    return figures


def test_suppress_gives_the_suppressed_figures_with_k_and_the_hidden_paths(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", *PERIOD, "--suppress", "3"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures == suppressed_report(stored_report(demo), 3).as_json()
    assert figures["suppression"]["k"] == 3
    assert all(n is None or n == 0 or n >= 3 for n in figures["roles"].values())


def test_suppressed_csv_lists_the_hidden_paths_and_leaves_hidden_cells_empty(
    demo: str, tmp_path: Path
) -> None:
    out = tmp_path / "report.csv"
    assert main(["report", *PERIOD, "--format", "csv", "--suppress", "5", "-o", str(out)]) == 0
    lines = csv.reader(io.StringIO(out.read_text("utf-8")))
    rows = {key: value for _label, value, key in lines}
    hidden = [path for path in rows["suppression.hidden"].split(";") if path]
    assert rows["suppression.k"] == "5"
    assert all(rows[path] == "" for path in hidden if path in rows)


@pytest.mark.parametrize("value", ["0", "-1", "x", "2.5", ""])
def test_a_bad_suppress_value_exits_2_with_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    # Refused while reading the arguments, before any database is opened.
    with pytest.raises(SystemExit) as exited:
        main(["report", *PERIOD, "--suppress", value])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("ecogram: --suppress:")
    assert err.count("\n") == 1


def test_xlsx_and_pdf_are_written_to_the_output_file(demo: str, tmp_path: Path) -> None:
    xlsx, pdf = tmp_path / "report.xlsx", tmp_path / "report.pdf"
    assert main(["report", *PERIOD, "--format", "xlsx", "-o", str(xlsx)]) == 0
    assert main(["report", *PERIOD, "--format", "pdf", "--suppress", "5", "-o", str(pdf)]) == 0
    book = load_workbook(io.BytesIO(xlsx.read_bytes()))
    summary = {row[2]: row[1] for row in book["Overzicht"].iter_rows(min_row=2, values_only=True)}
    assert summary["referrals"] == stored_report(demo).totals.referrals
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_the_report_is_dutch_by_default_and_english_with_lang_en(demo: str, tmp_path: Path) -> None:
    dutch, english = tmp_path / "nl.csv", tmp_path / "en.csv"
    assert main(["report", *PERIOD, "--format", "csv", "-o", str(dutch)]) == 0
    assert main(["report", *PERIOD, "--format", "csv", "--lang", "en", "-o", str(english)]) == 0
    assert dutch.read_text("utf-8").splitlines()[:2] == [
        "Meting,Waarde,Sleutel",
        "Netwerk,limburg,network",
    ]
    assert english.read_text("utf-8").splitlines()[:2] == [
        "Measure,Value,Key",
        "Network,limburg,network",
    ]


def test_an_unknown_report_language_exits_2_naming_lang(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["report", *PERIOD, "--lang", "fr"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("ecogram: argument --lang:")
    assert err.count("\n") == 1


def test_binary_formats_refuse_to_print_on_a_terminal(
    demo: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(SystemExit) as exited:
        main(["report", *PERIOD, "--format", "xlsx"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.startswith("ecogram: -o: xlsx is a binary format")


def test_binary_formats_go_to_stdout_when_it_is_redirected(demo: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cli", "report", *PERIOD, "--format", "xlsx"],
        capture_output=True,
        env={**os.environ, "ECOGRAM_DATABASE_URL": demo},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"PK")  # an XLSX is a zip file
    load_workbook(io.BytesIO(result.stdout))
