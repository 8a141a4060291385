"""Forms of the roles page: assign and end a role, change its nights, designate the anchor
and the trusted person.

Person choices are filled in per request from the guarded case, so a person
of another case (or the child) is simply not a valid choice. Periods are
entered as people say them, "from ... up to and including ...": the forms ask
for a role's last day, and the views store the day after it (the half-open
`end` of the case format).

The four forms that change the plan preview what the change would cause
(`PreviewFields`): the preview they showed comes back in `seen`, and a change
that causes an error is saved only with a `reason`.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import HiddenInput

from ecogram.models import Case
from ecogram.vocabulary import AttestationStatus, PersonKind, Role, RoleEndReason
from webapp.labels import label, lazy_label
from webapp.validators import (
    no_control_characters_in_text,
    optional_id,
    plausible_date,
    strip,
)

#: The longest reason for saving a change despite an error.
MAX_REASON = 2000

#: The form's word for "no attestation recorded"; stored as NULL.
NO_ATTESTATION = "none"

ATTESTATION_NAMES: dict[str, Any] = {NO_ATTESTATION: _l("none")} | {
    status.value: lazy_label("attestation", status) for status in AttestationStatus
}


def person_choices(case: Case) -> dict[str, str]:
    """Everyone but the child: roles, the anchor and the trusted person are never the child."""
    # A plain {value: label} dict: WTForms 3.3 deprecates tuples, and its stubs lack SelectChoice.
    return {str(p.id): p.name for p in case.persons if p.kind is not PersonKind.CHILD}


class PreviewFields(FlaskForm):
    """What a previewed change carries back when the user confirms it."""

    #: The findings the preview showed (`ecogram.plans.seen_token`).
    seen = HiddenField(validators=[Length(max=20000)])
    #: "1" when the user pressed "Save" or "Save anyway" under the preview.
    confirm = StringField(validators=[Length(max=10)])
    reason = TextAreaField(
        _l("Reason to save anyway"),
        filters=[strip],
        validators=[Length(max=MAX_REASON), no_control_characters_in_text],
    )


class AddRoleForm(PreviewFields):
    person = SelectField(_l("Person"), coerce=int, validators=[InputRequired()])
    role = SelectField(_l("Role"), validators=[InputRequired()])
    start = DateField(_l("From"), validators=[InputRequired(), plausible_date])
    last_day = DateField(
        _l("Up to and including (optional)"), validators=[Optional(), plausible_date]
    )
    nights_per_week = IntegerField(
        _l("Nights per week"), default=0, validators=[InputRequired(), NumberRange(0, 7)]
    )
    attestation_status = SelectField(
        _l("Attestation"),
        default=NO_ATTESTATION,
    )
    attestation_date = DateField(
        _l("Attestation date (optional)"), validators=[Optional(), plausible_date]
    )

    def __init__(self, case: Case, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person.choices = person_choices(case)
        self.role.choices = {r.value: label("role", r) for r in Role}
        self.attestation_status.choices = {k: str(v) for k, v in ATTESTATION_NAMES.items()}

    def validate_last_day(self, field: Any) -> None:
        if field.data is not None and self.start.data is not None and field.data < self.start.data:
            raise ValidationError(_l("The last day cannot be before the first day."))


#: The end-reason select's value for "not chosen yet": the reason is asked, never assumed.
NO_REASON = ""


class EndRoleForm(FlaskForm):
    last_day = DateField(_l("Last day"), validators=[InputRequired(), plausible_date])
    reason = SelectField(
        _l("Why the role ends"),
        validators=[InputRequired(message=_l("Choose why the role ends."))],
    )
    version = IntegerField(_l("Version"), validators=[InputRequired(), NumberRange(min=1)])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reason.choices = end_reason_choices()


def end_reason_choices() -> dict[str, str]:
    return {NO_REASON: str(_l("(choose why)"))} | {
        reason.value: label("end_reason", reason) for reason in RoleEndReason
    }


class NightsForm(PreviewFields):
    """Other nights a week for a role, from a day on."""

    from_ = DateField(_l("From"), name="from", validators=[InputRequired(), plausible_date])
    nights_per_week = IntegerField(
        _l("Nights per week"), validators=[InputRequired(), NumberRange(0, 7)]
    )
    version = IntegerField(
        _l("Version"), widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=1)]
    )


class AnchorForm(PreviewFields):
    # "from" is a Python keyword, so the attribute differs from the field's name.
    person = SelectField(_l("Person"), coerce=int, validators=[InputRequired()])
    from_ = DateField(_l("From"), name="from", validators=[InputRequired(), plausible_date])
    #: The anchor history as the page showed it (roles.stale.anchor_version).
    version = HiddenField(_l("Version"), validators=[InputRequired(), Length(max=2000)])

    def __init__(self, case: Case, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person.choices = person_choices(case)


class TrustedForm(PreviewFields):
    person = SelectField(_l("Person"), coerce=optional_id)
    #: The case's version as the page showed it: the trusted person is a column of the case.
    version = IntegerField(
        _l("Version"), widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=1)]
    )

    def __init__(self, case: Case, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person.choices = {"": str(_l("(nobody)"))} | person_choices(case)
