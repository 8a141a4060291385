"""The "Who else?" prompts: ten at most, the others counted and found among the findings."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import object_session

from tests.factories import make_unexplored_neighbours
from tests.web.conftest import World, login, stored_case

PROMPT = re.compile(r'data-prompt="unexplored" data-person-id="(\d+)"')


def add_unexplored(app: Flask, count: int) -> list[int]:
    """`count` neighbours with a strong tie to Sara (a parent), whom nobody has considered."""
    with stored_case(app) as case:
        added = make_unexplored_neighbours(case, count)
        object_session(case).flush()  # type: ignore[union-attr]
        return [person.id for person in added]


def test_a_case_with_twelve_unexplored_ties_shows_ten_prompts_and_counts_the_other_two(
    app: Flask, client: FlaskClient, world: World
) -> None:
    added = add_unexplored(app, 12)  # the design example has none of its own
    login(client, "worker")
    page = client.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    assert [int(found) for found in PROMPT.findall(page)] == added[:10]  # in person order
    more = re.search(r'<li data-prompt="more">(.*?)</li>', page, re.S)
    assert more is not None
    assert "En nog 2 personen met een sterke band die nog door niemand overwogen zijn." in more[1]
    assert f'href="/cases/{world.case_id}/findings"' in more[1]
    assert "Bekijk ze bij de bevindingen" in more[1]


def test_the_drawing_data_carries_the_same_ten_and_the_words_for_the_rest(
    app: Flask, client: FlaskClient, world: World
) -> None:
    added = add_unexplored(app, 11)
    login(client, "worker")
    client.post("/language", data={"lang": "en"})
    who = client.get(f"/cases/{world.case_id}/graph.json").get_json()["who_else"]
    assert [person["id"] for person in who["unexplored"]] == added[:10]
    assert who["more_text"] == (
        "And 1 more person with a strong tie whom nobody has considered yet."
    )


def test_ten_unexplored_ties_are_all_shown_with_nothing_counted_under_them(
    app: Flask, client: FlaskClient, world: World
) -> None:
    added = add_unexplored(app, 10)
    login(client, "worker")
    page = client.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    assert [int(found) for found in PROMPT.findall(page)] == added
    assert 'data-prompt="more"' not in page
    assert (
        client.get(f"/cases/{world.case_id}/graph.json").get_json()["who_else"]["more_text"] == ""
    )


def test_the_findings_page_lists_every_unexplored_tie_the_prompts_leave_out(
    app: Flask, client: FlaskClient, world: World
) -> None:
    add_unexplored(app, 12)
    login(client, "worker")
    findings = client.get(f"/cases/{world.case_id}/findings").get_data(as_text=True)
    for n in range(12):
        assert f"Buur {n:02d}" in findings
