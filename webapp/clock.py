"""Today's date for the web app: the core's clock, frozen per app through `FROZEN_TODAY`.

Deadlines and findings depend on the day; a test that sets
`app.config["FROZEN_TODAY"] = date(...)` sees exactly that day everywhere
that asks this module, whatever the real calendar says. Every view asks here,
never the calendar, so the pages and the command line agree on the day.
"""

from __future__ import annotations

import datetime as dt

from flask import current_app, has_app_context

from ecogram import clock as core_clock


def today() -> dt.date:
    if has_app_context():
        frozen = current_app.config.get("FROZEN_TODAY")
        if isinstance(frozen, dt.date):
            return frozen
    return core_clock.today()
