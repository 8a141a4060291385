"""The IMH assessment form: a rating and a note for each of the 13 items.

The rating and note fields are added to the class from `Item`, so the form
follows the checklist when practitioners adjust it. The browser names them
`rating-<item>` and `note-<item>`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    Field,
    Form,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Regexp, ValidationError

from ecogram import labels
from ecogram.imh_checklist import Domain, Item, Rating
from webapp.labels import lang

NOTE_MAX = 5000

# C0 and C1 control characters, DEL, and the Unicode line/paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# A note is free text over several lines, so tabs and line breaks are fine there.
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")

#: What each item rates (DOMAIN.md's table), shown beside its rating.
ITEM_DESCRIPTIONS: dict[Item, Any] = {
    Item.SENSITIVITY: _l("Notices, reads and answers the baby's signals promptly and fittingly."),
    Item.SAFE_HAVEN: _l("Comforts distress; welcomes the need for closeness."),
    Item.SECURE_BASE: _l("Supports play and exploration, shows delight, takes charge kindly."),
    Item.MENTALIZING: _l(
        "Holds the baby in mind, including its experience of separations and of its parents."
    ),
    Item.COMMITMENT: _l("Wants a lasting relationship, invested in proportion to the role."),
    Item.AVAILABILITY: _l("Concrete, predictable, reachable time for the period needed."),
    Item.LIFE_STABILITY: _l("Own health, substance use, relationships, stressors, age."),
    Item.WITH_PARENTS: _l("Respects the parents, supports the parent–child bond, no rivalry."),
    Item.WITH_SERVICES: _l("Accepts guidance, shares information, keeps agreements."),
    Item.PROTECTION: _l(
        "Acknowledges the worries, sets limits, follows the safety plan, raises the alarm."
    ),
    Item.RECORD_CHECKS: _l(
        "Criminal-record extract for the candidate and adult household members; "
        "child-protection history."
    ),
    Item.HOME_PRACTICAL: _l(
        "Safe home and safe sleep, space, distance to the parents, transport, finances."
    ),
    Item.OWN_NETWORK: _l("Who backs up and relieves the candidate."),
}

DOMAIN_NAMES: dict[Domain, Any] = {
    Domain.ATTUNEMENT: _l("Attunement"),
    Domain.CONTINUITY: _l("Continuity"),
    Domain.COOPERATION: _l("Cooperation"),
    Domain.SAFETY: _l("Safety"),
    Domain.SUPPORT: _l("Support"),
}


def no_control_characters(_form: Form, field: Field) -> None:
    if isinstance(field.data, str) and _CONTROL.search(field.data):
        raise ValidationError(_l("Use letters, digits and punctuation only."))


def no_control_characters_in_text(_form: Form, field: Field) -> None:
    if isinstance(field.data, str) and _CONTROL_IN_TEXT.search(field.data):
        raise ValidationError(_l("Use letters, digits and punctuation only."))


def plausible_date(_form: Form, field: Field) -> None:
    """Typos such as 0226 or 20226 are refused instead of stored."""
    day = field.data
    if isinstance(day, dt.date) and not (1900 <= day.year <= 2100):
        raise ValidationError(_l("Enter a date between 1900 and 2100."))


def strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def first_errors(form: FlaskForm) -> dict[str, str]:
    """One message per field, keyed by the name the browser sent."""
    return {field.name: str(field.errors[0]) for field in form if field.errors}


def rating_field(item: Item) -> str:
    return f"rating_{item.value}"


def note_field(item: Item) -> str:
    return f"note_{item.value}"


class AssessmentForm(FlaskForm):
    date = DateField(_l("Date"), validators=[InputRequired(), plausible_date])
    assessor = StringField(
        _l("Assessor"),
        filters=[strip],
        validators=[DataRequired(), Length(max=200), no_control_characters],
    )
    final = BooleanField(_l("Final (not a draft)"))
    #: The id of the newest assessment when the form was loaded ("" for none): see `stale`.
    basis = HiddenField(_l("Latest assessment"), validators=[Length(max=20), Regexp(r"^\d*$")])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = lang()
        choices = {r.value: labels.label("rating", r, language) for r in Rating}
        for item in Item:
            self.rating(item).choices = choices

    def rating(self, item: Item) -> Any:
        return getattr(self, rating_field(item))

    def note(self, item: Item) -> Any:
        return getattr(self, note_field(item))

    def field_label(self, field: Any) -> str:
        """The label that names a field in an error message, with its item if it has one."""
        for item in Item:
            if field is self.rating(item):
                return f"{_l('Rating')} – {labels.label('item', item, lang())}"
            if field is self.note(item):
                return f"{_l('Note')} – {labels.label('item', item, lang())}"
        return str(field.label.text)


for _item in Item:
    # Field names carry a hyphen in the browser; Python attributes cannot.
    setattr(
        AssessmentForm,
        rating_field(_item),
        SelectField(
            _l("Rating"),
            name=f"rating-{_item.value}",
            default=Rating.UNKNOWN.value,
            validators=[InputRequired()],
        ),
    )
    setattr(
        AssessmentForm,
        note_field(_item),
        TextAreaField(
            _l("Note"),
            name=f"note-{_item.value}",
            filters=[strip],
            validators=[Length(max=NOTE_MAX), no_control_characters_in_text],
        ),
    )
