"""The command line loads only what its subcommand needs, so it starts quickly.

Each case runs in a fresh interpreter and lists the modules the run imported;
start-up times themselves are measured by `make bench`, never here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ecogram import caseformat
from tests.factories import make_network_case

LIST_MODULES = """
import json, sys
sys.argv = ["ecogram", *json.loads(sys.argv[1])]
from cli.main import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
sys.stderr.write(json.dumps(sorted(sys.modules)))
"""
#: Libraries no subcommand below may load: the database engine, the web, the files.
EVERY_RUN_SKIPS = {
    "alembic",
    "cairosvg",
    "flask",
    "IPython",
    "matplotlib",
    "openpyxl",
    "pyvis",
    "weasyprint",
}


def imported(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", LIST_MODULES, json.dumps(args)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return {name.split(".")[0] for name in json.loads(done.stderr.splitlines()[-1])}


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("report", "--help")])
def test_asking_for_help_loads_no_database_rules_or_file_library(args: tuple[str, ...]) -> None:
    loaded = imported(*args)
    assert loaded.isdisjoint(EVERY_RUN_SKIPS | {"sqlalchemy", "networkx", "jsonschema", "babel"})


def test_check_loads_the_rules_and_the_case_format_but_no_orm_or_export(
    tmp_path: Path,
) -> None:
    case_file = tmp_path / "case.json"
    case_file.write_text(caseformat.dumps(make_network_case(40, ref="c40")), "utf-8")
    loaded = imported("check", str(case_file), "--at", "2026-11-23")
    assert {"networkx", "jsonschema"} <= loaded
    # The file is read into plain objects (ecogram.casetree), so not even the ORM loads.
    assert loaded.isdisjoint(EVERY_RUN_SKIPS | {"psycopg", "platformdirs", "sqlalchemy"})
