"""Crash safety: `kill -9` in the middle of a stream of writes loses nothing acknowledged.

The real server (`ecogram serve`) runs in its own process on an SQLite file,
with CSRF and Secure cookies as in production. Three workers add persons
through the side panel's JSON API at the same time; each 201 is an
acknowledged write. The server is killed with SIGKILL while they are busy,
then started again on the same file. Every acknowledged person must be
there, the database must pass `PRAGMA integrity_check` and
`PRAGMA foreign_key_check`, and each write must be whole: a person is stored
together with its audit row and the history snapshot of its session, or not
at all.

The client keeps cookies by hand: the session cookie is Secure, and a
standard cookie jar would not send it back over the plain http of 127.0.0.1.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from sqlalchemy import select

from ecogram import caseformat, storage
from ecogram.accounts import UserRole, add_user, assign
from ecogram.db import make_engine, session_scope
from ecogram.migrate import init_database
from ecogram.models import Case

EXAMPLE = Path(__file__).parent / "data" / "design_example.json"
PASSWORD = "correct horse battery"
WRITERS = 3
ACKS_BEFORE_KILL = 24
STARTUP_SECONDS = 60
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def prepare(database: Path) -> list[int]:
    """A migrated database with a copy of the design example per writer, and a worker on each.

    One case per writer: concurrent adds to one case race for the next person
    ref, which is the lost-update story, not this one.
    """
    engine = make_engine(f"sqlite:///{database}")
    try:
        init_database(engine)
        with session_scope(engine) as session:
            worker = add_user(
                session, username="worker", password=PASSWORD, role=UserRole.CONTEXT_WORKER
            )
            case_ids = []
            for n in range(WRITERS):
                document = json.loads(EXAMPLE.read_text("utf-8"))
                document["case"]["id"] = f"c{n + 1}"
                case = storage.save_case(session, caseformat.parse_document(document))
                assign(session, worker, case)
                case_ids.append(case.id)
    finally:
        engine.dispose()
    return case_ids


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Client:
    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    token: str = ""

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.token
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, text
        finally:
            connection.close()

    def sign_in(self) -> None:
        status, page = self.request("GET", "/login")
        assert status == 200
        found = TOKEN.search(page)
        assert found is not None
        self.token = found.group(1)
        form = {"username": "worker", "password": PASSWORD, "csrf_token": self.token}
        status, _ = self.request("POST", "/login", form)
        assert status == 302, "sign-in failed"
        status, page = self.request("GET", "/")
        found = TOKEN.search(page)
        assert status == 200 and found is not None
        self.token = found.group(1)


class Server:
    def __init__(self, database: Path, instance: Path, log: Path) -> None:
        self.port = free_port()
        env = {
            **os.environ,
            "ECOGRAM_DATABASE_URL": f"sqlite:///{database}",
            "ECOGRAM_INSTANCE_PATH": str(instance),
            "ECOGRAM_SECRET_KEY": "crash-test-only",
            "ECOGRAM_REQUIRE_SECOND_FACTOR": "0",
        }
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--port", str(self.port)],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_up()

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the server exited while starting"
            try:
                status, _ = Client(self.port).request("GET", "/login")
                if status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"the server did not answer within {STARTUP_SECONDS} s")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        self.process.wait(timeout=30)
        self.log.close()


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[list[Server]]:
    started: list[Server] = []
    yield started
    for server in started:  # a failed assertion must not leave a server behind
        server.kill()


@dataclass
class Stream:
    """Writers adding persons until the server goes away; what was acknowledged."""

    client: Client
    case_ids: list[int]
    acked: list[tuple[int, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    enough: threading.Event = field(default_factory=threading.Event)

    def write(self, writer: int) -> None:
        for n in range(10_000):
            name = f"Buur {writer}-{n}"
            form = {"name": name, "kind": "neighbour", "sector": "neighbourhood", "ring": "2"}
            form["candidate"] = "none"
            try:
                path = f"/cases/{self.case_ids[writer]}/persons"
                status, body = self.client.request("POST", path, form)
            except (OSError, http.client.HTTPException):
                return  # the server is gone: this write was never acknowledged
            if status != 201:
                with self.lock:
                    self.errors.append(f"{status}: {body[:200]}")
                return
            with self.lock:
                self.acked.append((self.case_ids[writer], name))
                if len(self.acked) >= ACKS_BEFORE_KILL:
                    self.enough.set()


def stored_persons(database: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(database) as connection:
        return [(row[0], row[1]) for row in connection.execute("SELECT case_id, name FROM person")]


def test_every_acknowledged_write_survives_kill_9_and_the_database_stays_consistent(
    tmp_path: Path, servers: list[Server]
) -> None:
    database = tmp_path / "ecogram.sqlite3"
    case_ids = prepare(database)
    before = set(stored_persons(database))
    servers.append(Server(database, tmp_path / "instance", tmp_path / "server.log"))
    client = Client(servers[0].port)
    client.sign_in()

    stream = Stream(client, case_ids)
    writers = [threading.Thread(target=stream.write, args=(w,)) for w in range(WRITERS)]
    for writer in writers:
        writer.start()
    assert stream.enough.wait(timeout=120), f"too few writes acknowledged: {stream.errors}"
    servers[0].kill(signal.SIGKILL)  # while the writers are still sending
    for writer in writers:
        writer.join(timeout=60)
    assert stream.errors == []
    assert len(stream.acked) >= ACKS_BEFORE_KILL

    # A restart on the same file serves every acknowledged write.
    servers.append(Server(database, tmp_path / "instance", tmp_path / "server.log"))
    again = Client(servers[1].port)
    again.sign_in()
    for case_id in case_ids:
        status, body = again.request("GET", f"/cases/{case_id}/graph.json")
        assert status == 200
        served = {person["name"] for person in json.loads(body)["persons"]}
        assert {name for c, name in stream.acked if c == case_id} <= served
    servers[1].kill(signal.SIGTERM)

    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    persons = stored_persons(database)
    assert len(persons) == len(set(persons)), "a write was stored twice"
    added = set(persons) - before
    assert set(stream.acked) <= added
    for case_id in case_ids:
        assert_every_write_is_whole(database, case_id, {n for c, n in added if c == case_id})


def assert_every_write_is_whole(database: Path, case_id: int, added: set[str]) -> None:
    """Each stored person came with its audit row and its history snapshot, in one transaction."""
    with sqlite3.connect(database) as connection:
        audited = connection.execute(
            "SELECT count(*) FROM audit_event WHERE case_id = ? AND action = 'add_person'"
            " AND outcome = 'ok'",
            (case_id,),
        ).fetchone()[0]
        snapshot = connection.execute(
            "SELECT snapshot FROM ecogram_session WHERE case_id = ? ORDER BY number DESC LIMIT 1",
            (case_id,),
        ).fetchone()[0]
    assert audited == len(added)
    in_history = {p["name"] for p in json.loads(snapshot)["persons"]}
    assert added <= in_history


def test_the_crash_test_reads_the_case_it_prepared(tmp_path: Path) -> None:
    # Guard: the stream above writes into the case the database really holds.
    database = tmp_path / "ecogram.sqlite3"
    case_ids = prepare(database)
    engine = make_engine(f"sqlite:///{database}")
    try:
        with session_scope(engine) as session:
            assert list(session.scalars(select(Case.id).order_by(Case.id))) == case_ids
    finally:
        engine.dispose()
    assert {(case_id, "Oma Jet") for case_id in case_ids} <= set(stored_persons(database))
