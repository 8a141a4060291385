"""The dashboard's line of trajectories started against committed, month by month.

"Started" means what the report means: a care-figure-search trajectory with at
least one care table, counted in the month it was referred. The counting is
done in SQL by `network_report` (its `by_month`); this module only adds the
months up and sets the even pace towards the commitment beside them, so the
last cumulative value is the report's `started` for the same period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ecogram.report_model import Funnel


@dataclass(frozen=True)
class MonthPoint:
    month: str  #: "YYYY-MM"
    started: int
    #: trajectories started up to and including this month; None for months still to come
    cumulative: int | None
    #: where the count would stand with the commitment spread evenly over the months
    pace: float | None


def started_series(
    by_month: Mapping[str, Funnel],
    committed: int | None,
    today: dt.date | None = None,
) -> list[MonthPoint]:
    """The cumulative starts of `by_month` (in month order), stopping after `today`'s month."""
    this_month = None if today is None else f"{today.year:04d}-{today.month:02d}"
    points: list[MonthPoint] = []
    total = 0
    months = sorted(by_month)
    for index, month in enumerate(months, start=1):
        started = int(by_month[month].started or 0)
        total += started
        pace = None if committed is None else round(committed * index / len(months), 1)
        future = this_month is not None and month > this_month
        points.append(MonthPoint(month, started, None if future else total, pace))
    return points
