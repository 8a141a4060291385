"""Huge, tiny and not-a-number values in every numeric input and id: 4xx, never 500.

Every route of the URL map is visited: its id arguments take a 20-digit number,
and every numeric field any form declares takes 10^308, NaN, infinity and a
20-digit integer, all at once, with the other fields plausible.
"""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_wtf import FlaskForm
from wtforms import DecimalField, FieldList, FloatField, IntegerField
from wtforms.fields.core import UnboundField

from ecogram.db import session_scope
from ecogram.models import Region
from tests.web.conftest import World
from tests.web.rendered import parse
from tests.web.test_hostile_input import (
    fresh_client,
    ids_for,
    post,
    user_for,
    valid_values,
)
from tests.web.urlmap import path, routes

HUGE_ID = 99999999999999999999  # 20 digits: past every 64-bit integer column
NUMBERS = ["1" + "0" * 308, "-1e308", "NaN", "inf", str(HUGE_ID)]


NUMERIC = IntegerField | DecimalField | FloatField


def numeric_fields(ids: dict[str, int]) -> list[str]:
    """Every numeric field as the browser names it, rows of a list and per region included."""
    # The plan asks each of the network's regions for its commitment: a field per region.
    return sorted(declared_numbers(FlaskForm) | {f"commitment_{ids['region_id']}"})


def declared_numbers(cls: type, prefix: str = "") -> set[str]:
    """Names any form declares numeric; a FieldList's rows as its first two ("lines-0-amount").

    Not `form_fields()`: it keeps one class per name, and a name such as "done" is a
    checkbox on one form and a number on another.
    """
    found: set[str] = set()
    for attr, value in vars(cls).items():
        if not isinstance(value, UnboundField):
            continue
        name = prefix + (value.name or attr)
        if issubclass(value.field_class, NUMERIC):
            found.add(name)
        elif issubclass(value.field_class, FieldList):
            row = value.args[0].args[0]  # FieldList(FormField(RowForm))
            found |= {n for i in (0, 1) for n in declared_numbers(row, f"{name}-{i}-")}
    for sub in cls.__subclasses__():
        found |= declared_numbers(sub, prefix)
    return found


def client_for(app: Flask, clients: dict[str, FlaskClient], rule_path: str) -> FlaskClient:
    user = user_for(rule_path)
    if user not in clients:
        clients[user] = fresh_client(app, user)
    return clients[user]


def test_a_twenty_digit_id_in_any_url_answers_4xx(app: Flask, world: World) -> None:
    checked = []
    clients: dict[str, FlaskClient] = {}
    for method in ("GET", "POST"):
        for rule in routes(app, method):
            if not rule.arguments:
                continue
            client = client_for(app, clients, rule.rule)
            url = path(rule, dict.fromkeys(rule.arguments, HUGE_ID))
            answer = client.open(url, method=method)
            # 404, or 405 where the id no longer matches the route the method belongs to.
            assert answer.status_code in (404, 405), (method, url, answer.status_code)
            checked.append(rule.endpoint)
    assert "history.session" in checked or any(e.startswith("history.") for e in checked)


def test_history_of_a_case_with_a_twenty_digit_session_number_is_404(
    app: Flask, world: World
) -> None:
    client = fresh_client(app, "coordinator")
    answer = client.get(f"/cases/{world.case_id}/history/{HUGE_ID}")
    assert answer.status_code == 404


def plan_form(client: FlaskClient, url: str) -> dict[str, str]:
    """The plan form as the page renders it, with one budget line and one activity."""
    page = parse(f"https://localhost{url}", client.get(url).get_data(as_text=True))
    form = next(f for f in page.forms if f.id == "plan-form")
    return dict(form.data()) | {
        "committed": "10",
        "lines-0-what": "Vorming",
        "lines-0-amount": "6000",
        "activities-0-need": "IMH-screening",
        "activities-0-planned": "3",
        "activities-0-cost": "4500",
    }


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("committed", "Trajectories committed in total"),
        ("lines-0-amount", "Amount (euro)"),
        ("activities-0-planned", "Sessions planned"),
        ("activities-0-cost", "Cost (euro)"),
        ("commitment_", None),  # one field per region, labelled with the region's name
    ],
)
@pytest.mark.parametrize("value", NUMBERS)
def test_an_extreme_number_in_the_plan_is_refused_naming_the_field(
    app: Flask, world: World, field: str, label: str | None, value: str
) -> None:
    ids = ids_for(app, world)
    client = fresh_client(app, "network_coordinator")
    assert client.post("/language", data={"lang": "en"}).status_code == 302
    url = f"/networks/{ids['network_id']}/plan"
    if field == "commitment_":
        field, label = f"commitment_{ids['region_id']}", region_name(app, ids["region_id"])
    answer = client.post(url, data=plan_form(client, url) | {field: value})

    assert answer.status_code == 400
    page = answer.get_data(as_text=True)
    assert field in parse(f"https://localhost{url}", page).invalid
    assert f"{label}:" in page  # the error summary names the field


@pytest.mark.parametrize("field", ["lines-0-amount", "activities-0-cost"])
def test_an_amount_of_1e308_is_refused_saying_the_most_a_plan_holds(
    app: Flask, world: World, field: str
) -> None:
    ids = ids_for(app, world)
    client = fresh_client(app, "network_coordinator")
    assert client.post("/language", data={"lang": "en"}).status_code == 302
    url = f"/networks/{ids['network_id']}/plan"

    answer = client.post(url, data=plan_form(client, url) | {field: "1e308"})

    assert answer.status_code == 400
    assert "Enter an amount of at most 9999999999.99 euro." in answer.get_data(as_text=True)


def region_name(app: Flask, region_id: int) -> str:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        region = session.get(Region, region_id)
        assert region is not None
        return region.name


def test_every_numeric_field_of_every_post_route_refuses_extreme_numbers_without_a_500(
    app: Flask, world: World
) -> None:
    ids = ids_for(app, world)
    pool = valid_values(ids)
    numbers = numeric_fields(ids)
    plan = {"committed", "lines-0-amount", "activities-0-planned", "activities-0-cost", "done"}
    assert {"version", "nights_per_week", *plan} <= set(numbers)
    clients: dict[str, FlaskClient] = {}
    for rule in routes(app, "POST"):
        if rule.endpoint in ("auth.logout", "auth.login"):  # would end the sweep's session
            continue
        client = client_for(app, clients, rule.rule)
        url = path(rule, ids)
        for value in NUMBERS:
            pairs = [(name, values[0]) for name, values in pool.items() if values]
            pairs = [(n, v) for n, v in pairs if n not in numbers]
            pairs += [(name, value) for name in numbers]
            answer = post(client, url, pairs)
            assert answer.status_code < 500, (url, value)
            assert answer.status_code != 302 or "/login" not in answer.location, url


def test_every_get_route_with_numeric_query_values_answers_without_a_500(
    app: Flask, world: World
) -> None:
    ids = ids_for(app, world)
    clients: dict[str, FlaskClient] = {}
    for rule in routes(app, "GET"):
        client = client_for(app, clients, rule.rule)
        for value in NUMBERS:
            query = {"page": value, "from": value, "to": value, "at": value, "version": value}
            answer = client.get(path(rule, ids), query_string=query)
            assert answer.status_code < 500, (rule.rule, value)
