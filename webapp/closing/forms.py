"""Forms for closing and reopening a case: each a deliberate act."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import InputRequired

from webapp.validators import plausible_date


class CloseForm(FlaskForm):
    on = DateField(_l("Closed on"), validators=[InputRequired(), plausible_date])


class ReopenForm(FlaskForm):
    """Only the CSRF token: reopening has nothing to choose."""
