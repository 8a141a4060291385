"""What the side panel says before a change: warnings to confirm, and what a removal means.

The rules are the core's (`ecogram.persons`); this module only words them in
the user's language, as plain text the page's script puts in the DOM.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ecogram import labels, persons
from ecogram.models import Case, Person
from ecogram.persons import Blocker
from ecogram.vocabulary import PersonKind, Sector
from webapp.labels import lang


def warnings(
    case: Case,
    *,
    name: str,
    kind: PersonKind | None,
    sector: Sector | None,
    confirmed: set[str],
    editing: Person | None = None,
) -> dict[str, str]:
    """Per field, what the user should look at again before this person is saved.

    When editing, a warning is given only for what the edit changes: a name or a
    combination that was saved before, knowingly, is not questioned again.
    """
    found: dict[str, str] = {}
    adding = editing is None
    renamed = editing is None or persons.name_key(name) != persons.name_key(editing.name)
    if "name" not in confirmed and renamed:
        namesake = persons.same_name(case.persons, name, besides=editing)
        if namesake is not None:
            found["name"] = (
                _("There is already a %(name)s on the ecogram; add anyway?", name=namesake.name)
                if adding
                else _(
                    "There is already a %(name)s on the ecogram; save anyway?", name=namesake.name
                )
            )
    moved = editing is None or (kind, sector) != (editing.kind, editing.sector)
    if "sector" not in confirmed and moved and kind is not None and sector is not None:
        usual = persons.default_sector(kind)
        if usual is not None and not persons.is_usual(kind, sector):
            words = {
                "kind": labels.label("kind", kind, lang()),
                "usual": labels.label("sector", usual, lang()),
                "sector": labels.label("sector", sector, lang()),
            }
            found["sector"] = (
                _(
                    "Kind %(kind)s usually goes in the sector %(usual)s, not %(sector)s. "
                    "Add anyway?",
                    **words,
                )
                if adding
                else _(
                    "Kind %(kind)s usually goes in the sector %(usual)s, not %(sector)s. "
                    "Save anyway?",
                    **words,
                )
            )
    return found


def usual_sectors() -> dict[str, list[str]]:
    """The core's table for the page's script: the first sector is the kind's default."""
    return {
        kind.value: [sector.value for sector in sectors]
        for kind, sectors in persons.USUAL_SECTORS.items()
    }


def sector_kinds() -> dict[str, str]:
    """The kind a person placed in each sector starts as (the place form on the drawing)."""
    return {sector.value: kind.value for sector, kind in persons.SECTOR_KINDS.items()}


def blocker(reason: Blocker, person: Person) -> str:
    if reason is Blocker.CHILD:
        return _("The child is the heart of the case and stays on the ecogram.")
    if reason is Blocker.ANCHOR:
        return _(
            "%(name)s is or was the child's anchor. The anchor history is kept whole, "
            "so %(name)s stays on the ecogram.",
            name=person.name,
        )
    if reason is Blocker.ROLE:
        return _(
            "%(name)s has a role now or later. End that role on the roles page first.",
            name=person.name,
        )
    return _(
        "%(name)s is the child's trusted person. Name someone else (or nobody) on the "
        "roles page first.",
        name=person.name,
    )


def removal(case: Case, person: Person, today: dt.date) -> dict[str, Any]:
    """Whether the panel offers to remove the person, and what the confirmation says."""
    found = persons.removal(case, person, today)
    goes = []
    if found.ties:
        goes.append(ngettext("%(num)d tie", "%(num)d ties", found.ties))
    if found.assessments:
        goes.append(ngettext("%(num)d assessment", "%(num)d assessments", found.assessments))
    if found.ended_roles:
        goes.append(ngettext("%(num)d ended role", "%(num)d ended roles", found.ended_roles))
    along = (
        _("These go with them: %(what)s.", what=", ".join(goes))
        if goes
        else _("Nothing else goes with them.")
    )
    return {
        "allowed": found.allowed,
        "reasons": [blocker(reason, person) for reason in found.blockers],
        "question": _("Remove %(name)s from the ecogram?", name=person.name),
        "consequences": along
        + " "
        + _("You can undo this today; later, the history can put it back."),
        "url": url_for("ecogram_page.delete_person", case_id=case.id, person_id=person.id),
    }
