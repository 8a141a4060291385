"""The published JSON Schema agrees with the app: an independent validator that checks
formats refuses an impossible date, as `ecogram check` does."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from cli.main import main
from ecogram import caseformat
from ecogram.demo import demo_cases
from tests.test_caseformat import example

ROOT = Path(__file__).parent.parent
PACKAGED = ROOT / "ecogram" / "schema" / caseformat.SCHEMA_FILE
PUBLISHED = ROOT / "docs" / "schema" / caseformat.SCHEMA_FILE
IMPOSSIBLE = "2026-02-30"


def format_checking() -> Draft202012Validator:
    """How the docs tell other programs to validate: with format checking switched on."""
    return Draft202012Validator(
        json.loads(PUBLISHED.read_text("utf-8")),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def test_the_schema_published_under_docs_is_the_one_the_app_uses() -> None:
    # One source of truth: docs/schema is a copy; after changing the schema, copy it again.
    assert PUBLISHED.read_bytes() == PACKAGED.read_bytes()


def test_the_schema_itself_is_valid_json_schema_2020_12() -> None:
    Draft202012Validator.check_schema(json.loads(PUBLISHED.read_text("utf-8")))


def test_every_demo_case_and_the_example_pass_a_format_checking_validator() -> None:
    validator = format_checking()
    documents = [
        json.loads(caseformat.dumps(caseformat.parse_document(d)))
        for d in demo_cases(dt.date(2026, 11, 23))
    ]
    for document in [example(), *documents]:
        assert list(validator.iter_errors(document)) == []


IMPOSSIBLE_DATES: dict[str, Callable[[dict[str, Any]], object]] = {
    "case.opened": lambda d: d["case"].update(opened=IMPOSSIBLE),
    "case.expected_date": lambda d: d["case"].update(expected_date=IMPOSSIBLE),
    "roles[0].start": lambda d: d["roles"][0].update(start=IMPOSSIBLE),
    "assessments[0].date": lambda d: d["assessments"][0].update(date=IMPOSSIBLE),
}


@pytest.mark.parametrize("field", list(IMPOSSIBLE_DATES))
def test_an_impossible_date_is_refused_by_the_validator_and_by_ecogram_check(
    field: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = example()
    IMPOSSIBLE_DATES[field](document)
    # The date has the right shape: only the format keyword can tell it is not a day.
    assert list(Draft202012Validator(caseformat.schema()).iter_errors(document)) == []

    errors = list(format_checking().iter_errors(document))
    assert len(errors) == 1
    # A nullable date fails its anyOf because its date branch fails on format.
    causes = [errors[0], *errors[0].context]
    assert any(e.validator == "format" and e.instance == IMPOSSIBLE for e in causes)

    path = tmp_path / "case.json"
    path.write_text(json.dumps(document), "utf-8")
    with pytest.raises(SystemExit) as stopped:
        main(["check", str(path), "--at", dt.date(2026, 2, 1).isoformat()])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{field}: {IMPOSSIBLE} is not a real date" in err
