"""Retention and erasure: closing a case, purging what is past its retention
period (with an audit tombstone), and erasing one person from everything.

Storage tests run on SQLite and on PostgreSQL; "everywhere" is checked by
reading every row of every table, and the case's JSON export, as text.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from cli.main import main
from ecogram import caseformat, history, storage
from ecogram.accounts import AuditEvent, CaseAssignment, UserRole, add_user, assign
from ecogram.db import session_scope
from ecogram.models import (
    AnchorPeriod,
    CarePlanAction,
    CareTable,
    Case,
    FindingReason,
    Person,
    Tie,
)
from ecogram.retention import (
    DEFAULT_RETENTION_DAYS,
    DEFAULT_RETENTION_UNTIL_AGE,
    ERASED,
    RetentionError,
    RetentionPolicy,
    close_case,
    erase_person,
    purge,
)
from tests.test_backup import tables

EXAMPLE = Path(__file__).parent / "data" / "design_example.json"
DAYS_ONLY = RetentionPolicy(days_after_closing=100, until_age=0)
CLOSED = dt.date(2026, 6, 30)


def example(ref: str = "c1") -> Case:
    document = json.loads(EXAMPLE.read_text("utf-8"))
    document["case"]["id"] = ref
    return caseformat.parse_document(document)


def store(engine: Engine, ref: str = "c1", closed: dt.date | None = None) -> int:
    with session_scope(engine) as session:
        case = storage.save_case(session, example(ref))
        case.closed = closed
        worker = add_user(
            session, username=f"worker-{ref}", password="x" * 12, role=UserRole.CONTEXT_WORKER
        )
        assign(session, worker, case)
        return case.id


def cli(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as stop:
        return int(stop.code or 0)


def as_text(engine: Engine) -> str:
    return json.dumps(tables(engine), default=str, ensure_ascii=False)


# --- The policy ---------------------------------------------------------------------------


def test_an_open_case_is_kept_whatever_the_policy() -> None:
    assert DAYS_ONLY.kept_until(example()) is None


def test_a_closed_case_is_kept_for_the_days_after_closing() -> None:
    case = example()
    case.closed = CLOSED
    assert DAYS_ONLY.kept_until(case) == CLOSED + dt.timedelta(days=100)


def test_a_closed_case_is_kept_until_the_day_before_the_childs_birthday_at_that_age() -> None:
    case = example()
    case.closed, case.birth_date = CLOSED, dt.date(2026, 2, 28)
    policy = RetentionPolicy(days_after_closing=10, until_age=35)
    assert policy.kept_until(case) == dt.date(2061, 2, 27)


def test_an_unborn_childs_expected_date_counts_for_the_age() -> None:
    case = example()  # birth_date null, expected 2026-03-01
    case.closed = CLOSED
    assert RetentionPolicy(0, 35).kept_until(case) == dt.date(2061, 2, 28)


def test_the_default_keeps_a_case_ten_years_and_until_the_child_is_35() -> None:
    policy = RetentionPolicy.from_environment({})
    assert (policy.days_after_closing, policy.until_age) == (3653, 35)
    assert (DEFAULT_RETENTION_DAYS, DEFAULT_RETENTION_UNTIL_AGE) == (3653, 35)


def test_the_settings_come_from_the_environment() -> None:
    env = {"ECOGRAM_RETENTION_DAYS": "30", "ECOGRAM_RETENTION_UNTIL_AGE": "0"}
    assert RetentionPolicy.from_environment(env) == RetentionPolicy(30, 0)


@pytest.mark.parametrize("value", ["-1", "ten", "1.5", "9999999"])
def test_a_bad_setting_is_refused_naming_the_variable(value: str) -> None:
    with pytest.raises(RetentionError, match=r"^ECOGRAM_RETENTION_DAYS: use a whole number"):
        RetentionPolicy.from_environment({"ECOGRAM_RETENTION_DAYS": value})


# --- Purging ------------------------------------------------------------------------------


def _case_rows(engine: Engine, case_id: int) -> int:
    with session_scope(engine) as session:
        counts = [
            session.scalar(select(func.count()).where(Person.case_id == case_id)),
            session.scalar(select(func.count()).where(Tie.case_id == case_id)),
            session.scalar(select(func.count()).where(AnchorPeriod.case_id == case_id)),
            session.scalar(select(func.count()).where(CaseAssignment.case_id == case_id)),
            session.scalar(select(func.count()).where(Case.id == case_id)),
        ]
    return sum(c or 0 for c in counts)


def test_purge_deletes_a_case_the_day_after_its_retention_period_and_not_on_its_last_day(
    engine: Engine,
) -> None:
    case_id = store(engine, closed=CLOSED)
    last_day = CLOSED + dt.timedelta(days=100)
    with session_scope(engine) as session:
        assert purge(session, last_day, DAYS_ONLY) == []
    assert _case_rows(engine, case_id) > 0
    with session_scope(engine) as session:
        assert purge(session, last_day + dt.timedelta(days=1), DAYS_ONLY) == [case_id]
    assert _case_rows(engine, case_id) == 0


def test_purge_removes_every_row_of_the_case_and_leaves_the_other_cases(engine: Engine) -> None:
    gone = store(engine, "c1", closed=CLOSED)
    kept_open = store(engine, "c2", closed=None)
    kept_recent = store(engine, "c3", closed=dt.date(2026, 11, 1))
    with session_scope(engine) as session:
        assert purge(session, dt.date(2026, 11, 23), DAYS_ONLY) == [gone]
    assert _case_rows(engine, gone) == 0
    assert _case_rows(engine, kept_open) > 0 and _case_rows(engine, kept_recent) > 0
    # Nothing of the purged case is left anywhere, history snapshots included.
    with session_scope(engine) as session:
        assert history.session_total(session, gone) == 0
        assert storage.list_case_refs(session) == ["c2", "c3"]


def test_purge_leaves_an_audit_tombstone_without_a_name(engine: Engine) -> None:
    case_id = store(engine, closed=CLOSED)
    with session_scope(engine) as session:
        purge(session, dt.date(2027, 1, 1), DAYS_ONLY)
    with session_scope(engine) as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "purge")).one()
        assert (event.case_id, event.username, event.user_role, event.outcome) == (
            case_id,
            "cli",
            "system",
            "ok",
        )
    assert "Oma Jet" not in as_text(engine) and "Baby Noor" not in as_text(engine)


def test_a_dry_run_counts_but_deletes_nothing_and_leaves_no_tombstone(engine: Engine) -> None:
    case_id = store(engine, closed=CLOSED)
    before = tables(engine)
    with session_scope(engine) as session:
        assert purge(session, dt.date(2027, 1, 1), DAYS_ONLY, dry_run=True) == [case_id]
    assert tables(engine) == before


def test_the_purge_command_prints_a_count_and_no_names(
    engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store(engine, "c1", closed=CLOSED)
    store(engine, "c2", closed=None)
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", db_url)
    monkeypatch.setenv("ECOGRAM_RETENTION_DAYS", "100")
    monkeypatch.setenv("ECOGRAM_RETENTION_UNTIL_AGE", "0")

    assert cli("purge", "--dry-run", "--at", "2027-01-01") == 0
    assert capsys.readouterr().out == (
        "Would purge 1 closed case(s) past the retention period on 2027-01-01\n"
    )
    assert cli("purge", "--at", "2027-01-01") == 0
    assert capsys.readouterr().out == (
        "Purged 1 closed case(s) past the retention period on 2027-01-01\n"
    )
    with session_scope(engine) as session:
        assert storage.list_case_refs(session) == ["c2"]


def test_the_purge_command_refuses_a_bad_setting_in_one_line(
    engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", db_url)
    monkeypatch.setenv("ECOGRAM_RETENTION_DAYS", "five years")
    assert cli("purge") == 2
    err = capsys.readouterr().err
    assert err.startswith("ecogram: ECOGRAM_RETENTION_DAYS:") and err.count("\n") == 1


# --- Closing ------------------------------------------------------------------------------


def test_the_close_command_closes_and_reopens_a_case_with_a_trail(
    engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = store(engine)
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", db_url)
    assert cli("close", "c1", "--on", "2026-06-30") == 0
    with session_scope(engine) as session:
        assert session.scalar(select(Case.closed)) == CLOSED
    assert cli("close", "c1", "--reopen") == 0
    with session_scope(engine) as session:
        assert session.scalar(select(Case.closed)) is None
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.case_id == case_id).order_by(AuditEvent.id)
        )
        assert list(actions) == ["close_case", "reopen_case"]


def test_a_case_cannot_close_before_it_opened(
    engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store(engine)
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", db_url)
    assert cli("close", "c1", "--on", "2026-01-04") == 2
    assert capsys.readouterr().err == (
        "ecogram: --on: the case was opened on 2026-01-05; it cannot close before that\n"
    )
    with session_scope(engine) as session:
        assert session.scalar(select(Case.closed)) is None


def test_closing_an_unknown_case_exits_2(
    engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", db_url)
    assert cli("close", "c404") == 2
    assert capsys.readouterr().err == "ecogram: CASE: there is no case with id 'c404'\n"


# --- Erasing one person -------------------------------------------------------------------


def rich(engine: Engine) -> int:
    """The example, with Oma Jet also named in others' notes, a plan, a session and as anchor."""
    case_id = store(engine)
    with session_scope(engine) as session:
        case = storage.load_case(session, "c1")
        assert case is not None
        oma = next(p for p in case.persons if p.name == "Oma Jet")
        sara = next(p for p in case.persons if p.name == "Sara")
        case.anchors[0].end = dt.date(2026, 6, 1)
        case.anchors.append(AnchorPeriod(person=oma, start=dt.date(2026, 6, 1)))
        assert case.trajectory is not None
        case.trajectory.actions.append(
            CarePlanAction(what="Oma Jet haalt Noor op", who="oma jet", due=None)
        )
        case.trajectory.budget_items[0].what = "kinderstoel voor Oma Jet"
        case.trajectory.care_tables[0].child_perspective = "Noor lacht naar Oma Jet."
        for about in (oma.ref, sara.ref):  # a reason about her, and one naming her
            case.finding_reasons.append(
                FindingReason(
                    code="ROLE_KNOCKOUT",
                    person=about,
                    held_from=dt.date(2026, 2, 1),
                    reason="Besproken: Oma Jet volgt de veiligheidsplanning.",
                    saved_on=dt.date(2026, 1, 20),
                    user_id=None,
                    user_name="worker",
                )
            )
        note = next(e for e in oma.assessments[0].entries if e.note)
        note.note = "Troost Noor snel; Sara vertrouwt Oma Jet."
        sara.household = "h1"
        session.flush()
        meeting = history.open_session(
            session, case, date=dt.date(2026, 6, 1), present="Sara, Oma Jet", user_id=None
        )
        session.flush()
        assert "Oma Jet" in meeting.snapshot
    return case_id


