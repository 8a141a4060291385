"""Garbage collection waits until a view's answer is sent; a view built means a full pass then."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from tests.web.conftest import World, login
from webapp import collector


@pytest.fixture
def full_passes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The full passes the app asks for, counted rather than run."""
    asked: list[int] = []
    monkeypatch.setattr(collector.gc, "collect", lambda generation=2: asked.append(generation))
    yield asked
    gc.enable()  # whatever a test left, the rest of the run collects


def test_a_page_that_builds_its_view_collects_only_once_its_answer_is_sent(
    client: FlaskClient, world: World, full_passes: list[int]
) -> None:
    login(client, "worker")
    answer = client.get(f"/cases/{world.case_id}/")
    assert answer.status_code == 200
    assert not gc.isenabled()  # answered, not yet sent: nothing collected in between
    assert full_passes == []
    answer.close()  # what a WSGI server does once the answer is sent
    assert gc.isenabled()
    assert full_passes == [2]


def test_a_page_read_from_the_cache_sends_its_answer_and_asks_for_no_full_pass(
    client: FlaskClient, world: World, full_passes: list[int]
) -> None:
    login(client, "worker")
    client.get(f"/cases/{world.case_id}/").close()  # builds the view
    full_passes.clear()
    answer = client.get(f"/cases/{world.case_id}/")
    answer.close()
    assert gc.isenabled()
    assert full_passes == []


def test_an_answer_never_closed_leaves_the_collector_off_only_until_the_next_request(
    client: FlaskClient, world: World, full_passes: list[int]
) -> None:
    login(client, "worker")
    client.get(f"/cases/{world.case_id}/")  # a browser that dropped the connection
    assert not gc.isenabled()
    client.get("/healthz").close()
    assert gc.isenabled()
    assert full_passes == []  # the pass that was due is left to the collector's own time


def test_a_refused_case_page_does_not_leave_the_collector_off(
    client: FlaskClient, world: World, full_passes: list[int]
) -> None:
    login(client, "outsider")
    answer = client.get(f"/cases/{world.case_id}/")
    answer.close()
    assert answer.status_code == 404
    assert gc.isenabled()


def test_whoever_paused_the_collector_before_keeps_it_paused(
    client: FlaskClient, world: World, full_passes: list[int]
) -> None:
    login(client, "worker")
    gc.disable()
    client.get(f"/cases/{world.case_id}/").close()
    assert not gc.isenabled()
    assert full_passes == []


def test_a_download_drawn_from_the_view_leaves_the_collector_free_while_it_works(
    client: FlaskClient, world: World, full_passes: list[int]
) -> None:
    # A PDF makes garbage of its own: the collector must be free to take it meanwhile.
    login(client, "worker")
    answer = client.post(f"/cases/{world.case_id}/downloads/summary_pdf")
    assert answer.status_code == 200
    assert gc.isenabled()
    answer.close()
    assert full_passes == []
