"""Forms of the network page: its regions and organisations."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import InputRequired, Length, NumberRange

from ecogram.networks import NetworkError
from webapp.validators import strip

#: The core's refusals (NetworkError.code) in the user's language.
PROBLEMS: dict[str, Any] = {
    "empty": _l("Enter a name."),
    "too_long": _l("Use at most %(limit)s characters."),
    "control": _l("Remove the control characters."),
    "taken": _l("The network already has one called %(name)s."),
    "region_in_use": _l(
        "Trajectories referred in %(name)s: %(n)s. The region stays, "
        "so the report per region keeps its figures."
    ),
    "fund_holder_in_use": _l(
        "%(name)s holds the funds of the action plan. Choose another fund holder first."
    ),
}


def problem_text(error: NetworkError) -> str:
    """The refusal in the user's language; the core's English when it has no translation."""
    template = PROBLEMS.get(error.code)
    return error.problem if template is None else str(template) % error.params


class NameForm(FlaskForm):
    name = StringField(_l("Name"), filters=[strip], validators=[InputRequired(), Length(max=200)])


class RenameForm(NameForm):
    version = IntegerField(_l("Version"), validators=[InputRequired(), NumberRange(min=1)])


class RemoveForm(FlaskForm):
    version = IntegerField(_l("Version"), validators=[InputRequired(), NumberRange(min=1)])
