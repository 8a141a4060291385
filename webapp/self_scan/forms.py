"""The self-scan form: who facilitated, when, a summary, and three texts per theme."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange
from wtforms.widgets import HiddenInput

from ecogram.plan_vocabulary import SelfScanTheme
from ecogram.self_scans import FACILITATOR_MAX, TEXT_MAX
from webapp.validators import (
    no_control_characters,
    no_control_characters_in_text,
    plausible_date,
    strip,
)

PARTS = ("strengths", "weaknesses", "answer")
PART_LABELS = {
    "strengths": _l("Strengths"),
    "weaknesses": _l("Weaknesses"),
    "answer": _l("Answer"),
}


def _text(label: Any) -> TextAreaField:
    return TextAreaField(
        label,
        filters=[strip],
        validators=[Length(max=TEXT_MAX), no_control_characters_in_text],
    )


class ScanForm(FlaskForm):
    # The version the form shows (0: none yet); a save from an older one is stale.
    based_on = IntegerField(
        _l("Version"), widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=0)]
    )
    facilitator = StringField(
        _l("Process facilitator"),
        filters=[strip],
        validators=[InputRequired(), Length(max=FACILITATOR_MAX), no_control_characters],
    )
    held_on = DateField(_l("Held on"), validators=[InputRequired(), plausible_date])
    summary = _text(_l("Summary: the strengths and weaknesses in a few lines"))

    def theme_fields(self, theme: SelfScanTheme) -> list[Any]:
        return [self[f"{theme.value}-{part}"] for part in PARTS]


for _theme in SelfScanTheme:
    for _part in PARTS:
        setattr(ScanForm, f"{_theme.value}-{_part}", _text(PART_LABELS[_part]))
