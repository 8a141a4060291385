"""The layer contracts of `make lint` hold, and break on a deliberate wrong-way import.

Each test copies the four packages' Python files and pyproject.toml into a
temporary folder, adds one import that points the wrong way, and runs
import-linter there: the contract must fail and name the import.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("cli", "webapp", "exports", "ecogram")
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _only_python(folder: str, names: list[str]) -> set[str]:
    """What `copytree` leaves out: caches and every file that is not Python."""
    skipped = {"__pycache__"}
    skipped |= {n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()}
    return skipped


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=_only_python)
    shutil.copyfile(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    # The copy comes first on the path, ahead of the installed packages.
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(folder / "pyproject.toml")],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def add_import(folder: Path, module: str, statement: str) -> None:
    path = folder / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text("utf-8") + f"\n{statement}  # deliberately wrong\n", "utf-8")


def test_the_contracts_hold_for_the_code_as_it_is(copy: Path) -> None:
    result = lint_imports(copy)

    assert result.returncode == 0, result.stdout
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "statement", "contract", "named"),
    [
        ("ecogram.report", "import exports.report_csv", "cli -> webapp", "exports.report_csv"),
        ("ecogram.storage", "from webapp import clock", "cli -> webapp", "webapp.clock"),
        ("exports.svg", "import cli.common", "cli -> webapp", "cli.common"),
        ("ecogram.accounts", "import werkzeug.security", "no web framework", "werkzeug"),
        ("ecogram.text", "from flask import request", "no web framework", "flask"),
    ],
)
def test_a_wrong_way_import_breaks_a_contract_and_is_named(
    copy: Path, module: str, statement: str, contract: str, named: str
) -> None:
    add_import(copy, module, statement)

    result = lint_imports(copy)

    assert result.returncode == 1, result.stdout
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(contract in line for line in broken), result.stdout
    assert module in result.stdout and named in result.stdout
