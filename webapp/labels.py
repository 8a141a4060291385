"""Template helpers: vocabulary labels and dates in the user's language."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from flask import Flask
from flask_babel import format_date as babel_format_date
from flask_babel import get_locale

from ecogram import labels


def lang() -> str:
    locale = get_locale()
    return "en" if locale is not None and locale.language == "en" else "nl"


def _labeller(table: str) -> Any:
    def label(value: Enum | str | None) -> str:
        return labels.label(table, value, lang())

    return label


def format_date(day: dt.date | None) -> str:
    return "" if day is None else babel_format_date(day, "long")


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        {f"{table}_label": _labeller(table) for table in labels.TABLES}
        | {"format_date": format_date, "ui_lang": lang}
    )
