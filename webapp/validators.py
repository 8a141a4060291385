"""Validators and filters that every blueprint's forms share.

The character rule is the core's (`ecogram.text`), so a form refuses exactly
what the case format's importer refuses.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, Form
from wtforms.validators import ValidationError

from ecogram import text


def no_control_characters(_form: Form, field: Field) -> None:
    """For one-line fields: names, households, who and what."""
    if isinstance(field.data, str) and not text.is_line(field.data):
        raise ValidationError(_l("Use letters, digits and punctuation only."))


def no_control_characters_in_text(_form: Form, field: Field) -> None:
    """For notes over several lines: tabs and line breaks are fine there."""
    if isinstance(field.data, str) and not text.is_text(field.data):
        raise ValidationError(_l("Use letters, digits and punctuation only."))


def plausible_date(_form: Form, field: Field) -> None:
    """Typos such as 0226 or 20226 are refused instead of stored."""
    day = field.data
    if isinstance(day, dt.date) and not (1900 <= day.year <= 2100):
        raise ValidationError(_l("Enter a date between 1900 and 2100."))


def optional_id(value: Any) -> int | None:
    """A select's coerce for "an id, or none chosen" (the empty option)."""
    if value in (None, ""):
        return None
    return int(value)


def strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def first_errors(form: FlaskForm) -> dict[str, str]:
    """One message per field, keyed by the name the browser sent."""
    return {field.name: str(field.errors[0]) for field in form if field.errors}
