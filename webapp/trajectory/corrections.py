"""Correcting and removing the trajectory's entries, and withdrawing an extension.

Two routes per kind of entry (`entries.ENTRIES`): `.../<path>/<id>` saves the
corrected form, `.../<path>/<id>/delete` removes the entry. Both take the
version the page showed: when the entry changed or went since, the shared
conflict page (409) shows both and nothing is saved. Refused input renders
the page again with the form open and its field marked (400). Every request
is audited by the guard, and a removal's message repeats what was removed, so
it can be entered again when it was removed by mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from flask import abort
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from ecogram.capabilities import Capability
from ecogram.models import Case
from webapp import database
from webapp.access import guarded_case
from webapp.trajectory import bp
from webapp.trajectory.entries import ENTRIES, Entry, entry_form, rows
from webapp.trajectory.forms import VersionForm
from webapp.trajectory.page import conflict, done, open_trajectory, refused, render


def _row(case: Case, entry: Entry, entry_id: int) -> Any:
    trajectory = open_trajectory(case)
    found = next((r for r in rows(trajectory, entry) if r.id == entry_id), None)
    if found is None:
        abort(404)
    return found


def _conflict(
    case: Case, entry: Entry, yours: list[tuple[str, str]], row: Any, sent: int
) -> ResponseReturnValue:
    stored = entry.shown(row)
    lines = [(label, value, stored[i][1]) for i, (label, value) in enumerate(yours)]
    return conflict(case, entry.what(), lines, sent, row.version)


def _commit(make_conflict: Callable[[], ResponseReturnValue]) -> ResponseReturnValue | None:
    try:
        database.session().commit()
    except StaleDataError:
        database.session().rollback()
        return make_conflict()
    return None


def _edit(entry: Entry, case_id: int, entry_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, entry.capability, f"edit_{entry.name}")
    row = _row(case, entry, entry_id)
    trajectory = open_trajectory(case)
    form = entry_form(entry, trajectory)
    if not form.validate():
        return render(case, 400, edit_forms={(entry.name, row.id): form})
    sent = cast(int, form.version.data)
    yours = entry.sent(form)
    if sent != row.version:
        return _conflict(case, entry, yours, row, sent)
    entry.fill(row, form)
    lost = _commit(lambda: _conflict(case, entry, yours, row, sent))
    return lost or done(case, _("Corrected: %(what)s.", what=entry.what()))


def _delete(entry: Entry, case_id: int, entry_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, entry.capability, f"delete_{entry.name}")
    row = _row(case, entry, entry_id)
    form = VersionForm()
    if not form.validate():
        return refused(case, f"{entry.name}-{row.id}", _("Reload the page and try again."))
    sent = cast(int, form.version.data)
    gone = entry.shown(row)
    if sent != row.version:
        return _conflict(case, entry, [(label, "") for label, _value in gone], row, sent)
    rows(open_trajectory(case), entry).remove(row)
    lost = _commit(lambda: _conflict(case, entry, [(label, "") for label, _v in gone], row, sent))
    said = "; ".join(f"{label}: {value}" for label, value in gone if value)
    return lost or done(case, _("Removed %(what)s: %(said)s.", what=entry.what(), said=said))


def _register(entry: Entry) -> None:
    base = f"/cases/<int:case_id>/trajectory/{entry.path}/<int:entry_id>"

    def edit(case_id: int, entry_id: int) -> ResponseReturnValue:
        return _edit(entry, case_id, entry_id)

    def delete(case_id: int, entry_id: int) -> ResponseReturnValue:
        return _delete(entry, case_id, entry_id)

    bp.add_url_rule(base, f"edit_{entry.name}", edit, methods=["POST"])
    bp.add_url_rule(f"{base}/delete", f"delete_{entry.name}", delete, methods=["POST"])


for _entry in ENTRIES:
    _register(_entry)


@bp.route("/cases/<int:case_id>/trajectory/extension/withdraw", methods=["POST"])
def withdraw_extension(case_id: int) -> ResponseReturnValue:
    """The term goes back to 3 months: an extension recorded by mistake, or no longer wanted."""
    case = guarded_case(case_id, Capability.EXTEND, "withdraw_extension")
    trajectory = open_trajectory(case)
    form = VersionForm()
    if not form.validate():
        return refused(case, "term", _("Reload the page and try again."))
    sent = cast(int, form.version.data)

    def stale() -> ResponseReturnValue:
        extended = _("yes") if trajectory.extended else _("no")
        return conflict(
            case,
            _("trajectory term"),
            [(_("Extended"), _("no"), extended)],
            sent,
            trajectory.version,
        )

    if sent != trajectory.version:
        return stale()
    if not trajectory.extended:
        return refused(case, "term", _("The term is not extended; there is nothing to withdraw."))
    trajectory.extended = False
    return _commit(stale) or done(
        case, _("The extension is withdrawn: the term is 3 months again.")
    )
