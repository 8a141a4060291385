"""Stale forms on the roles page: ending a role, its nights, a new anchor, the trusted person.

Each form carries the version of what it changes: the role's `version`, the
case's `version` for the trusted person (a column of the case), and for the
anchor a token of every anchor period's id and version, because designating
an anchor closes the open period and any change to the history since the
page was loaded (a new anchor, a closed period) makes the choice stale.
"""

from __future__ import annotations

import datetime as dt

from flask import url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ecogram import labels
from ecogram.models import Case, Person, RoleAssignment
from ecogram.vocabulary import Role, RoleEndReason
from webapp import conflicts
from webapp.conflicts import Conflict, Difference
from webapp.labels import format_date, label, lang

TAB = "roles"
DAY = dt.timedelta(days=1)


def anchor_version(case: Case) -> str:
    """The anchor history's version, as the set-anchor form carries it."""
    periods = sorted(case.anchors, key=lambda period: period.id)
    return "-".join(f"{period.id}.{period.version}" for period in periods) or "none"


def role_label(role: Role) -> str:
    return labels.label("role", role, lang())


def _back(case: Case) -> str:
    return url_for("roles.index", case_id=case.id)


def _day(day: dt.date | None) -> str:
    return format_date(day) if day is not None else _("open")


def _last(end: dt.date | None) -> str:
    """A stored half-open end as people say it: the last day, or open."""
    return _day(None if end is None else end - DAY)


def _role_rows(stored: RoleAssignment) -> list[Difference]:
    return [
        Difference("role", _("Role"), role_label(stored.role), role_label(stored.role)),
        Difference("start", _("From"), format_date(stored.start), format_date(stored.start)),
    ]


def role_end(
    case: Case,
    stored: RoleAssignment,
    sent_last: dt.date,
    sent_reason: RoleEndReason,
    sent_version: int,
) -> ResponseReturnValue:
    nights = str(stored.nights_per_week)
    conflict = Conflict(
        what=_("role"),
        fields=[
            *_role_rows(stored),
            Difference(
                "last_day", _("Up to and including"), format_date(sent_last), _last(stored.end)
            ),
            Difference(
                "reason",
                _("Why the role ends"),
                label("end_reason", sent_reason),
                label("end_reason", stored.end_reason),
            ),
            Difference("nights", _("Nights per week"), nights, nights),
        ],
        sent_version=str(sent_version),
        stored_version=str(stored.version),
        back=_back(case),
        resubmit=url_for("roles.end", case_id=case.id, role_id=stored.id),
        resubmit_fields=[
            ("last_day", sent_last.isoformat()),
            ("reason", sent_reason.value),
            ("version", str(stored.version)),
        ],
    )
    return conflicts.page(conflict, case, TAB)


def nights(
    case: Case, stored: RoleAssignment, start: dt.date, sent_nights: int, sent_version: int
) -> ResponseReturnValue:
    conflict = Conflict(
        what=_("role"),
        fields=[
            *_role_rows(stored),
            Difference("last_day", _("Up to and including"), _last(stored.end), _last(stored.end)),
            Difference(
                "nights", _("Nights per week"), str(sent_nights), str(stored.nights_per_week)
            ),
        ],
        sent_version=str(sent_version),
        stored_version=str(stored.version),
        back=_back(case),
        resubmit=url_for("roles.change_nights", case_id=case.id, role_id=stored.id),
        resubmit_fields=[
            ("from", start.isoformat()),
            ("nights_per_week", str(sent_nights)),
            ("version", str(stored.version)),
        ],
    )
    return conflicts.page(conflict, case, TAB)


def _current_anchor(case: Case) -> tuple[str, str]:
    open_periods = sorted((p for p in case.anchors if p.end is None), key=lambda p: p.start)
    if not open_periods:
        return _("nobody"), ""
    names = ", ".join(p.person.name for p in open_periods)
    return names, ", ".join(format_date(p.start) for p in open_periods)


def anchor(case: Case, person: Person, start: dt.date, sent_version: str) -> ResponseReturnValue:
    stored_name, stored_start = _current_anchor(case)
    history = "; ".join(
        f"{p.person.name}: {format_date(p.start)} – {_last(p.end)}"
        for p in sorted(case.anchors, key=lambda p: (p.start, p.id))
    )
    stored = anchor_version(case)
    conflict = Conflict(
        what=_("anchor history"),
        fields=[
            Difference("person", _("Anchor"), person.name, stored_name),
            Difference("from", _("From"), format_date(start), stored_start),
            Difference("history", _("History"), "", history),
        ],
        sent_version=sent_version,
        stored_version=stored,
        back=_back(case),
        resubmit=url_for("roles.set_anchor", case_id=case.id),
        resubmit_fields=[
            ("person", str(person.id)),
            ("from", start.isoformat()),
            ("version", stored),
        ],
    )
    return conflicts.page(conflict, case, TAB)


def trusted(case: Case, person: Person | None, sent_version: int) -> ResponseReturnValue:
    nobody = _("nobody")
    stored_person = case.trusted_person
    conflict = Conflict(
        what=_("trusted person"),
        fields=[
            Difference(
                "person",
                _("Trusted person"),
                person.name if person is not None else nobody,
                stored_person.name if stored_person is not None else nobody,
            )
        ],
        sent_version=str(sent_version),
        stored_version=str(case.version),
        back=_back(case),
        resubmit=url_for("roles.set_trusted", case_id=case.id),
        resubmit_fields=[
            ("person", str(person.id) if person is not None else ""),
            ("version", str(case.version)),
        ],
    )
    return conflicts.page(conflict, case, TAB)
