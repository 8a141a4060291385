"""A network's self-scan: the call's themes, each with strengths, weaknesses and an answer.

Versions are kept: saving makes the next version and never changes an earlier
one, so the version an action plan was built on stays as it was. The caller
commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ecogram.models import Network
from ecogram.networks import NetworkError
from ecogram.plan_models import SelfScan, SelfScanAnswer
from ecogram.plan_vocabulary import SelfScanTheme
from ecogram.text import is_line, is_text

FACILITATOR_MAX = 200
TEXT_MAX = 5_000
EARLIEST = dt.date(2024, 1, 1)  #: the call, and so every self-scan, dates from 2024


@dataclass(frozen=True)
class ThemeAnswer:
    strengths: str = ""
    weaknesses: str = ""
    answer: str = ""


@dataclass(frozen=True)
class ScanChange:
    facilitator: str
    held_on: dt.date
    summary: str
    answers: Mapping[SelfScanTheme, ThemeAnswer]


def versions(session: Session, network: Network) -> list[SelfScan]:
    """Every version of the network's self-scan, the newest first."""
    return list(
        session.scalars(
            select(SelfScan)
            .where(SelfScan.network_id == network.id)
            .order_by(SelfScan.number.desc())
        )
    )


def latest(session: Session, network: Network) -> SelfScan | None:
    found = versions(session, network)
    return found[0] if found else None


def version(session: Session, network: Network, number: int) -> SelfScan | None:
    return session.scalar(
        select(SelfScan).where(SelfScan.network_id == network.id, SelfScan.number == number)
    )


def save_version(
    session: Session, network: Network, change: ScanChange, based_on: int, today: dt.date
) -> SelfScan:
    """The next version of the self-scan. `based_on` is the version the form showed (0: none).

    A form based on an older version than the newest is stale: `StaleScan` is raised
    and nothing is stored, so nobody overwrites a colleague's version unknowingly.
    """
    newest = session.scalar(
        select(func.max(SelfScan.number)).where(SelfScan.network_id == network.id)
    )
    if (newest or 0) != based_on:
        raise StaleScan(newest or 0)
    facilitator = _clean("facilitator", change.facilitator, FACILITATOR_MAX, line=True)
    if not facilitator:
        raise NetworkError("facilitator", "name the process facilitator", "empty")
    if not EARLIEST <= change.held_on <= today:
        raise NetworkError(
            "held_on",
            f"must lie between {EARLIEST.isoformat()} and today",
            "held_on_range",
            date=EARLIEST,
        )
    scan = SelfScan(
        network_id=network.id,
        number=(newest or 0) + 1,
        facilitator=facilitator,
        held_on=change.held_on,
        summary=_clean("summary", change.summary, TEXT_MAX),
        recorded_on=today,
    )
    for theme in SelfScanTheme:
        given = change.answers.get(theme, ThemeAnswer())
        scan.answers.append(
            SelfScanAnswer(
                theme=theme,
                strengths=_clean(f"{theme.value}-strengths", given.strengths, TEXT_MAX),
                weaknesses=_clean(f"{theme.value}-weaknesses", given.weaknesses, TEXT_MAX),
                answer=_clean(f"{theme.value}-answer", given.answer, TEXT_MAX),
            )
        )
    session.add(scan)
    session.flush()
    return scan


class StaleScan(Exception):
    """The form was based on an older version; `newest` is the one stored now."""

    def __init__(self, newest: int) -> None:
        super().__init__(f"the newest version is {newest}")
        self.newest = newest


def answer(scan: SelfScan, theme: SelfScanTheme) -> SelfScanAnswer:
    found = next((a for a in scan.answers if a.theme is theme), None)
    return found or SelfScanAnswer(theme=theme, strengths="", weaknesses="", answer="")


def _clean(name: str, text: str, most: int, *, line: bool = False) -> str:
    cleaned = text.strip().replace("\r\n", "\n")
    if len(cleaned) > most:
        raise NetworkError(name, f"is longer than {most} characters", "too_long", limit=most)
    if not (is_line(cleaned) if line else is_text(cleaned)):
        raise NetworkError(name, "must not contain control characters", "control")
    return cleaned
