"""`ecogram check --ahead`: findings ahead with their day, and the exit code over every day.

The design example on 25 January 2026: Oma Jet's respite starts on 1 February on an
assessment that leaves five knock-out items of respite unknown, so the plan holds no
error today but five from 1 February on.
"""

from __future__ import annotations

import json

import pytest

from tests.test_caseformat import EXAMPLE
from tests.test_cli import run_cli

AT = ["--at", "2026-01-25"]
KNOCKOUTS = ["life_stability", "with_parents", "protection", "record_checks", "home_practical"]


def test_without_ahead_the_error_of_next_week_is_not_checked_and_the_exit_code_is_0() -> None:
    result = run_cli("check", str(EXAMPLE), *AT, "--format", "json")
    assert result.returncode == 0
    listed = json.loads(result.stdout)
    assert {f["on"] for f in listed} == {"2026-01-25"}
    assert "ROLE_KNOCKOUT" not in {f["code"] for f in listed}


def test_ahead_adds_the_errors_of_next_week_with_their_day_and_exits_1() -> None:
    result = run_cli("check", str(EXAMPLE), *AT, "--ahead", "7", "--format", "json")
    assert result.returncode == 1
    listed = json.loads(result.stdout)
    today = [f for f in listed if f["on"] == "2026-01-25"]
    ahead = [f for f in listed if f["on"] != "2026-01-25"]
    assert [f["code"] for f in today] == ["CHILD_PERSPECTIVE_MISSING", "FEW_PERSONS_MAPPED"] + [
        "EMPTY_SECTOR"
    ] * 4
    knockouts = [f for f in ahead if f["code"] == "ROLE_KNOCKOUT"]
    assert [(f["on"], f["person"], f["role"], f["item"]) for f in knockouts] == [
        ("2026-02-01", "p3", "respite", item) for item in KNOCKOUTS
    ]
    assert listed.index(knockouts[0]) > listed.index(today[-1])  # today's come first


def test_a_horizon_that_ends_the_day_before_the_change_finds_nothing_ahead() -> None:
    result = run_cli("check", str(EXAMPLE), *AT, "--ahead", "6", "--format", "json")
    assert result.returncode == 0
    assert {f["on"] for f in json.loads(result.stdout)} == {"2026-01-25"}


def test_the_text_says_from_which_day_a_finding_ahead_holds() -> None:
    result = run_cli("check", str(EXAMPLE), *AT, "--ahead", "7", "--lang", "en")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("warning  The care table of 6 January 2026")
    assert lines[6].startswith("error    from 1 February 2026: Oma Jet is rated U (unknown) on")
    assert lines[-1] == "5 errors, 7 warnings, 5 notes"
    dutch = run_cli("check", str(EXAMPLE), *AT, "--ahead", "7").stdout.splitlines()
    assert dutch[6].startswith("fout          vanaf 1 februari 2026: Oma Jet scoort U")


@pytest.mark.parametrize("days", ["-1", "seven", "3654", "1.5"])
def test_a_bad_horizon_exits_2_with_one_line_naming_ahead(days: str) -> None:
    result = run_cli("check", str(EXAMPLE), *AT, "--ahead", days)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "argument --ahead:" in result.stderr
