"""Today's date: the one clock every command and page asks.

Deadlines, findings and retention all depend on the day, so none of them reads the
calendar itself. `ECOGRAM_TODAY=YYYY-MM-DD` fixes the day for a whole process (a
demonstration on a chosen day, a test of the command line); the web app can fix it
per app on top of this (`webapp.clock`).
"""

from __future__ import annotations

import datetime as dt
import os

ENVIRONMENT = "ECOGRAM_TODAY"


class ClockError(ValueError):
    """`ECOGRAM_TODAY` holds something that is not a date; the message names it."""


def today() -> dt.date:
    text = os.environ.get(ENVIRONMENT, "").strip()
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ClockError(f"{ENVIRONMENT}: {text!r} is not a date (YYYY-MM-DD)") from None
