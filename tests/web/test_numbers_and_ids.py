"""Huge, tiny and not-a-number values in every numeric input and id: 4xx, never 500.

Every route of the URL map is visited: its id arguments take a 20-digit number,
and every numeric field any form declares takes 10^308, NaN, infinity and a
20-digit integer, all at once, with the other fields plausible.
"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from wtforms import DecimalField, FloatField, IntegerField

from tests.web.conftest import World
from tests.web.test_hostile_input import (
    form_fields,
    fresh_client,
    ids_for,
    post,
    user_for,
    valid_values,
)
from tests.web.urlmap import path, routes

HUGE_ID = 99999999999999999999  # 20 digits: past every 64-bit integer column
NUMBERS = ["1" + "0" * 308, "-1e308", "NaN", "inf", str(HUGE_ID)]


def numeric_fields() -> list[str]:
    return sorted(
        name
        for name, kind in form_fields().items()
        if issubclass(kind, IntegerField | DecimalField | FloatField)
    )


def test_a_twenty_digit_id_in_any_url_answers_4xx(app: Flask, world: World) -> None:
    checked = []
    clients = {user: fresh_client(app, user) for user in ("coordinator", "network_coordinator")}
    for method in ("GET", "POST"):
        for rule in routes(app, method):
            if not rule.arguments:
                continue
            client = clients[user_for(rule.rule)]
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


def test_a_budget_of_1e308_is_refused_naming_the_field(app: Flask, world: World) -> None:
    ids = ids_for(app, world)
    client = fresh_client(app, "network_coordinator")
    form = {"version": "1", "committed": "10", "budget": "1e308", "approved": ""}

    answer = client.post(f"/networks/{ids['network_id']}/plan", data=form)

    assert answer.status_code == 400
    page = answer.get_data(as_text=True)
    assert 'name="budget"' in page and 'aria-invalid="true"' in page
    assert "9999999999.99" in page


def test_every_numeric_field_of_every_post_route_refuses_extreme_numbers_without_a_500(
    app: Flask, world: World
) -> None:
    ids = ids_for(app, world)
    pool = valid_values(ids)
    numbers = numeric_fields()
    assert {"version", "committed", "budget", "nights_per_week"} <= set(numbers)
    clients: dict[str, FlaskClient] = {}
    for rule in routes(app, "POST"):
        if rule.endpoint in ("auth.logout", "auth.login"):  # would end the sweep's session
            continue
        user = user_for(rule.rule)
        if user not in clients:
            clients[user] = fresh_client(app, user)
        client = clients[user]
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
    clients = {user: fresh_client(app, user) for user in ("coordinator", "network_coordinator")}
    for rule in routes(app, "GET"):
        client = clients[user_for(rule.rule)]
        for value in NUMBERS:
            query = {"page": value, "from": value, "to": value, "at": value, "version": value}
            answer = client.get(path(rule, ids), query_string=query)
            assert answer.status_code < 500, (rule.rule, value)
