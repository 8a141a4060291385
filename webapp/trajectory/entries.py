"""The trajectory's entries that can be corrected or removed, one row of a table each.

Care tables (with who was present), care-plan actions, evaluations, budget
items and stays share one way of being corrected (`corrections`): the form
the page showed, with the row's version, writes every field again; removing
takes the version too. This table says, per kind of entry, where it lives,
who may change it, which form edits it, and how it reads.

A stay's last day is stored as the last day itself ("van ... tot en met ..."),
as the form asks for it, so no day is added or taken off here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from ecogram.capabilities import Capability
from ecogram.models import CarePlanAction, CareTable, Evaluation, Stay, Trajectory
from ecogram.vocabulary import BudgetCategory, CareTableParty, StayKind
from webapp.labels import format_date, money
from webapp.trajectory.forms import (
    EditActionForm,
    EditBudgetForm,
    EditCareTableForm,
    EditEvaluationForm,
    EditStayForm,
    VersionForm,
)
from webapp.trajectory.words import CATEGORIES, PARTIES, STAYS

#: (label, value as words) for each field: the conflict page's rows and the removal message.
Shown = list[tuple[str, str]]


@dataclass(frozen=True)
class Entry:
    name: str  #: in endpoints and audit actions: edit_<name>, delete_<name>
    path: str  #: in URLs
    collection: str  #: the trajectory's list
    capability: Capability
    form: type[VersionForm]
    what: Callable[[], str]  #: "care table", in the user's language
    fill: Callable[[Any, Any], None]  #: (row, validated form)
    shown: Callable[[Any], Shown]  #: a row's fields as words
    sent: Callable[[Any], Shown]  #: a form's fields as words


def _parties(values: list[str] | None) -> str:
    return ", ".join(str(PARTIES[v]) for v in values or [] if v in PARTIES)


def _present(chosen: list[str] | None) -> list[str]:
    # Stored in the vocabulary's order, whatever order the browser sent (and once each).
    return [party.value for party in CareTableParty if party.value in set(chosen or [])]


def _care_table(row: CareTable, form: EditCareTableForm) -> None:
    row.date = form.date.data or row.date
    row.present = _present(form.present.data)
    row.child_perspective = form.child_perspective.data or ""


def _action(row: CarePlanAction, form: EditActionForm) -> None:
    row.what = form.what.data or row.what
    row.who = form.who.data or ""
    row.due = form.due.data
    row.done = bool(form.done.data)
    tables = row.trajectory.care_tables
    row.care_table = next((t for t in tables if t.id == form.care_table.data), None)


def _evaluation(row: Evaluation, form: EditEvaluationForm) -> None:
    row.date = form.date.data or row.date


def _budget(row: Any, form: EditBudgetForm) -> None:
    row.date = form.date.data or row.date
    row.category = BudgetCategory(form.category.data)
    row.amount = form.amount.data if form.amount.data is not None else row.amount
    row.what = form.what.data or ""


def _stay(row: Stay, form: EditStayForm) -> None:
    row.kind = StayKind(form.kind.data)
    row.start = form.start.data or row.start
    row.end = form.end.data


def _day(value: dt.date | None) -> str:
    return format_date(value)


def _yes(value: object) -> str:
    return _("done") if value else _("open")


ENTRIES: tuple[Entry, ...] = (
    Entry(
        "care_table",
        "care-tables",
        "care_tables",
        Capability.RECORD_TRAJECTORY,
        EditCareTableForm,
        lambda: _("care table"),
        _care_table,
        lambda r: [
            (_("Date"), _day(r.date)),
            (_("Present"), _parties(r.present)),
            (_("The child's perspective"), r.child_perspective),
        ],
        lambda f: [
            (_("Date"), _day(f.date.data)),
            (_("Present"), _parties(f.present.data)),
            (_("The child's perspective"), f.child_perspective.data or ""),
        ],
    ),
    Entry(
        "action",
        "actions",
        "actions",
        Capability.RECORD_TRAJECTORY,
        EditActionForm,
        lambda: _("care-plan action"),
        _action,
        lambda r: [
            (_("What"), r.what),
            (_("Who"), r.who),
            (_("By when"), _day(r.due)),
            (_("State"), _yes(r.done)),
        ],
        lambda f: [
            (_("What"), f.what.data or ""),
            (_("Who"), f.who.data or ""),
            (_("By when"), _day(f.due.data)),
            (_("State"), _yes(f.done.data)),
        ],
    ),
    Entry(
        "evaluation",
        "evaluations",
        "evaluations",
        Capability.RECORD_TRAJECTORY,
        EditEvaluationForm,
        lambda: _("evaluation"),
        _evaluation,
        lambda r: [(_("Date"), _day(r.date))],
        lambda f: [(_("Date"), _day(f.date.data))],
    ),
    Entry(
        "budget_item",
        "budget",
        "budget_items",
        Capability.SPEND_BUDGET,
        EditBudgetForm,
        lambda: _("budget item"),
        _budget,
        lambda r: [
            (_("Date"), _day(r.date)),
            (_("Category"), str(CATEGORIES[r.category])),
            (_("Amount"), money(r.amount)),
            (_("What it pays for"), r.what),
        ],
        lambda f: [
            (_("Date"), _day(f.date.data)),
            (_("Category"), str(CATEGORIES.get(f.category.data or "", ""))),
            (_("Amount"), "" if f.amount.data is None else money(f.amount.data)),
            (_("What it pays for"), f.what.data or ""),
        ],
    ),
    Entry(
        "stay",
        "stays",
        "stays",
        Capability.RECORD_TRAJECTORY,
        EditStayForm,
        lambda: _("stay"),
        _stay,
        lambda r: [
            (_("Where"), str(STAYS[r.kind])),
            (_("First day"), _day(r.start)),
            (_("Last day"), _day(r.end) or _("ongoing")),
        ],
        lambda f: [
            (_("Where"), str(STAYS.get(f.kind.data or "", ""))),
            (_("First day"), _day(f.start.data)),
            (_("Last day"), _day(f.end.data) or _("ongoing")),
        ],
    ),
)
BY_NAME = {entry.name: entry for entry in ENTRIES}


def entry_form(entry: Entry, trajectory: Trajectory, **given: Any) -> Any:
    """The edit form of `entry`: an action's offers the trajectory's care tables."""
    if entry.name == "action":
        given["tables"] = trajectory.care_tables
    return entry.form(referred=trajectory.referred, **given)


def rows(trajectory: Trajectory, entry: Entry) -> list[Any]:
    found: list[Any] = getattr(trajectory, entry.collection)
    return found


def forms(trajectory: Trajectory, given: dict[tuple[str, int], Any]) -> dict[tuple[str, int], Any]:
    """An edit form for every entry, filled from the row; `given` holds refused ones."""
    built: dict[tuple[str, int], Any] = {}
    for entry in ENTRIES:
        for row in rows(trajectory, entry):
            key = (entry.name, row.id)
            form = given.get(key)
            if form is None:
                form = entry_form(entry, trajectory, formdata=None, obj=row)
                form.version.data = row.version
                if entry.name == "action":
                    form.care_table.data = None if row.care_table is None else row.care_table.id
            built[key] = form
    return built
