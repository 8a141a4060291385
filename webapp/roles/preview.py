"""Look before you save: a change to the plan shows what it would cause, today and ahead.

`screen` asks the core (`ecogram.plans.preview`) what the change would cause
on the app's day and within the horizon. A change that causes nothing is saved
at once. Otherwise the page comes back with those findings inside the form, and
the change is saved only when the user confirms that very preview; one that
causes an error also needs a reason ("Save anyway"). The reason is stored with
each error finding it was given for, and audited.
"""

from __future__ import annotations

from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ecogram import findings, plans
from ecogram.findings import Dated
from ecogram.models import Case
from webapp import clock
from webapp.access import audit
from webapp.findingrows import rows
from webapp.labels import lang
from webapp.roles import page
from webapp.roles.forms import PreviewFields


def screen(
    case: Case, change: plans.Change, form: PreviewFields, form_id: str, **given: object
) -> list[Dated] | ResponseReturnValue:
    """What the change causes, when it may be saved now; otherwise the page to show.

    `given` names the form for the page (`add_form=form`, ...), as `page.render` takes it.
    """
    at = clock.today()
    found = plans.preview(case, change, at)
    if not found:
        return found
    token = plans.seen_token(found)
    confirmed = form.confirm.data == "1"
    has_errors = bool(plans.errors(found))
    shown = page.Preview(
        form=form_id,
        rows=rows(case, found, at, lang()),
        token=token,
        has_errors=has_errors,
        changed_since=confirmed and form.seen.data != token,
    )
    if not confirmed or shown.changed_since:
        form.seen.data = token
        return page.render(case, 200, preview=shown, **given)
    if has_errors and (form.reason.errors or not form.reason.data):
        if not form.reason.errors:
            form.reason.errors = [_("Give the reason why this change is saved despite the error.")]
        return page.render(case, 400, preview=shown, **given)
    return found


def validated(form: PreviewFields) -> bool:
    """Whether the change itself is valid. A refused reason is not a refused change: the
    preview shows it next to the reason's field (`screen`)."""
    form.validate()
    return not any(field.errors for field in form if field.name != "reason")


def keep_reasons(case: Case, found: list[Dated], form: PreviewFields) -> None:
    """Store the reason with each error the saved change causes, and audit that it was given."""
    errors = plans.errors(found)
    if not errors:
        return
    plans.record_reasons(
        case,
        errors,
        form.reason.data or "",
        saved_on=clock.today(),
        user_id=int(current_user.get_id()),
        user_name=current_user.display_name,
    )
    audit(case.id, "save_despite_error")


def caused_note(found: list[Dated]) -> str | None:
    """A line for after the save: what the change causes, counted."""
    if not found:
        return None
    counted = findings.summary((dated.finding for dated in found), lang())
    return ngettext(
        "This change causes %(num)d finding (%(counted)s): see Findings.",
        "This change causes %(num)d findings (%(counted)s): see Findings.",
        len(found),
        counted=counted,
    )