def _erase(session: Session, ref: str) -> None:
    case = storage.load_case(session, "c1")
    assert case is not None
    erase_person(session, case, ref)


def test_erasing_a_person_removes_them_from_every_table(engine: Engine) -> None:
    rich(engine)
    assert "Oma Jet" in as_text(engine)
    with session_scope(engine) as session:
        _erase(session, "p3")
    text = as_text(engine).lower()
    assert "oma jet" not in text
    assert ERASED in text  # where others' words named her


def test_erasing_a_person_removes_their_ties_roles_assessments_anchor_and_trust(
    engine: Engine,
) -> None:
    rich(engine)
    with session_scope(engine) as session:
        _erase(session, "p3")
    with session_scope(engine) as session:
        case = storage.load_case(session, "c1")
        assert case is not None
        assert [p.ref for p in case.persons] == ["p1", "p2"]
        assert case.ties == [] and case.trusted_person is None
        assert [(a.person.ref, a.end) for a in case.anchors] == [("p2", dt.date(2026, 6, 1))]
        assert case.persons[1].household == "h1"  # the others keep everything


def test_erasing_a_person_removes_the_reasons_about_them_and_their_name_from_the_others(
    engine: Engine,
) -> None:
    rich(engine)
    with session_scope(engine) as session:
        _erase(session, "p3")
    with session_scope(engine) as session:
        kept = [(r.person, r.reason) for r in session.scalars(select(FindingReason))]
        perspective = session.scalar(select(CareTable.child_perspective))
    assert kept == [("p2", f"Besproken: {ERASED} volgt de veiligheidsplanning.")]
    assert perspective == f"Noor lacht naar {ERASED}."


