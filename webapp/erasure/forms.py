"""The form for erasing a person: it asks for a deliberate act."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import DataRequired


class EraseForm(FlaskForm):
    confirm = BooleanField(
        _l("I understand that this erases the person everywhere and cannot be undone."),
        validators=[DataRequired(_l("Tick the box to confirm the erasure."))],
    )
