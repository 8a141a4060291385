"""Correcting and removing the trajectory's entries, and withdrawing an extension.

Each form is read from the rendered page and sent as a browser sends it, with
only the fields a user would change changed. The design example's trajectory
(referred 5 January 2026: a care table on 6 January, an evaluation on 17
February, €1,200 of guidance on 20 January, a residential stay 5-30 January),
on a fixed day.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from ecogram.models import Trajectory
from tests.web.conftest import World, stored_case
from tests.web.test_trajectory import audited, sign_in, text, url
from tests.web.test_trajectory_records import add_action
from webapp.audit.words import ACTIONS
from webapp.trajectory.entries import ENTRIES

TODAY = dt.date(2026, 2, 20)


@pytest.fixture(autouse=True)
def frozen(app: Flask) -> None:
    app.config["FROZEN_TODAY"] = TODAY


class FormReader(HTMLParser):
    """The fields of one form as a browser would send them: values, checked boxes, selections."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.action = form_id, False, ""
        self.fields: list[tuple[str, str]] = []
        self.select: str | None = None
        self.first_option: str | None = None
        self.chosen = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form" and found.get("id") == self.form_id:
            self.inside, self.action = True, found["action"]
        if not self.inside:
            return
        if tag == "input" and "name" in found:
            if found.get("type") != "checkbox" or "checked" in found:
                self.fields.append((found["name"], found.get("value", "")))
        elif tag == "select":
            self.select, self.first_option, self.chosen = found["name"], None, False
        elif tag == "option" and self.select is not None:
            value = found.get("value", "")
            self.first_option = value if self.first_option is None else self.first_option
            if "selected" in found:
                self.fields.append((self.select, value))
                self.chosen = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self.select is not None:
            if not self.chosen and self.first_option is not None:
                self.fields.append((self.select, self.first_option))
            self.select = None
        if tag == "form" and self.inside:
            self.inside = False


def send(
    client: FlaskClient, world: World, form_id: str, **changes: str | list[str]
) -> TestResponse:
    """Submit the rendered form `form_id` with `changes` typed over its fields."""
    reader = FormReader(form_id)
    reader.feed(text(client.get(url(world))))
    assert reader.action, f"no form {form_id} on the page"
    fields = [(name, value) for name, value in reader.fields if name not in changes]
    for name, value in changes.items():
        fields += [(name, v) for v in ([value] if isinstance(value, str) else value)]
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return client.post(reader.action, data=data)


def trajectory(app: Flask) -> Trajectory:
    with stored_case(app) as case:
        assert case.trajectory is not None
        found = case.trajectory
        # Read every list while the session is open.
        for rows in (found.care_tables, found.evaluations, found.budget_items, found.stays):
            list(rows)
        list(found.actions)
        return found


def first_id(app: Flask, collection: str) -> int:
    return int(getattr(trajectory(app), collection)[0].id)


# --- Care tables, with who was present --------------------------------------------------------


def test_a_care_tables_date_and_attendance_are_corrected_through_the_rendered_form(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "colleague")
    table = first_id(app, "care_tables")
    answer = send(
        client, world, f"care-table-{table}-edit", date="2026-01-07", present=["family", "referrer"]
    )
    assert answer.status_code == 302
    corrected = trajectory(app).care_tables[0]
    assert (corrected.date, corrected.present) == (dt.date(2026, 1, 7), ["family", "referrer"])
    assert corrected.version == 2
    assert ("colleague", "edit_care_table", "ok") in audited(app, world.case_id)
    page = text(client.get(url(world)))
    assert "Corrected: care table." in page


