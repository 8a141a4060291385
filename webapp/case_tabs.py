"""The tabs of a case page, each shown to whoever holds the capability its page needs.

Built here rather than in the template: the list is worded and linked once per
request, with plain values for `case_base.html` to print. A template that called
the translator, the URL builder and the guard for each of eleven tabs spent more on
them than the ecogram page spends on everything else it serves from its read model.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, url_for
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from ecogram.capabilities import Capability
from webapp.access import HasId, may

#: (endpoint, tab name, label, the capability its page needs), in the order shown.
TABS: tuple[tuple[str, str, LazyString, Capability], ...] = (
    ("ecogram_page.show", "ecogram", _l("Ecogram"), Capability.VIEW),
    ("assessment.index", "assessment", _l("Assessment"), Capability.VIEW),
    ("roles.index", "roles", _l("Roles and anchor"), Capability.VIEW),
    ("trajectory.index", "trajectory", _l("Trajectory"), Capability.VIEW),
    ("history.index", "history", _l("History"), Capability.VIEW),
    ("findings.index", "findings", _l("Findings"), Capability.VIEW),
    ("team.index", "team", _l("Team"), Capability.VIEW),
    ("downloads.index", "downloads", _l("Print and export"), Capability.EXPORT),
    ("audit.index", "audit", _l("Who viewed this"), Capability.VIEW_AUDIT),
    ("closing.index", "closing", _l("Closing"), Capability.CLOSE),
    ("erasure.index", "erasure", _l("Erasure"), Capability.ERASE),
)


@dataclass(frozen=True)
class Tab:
    name: str
    url: str
    label: str


def case_tabs(case: HasId) -> list[Tab]:
    """The tabs the signed-in user may open for `case`."""
    return [
        Tab(name, url_for(endpoint, case_id=case.id), str(label))
        for endpoint, name, label, needs in TABS
        if may(needs, case)
    ]


def init_app(app: Flask) -> None:
    app.add_template_global(case_tabs)
