"""One change of the ecogram in a line of words: for the undo button and the history.

A person removed or added with their ties is one thing to the user ("Oma
Rita removed, with 2 ties"), so those ties are not named one by one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from flask_babel import gettext as _
from flask_babel import ngettext

from ecogram.history import steps
from ecogram.history.changes import SessionDiff, TieChange
from ecogram.models import SessionChange


def field_labels() -> dict[str, str]:
    return {
        "name": _("name"),
        "kind": _("kind"),
        "sector": _("sector"),
        "ring": _("ring"),
        "household": _("household"),
        "candidate": _("candidate status"),
        "roles": _("roles"),
        "assessments": _("assessments"),
        "anchor": _("anchor"),
        "quality": _("quality"),
        "flow": _("energy flow"),
        "support": _("support"),
        "direction": _("direction"),
    }


def _with_ties(text: str, count: int) -> str:
    if not count:
        return text
    return text + ngettext(", with %(num)d tie", ", with %(num)d ties", count)


def phrases(summary: SessionDiff) -> list[str]:
    labels = field_labels()

    def fields(names: tuple[str, ...]) -> str:
        return ", ".join(labels.get(name, name) for name in names)

    came = {p.ref for p in summary.persons_added}
    went = {p.ref for p in summary.persons_removed}

    def ties_of(refs: set[str], ties: list[TieChange]) -> int:
        return sum(bool({t.from_ref, t.to_ref} & refs) for t in ties)

    said = []
    for p in summary.persons_added:
        count = ties_of({p.ref}, summary.ties_added)
        said.append(_with_ties(_("%(name)s added", name=p.name), count))
    for p in summary.persons_removed:
        count = ties_of({p.ref}, summary.ties_removed)
        said.append(_with_ties(_("%(name)s removed", name=p.name), count))
    for p in summary.persons_changed:
        said.append(_("%(name)s changed: %(fields)s", name=p.name, fields=fields(p.fields)))
    for t in summary.ties_added:
        if not {t.from_ref, t.to_ref} & came:
            said.append(_("tie %(from)s – %(to)s added", **{"from": t.from_name, "to": t.to_name}))
    for t in summary.ties_removed:
        if not {t.from_ref, t.to_ref} & went:
            said.append(
                _("tie %(from)s – %(to)s removed", **{"from": t.from_name, "to": t.to_name})
            )
    for t in summary.ties_changed:
        said.append(
            _(
                "tie %(from)s – %(to)s changed: %(fields)s",
                **{"from": t.from_name, "to": t.to_name, "fields": fields(t.fields)},
            )
        )
    if summary.trusted_person is not None:
        said.append(_("trusted person changed"))
    return said


class Named(Protocol):
    """A person as the ORM or the read model has them: enough to name them in a change."""

    @property
    def ref(self) -> str: ...
    @property
    def name(self) -> str: ...


def names_of(persons: Iterable[Named], changes: Iterable[SessionChange] = ()) -> dict[str, str]:
    """Everyone's name by ref: as on the ecogram now, or as the changes knew those who left."""
    names: dict[str, str] = {}
    for change in changes:
        for ref, (before, after) in steps.Patch.loads(change.patch).persons.items():
            names[ref] = (after or before or {}).get("name", ref)
    return names | {p.ref: p.name for p in persons}


def describe(change: SessionChange, names: Mapping[str, str]) -> str:
    """The change in one line; `names` names the persons the change left alone."""
    summary = steps.describe(steps.Patch.loads(change.patch), names)
    return "; ".join(phrases(summary))
