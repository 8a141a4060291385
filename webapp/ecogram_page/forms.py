"""The side panel's forms: a person and a tie, to add or to edit.

CSRFProtect already checks every POST (the page's script sends the token in
the X-CSRFToken header), so these forms carry no token field of their own.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from ecogram.vocabulary import CandidateStatus, Flow, PersonKind, Sector, Support, TieQuality
from webapp.validators import no_control_characters, strip


def _choices(values: Any) -> dict[str, Any]:
    """{value: label}: the one shape both WTForms 3.3 (no deprecation) and its stubs accept.

    The labels here are never shown; the template writes them in the user's language.
    """
    return {str(getattr(v, "value", v)): str(getattr(v, "value", v)) for v in values}


class _PanelForm(FlaskForm):
    class Meta:
        csrf = False


def _name() -> StringField:
    return StringField(
        _l("Name"),
        filters=[strip],
        validators=[DataRequired(), Length(min=1, max=200), no_control_characters],
    )


def _household() -> StringField:
    return StringField(
        _l("Household"), filters=[strip], validators=[Length(max=64), no_control_characters]
    )


#: Warnings the user has seen and confirmed: a name already on the ecogram, an unusual sector.
CONFIRMABLE = ("name", "sector")


def _confirm() -> SelectMultipleField:
    return SelectMultipleField(_l("Confirmed"), choices=_choices(CONFIRMABLE))


class PersonForm(_PanelForm):
    name = _name()
    kind = SelectField(
        _l("Kind"), choices=_choices(k for k in PersonKind if k is not PersonKind.CHILD)
    )
    sector = SelectField(_l("Sector"), choices=_choices(Sector))
    ring = SelectField(_l("Ring"), coerce=int, choices=_choices((1, 2, 3)))
    household = _household()
    candidate = SelectField(
        _l("Candidate"),
        choices=_choices(CandidateStatus),
        default=CandidateStatus.NONE.value,
    )
    confirm = _confirm()


class _Versioned:
    version = IntegerField(_l("Version"), validators=[InputRequired(), NumberRange(min=1)])


class EditPersonForm(PersonForm, _Versioned):
    pass


class EditChildForm(_PanelForm, _Versioned):
    """The child stays the child, in the centre: only the name and household change."""

    name = _name()
    household = _household()
    confirm = _confirm()


class TieForm(_PanelForm):
    # "from" is a Python keyword, so the attribute differs from the field's name.
    from_ = SelectField(_l("From"), name="from", coerce=int, validators=[InputRequired()])
    to = SelectField(_l("To"), coerce=int, validators=[InputRequired()])
    quality = SelectField(_l("Quality"), choices=_choices(TieQuality))
    flow = SelectField(_l("Energy flow"), choices=_choices(Flow), default=Flow.NONE.value)
    support = SelectMultipleField(_l("Support"), choices=_choices(Support))

    def set_persons(self, ids: list[int]) -> None:
        choices = _choices(ids)
        self.from_.choices = choices
        self.to.choices = choices


class EditTieForm(TieForm, _Versioned):
    pass


class VersionForm(_PanelForm, _Versioned):
    """Removing a person or a tie: the version the panel showed must still be stored."""


class StepForm(_PanelForm, _Versioned):
    """Undo or redo: the change the panel offered, and its version."""

    # Ids fit the database's integers: a larger number is refused here, not by the driver.
    change = IntegerField(
        _l("Change"), validators=[InputRequired(), NumberRange(min=1, max=2**31 - 1)]
    )