def test_an_erased_person_is_absent_from_the_json_export_and_every_snapshot(
    engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = rich(engine)
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", db_url)
    assert cli("erase", "c1", "p3") == 0
    assert capsys.readouterr().out == "Erased person p3 from case c1\n"

    assert cli("export", "c1") == 0
    exported = capsys.readouterr().out
    assert "oma jet" not in exported.lower() and '"p3"' not in exported
    with session_scope(engine) as session:
        snapshots = [
            history.case_at_session(session, case_id, n)
            for n in range(1, history.session_total(session, case_id) + 1)
        ]
        assert len(snapshots) == 2
        for snapshot in snapshots:
            text = caseformat.dumps(snapshot).lower()
            assert "oma jet" not in text and '"p3"' not in text
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "erase_person")).one()
        assert (event.case_id, event.username) == (case_id, "cli")


def test_erasing_a_name_leaves_words_that_only_contain_it(engine: Engine) -> None:
    rich(engine)
    with session_scope(engine) as session:
        case = storage.load_case(session, "c1")
        assert case is not None and case.trajectory is not None
        case.trajectory.actions[0].what = "Oma Jetje en Oma Jet"
    with session_scope(engine) as session:
        _erase(session, "p3")
    with session_scope(engine) as session:
        what = session.scalar(select(CarePlanAction.what))
    assert what == f"Oma Jetje en {ERASED}"


def test_the_child_cannot_be_erased_and_nothing_changes(
    engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rich(engine)
    before = tables(engine)
    with session_scope(engine) as session, pytest.raises(RetentionError, match="child"):
        _erase(session, "p1")
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", db_url)
    assert cli("erase", "c1", "p1") == 2
    err = capsys.readouterr().err
    assert err.startswith("ecogram: PERSON: the child cannot be erased") and err.count("\n") == 1
    assert tables(engine) == before


def test_erasing_an_unknown_person_exits_2_naming_the_argument(
    engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rich(engine)
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", db_url)
    assert cli("erase", "c1", "p9") == 2
    assert capsys.readouterr().err == "ecogram: PERSON: the case has no person 'p9'\n"
    assert cli("erase", "c9", "p3") == 2
    assert capsys.readouterr().err == "ecogram: CASE: there is no case with id 'c9'\n"


def test_closing_records_the_day_the_retention_period_starts(engine: Engine) -> None:
    store(engine)
    with session_scope(engine) as session:
        case = storage.load_case(session, "c1")
        assert case is not None
        close_case(session, case, CLOSED)
    with session_scope(engine) as session:
        case = storage.load_case(session, "c1")
        assert case is not None and case.closed == CLOSED
        assert DAYS_ONLY.kept_until(case) == dt.date(2026, 10, 8)
