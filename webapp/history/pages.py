"""Read-only pages of the history tab: a past session, the changes between two, the chart data.

A past state is a transient case parsed from the session's snapshot. It has no
database ids, so its persons and ties are numbered in document order for the
drawing; these numbers never reach a write route. The page and its drawing data
show the past state's read model (`webapp.graphdata.past`), cached per session
like the ecogram tab's: the page builds it, the drawing's request finds it.
"""

from __future__ import annotations

from flask import abort, jsonify, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ecogram import history as core
from ecogram.capabilities import Capability
from ecogram.models import Case, EcogramSession
from exports import visdata
from webapp import database, graphdata
from webapp.access import guarded_case, revision_read
from webapp.history import bp, restore, words
from webapp.labels import format_date


def _session(case: Case, number: int) -> EcogramSession:
    try:
        return core.session_of(database.session(), case.id, number)
    except core.NoSuchSession:
        abort(404)


def _past(case: Case, session: EcogramSession) -> graphdata.Drawn:
    """The read model of the case as it stood at `session`, numbered for drawing."""

    def load() -> Case:
        past = core.case_at_session(database.session(), case.id, session.number)
        for i, person in enumerate(past.persons, start=1):
            person.id = i
        for i, tie in enumerate(past.ties, start=1):
            tie.id = i
        return past

    revision = revision_read(case.id)
    return graphdata.past(case.id, revision, session.number, session.date, load)


@bp.route("/cases/<int:case_id>/history/<int:number>")
def show(case_id: int, number: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.VIEW, "view_history_session")
    session = _session(case, number)
    view = _past(case, session).view
    db = database.session()
    total = core.session_total(db, case.id)
    return render_template(
        "history/show.html",
        case=case,
        tab="history",
        view=view,
        names={person.id: person for person in view.persons},
        session=session,
        total=total,
        steps=restore.listed(case, core.stack.changes_of(db, session.id)),
    )


@bp.route("/cases/<int:case_id>/history/<int:number>/graph.json")
def session_graph(case_id: int, number: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.VIEW, "view_history_session_data")
    view = _past(case, _session(case, number)).view
    # Only what a read-only drawing needs: no prompts, no edit versions.
    return jsonify(visdata.backdrop(view))


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
