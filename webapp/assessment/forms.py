"""The IMH assessment form: a rating and a note for each of the 13 items.

The rating and note fields are added to the class from `Item`, so the form
follows the checklist when practitioners adjust it. The browser names them
`rating-<item>` and `note-<item>`.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Regexp

from ecogram import labels
from ecogram.imh_checklist import Domain, Item, Rating
from webapp.labels import lang
from webapp.validators import (
    no_control_characters,
    no_control_characters_in_text,
    plausible_date,
    strip,
)

NOTE_MAX = 5000

#: What each item rates (the checklist table of docs/domain.md), shown beside its rating.
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
