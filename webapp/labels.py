"""Template helpers: vocabulary labels, dates and money in the user's language.

All of them ask the core (`ecogram.labels`, `ecogram.i18n`), so a page says
what the command line and paper say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from enum import Enum

from flask import Flask
from flask_babel import LazyString, get_locale

from ecogram import i18n, labels


def lang() -> str:
    locale = get_locale()
    return "en" if locale is not None and locale.language == "en" else "nl"


def label(table: str, value: Enum | str | None) -> str:
    return labels.label(table, value, lang())


def lazy_label(table: str, value: Enum | str) -> LazyString:
    """A label for a module-level table or form: it speaks the language of each request."""
    return LazyString(label, table, value)


def _labeller(table: str) -> Callable[[Enum | str | None], str]:
    return lambda value: label(table, value)


def format_date(day: dt.date | None) -> str:
    return "" if day is None else i18n.words(lang()).date(day)


def period(start: dt.date, end: dt.date | None) -> str:
    """A role or anchor period as people say it: "from 1 March up to and including 31 May".

    `end` is stored half-open (the first day without it); people name the last day.
    """
    said = i18n.words(lang())
    if end is None:
        return said.gettext("from %(start)s (open)", start=format_date(start))
    last = format_date(end - dt.timedelta(days=1))
    return said.gettext(
        "from %(start)s up to and including %(last)s", start=format_date(start), last=last
    )


def money(amount: Decimal | int | float) -> str:
    return i18n.words(lang()).money(amount)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        {f"{table}_label": _labeller(table) for table in labels.TABLES}
        | {"format_date": format_date, "money": money, "ui_lang": lang, "period": period}
    )
