"""The trajectory's newer fields in the case format: care-table attendance, the child's
perspective, the care plan and the care table each action was decided at.

All are backward compatible: a care table may still be a plain date, and a
file without a care plan means "no actions". Export writes the plain date when
nobody is recorded and no perspective, leaves `care_plan` out when it is empty
and an action's `care_table` when it has none, so files from before these
fields come back byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from cli.main import main
from ecogram import caseformat, storage
from ecogram.caseformat import CaseFormatError, dump_case, loads
from ecogram.vocabulary import CareTableParty
from tests.test_caseformat import EXAMPLE, example, fill_defaults

ACTIONS: list[dict[str, Any]] = [
    {
        "what": "Oma Jet takes Noor on Wednesdays",
        "who": "Oma Jet",
        "due": "2026-01-20",
        "done": False,
    },
    {"what": "Safety plan with Sara", "who": "", "due": None, "done": True},
]


def with_attendance_and_plan() -> dict[str, Any]:
    doc = example()
    doc["trajectory"]["care_tables"] = [
        {"date": "2026-01-06", "present": ["family", "referrer", "experts"]},
        "2026-02-17",
    ]
    doc["trajectory"]["care_plan"] = [dict(a) for a in ACTIONS]
    return doc


def canonical(doc: dict[str, Any]) -> str:
    return caseformat.dumps(loads(json.dumps(doc)))


def test_a_file_without_the_new_fields_still_comes_back_byte_for_byte() -> None:
    text = caseformat.dumps(loads(EXAMPLE.read_text("utf-8")))
    assert '"care_tables": [\n      "2026-01-06"\n    ]' in text
    assert "care_plan" not in text
    assert caseformat.dumps(loads(text)) == text


def test_attendance_and_the_care_plan_come_back_byte_for_byte() -> None:
    text = canonical(with_attendance_and_plan())
    assert caseformat.dumps(loads(text)) == text
    out = json.loads(text)["trajectory"]
    assert out["care_tables"] == [
        {"date": "2026-01-06", "present": ["family", "referrer", "experts"]},
        "2026-02-17",
    ]
    assert out["care_plan"] == ACTIONS


def test_the_care_plan_is_written_right_after_the_care_tables() -> None:
    keys = list(json.loads(canonical(with_attendance_and_plan()))["trajectory"])
    assert keys[keys.index("care_tables") + 1] == "care_plan"


def test_a_care_table_with_nobody_recorded_is_written_as_its_plain_date() -> None:
    doc = example()
    doc["trajectory"]["care_tables"] = [
        {"date": "2026-01-06", "present": []},
        {"date": "2026-01-07"},
    ]
    assert dump_case(loads(json.dumps(doc)))["trajectory"]["care_tables"] == [
        "2026-01-06",
        "2026-01-07",
    ]


def test_an_empty_care_plan_is_left_out_and_defaults_fill_in_a_given_one() -> None:
    doc = example()
    doc["trajectory"]["care_plan"] = []
    assert "care_plan" not in dump_case(loads(json.dumps(doc)))["trajectory"]
    doc["trajectory"]["care_plan"] = [{"what": "Visit the crèche"}]
    assert dump_case(loads(json.dumps(doc)))["trajectory"]["care_plan"] == [
        {"what": "Visit the crèche", "who": "", "due": None, "done": False}
    ]


def test_export_with_the_new_fields_equals_the_import_with_defaults_filled() -> None:
    doc = with_attendance_and_plan()
    assert dump_case(loads(json.dumps(doc))) == fill_defaults(doc)


PERSPECTIVE = "Noor zoekt troost bij Sara.\nBij Oma Jet slaapt ze rustig."


def with_perspective_and_decisions() -> dict[str, Any]:
    doc = with_attendance_and_plan()
    doc["trajectory"]["care_tables"][0]["child_perspective"] = PERSPECTIVE
    doc["trajectory"]["care_plan"][0]["care_table"] = "2026-01-06"
    return doc


def test_the_childs_perspective_and_the_decisions_come_back_byte_for_byte() -> None:
    text = canonical(with_perspective_and_decisions())
    assert caseformat.dumps(loads(text)) == text
    out = json.loads(text)["trajectory"]
    assert out["care_tables"][0] == {
        "date": "2026-01-06",
        "present": ["family", "referrer", "experts"],
        "child_perspective": PERSPECTIVE,
    }
    assert out["care_plan"][0]["care_table"] == "2026-01-06"
    assert "care_table" not in out["care_plan"][1]  # written only when the action has one


def test_a_care_table_with_only_the_childs_perspective_is_written_as_an_object() -> None:
    doc = example()
    doc["trajectory"]["care_tables"] = [{"date": "2026-01-06", "child_perspective": "Lacht."}]
    assert dump_case(loads(json.dumps(doc)))["trajectory"]["care_tables"] == [
        {"date": "2026-01-06", "present": [], "child_perspective": "Lacht."}
    ]


def test_an_action_names_the_care_table_it_was_decided_at() -> None:
    case = loads(json.dumps(with_perspective_and_decisions()))
    assert case.trajectory is not None
    first, second = case.trajectory.actions
    assert first.care_table is case.trajectory.care_tables[0]
    assert second.care_table is None


def test_the_stored_case_gives_back_the_perspective_and_the_decisions(session: Session) -> None:
    text = canonical(with_perspective_and_decisions())
    storage.save_case(session, loads(text))
    session.commit()
    session.expunge_all()
    stored = storage.load_case(session, "c1")
    assert stored is not None
    assert caseformat.dumps(stored) == text


def test_the_schema_lists_exactly_the_care_table_parties_of_the_code() -> None:
    defs = caseformat.schema()["$defs"]
    present = defs["care_table"]["anyOf"][1]["properties"]["present"]
    assert present["items"]["enum"] == [p.value for p in CareTableParty]


def test_the_stored_case_gives_back_attendance_and_the_care_plan(session: Session) -> None:
    text = canonical(with_attendance_and_plan())
    storage.save_case(session, loads(text))
    session.commit()
    session.expunge_all()
    stored = storage.load_case(session, "c1")
    assert stored is not None
    assert caseformat.dumps(stored) == text


def care_table(i: int, value: Any) -> Callable[[dict[str, Any]], object]:
    return lambda d: d["trajectory"]["care_tables"].insert(i, value)


def action(**fields: Any) -> Callable[[dict[str, Any]], object]:
    entry = {"what": "Visit", **fields}
    return lambda d: d["trajectory"].update(care_plan=[ACTIONS[0], entry])


BAD: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
    (
        "an unknown party at a care table",
        care_table(0, {"date": "2026-01-06", "present": ["family", "neighbours"]}),
        'trajectory.care_tables[0].present[1]: "neighbours" is not one of: family, network',
    ),
    (
        "a party listed twice",
        care_table(0, {"date": "2026-01-06", "present": ["family", "family"]}),
        "trajectory.care_tables[0].present: lists the same value twice",
    ),
    (
        "attendance that is not a list",
        care_table(0, {"date": "2026-01-06", "present": "family"}),
        "trajectory.care_tables[0].present: expected a list, got a string",
    ),
    (
        "a care table without a date",
        care_table(0, {"present": ["family"]}),
        "trajectory.care_tables[0].date: this required key is missing",
    ),
    (
        "an unknown key in a care table",
        care_table(0, {"date": "2026-01-06", "room": "3"}),
        "trajectory.care_tables[0].room: unknown key",
    ),
    (
        "an impossible care-table date",
        care_table(0, {"date": "2026-02-30", "present": []}),
        "trajectory.care_tables[0].date: 2026-02-30 is not a real date",
    ),
    (
        "a care table before the referral",
        care_table(0, {"date": "2026-01-04", "present": ["family"]}),
        "trajectory.care_tables[0].date: is before the referral",
    ),
    (
        "a plain care-table date in another form",
        care_table(1, "17/02/2026"),
        'trajectory.care_tables[1]: "17/02/2026" is not a date in the form YYYY-MM-DD',
    ),
    (
        "a care table that is a number",
        care_table(0, 20260106),
        "trajectory.care_tables[0]: expected an object, got a number",
    ),
    (
        "a care plan that is not a list",
        lambda d: d["trajectory"].update(care_plan={"what": "Visit"}),
        "trajectory.care_plan: expected a list, got an object",
    ),
    (
        "an action without what",
        lambda d: d["trajectory"].update(care_plan=[{"who": "Oma Jet"}]),
        "trajectory.care_plan[0].what: this required key is missing",
    ),
    ("an empty what", action(what=""), "trajectory.care_plan[1].what: must not be empty"),
    ("a blank what", action(what="   "), "trajectory.care_plan[1].what: must not be empty"),
    (
        "a what of 301 characters",
        action(what="x" * 301),
        "trajectory.care_plan[1].what: is longer than 300 characters",
    ),
    (
        "a line break in what",
        action(what="Visit\nINFO forged"),
        "trajectory.care_plan[1].what: must not contain control characters",
    ),
    (
        "a who of 201 characters",
        action(who="y" * 201),
        "trajectory.care_plan[1].who: is longer than 200 characters",
    ),
    (
        "a tab in who",
        action(who="Oma\tJet"),
        "trajectory.care_plan[1].who: must not contain control characters",
    ),
    (
        "an impossible due date",
        action(due="2026-02-30"),
        "trajectory.care_plan[1].due: 2026-02-30 is not a real date",
    ),
    (
        "a due date in another form",
        action(due="20-01-2026"),
        'trajectory.care_plan[1].due: "20-01-2026" is not a date in the form YYYY-MM-DD',
    ),
    (
        "a due date before the referral",
        action(due="2026-01-04"),
        "trajectory.care_plan[1].due: is before the referral",
    ),
    (
        "done that is not true or false",
        action(done="yes"),
        "trajectory.care_plan[1].done: expected true or false, got a string",
    ),
    (
        "an unknown key in an action",
        action(owner="Sara"),
        "trajectory.care_plan[1].owner: unknown key",
    ),
    (
        "an action decided at a care table that is not in the file",
        action(care_table="2026-01-07"),
        "trajectory.care_plan[1].care_table: there is no care table on 2026-01-07",
    ),
    (
        "an action's care table in another form",
        action(care_table="06/01/2026"),
        'trajectory.care_plan[1].care_table: "06/01/2026" is not a date in the form YYYY-MM-DD',
    ),
    (
        "a child's perspective of 5001 characters",
        care_table(0, {"date": "2026-01-06", "child_perspective": "z" * 5001}),
        "trajectory.care_tables[0].child_perspective: is longer than 5000 characters",
    ),
    (
        "a control character in the child's perspective",
        care_table(0, {"date": "2026-01-06", "child_perspective": "Noor\x1blacht"}),
        "trajectory.care_tables[0].child_perspective: must not contain control characters",
    ),
]


@pytest.mark.parametrize(
    ("change", "message"), [pytest.param(change, message, id=name) for name, change, message in BAD]
)
def test_it_refuses_bad_trajectory_fields_naming_the_field(
    change: Callable[[dict[str, Any]], object], message: str
) -> None:
    doc = example()
    change(doc)
    with pytest.raises(CaseFormatError) as caught:
        loads(json.dumps(doc))
    assert str(caught.value).startswith(message)


def test_ecogram_check_exits_2_with_one_line_naming_the_party(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = example()
    doc["trajectory"]["care_tables"] = [{"date": "2026-01-06", "present": ["family", "aunt"]}]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["check", str(path)])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f'ecogram: {path}: trajectory.care_tables[0].present[1]: "aunt" is not one of: '
        "family, network, referrer, experts, mandated_service, case_coordinator"
    ]
