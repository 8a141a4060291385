"""The weekly puzzle: a typical week's nights, derived from nights per week.

Roles record only how many nights a week the child sleeps with someone, not
which ones, so this is an overview to talk about, never a calendar. The
anchor gets the nights nobody else has; when the roles ask for more than 7,
the extra nights are laid over the week so the overbooking shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ecogram.rules.anchor import active_anchors
from ecogram.rules.roles import NIGHTS_A_WEEK, active_roles

if TYPE_CHECKING:
    from ecogram.models import Case, Person, RoleAssignment

NIGHTS = NIGHTS_A_WEEK


@dataclass(frozen=True)
class Stay:
    person: Person
    role: RoleAssignment | None  #: None for the anchor's own nights


@dataclass
class Night:
    index: int  #: 0 = Monday night
    stays: list[Stay] = field(default_factory=list)

    @property
    def overbooked(self) -> bool:
        return len(self.stays) > 1


@dataclass(frozen=True)
class Puzzle:
    nights: tuple[Night, ...]
    anchor: Person | None  #: None when there is no anchor, or more than one
    anchor_nights: int
    away: tuple[tuple[Person, RoleAssignment], ...]  #: roles with nights, not the anchor's
    daytime: tuple[tuple[Person, RoleAssignment], ...]  #: roles without nights
    booked: int  #: nights a week asked for by persons other than the anchor

    @property
    def overbooked(self) -> bool:
        return self.booked > NIGHTS

    @property
    def unassigned(self) -> int:
        """Nights with nobody: the remaining nights when there is no single anchor."""
        return sum(1 for night in self.nights if not night.stays)


def weekly_puzzle(case: Case, at: dt.date) -> Puzzle:
    periods = active_anchors(case, at)
    anchor = periods[0].person if len(periods) == 1 else None
    away: list[tuple[Person, RoleAssignment]] = []
    daytime: list[tuple[Person, RoleAssignment]] = []
    for person, assignment in active_roles(case, at):
        if assignment.nights_per_week == 0:
            daytime.append((person, assignment))
        elif person is not anchor:
            # The anchor's own role nights are nights at the anchor's anyway.
            away.append((person, assignment))
    nights = tuple(Night(i) for i in range(NIGHTS))
    booked = sum(assignment.nights_per_week for _person, assignment in away)
    anchor_nights = max(NIGHTS - booked, 0) if anchor is not None else 0
    if anchor is not None:
        for night in nights[:anchor_nights]:
            night.stays.append(Stay(anchor, None))
    # The others take the later nights in turn; past Sunday they wrap round and double up.
    slot = NIGHTS - booked if booked <= NIGHTS else 0
    for person, assignment in away:
        for _ in range(assignment.nights_per_week):
            nights[slot % NIGHTS].stays.append(Stay(person, assignment))
            slot += 1
    return Puzzle(nights, anchor, anchor_nights, tuple(away), tuple(daytime), booked)
