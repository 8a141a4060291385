"""Read-only pages of the history tab: a past session, the changes between two, the chart data.

A past state is a transient case parsed from the session's snapshot. It has no
database ids, so its persons and ties are numbered in document order for the
drawing; these numbers never reach a write route.
"""

from __future__ import annotations

from typing import Any

from flask import abort, jsonify, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ecogram import history as core
from ecogram.capabilities import Capability
from ecogram.models import Case
from webapp import database, graphdata
from webapp.access import guarded_case
from webapp.history import bp, restore, words
from webapp.labels import format_date, lang


def _past(case: Case, number: int) -> tuple[Case, Any]:
    """The case as it stood at session `number`, numbered for drawing, and that session."""
    db = database.session()
    try:
        session = core.session_of(db, case.id, number)
    except core.NoSuchSession:
        abort(404)
    past = core.case_at_session(db, case.id, number)
    for i, person in enumerate(past.persons, start=1):
        person.id = i
    for i, tie in enumerate(past.ties, start=1):
        tie.id = i
    return past, session


@bp.route("/cases/<int:case_id>/history/<int:number>")
def show(case_id: int, number: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.VIEW, "view_history_session")
    past, session = _past(case, number)
    db = database.session()
    total = core.session_total(db, case.id)
    return render_template(
        "history/show.html",
        case=case,
        tab="history",
        past=past,
        session=session,
        total=total,
        steps=restore.listed(case, core.stack.changes_of(db, session.id)),
        anchors=graphdata.anchor_ids(past, session.date),
        trusted=past.trusted_person.id if past.trusted_person is not None else None,
    )


@bp.route("/cases/<int:case_id>/history/<int:number>/graph.json")
def session_graph(case_id: int, number: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.VIEW, "view_history_session_data")
    past, session = _past(case, number)
    data = graphdata.build(past, session.date, lang())
    # Only what a read-only drawing needs: no prompts, no edit versions.
    return jsonify({key: data[key] for key in ("nodes", "edges", "rings", "sectors", "radius")})


DIFF_FIELDS = ("from", "to")


@bp.route("/cases/<int:case_id>/history/diff")
def diff(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.VIEW, "view_history_diff")
    db = database.session()
    known = {c.number: c for c in core.session_counts(db, case.id)}
    if not any(request.args.get(name) for name in DIFF_FIELDS):
        # Nothing chosen yet: the page offers the choice rather than scolding.
        return render_template(
            "history/diff.html", case=case, tab="history", errors={}, known=known
        )
    numbers: dict[str, int] = {}
    errors: dict[str, str] = {}
    for name in DIFF_FIELDS:
        raw = request.args.get(name, "").strip()
        label = _("From session") if name == "from" else _("To session")
        if not raw.isdigit():
            errors[name] = _("%(field)s: choose a session number.", field=label)
        elif int(raw) not in known:
            errors[name] = _(
                "%(field)s: there is no session %(number)s.", field=label, number=int(raw)
            )
        else:
            numbers[name] = int(raw)
    if errors:
        return render_template(
            "history/diff.html", case=case, tab="history", errors=errors, known=known
        ), 400
    before = core.case_at_session(db, case.id, numbers["from"])
    after = core.case_at_session(db, case.id, numbers["to"])
    back_persons, back_ties = restore.restorable(case)
    return render_template(
        "history/diff.html",
        case=case,
        tab="history",
        errors={},
        known=known,
        before=known[numbers["from"]],
        after=known[numbers["to"]],
        changes=core.diff(before, after),
        names={p.ref: p.name for p in before.persons} | {p.ref: p.name for p in after.persons},
        field_labels=words.field_labels(),
        back_persons=back_persons,
        back_ties=back_ties,
    )


@bp.route("/cases/<int:case_id>/history/counts.json")
def counts(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.VIEW, "view_history_counts")
    rows = core.session_counts(database.session(), case.id)
    return jsonify(
        {
            "sessions": [
                {
                    "number": row.number,
                    "date": row.date.isoformat(),
                    "label": f"{row.number} · {format_date(row.date)}",
                    "persons": row.persons,
                    "candidates": row.candidates,
                    "url": url_for("history.show", case_id=case.id, number=row.number),
                }
                for row in rows
            ]
        }
    )
