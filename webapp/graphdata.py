"""The ecogram's read model for the web pages, cached per case revision, with its JSON.

The ecogram page, its `graph.json`, the side panel's answers, the history's past
sessions and the downloads all take the case's read model from here
(`ecogram.readmodel`): one view per (case, revision, date, language), computed
once per app and kept with its JSON, which is made once as well. The JSON is
safe to put inside a page's `<script type="application/json">` element (`<`, `>`,
`&` and `'` are escaped) and is also what `graph.json` serves.

A guarded view reads the case's revision first (`webapp.access`); a write by any
process gives the case a new revision, so the next request builds a new view.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson
from flask import Flask, Response, abort, current_app, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from ecogram import labels
from ecogram.models import Case, Person
from ecogram.readmodel import EcogramView, PersonView, ViewCache, ViewKey, read_view, revision_of
from ecogram.vocabulary import CandidateStatus, PersonKind, Sector
from exports import visdata
from exports.visdata import EDGE_KEYS, NODE_KEYS
from webapp import clock, collector, database
from webapp.labels import lang

__all__ = ["EDGE_KEYS", "NODE_KEYS", "CaseHead", "Drawn", "current", "init_app", "past"]

VIEWS = "ecogram.views"


@dataclass(frozen=True)
class Drawn:
    """A read model, its drawing data as html-safe JSON, and the HTML made from them."""

    view: EcogramView
    json: Markup
    fragments: dict[Hashable, Markup] = field(default_factory=dict, compare=False)
    pages: dict[Hashable, Markup] = field(default_factory=dict, compare=False)

    def fragment(self, key: Hashable, render: Callable[[], str]) -> Markup:
        """HTML made from this view alone (and `key`): rendered once, then kept with it.

        For markup that holds nothing of the request or the user but what `key` says.
        """
        found = self.fragments.get(key)
        if found is None:
            # render_template's output: the autoescaping template engine escaped every value.
            found = self.fragments[key] = Markup(render())  # noqa: S704  # nosec B704
        return found

    def page(self, render: Callable[[], str]) -> Markup:
        """The whole page made from this view, for the signed-in user, with their CSRF token.

        The frame around the view shows the user's name, their menus and the tabs they
        may open: all of it follows from the user's row and from where the case stands
        for them, which a change to the team or the network gives a new revision. So
        the page is kept per user, until the next revision. A page that shows a flashed
        message is made afresh, as the message is shown once.
        """
        if session.get("_flashes"):
            return with_csrf_token(Markup(render()))  # noqa: S704  # nosec B704
        user = current_user
        key = (user.id, user.display_name, user.role, user.network_id, user.active)
        found = self.pages.get(key)
        if found is None:
            if len(self.pages) >= PAGES_PER_VIEW:
                self.pages.clear()  # a view seen by this many users is rare; start over
            # render_template's output: the autoescaping template engine escaped every value.
            found = self.pages[key] = Markup(render())  # noqa: S704  # nosec B704
        return with_csrf_token(found)

    def response(self, status: int = 200) -> Response:
        return current_app.response_class(self.json, status, mimetype="application/json")

    def answer(self, status: int = 200, **extra: Any) -> Response:
        """`{"graph": <the drawing>, **extra}` without parsing the drawing again."""
        more = "".join(f",{json.dumps(key)}:{json.dumps(value)}" for key, value in extra.items())
        body = '{"graph":' + str(self.json) + more + "}"
        return current_app.response_class(body, status, mimetype="application/json")


#: Where a cached fragment's forms take the CSRF token of the user's session: written as is
#: in the template, it is markup no value can produce (autoescaping turns each `<` into `&lt;`).
CSRF_SLOT = Markup("<!--csrf-token-->")
CSRF_INPUT = Markup('<input type="hidden" name="csrf_token" value="{}">')
#: What `csrf_token()` gives a cached page: the token itself goes there per request.
TOKEN_SLOT = Markup("<!--csrf-token-value-->")
#: The number of users' pages kept with one view: a case's team is a few people, and each
#: page holds its own copy of the drawing data (2 MB for a 3,000-person case).
PAGES_PER_VIEW = 4


def with_csrf_token(fragment: Markup) -> Markup:
    """A cached fragment with this session's CSRF token in each of its forms' slots."""
    token = generate_csrf()
    return fragment.replace(CSRF_SLOT, CSRF_INPUT.format(token)).replace(TOKEN_SLOT, token)


@dataclass(frozen=True)
class CaseHead:
    """What the case tabs' frame (case_base.html) shows of a case, from its read model.

    Its id and its child, and the dates the closed badge words (`kept_until`).
    """

    id: int
    child: PersonView | None
    birth_date: dt.date | None
    expected_date: dt.date | None
    closed: dt.date | None

    @classmethod
    def of(cls, view: EcogramView) -> CaseHead:
        assert view.key.case_id is not None  # noqa: S101  (a page shows a stored case)
        dates = view.dates
        return cls(
            view.key.case_id, view.child, dates.birth_date, dates.expected_date, dates.closed
        )


def init_app(app: Flask) -> None:
    app.extensions[VIEWS] = ViewCache[Drawn]()
    collector.init_app(app)


def _cache() -> ViewCache[Drawn]:
    cache: ViewCache[Drawn] = current_app.extensions[VIEWS]
    return cache


#: What makes JSON safe inside a page's `<script>` element, as Jinja's `tojson` escapes it.
_HTML_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"))


def html_safe_json(data: Any) -> Markup:
    """`data` as compact JSON that cannot end its `<script>` element or an attribute."""
    text = orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS).decode("utf-8")
    for character, escaped in _HTML_SAFE:
        text = text.replace(character, escaped)
    # Escaped just above: safe to mark as markup.
    return Markup(text)  # noqa: S704  # nosec B704


def _drawn(view: EcogramView, extra: Mapping[str, Any] | None = None) -> Drawn:
    collector.built()
    return Drawn(view, html_safe_json(visdata.drawing(view) | dict(extra or {})))


def _with_offers(view: EcogramView) -> Drawn:
    """Today's view with what undo and redo would act on now.

    The offers belong to the same key: every change that undo, redo or a new edit
    makes also writes to the case, which gives it a new revision.
    """
    from webapp.history.offers import undo_offers  # the history's words need this module

    assert view.key.case_id is not None  # noqa: S101  (today's view is of a stored case)
    return _drawn(view, undo_offers(view.key.case_id, view.persons, view.key.at))


def current(case_id: int, revision: int, at: dt.date | None = None) -> Drawn:
    """The case's view at `revision` (read first, by the guard) on today, in the user's language."""
    key = ViewKey(case_id, revision, at or clock.today(), lang())
    collector.pause_until_sent()
    found = read_view(database.session(), _cache(), key, _with_offers)
    if found is None:
        abort(404)
    return found


def fresh(case_id: int) -> Drawn:
    """The view of the case as stored now: for an answer after a write or a lost race."""
    revision = revision_of(database.session(), case_id)
    if revision is None:
        abort(404)
    return current(case_id, revision)


def of_case(case: Case, revision: int) -> Drawn:
    """The view of a case loaded whole after its revision was read (the downloads)."""
    key = ViewKey(case.id, revision, clock.today(), lang())
    found = read_view(database.session(), _cache(), key, _with_offers, load=lambda: case)
    assert found is not None  # noqa: S101  (the case is at hand)
    return found


def past(case_id: int, revision: int, number: int, day: dt.date, load: Callable[[], Case]) -> Drawn:
    """The view of the case as it stood at session `number` (held on `day`)."""
    key = ViewKey(case_id, revision, day, lang(), session=number)
    collector.pause_until_sent()
    found = read_view(database.session(), _cache(), key, _drawn, load=load)
    assert found is not None  # noqa: S101  (a snapshot always parses to a case)
    return found


# --- One person's details (the side panel reads them from the whole tree) ----------------


def _holds(start: dt.date, end: dt.date | None, at: dt.date) -> bool:
    return start <= at and (end is None or at < end)


def anchor_ids(case: Case, at: dt.date) -> set[int]:
    return {period.person.id for period in case.anchors if _holds(period.start, period.end, at)}


def person_row(person: Person, language: str) -> dict[str, Any]:
    """The person list's row of an ORM person, worded as the read model words it."""
    candidate = CandidateStatus(person.candidate or CandidateStatus.NONE)
    return {
        "id": person.id,
        "name": person.name,
        "kind": PersonKind(person.kind).value,
        "kind_label": labels.label("kind", person.kind, language),
        "sector": Sector(person.sector).value,
        "ring": int(person.ring),
        "household": person.household or "",
        "candidate": candidate.value,
        "candidate_label": labels.label("candidate", candidate, language),
        "version": person.version,
    }
