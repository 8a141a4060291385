"""How long a closed case is kept, purging what is past it, and erasing one person.

The default follows what a Flemish youth-care file keeps: since 7 July 2019 the
files of integral youth care are kept, after the help ends, until the young
person turns 35 (BVR of 12 February 2014 on integral youth care, articles 20,
61 and 85), and the older rule was 10 years after the help ended. A closed
case is therefore purged once both have passed: 10 years after closing and
the child's 35th birthday. Both are settings, to be confirmed with the data
protection officer of the network (Ecogram may not be the formal file).

Purging deletes the case row; the database's cascades delete everything in
it. What stays is an audit tombstone: the case id, the action "purge", and
no name, because the audit trail outlives the case on purpose.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecogram import history, storage
from ecogram.accounts import AuditEvent, record_audit
from ecogram.dates import BirthDates, add_months, expected_date
from ecogram.models import Case, EcogramSession, Person, SessionChange
from ecogram.vocabulary import PersonKind

ENV_RETENTION_DAYS = "ECOGRAM_RETENTION_DAYS"
ENV_RETENTION_UNTIL_AGE = "ECOGRAM_RETENTION_UNTIL_AGE"
DEFAULT_RETENTION_DAYS = 3653  #: 10 years after closing
DEFAULT_RETENTION_UNTIL_AGE = 35  #: the child's age in years; 0 leaves the age out
#: Who the audit trail names for work the command line does on its own.
SYSTEM_USERNAME, SYSTEM_ROLE = "cli", "system"
#: What stands in a free-text field where an erased person's name stood.
ERASED = "[erased]"


class Closable(BirthDates, Protocol):
    """A case, or what a page keeps of one: the child's dates and the closing day."""

    @property
    def closed(self) -> dt.date | None: ...


class RetentionError(ValueError):
    """A retention setting or an erasure request that cannot be honoured; names the field."""


@dataclass(frozen=True)
class RetentionPolicy:
    days_after_closing: int = DEFAULT_RETENTION_DAYS
    until_age: int = DEFAULT_RETENTION_UNTIL_AGE

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> RetentionPolicy:
        env = os.environ if environ is None else environ
        return cls(
            days_after_closing=_setting(env, ENV_RETENTION_DAYS, DEFAULT_RETENTION_DAYS),
            until_age=_setting(env, ENV_RETENTION_UNTIL_AGE, DEFAULT_RETENTION_UNTIL_AGE),
        )

    def kept_until(self, case: Closable) -> dt.date | None:
        """The last day a closed case is kept; None while the case is open."""
        return None if case.closed is None else self.kept_if_closed_on(case, case.closed)

    def kept_if_closed_on(self, case: BirthDates, closed: dt.date) -> dt.date:
        """The last day the case is kept when it closes (or closed) on `closed`."""
        last = closed + dt.timedelta(days=self.days_after_closing)
        born = case.birth_date or expected_date(case)
        if self.until_age and born is not None:
            # The day before the birthday: on the 35th birthday the case may go.
            last = max(last, add_months(born, 12 * self.until_age) - dt.timedelta(days=1))
        return last


