"""The one shape that every part of the report's statement returns its rows in.

`UNION ALL` needs its parts to agree on their columns; each part fills what it
needs of a tag, two keys, two flags and `WIDTH` numbers, and leaves the rest NULL.
`ecogram.report_query` unites the parts; `ecogram.report` and
`ecogram.year_figures` read their own parts back by tag.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Numeric,
    SQLColumnExpression,
    String,
    case,
    cast,
    func,
    literal,
    null,
)
from sqlalchemy.orm import Session

#: The most numbers a part returns (the funnel's: eight counts and one per role).
WIDTH = 14
#: Where a row's numbers start: after the tag, two keys and two flags.
FIRST_NUMBER = 5


def tagged(
    part: str,
    key: SQLColumnExpression[Any] | None = None,
    month: SQLColumnExpression[Any] | None = None,
    flags: Sequence[SQLColumnExpression[Any] | None] = (None, None),
    numbers: Sequence[ColumnElement[Any]] = (),
) -> list[ColumnElement[Any]]:
    """One part's columns in the shape every part shares; what a part lacks is NULL."""

    def text(value: SQLColumnExpression[Any] | None) -> ColumnElement[Any]:
        return cast(null() if value is None else value, String)

    def whole(value: SQLColumnExpression[Any] | None) -> SQLColumnExpression[Any]:
        return cast(null(), Integer) if value is None else value

    padded = list(numbers) + [null()] * (WIDTH - len(numbers))
    return [
        literal(part, String).label("part"),
        text(key).label("key"),
        text(month).label("month"),
        whole(flags[0]).label("table"),
        whole(flags[1]).label("budget"),
        *(cast(n, Numeric).label(f"n{i}") for i, n in enumerate(padded)),
    ]


def count(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((condition, 1), else_=0))


def flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return case((condition, 1), else_=0)


def day_number(session: Session, day: Any) -> ColumnElement[Any]:
    """A date as a number of days, so that two of them subtract to the days between."""
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(day)  # SQLite keeps dates as ISO text
    return func.cast(day, Date) - literal(dt.date(2000, 1, 1), Date)  # PostgreSQL: whole days
