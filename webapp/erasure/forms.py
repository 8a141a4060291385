"""Forms for closing a case and erasing a person: each asks for a deliberate act."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField
from wtforms.validators import DataRequired, InputRequired

from webapp.validators import plausible_date


class CloseForm(FlaskForm):
    on = DateField(_l("Closed on"), validators=[InputRequired(), plausible_date])


class ReopenForm(FlaskForm):
    """Only the CSRF token: reopening has nothing to choose."""


class EraseForm(FlaskForm):
    confirm = BooleanField(
        _l("I understand that this erases the person everywhere and cannot be undone."),
        validators=[DataRequired(_l("Tick the box to confirm the erasure."))],
    )
