"""Hostile input to every form: a 4xx with a clear message, or exactly what was sent. Never a 500.

Two layers, both with hypothesis:
- a sweep: every POST route of the URL map, enumerated (so a form added later
  is covered without anyone listing it), gets forms built from every field name
  any FlaskForm of the app declares, each filled with a plausible value or a
  hostile one chosen by the field's type. Nothing may answer 5xx.
- the forms that store text and dates, one by one: a refusal is a 4xx that
  names the field and changes nothing; an acceptance stores every text exactly
  as sent (after the forms' documented trimming of surrounding white space) and
  every date as the day it names.

Hostile means markup, SQL, NUL and other control characters, lone surrogates,
100k of text, right-to-left overrides, combining marks, emoji, and impossible
dates (2026-02-30, 0000-01-01, 99999-01-01, "yesterday"). A lone surrogate goes
out as the raw bytes a broken client would send; Werkzeug reads those bytes
back percent-encoded, so "%ED%A0%80" is what arrives and what must be stored.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import werkzeug.urls  # noqa: F401  (registers the werkzeug.url_quote decoding error handler)
from flask import Flask
from flask.testing import FlaskClient
from flask_wtf import FlaskForm
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from werkzeug.test import TestResponse
from wtforms import BooleanField, DateField, DecimalField, IntegerField, SelectFieldBase
from wtforms.fields.core import UnboundField

from ecogram import vocabulary
from ecogram.db import session_scope
from ecogram.imh_checklist import Item, Rating
from ecogram.models import CarePlanAction, Case, Network, Region
from ecogram.vocabulary import NetworkSlug
from tests.web.conftest import HttpsClient, World, login, stored_case
from tests.web.urlmap import FORM, path, real_ids, routes, snapshot
from webapp.assessment import stale as assessment_stale
from webapp.roles import stale as roles_stale

NASTY = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "Robert'); DROP TABLE person;--",
    "' OR '1'='1' --",
    "\x00",
    "Oma\x00Jet",
    "\x1b[31mrood\x1b[0m",
    "Oma\r\nJet",
    "\x7f\x85",
    "\ud800",
    "Oma \udfff Jet",
    "\u202eteJ amO",
    "Z\u0351\u0352\u0353a\u0300\u0301lgo",
    "👵🏽 Oma 👶",
    "\ufeffOma",
    "  Oma Lies  ",
    "",
    " ",
    "Jet" * 34_000,  # about 100k characters
    "%s%n{0}${x}{{7*7}}",
    "\u2028",
]
IMPOSSIBLE_DATES = [
    "2026-02-30",
    "0000-01-01",
    "99999-01-01",
    "yesterday",
    "2026-13-01",
    "",
    "2026-01-05T00:00",
    "1899-12-31",
    "2101-01-01",
]
NUMBERS = ["-1", "0", "7", "8", "1.5", "1e309", "NaN", "Infinity", "9" * 40, "0x10", "١٢"]
ENUM_VALUES = sorted(
    {
        member.value
        for name in dir(vocabulary)
        if isinstance(cls := getattr(vocabulary, name), type) and hasattr(cls, "__members__")
        for member in cls.__members__.values()
        if isinstance(member.value, str)
    }
    | {r.value for r in Rating}
)
#: Routes that end the sweep's own session; each has its own tests elsewhere.
NOT_SWEPT = {"auth.logout"}
#: Tables a refused request may still append to: the trail of the refusal, failed sign-ins.
APPEND_ONLY = {"audit_event", "login_attempt"}

hostile_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=30))
hostile_date = st.one_of(
    st.sampled_from(IMPOSSIBLE_DATES), st.dates().map(dt.date.isoformat), hostile_text
)


def sent(value: str) -> str:
    """What the server reads: Werkzeug keeps invalid UTF-8 (a lone surrogate) percent-encoded."""
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "werkzeug.url_quote")


def post(client: FlaskClient, url: str, pairs: list[tuple[str, str]], **kw: Any) -> TestResponse:
    body = urllib.parse.urlencode(pairs, encoding="utf-8", errors="surrogatepass")
    return client.post(url, data=body, content_type="application/x-www-form-urlencoded", **kw)


# --- Every field the app's forms declare -----------------------------------------------------


def form_fields() -> dict[str, type]:
    """Field name (as the browser sends it) -> field class, over every FlaskForm of the app."""
    found: dict[str, type] = {}

    def walk(cls: type) -> None:
        for sub in cls.__subclasses__():
            for klass in sub.__mro__:
                for attr, value in vars(klass).items():
                    if isinstance(value, UnboundField):
                        found.setdefault(value.name or attr, value.field_class)
            walk(sub)

    walk(FlaskForm)
    return found


def valid_values(ids: dict[str, int]) -> dict[str, list[str]]:
    persons = [str(ids["person_id"]), str(ids["sara_id"])]
    pool: dict[str, list[str]] = {name: [value] for name, value in FORM.items()}
    pool["from"] = ["2026-03-01", *persons]
    for name in ("person", "to", "fund_holder", "region", "network"):
        pool[name] = [*persons, str(ids["region_id"]), str(ids["network_id"]), ""]
    pool["version"] = ["1", "2"]
    return pool


def value_for(name: str, kind: type, pool: dict[str, list[str]]) -> st.SearchStrategy[str]:
    if issubclass(kind, DateField):
        hostile = hostile_date
    elif issubclass(kind, IntegerField | DecimalField):
        hostile = st.one_of(st.sampled_from(NUMBERS), st.integers().map(str), hostile_text)
    elif issubclass(kind, BooleanField):
        hostile = st.one_of(st.sampled_from(["y", "", "false"]), hostile_text)
    elif issubclass(kind, SelectFieldBase):
        hostile = st.one_of(st.sampled_from(ENUM_VALUES), hostile_text)
    else:
        hostile = hostile_text
    plausible = pool.get(name)
    return st.one_of(st.sampled_from(plausible), hostile) if plausible else hostile


def forms(fields: dict[str, type], pool: dict[str, list[str]]) -> st.SearchStrategy[Any]:
    """A form of any subset of the known fields; multi-valued fields may repeat."""
    names = sorted(fields)
    return st.lists(
        st.sampled_from(names).flatmap(
            lambda n: st.tuples(st.just(n), value_for(n, fields[n], pool))
        ),
        max_size=12,
    )


# --- The world, with an id for every kind of URL argument ------------------------------------


def ids_for(app: Flask, world: World) -> dict[str, int]:
    ids = real_ids(app, world)
    with stored_case(app) as case:
        sara = next(p for p in case.persons if p.name == "Sara")
        assert case.trajectory is not None
        case.trajectory.actions.append(CarePlanAction(what="Bellen met Sara", who="Sara"))
        ids |= {"sara_id": sara.id, "stay_id": case.trajectory.stays[0].id, "number": 1}
    with session_scope(app.extensions["ecogram.engine"]) as db:
        limburg = db.scalars(select(Network).where(Network.slug == NetworkSlug.LIMBURG)).one()
        region = db.scalars(select(Region).where(Region.network_id == limburg.id)).first()
        action = db.scalars(select(CarePlanAction)).one()
        ids |= {
            "network_id": limburg.id,
            "part_id": region.id if region else 1,
            "region_id": region.id if region else 1,
            "action_id": action.id,
        }
    return ids


def user_for(rule_path: str) -> str:
    if rule_path.startswith("/accounts"):
        return "admin"
    return "network_coordinator" if rule_path.startswith("/networks") else "coordinator"


def fresh_client(app: Flask, username: str) -> FlaskClient:
    app.test_client_class = HttpsClient
    client = app.test_client()
    login(client, username)
    return client


def sweep(
    client: FlaskClient, url: str, fields: dict[str, type], pool: dict[str, list[str]]
) -> None:
    @settings(max_examples=6, deadline=None)
    @given(pairs=forms(fields, pool))
    def check(pairs: list[tuple[str, str]]) -> None:
        response = post(client, url, pairs)
        assert response.status_code < 500, (url, pairs)

    check()


def test_no_post_route_answers_a_hostile_form_with_a_server_error(app: Flask, world: World) -> None:
    ids = ids_for(app, world)
    fields, pool = form_fields(), valid_values(ids)
    assert {"name", "note-safe_haven", "what", "present", "on"} <= set(fields)
    swept = []
    for rule in routes(app, "POST"):
        if rule.endpoint in NOT_SWEPT:
            continue
        sweep(fresh_client(app, user_for(rule.rule)), path(rule, ids), fields, pool)
        swept.append(rule.endpoint)
    assert {"ecogram_page.add_person", "assessment.edit", "roles.add", "closing.close"} <= set(
        swept
    )
    assert {"intake.new", "team.add", "accounts.create", "accounts.edit"} <= set(swept)


# --- The forms that store text and dates, one by one ------------------------------------------


@dataclass(frozen=True)
class Form:
    """A form under attack: its URL, who posts it, its fields and what they accept."""

    endpoint: str
    url: Callable[[dict[str, int]], str]
    user: str
    fields: dict[str, Callable[[dict[str, int]], st.SearchStrategy[str]]]
    text: tuple[str, ...] = ()  #: free-text fields, stored trimmed
    dates: tuple[str, ...] = ()  #: date fields, stored as the day they name
    fixed: dict[str, Callable[[dict[str, int]], str]] = field(default_factory=dict)
    #: Read again before every example: the versions a real form would carry.
    current: dict[str, Callable[[Case, dict[str, int]], str]] = field(default_factory=dict)


def either(*good: str) -> Callable[[dict[str, int]], st.SearchStrategy[str]]:
    return lambda _ids: st.one_of(st.sampled_from(good), hostile_text)


def a_date(good: str = "2026-03-02") -> Callable[[dict[str, int]], st.SearchStrategy[str]]:
    return lambda _ids: st.one_of(st.just(good), hostile_date)


def text(good: str) -> Callable[[dict[str, int]], st.SearchStrategy[str]]:
    return lambda _ids: st.one_of(st.just(good), hostile_text)


def person(key: str = "person_id") -> Callable[[dict[str, int]], st.SearchStrategy[str]]:
    return lambda ids: st.one_of(st.just(str(ids[key])), hostile_text)


def case_url(suffix: str) -> Callable[[dict[str, int]], str]:
    return lambda ids: f"/cases/{ids['case_id']}{suffix}"


FORMS = [
    Form(
        "ecogram_page.add_person",
        case_url("/persons"),
        "worker",
        {
            "name": text("Tante Zoë"),
            "household": text("h2"),
            "kind": either("aunt_uncle"),
            "sector": either("family"),
            "ring": either("2"),
            "candidate": either("to_explore"),
        },
        text=("name", "household"),
    ),
    Form(
        "ecogram_page.edit_person",
        lambda ids: f"/cases/{ids['case_id']}/persons/{ids['person_id']}",
        "worker",
        {"name": text("Oma Jet"), "household": text("h3"), "ring": either("1", "3")},
        text=("name", "household"),
        fixed={
            "kind": lambda _ids: "grandparent",
            "sector": lambda _ids: "family",
            "candidate": lambda _ids: "assessing",
        },
    ),
    Form(
        "ecogram_page.add_tie",
        case_url("/ties"),
        "worker",
        {
            "from": person(),
            "to": person("child_id"),
            "quality": either("strong", "weak"),
            "flow": either("forward", "none"),
            "support": either("childcare", "emotional"),
        },
    ),
    Form(
        "assessment.edit",
        lambda ids: f"/cases/{ids['case_id']}/persons/{ids['person_id']}/assessment",
        "colleague",
        {
            "date": a_date(),
            "assessor": text("Assessor B"),
            "note-safe_haven": text("Troost Noor."),
            "rating-safe_haven": either("S", "A"),
            "final": either("y", ""),
        },
        text=("assessor", "note-safe_haven"),
        dates=("date",),
        fixed={
            f"rating-{item.value}": (lambda _ids: "U")
            for item in Item
            if item is not Item.SAFE_HAVEN
        },
        current={
            "basis": lambda case, ids: assessment_stale.basis(
                next(p for p in case.persons if p.id == ids["person_id"])
            )
        },
    ),
    Form(
        "roles.add",
        case_url("/roles"),
        "worker",
        {
            "person": person(),
            "role": either("respite", "day_care"),
            "start": a_date("2026-04-01"),
            "end": a_date("2026-05-01"),
            "nights_per_week": lambda _ids: st.one_of(st.sampled_from(NUMBERS), hostile_text),
            "attestation_status": either("none", "pending"),
            "attestation_date": a_date("2026-04-01"),
        },
        dates=("start", "end", "attestation_date"),
    ),
    Form(
        "roles.set_anchor",
        case_url("/anchor"),
        "worker",
        {"person": person(), "from": a_date("2026-06-01")},
        dates=("from",),
        current={"version": lambda case, _ids: roles_stale.anchor_version(case)},
    ),
    Form(
        "roles.set_trusted",
        case_url("/trusted-person"),
        "worker",
        {"person": person()},
        current={"version": lambda case, _ids: str(case.version)},
    ),
    Form(
        "trajectory.add_action",
        case_url("/trajectory/actions"),
        "worker",
        {"what": text("Bellen met Oma Jet"), "who": text("Sara"), "due": a_date("2026-04-01")},
        text=("what", "who"),
        dates=("due",),
    ),
    Form(
        "history.start",
        case_url("/history/sessions"),
        "worker",
        {"date": a_date("2026-11-20"), "present": text("Sara, Oma Jet")},
        text=("present",),
        dates=("date",),
    ),
    Form(
        "networks.add_organisation",
        lambda ids: f"/networks/{ids['network_id']}/organisations",
        "network_coordinator",
        {"name": text("Kind en Gezin Hasselt")},
        text=("name",),
    ),
]


def changed_rows(before: dict[str, list[Any]], after: dict[str, list[Any]]) -> list[Any]:
    return [row for table, rows in after.items() for row in set(rows) - set(before.get(table, []))]


def model_rows(app: Flask) -> dict[str, list[Any]]:
    return {k: v for k, v in snapshot(app).items() if k not in APPEND_ONLY}


def assert_refused_clearly(response: TestResponse, names: set[str]) -> None:
    assert 400 <= response.status_code < 500
    body = response.get_data(as_text=True)
    if response.is_json:
        # A warning to confirm (a name already on the ecogram) names its field like an error.
        payload = json.loads(body)
        errors = payload.get("errors") or payload.get("warnings", {})
        assert errors and set(errors) <= names | {"version"}, errors
    else:
        assert 'class="form-error"' in body or 'role="alert"' in body, body[:500]


def assert_stored_exactly(form: Form, pairs: list[tuple[str, str]], new_rows: list[Any]) -> None:
    cells = {cell for row in new_rows for cell in row}
    for name, value in pairs:
        if name in form.text and sent(value).strip():
            assert sent(value).strip() in cells, (name, value)
        if name in form.dates and value.strip():
            day = dt.date.fromisoformat(value.strip())
            # Raw SQL hands SQLite's dates back as the ISO text they are stored as.
            assert {day, day.isoformat()} & cells, (name, value)


@pytest.fixture
def ids(app: Flask, world: World) -> Iterator[dict[str, int]]:
    found = ids_for(app, world)
    with stored_case(app) as case:
        found["child_id"] = next(p.id for p in case.persons if p.name == "Baby Noor")
    app.config["FROZEN_TODAY"] = dt.date(2026, 11, 23)
    yield found


@pytest.mark.parametrize("form", FORMS, ids=[f.endpoint for f in FORMS])
def test_a_hostile_form_is_refused_clearly_or_stored_exactly(
    app: Flask, ids: dict[str, int], form: Form
) -> None:
    client = fresh_client(app, form.user)
    client.post("/language", data={"lang": "en"})
    url = form.url(ids)
    fixed = [(name, make(ids)) for name, make in form.fixed.items()]
    strategies = {name: make(ids) for name, make in form.fields.items()}
    names = set(form.fields) | set(form.fixed) | set(form.current)

    @settings(max_examples=30, deadline=None)
    @given(values=st.fixed_dictionaries(strategies))
    def check(values: dict[str, str]) -> None:
        pairs = fixed + list(values.items())
        if "version" in names or form.endpoint.endswith("edit_person"):
            pairs.append(("version", str(current_version(app, ids))))
        with stored_case(app) as case:
            pairs += [(name, read(case, ids)) for name, read in form.current.items()]
        before = model_rows(app)
        response = post(client, url, pairs)
        assert response.status_code < 500, (form.endpoint, pairs)
        if response.status_code >= 400:
            assert_refused_clearly(response, names)
            assert model_rows(app) == before
        else:
            after = model_rows(app)
            # The same values sent twice change nothing the second time: they stand as stored.
            new_rows = changed_rows(before, after) or [r for rows in after.values() for r in rows]
            assert_stored_exactly(form, pairs, new_rows)

    check()


def current_version(app: Flask, ids: dict[str, int]) -> int:
    with stored_case(app) as case:
        return next(p.version for p in case.persons if p.id == ids["person_id"])


def test_the_sweep_knows_the_forms_it_attacks_one_by_one(app: Flask) -> None:
    endpoints = {rule.endpoint for rule in routes(app, "POST")}
    assert {form.endpoint for form in FORMS} <= endpoints