def test_a_care_table_corrected_to_before_the_referral_is_refused_with_the_field_marked(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    table = first_id(app, "care_tables")
    answer = send(client, world, f"care-table-{table}-edit", date="2026-01-04")
    assert answer.status_code == 400
    page = text(answer)
    field = re.search(rf'<input[^>]*id="care-table-{table}-date"[^>]*>', page)
    assert field is not None and 'aria-invalid="true"' in field.group(0)
    assert "Date of the care table: This is before the referral" in page
    assert f'id="care-table-{table}-correct" open' in page
    assert trajectory(app).care_tables[0].date == dt.date(2026, 1, 6)


def test_a_stale_correction_gets_the_conflict_page_with_both_dates(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    table = first_id(app, "care_tables")
    answer = send(client, world, f"care-table-{table}-edit", date="2026-01-08", version="7")
    assert answer.status_code == 409
    page = text(answer)
    assert 'id="conflict"' in page and "8 January 2026" in page and "6 January 2026" in page
    assert trajectory(app).care_tables[0].date == dt.date(2026, 1, 6)


def test_a_care_table_is_removed_and_the_message_repeats_what_it_held(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    table = first_id(app, "care_tables")
    answer = send(client, world, f"care-table-{table}-delete")
    assert answer.status_code == 302
    assert trajectory(app).care_tables == []
    assert "Removed care table: Date: 6 January 2026." in text(client.get(url(world)))
    assert ("worker", "delete_care_table", "ok") in audited(app, world.case_id)


def test_a_stale_removal_gets_the_conflict_page_and_removes_nothing(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    table = first_id(app, "care_tables")
    answer = send(client, world, f"care-table-{table}-delete", version="2")
    assert answer.status_code == 409
    assert len(trajectory(app).care_tables) == 1


def test_a_removal_without_its_version_is_refused_with_a_reason(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    table = first_id(app, "care_tables")
    answer = client.post(url(world, f"/care-tables/{table}/delete"))
    assert answer.status_code == 400
    assert "Reload the page and try again." in text(answer)
    assert len(trajectory(app).care_tables) == 1


# --- Evaluations, care-plan actions and stays --------------------------------------------------


def test_an_evaluation_is_corrected_and_removed(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    evaluation = first_id(app, "evaluations")
    assert (
        send(client, world, f"evaluation-{evaluation}-edit", date="2026-02-18").status_code == 302
    )
    assert trajectory(app).evaluations[0].date == dt.date(2026, 2, 18)
    assert send(client, world, f"evaluation-{evaluation}-delete").status_code == 302
    assert trajectory(app).evaluations == []


def test_a_care_plan_action_is_corrected_and_removed(
    app: Flask, client: FlaskClient, world: World
) -> None:
    action = add_action(app)
    sign_in(client, "colleague")
    answer = send(
        client,
        world,
        f"action-{action}-edit",
        what="Oma Jet visits the crèche",
        due="2026-03-01",
        done="y",
    )
    assert answer.status_code == 302
    corrected = trajectory(app).actions[0]
    assert (corrected.what, corrected.who, corrected.due, corrected.done) == (
        "Oma Jet visits the crèche",
        "Oma Jet",
        dt.date(2026, 3, 1),
        True,
    )
    assert send(client, world, f"action-{action}-delete").status_code == 302
    assert trajectory(app).actions == []


def test_a_stays_last_day_is_corrected_as_the_last_day_itself(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    stay = first_id(app, "stays")
    answer = send(client, world, f"stay-{stay}-edit", end="2026-01-31")
    assert answer.status_code == 302
    corrected = trajectory(app).stays[0]
    assert (corrected.start, corrected.end) == (dt.date(2026, 1, 5), dt.date(2026, 1, 31))
    refused = send(client, world, f"stay-{stay}-edit", end="2026-01-04")
    assert refused.status_code == 400
    assert "The last day cannot be before the first day." in text(refused)


def test_the_rendered_stay_form_shows_the_stored_last_day(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    stay = first_id(app, "stays")
    reader = FormReader(f"stay-{stay}-edit")
    reader.feed(text(client.get(url(world))))
    assert ("end", "2026-01-30") in reader.fields and ("start", "2026-01-05") in reader.fields


# --- Budget: the case coordinator's -----------------------------------------------------------


def test_the_coordinator_corrects_and_removes_a_budget_item(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "coordinator")
    item = first_id(app, "budget_items")
    answer = send(client, world, f"budget-item-{item}-edit", amount="1250.50", category="residence")
    assert answer.status_code == 302
    corrected = trajectory(app).budget_items[0]
    assert (corrected.amount, corrected.category) == (Decimal("1250.50"), "residence")
    assert send(client, world, f"budget-item-{item}-delete").status_code == 302
    assert trajectory(app).budget_items == []
    page = text(client.get(url(world)))
    assert "Removed budget item: Date: 20 January 2026; Category: residence;" in page
    assert ("coordinator", "delete_budget_item", "ok") in audited(app, world.case_id)


def test_the_worker_sees_no_budget_corrections_and_may_not_make_them(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    item = first_id(app, "budget_items")
    assert f'id="budget-item-{item}-edit"' not in text(client.get(url(world)))
    answer = client.post(url(world, f"/budget/{item}/delete"), data={"version": "1"})
    assert answer.status_code == 403
    assert len(trajectory(app).budget_items) == 1


def test_an_outsider_gets_404_on_every_correction(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "outsider")
    ids = {
        "care-tables": first_id(app, "care_tables"),
        "evaluations": first_id(app, "evaluations"),
        "budget": first_id(app, "budget_items"),
        "stays": first_id(app, "stays"),
    }
    for path, entry in ids.items():
        for suffix in ("", "/delete"):
            answer = client.post(url(world, f"/{path}/{entry}{suffix}"), data={"version": "1"})
            assert answer.status_code == 404, (path, suffix)
    answer = client.post(url(world, "/extension/withdraw"), data={"version": "1"})
    assert answer.status_code == 404
    assert len(trajectory(app).care_tables) == 1


def test_an_entry_of_another_case_is_not_found(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    with stored_case(app, "c2") as other:
        assert other.trajectory is not None
        foreign = other.trajectory.care_tables[0].id
    answer = client.post(url(world, f"/care-tables/{foreign}/delete"), data={"version": "1"})
    assert answer.status_code == 404


# --- Withdrawing an extension ----------------------------------------------------------------


def test_an_extension_is_withdrawn_and_can_be_decided_again(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    assert send(client, world, "extend").status_code == 302
    assert trajectory(app).extended is True
    assert send(client, world, "withdraw-extension").status_code == 302
    assert trajectory(app).extended is False
    page = text(client.get(url(world)))
    assert "The extension is withdrawn: the term is 3 months again." in page
    assert 'id="extend"' in page and 'id="withdraw-extension"' not in page
    assert ("worker", "withdraw_extension", "ok") in audited(app, world.case_id)


def test_a_stale_withdrawal_gets_the_conflict_page(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    send(client, world, "extend")
    answer = send(client, world, "withdraw-extension", version="1")
    assert answer.status_code == 409
    assert trajectory(app).extended is True


def test_withdrawing_without_an_extension_is_refused_with_a_reason(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    version = trajectory(app).version
    answer = client.post(url(world, "/extension/withdraw"), data={"version": str(version)})
    assert answer.status_code == 400
    assert "The term is not extended; there is nothing to withdraw." in text(answer)


def test_the_assessor_does_not_decide_the_term(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    send(client, world, "extend")
    sign_in(client, "colleague")
    assert 'id="withdraw-extension"' not in text(client.get(url(world)))
    version = trajectory(app).version
    answer = client.post(url(world, "/extension/withdraw"), data={"version": str(version)})
    assert answer.status_code == 403


def test_every_correction_has_its_words_in_the_audit_trail() -> None:
    for entry in ENTRIES:
        for action in (f"edit_{entry.name}", f"delete_{entry.name}"):
            assert action in ACTIONS, action
    assert "withdraw_extension" in ACTIONS
