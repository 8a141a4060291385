"""The plan year: the one period that the dashboard, the report and the year report share.

The year starts on the day Opgroeien approved the action plan and ends the day
before the same date a year later: approved on 6 April 2026, it runs from
6 April 2026 up to and including 5 April 2027. Every page and every file writes
it that way, with both days included, exactly as `network_report(start, end)`
takes a period; no file writes the half-open "to 6 April 2027".

A plan approved on 29 February runs to 27 February of the next year
(`add_months` clamps to the 28th, and the year ends the day before that).
"""

from __future__ import annotations

import datetime as dt

from ecogram.dates import add_months
from ecogram.report_model import PlanYear


def plan_year(approved: dt.date) -> PlanYear:
    """The plan year of a plan approved on `approved`; both days included."""
    return PlanYear(approved, add_months(approved, 12) - dt.timedelta(days=1))
