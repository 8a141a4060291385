"""Forms of the history tab: start a session, and say who was present."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, StringField
from wtforms.validators import InputRequired, Length, NumberRange

from webapp.validators import plausible_date, strip

#: Enough for a kitchen table full of people, short enough to stay a line.
PRESENT_MAX = 500


class StartSessionForm(FlaskForm):
    date = DateField(_l("Date"), validators=[InputRequired(), plausible_date])
    present = StringField(
        _l("Who was present"), filters=[strip], validators=[Length(max=PRESENT_MAX)]
    )


class PresentForm(FlaskForm):
    present = StringField(
        _l("Who was present"), filters=[strip], validators=[Length(max=PRESENT_MAX)]
    )
    version = IntegerField(_l("Version"), validators=[InputRequired(), NumberRange(min=1)])
