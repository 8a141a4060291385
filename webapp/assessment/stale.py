"""A stale assessment form: someone saved a newer assessment since it was loaded.

Assessments are never edited: a save adds one. So a lost update here is not a
row overwritten but a judgement made without seeing a colleague's newer one.
The form carries `basis`, the id of the newest assessment of the person when
it was loaded ("" when there was none); the newest is the last one saved (the
highest id), whatever date it carries, since a backdated save is news too.

A request without `basis` did not come from the form and makes no claim about
what it saw; since saving only adds, it cannot overwrite anything and is
stored as before.
"""

from __future__ import annotations

from flask import url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ecogram import labels
from ecogram.imh_checklist import Item, Rating
from ecogram.models import Assessment, Case, Person
from webapp import conflicts
from webapp.assessment.forms import AssessmentForm
from webapp.conflicts import Conflict, Difference
from webapp.labels import format_date, lang


def newest(person: Person) -> Assessment | None:
    return max(person.assessments, key=lambda a: a.id, default=None)


def basis(person: Person) -> str:
    """What the form carries: the newest assessment's id, or "" when there is none."""
    found = newest(person)
    return "" if found is None else str(found.id)


def is_stale(form: AssessmentForm, person: Person) -> bool:
    sent = form.basis.data
    return sent is not None and sent != basis(person)


def _final(final: bool) -> str:
    return _("final") if final else _("draft")


def _rating(value: str | Rating | None) -> str:
    return labels.label("rating", value, lang()) if value else ""


def conflict(case: Case, person: Person, form: AssessmentForm) -> ResponseReturnValue:
    stored = newest(person)
    by_item = {entry.item: entry for entry in stored.entries} if stored is not None else {}
    fields = [
        Difference(
            "date",
            _("Date"),
            format_date(form.date.data),
            format_date(stored.date) if stored else "",
        ),
        Difference(
            "assessor", _("Assessor"), form.assessor.data or "", stored.assessor if stored else ""
        ),
        Difference(
            "final",
            _("Final"),
            _final(bool(form.final.data)),
            _final(stored.final) if stored else "",
        ),
    ]
    for item in Item:
        entry = by_item.get(item)
        name = labels.label("item", item, lang())
        fields.append(
            Difference(
                f"rating-{item.value}",
                f"{_('Rating')} – {name}",
                _rating(form.rating(item).data),
                _rating(entry.rating if entry else None),
            )
        )
        fields.append(
            Difference(
                f"note-{item.value}",
                f"{_('Note')} – {name}",
                form.note(item).data or "",
                (entry.note or "") if entry else "",
            )
        )
    now = basis(person)
    resubmit = [
        ("date", form.date.data.isoformat() if form.date.data else ""),
        ("assessor", form.assessor.data or ""),
        ("basis", now),
    ]
    if form.final.data:
        resubmit.append(("final", "y"))
    for item in Item:
        resubmit.append((f"rating-{item.value}", str(form.rating(item).data or "")))
        resubmit.append((f"note-{item.value}", form.note(item).data or ""))
    page = url_for("assessment.edit", case_id=case.id, person_id=person.id)
    return conflicts.page(
        Conflict(
            what=_("assessment"),
            fields=fields,
            sent_version=form.basis.data or "—",
            stored_version=now or "—",
            back=page,
            resubmit=page,
            resubmit_fields=resubmit,
            resubmit_note=_(
                "Saving yours anyway adds it as the newest assessment; the other one is kept."
            ),
        ),
        case,
        "assessment",
    )
