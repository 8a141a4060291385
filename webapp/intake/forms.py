"""The intake form: the child, the referral (the trajectory's own fields) and the parents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, Field, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ecogram.models import Network
from webapp.trajectory.forms import CreateForm
from webapp.validators import no_control_characters, plausible_date, strip

#: Parent rows on the form; more parents, and everyone else, go on the ecogram.
PARENT_ROWS = 2


def _name(label: Any, *required: Any) -> StringField:
    return StringField(
        label,
        filters=[strip],
        validators=[*required, Length(max=200), no_control_characters],
    )


class IntakeForm(CreateForm):
    """CreateForm brings the network, region, kind, referral date, referrer and mandate."""

    child_name = _name(_l("First name of the child"), DataRequired())
    birth_date = DateField(_l("Birth date"), validators=[Optional(), plausible_date])
    expected_date = DateField(
        _l("Expected date (during pregnancy)"), validators=[Optional(), plausible_date]
    )
    parent_1 = _name(_l("Parent"), Optional())
    parent_2 = _name(_l("Second parent"), Optional())
    #: Shown only with a possible duplicate: the coordinator opens a new case knowingly.
    confirm_duplicate = BooleanField(_l("This is another child: open a new case anyway"))

    def __init__(self, networks: list[Network], *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(networks, *args, **kwargs)
        self.today = today

    def validate_birth_date(self, field: Field) -> None:
        if isinstance(field.data, dt.date) and field.data > self.today:
            raise ValidationError(
                _("A birth date cannot lie ahead; for an unborn child, give the expected date.")
            )

    def validate_expected_date(self, field: Field) -> None:
        if isinstance(field.data, dt.date) and field.data < self.today:
            raise ValidationError(_("This date has passed: give the birth date instead."))

    def validate_referred(self, field: Field) -> None:
        if isinstance(field.data, dt.date) and field.data > self.today:
            raise ValidationError(_("A referral cannot come in on a day still to come."))

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        # One date, exactly: the birth date, or the expected date while unborn.
        born, expected = self.birth_date, self.expected_date
        if born.errors or expected.errors:
            return False
        if born.data is None and expected.data is None:
            born.errors = [_("Give the birth date, or the expected date during pregnancy.")]
            return False
        if born.data is not None and expected.data is not None:
            expected.errors = [_("Give one date: the birth date once the child is born.")]
            return False
        return valid

    def parents(self) -> tuple[str, ...]:
        rows = (self.parent_1.data, self.parent_2.data)
        return tuple(name for name in rows if name)
