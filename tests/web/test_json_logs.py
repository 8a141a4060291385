"""JSON log lines: one object per line, with the request id, and no names from a case."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import World, login
from webapp import create_app
from webapp.logs import APP_LOGGER, JsonFormatter

HOSTILE = 'x\r\nFAKE {"level": "INFO"}\u2028\x85 end'


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """Everything the app's loggers write, through the JSON formatter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(APP_LOGGER)
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


def records(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_each_request_ends_with_an_access_line_that_carries_its_request_id(
    client: FlaskClient, json_lines: io.StringIO
) -> None:
    response = client.get("/login")
    (line,) = [r for r in records(json_lines) if r["logger"] == "ecogram.access"]
    assert line["request_id"] == response.headers["X-Request-Id"]
    assert (line["method"], line["route"], line["status"]) == ("GET", "/login", 200)
    assert line["level"] == "INFO" and line["time"].endswith("+00:00")
    assert isinstance(line["duration_ms"], float)


def test_a_sign_in_warning_carries_the_request_id_of_its_request(
    client: FlaskClient, json_lines: io.StringIO
) -> None:
    response = client.post("/login", data={"username": HOSTILE, "password": "wrong"})
    lines = records(json_lines)
    warning = next(r for r in lines if r["logger"] == "ecogram.auth")
    assert warning["request_id"] == response.headers["X-Request-Id"]
    # The typed username comes out whole, with its line breaks written out.
    assert "x\\r\\nFAKE" in warning["message"] and "\\u2028" in warning["message"]
    assert len(json_lines.getvalue().splitlines()) == len(lines) == 2


def test_the_access_line_names_the_route_never_the_path_or_the_query(
    client: FlaskClient, world: World, json_lines: io.StringIO
) -> None:
    login(client, "worker")
    client.get(f"/cases/{world.case_id}/?person=Oma%20Jet")
    text = json_lines.getvalue()
    assert "Oma" not in text and f"/cases/{world.case_id}" not in text
    routes = [r["route"] for r in records(json_lines) if r["logger"] == "ecogram.access"]
    assert routes[-1] == "/cases/<int:case_id>/"


def test_a_record_outside_a_request_and_an_exception_stay_one_json_line(
    json_lines: io.StringIO,
) -> None:
    logger = logging.getLogger("ecogram.test_json_logs")
    try:
        raise ValueError(HOSTILE)
    except ValueError:
        logger.exception("the import failed: %s", HOSTILE)
    (line,) = records(json_lines)
    assert line["request_id"] == "-"
    assert "Traceback" in line["exception"] and "\n" not in line["exception"]
    assert line["message"].startswith("the import failed: x\\r\\n")


def test_production_writes_json_when_nothing_else_is_configured(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logging.getLogger(APP_LOGGER), "handlers", [])
    monkeypatch.setattr(logging.getLogger(), "handlers", [])
    production = create_app(dict(app.config) | {"PRODUCTION": True})
    (handler,) = logging.getLogger(APP_LOGGER).handlers
    assert isinstance(handler.formatter, JsonFormatter)
    assert production.config["PRODUCTION"] is True