def _setting(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or len(raw) > 6:
        raise RetentionError(f"{name}: use a whole number of at least 0 (got {raw!r})")
    return int(raw)


def system_audit(session: Session, case_id: int, action: str, run: str | None = None) -> AuditEvent:
    """An audit row for work the command line does on its own, named "cli" (role "system")."""
    event = record_audit(
        session,
        user=None,
        case_id=case_id,
        action=action,
        outcome="ok",
        request_id=run or _run_id(),
    )
    event.username, event.user_role = SYSTEM_USERNAME, SYSTEM_ROLE
    return event


# --- Closing and purging -----------------------------------------------------------------


def close_case(session: Session, case: Case, on: dt.date | None) -> None:
    """Close the case on `on` (the retention period runs from it), or reopen it with None."""
    if on is not None and on < case.opened:
        raise RetentionError(
            f"--on: the case was opened on {case.opened.isoformat()}; it cannot close before that"
        )
    case.closed = on
    session.flush()


def due_for_purge(session: Session, at: dt.date, policy: RetentionPolicy) -> list[Case]:
    """Closed cases whose retention period ended before `at`, in id order."""
    closed = session.scalars(select(Case).where(Case.closed.is_not(None)).order_by(Case.id))
    due = []
    for case in closed:
        last = policy.kept_until(case)
        if last is not None and last < at:
            due.append(case)
    return due


def purge(
    session: Session, at: dt.date, policy: RetentionPolicy, *, dry_run: bool = False
) -> list[int]:
    """Delete every case past its retention period; the ids of those (to be) deleted."""
    due = due_for_purge(session, at, policy)
    ids = [case.id for case in due]
    if dry_run:
        return ids
    run = _run_id()
    for case_id, ref in [(case.id, case.ref) for case in due]:
        # One DELETE of the case row; the database's cascades remove everything in it.
        storage.delete_case(session, ref)
        system_audit(session, case_id, "purge", run)
    session.flush()
    return ids


def _run_id() -> str:
    return f"cli-{uuid.uuid4().hex}"


# --- Erasing one person ------------------------------------------------------------------


def find_person(case: Case, person_ref: str) -> Person:
    person = next((p for p in case.persons if p.ref == person_ref), None)
    if person is None:
        raise RetentionError(f"PERSON: the case has no person {person_ref!r}")
    if person.kind is PersonKind.CHILD:
        raise RetentionError(
            "PERSON: the child cannot be erased on its own; close the case and purge it "
            "when its retention period has ended"
        )
    return person


def erase_person(session: Session, case: Case, person_ref: str) -> None:
    """Remove a person from the case everywhere: rows, free text and history snapshots.

    `case` is a stored case with its tree loaded (storage.load_case). The
    person's own rows go with them (assessments, roles); ties, anchor periods,
    the trusted-person link and the reasons kept with findings about them are
    removed; the name is blanked out of other free text of the case (reasons
    included); and every stored session snapshot is scrubbed.
    """
    person = find_person(case, person_ref)
    pattern = _name_pattern(person.name)
    for tie in [t for t in case.ties if person in (t.from_person, t.to_person)]:
        case.ties.remove(tie)
    for period in [a for a in case.anchors if a.person is person]:
        case.anchors.remove(period)
    if case.trusted_person is person:
        case.trusted_person = None
    for reason in [r for r in case.finding_reasons if r.person == person.ref]:
        case.finding_reasons.remove(reason)
    case.persons.remove(person)
    _redact_free_text(case, pattern)
    session.flush()
    _scrub_history(session, case.id, person_ref, pattern)


def _name_pattern(name: str) -> re.Pattern[str]:
    # Whole words only, so erasing "Jet" leaves "Jetski" and "Oma Jetje" alone.
    return re.compile(rf"(?<!\w){re.escape(name.strip())}(?!\w)", re.IGNORECASE)


def _redact(value: str | None, pattern: re.Pattern[str], limit: int | None) -> str | None:
    if not value:
        return value
    redacted = pattern.sub(ERASED, value)
    return redacted[:limit] if limit is not None else redacted


def _redact_free_text(case: Case, pattern: re.Pattern[str]) -> None:
    """Notes and plans written about others may name the person; those words go too."""
    for other in case.persons:
        for assessment in other.assessments:
            assessment.assessor = _redact(assessment.assessor, pattern, 200) or ""
            for entry in assessment.entries:
                entry.note = _redact(entry.note, pattern, None)
    if case.trajectory is not None:
        for action in case.trajectory.actions:
            action.what = _redact(action.what, pattern, 300) or ""
            action.who = _redact(action.who, pattern, 200) or ""
        for item in case.trajectory.budget_items:
            item.what = _redact(item.what, pattern, 200) or ""
        for table in case.trajectory.care_tables:
            table.child_perspective = _redact(table.child_perspective, pattern, None) or ""
    for meeting in case.sessions:
        meeting.present = _redact(meeting.present, pattern, None) or ""
    for reason in case.finding_reasons:
        reason.reason = _redact(reason.reason, pattern, None) or ""


def _scrub_history(
    session: Session, case_id: int, person_ref: str, pattern: re.Pattern[str]
) -> None:
    """Every snapshot and recorded change loses the person, and their name in other text."""
    history.scrub_person(session, case_id, person_ref)
    statement = select(EcogramSession).where(EcogramSession.case_id == case_id)
    for meeting in session.scalars(statement):
        if not meeting.snapshot:
            continue
        document = json.loads(meeting.snapshot)
        redacted = _redact_document(document, pattern)
        if redacted != document:
            # The same canonical layout caseformat.dumps writes.
            meeting.snapshot = json.dumps(redacted, ensure_ascii=False, indent=2) + "\n"
    for change in session.scalars(select(SessionChange).where(SessionChange.case_id == case_id)):
        patch = json.loads(change.patch)
        redacted = _redact_document(patch, pattern)
        if redacted != patch:
            # The layout steps.Patch.dumps writes.
            change.patch = json.dumps(redacted, ensure_ascii=False, sort_keys=True)


def _redact_document(value: Any, pattern: re.Pattern[str], key: str = "") -> Any:
    """Every string of a case document but the other persons' names, with the name blanked."""
    if isinstance(value, dict):
        return {k: _redact_document(v, pattern, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact_document(v, pattern, key) for v in value]
    if isinstance(value, str) and key != "name":
        return pattern.sub(ERASED, value)
    return value
