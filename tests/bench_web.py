"""`make bench`'s rows for the web app: the page against a bare page, its queries from 10 to
3,000 persons, a read model built afresh, and a real gunicorn worker's memory."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from ecogram import storage
from ecogram.accounts import UserRole, add_user, assign
from ecogram.db import make_engine, session_scope
from ecogram.migrate import init_database
from ecogram.readmodel import ViewCache
from tests.benchrows import Row, interleaved, summary, timed
from tests.factories import make_network_case

SIZES = (10, 40, 300, 1000, 3000)
USER, PASSWORD = "bench", "een lange zin om te meten"
HTTPS = {"base_url": "https://localhost"}


def database(folder: Path, sizes: tuple[int, ...]) -> tuple[str, dict[int, int]]:
    """A migrated SQLite file with one case per size, all on the bench user's team."""
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    engine = make_engine(url)
    init_database(engine)
    ids = {}
    with session_scope(engine) as session:
        user = add_user(session, username=USER, password=PASSWORD, role=UserRole.CONTEXT_WORKER)
        for size in sizes:
            case = storage.save_case(session, make_network_case(size, ref=f"bench{size}"))
            assign(session, user, case)
            ids[size] = case.id
    engine.dispose()
    return url, ids


@contextmanager
def signed_in(sizes: tuple[int, ...]) -> Iterator[tuple[Flask, FlaskClient, dict[int, int]]]:
    from webapp import create_app

    with tempfile.TemporaryDirectory() as folder:
        url, ids = database(Path(folder), sizes)
        config = {"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False}
        app = create_app(config | {"REQUIRE_SECOND_FACTOR": False})
        app.add_url_rule("/bench-bare", "bench_bare", lambda: "ok")
        client = app.test_client()
        client.post("/login", data={"username": USER, "password": PASSWORD}, **HTTPS)
        try:
            yield app, client, ids
        finally:
            app.extensions["ecogram.engine"].dispose()


def bench_page() -> list[Row]:
    with signed_in((40, 300)) as (app, client, ids):

        def get(path: str) -> None:
            assert client.get(path, **HTTPS).status_code == 200

        page = f"/cases/{ids[40]}/"
        ratios, pages, bares = interleaved(lambda: get(page), lambda: get("/bench-bare"), runs=60)

        def afresh() -> None:
            app.extensions["ecogram.views"] = ViewCache()  # as after a write: nothing cached
            get(f"/cases/{ids[300]}/graph.json")

        fresh = timed(afresh, runs=15)
    return [
        Row(
            "40-person ecogram page / bare page, interleaved (ratio)",
            ratios,
            2.0,
            f"page ms {summary(pages)}; bare page ms {summary(bares)}",
        ),
        Row("300-person graph.json, its read model loaded and built afresh (ms)", fresh, 50.0),
    ]


def bench_queries() -> list[Row]:
    """Queries per request, the view built afresh and cached; the bar: one count for every size."""
    with signed_in(SIZES) as (app, client, ids):
        engine = app.extensions["ecogram.engine"]
        seen: list[str] = []
        event.listen(engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
        counts: dict[str, list[int]] = {"afresh": [], "cached": []}
        for size in SIZES:
            for kind in ("afresh", "cached"):
                seen.clear()
                assert client.get(f"/cases/{ids[size]}/", **HTTPS).status_code == 200
                counts[kind].append(len(seen))
    detail = "; ".join(
        f"{kind} at {'/'.join(map(str, SIZES))} persons: {'/'.join(map(str, found))}"
        for kind, found in counts.items()
    )
    spread = [float(max(found) - min(found)) for found in counts.values()]
    return [Row("SQL queries of the ecogram page: spread from 10 to 3,000", spread, 0.0, detail)]


# --- A real gunicorn worker ---------------------------------------------------------------

REQUESTS = 1000
ROOT = Path(__file__).resolve().parents[1]


def bench_worker() -> list[Row]:
    """The worker's resident memory after starting and after 1,000 requests (MB)."""
    with tempfile.TemporaryDirectory() as folder:
        url, ids = database(Path(folder), (40, 300))
        port = _free_port()
        env = os.environ | {
            "ECOGRAM_DATABASE_URL": url,
            "ECOGRAM_SECRET_KEY": "bench-" + "k" * 40,
            "ECOGRAM_REQUIRE_SECOND_FACTOR": "0",
            "ECOGRAM_INSTANCE_PATH": folder,
            "ECOGRAM_BIND": f"127.0.0.1:{port}",
            "ECOGRAM_WORKERS": "1",
        }
        # No restart after max_requests: the bar is the memory of one worker after 1,000.
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--max-requests",
            "0",
        ]
        server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
        try:
            worker = _worker_of(server.pid, port)
            started = _rss_mb(worker)
            browser = _Session(port)
            paths = [f"/cases/{ids[40]}/", f"/cases/{ids[40]}/graph.json", "/"]
            paths += [f"/cases/{ids[300]}/", f"/cases/{ids[40]}/findings"]
            for n in range(REQUESTS):
                browser.get(paths[n % len(paths)])
            after = _rss_mb(worker)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    return [
        Row(
            f"gunicorn worker RSS after {REQUESTS:,} requests (MB)",
            [after],
            150.0,
            f"after start: {started:.1f} MB",
        )
    ]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _worker_of(master: int, port: int) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
            if children:
                return int(children[0])
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start within a minute")


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmRSS:\s+(\d+) kB", status)
    assert found is not None
    return int(found.group(1)) / 1024


class _Session:
    """A signed-in browser over plain HTTP behind a pretend TLS proxy (X-Forwarded-Proto)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        form = self.get("/login")
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form)
        token = token or re.search(r'name="csrf_token" value="([^"]+)"', form)
        assert token is not None
        body = f"csrf_token={token.group(1)}&username={USER}&password={PASSWORD}"
        self.request("POST", "/login", body, 302)

    def get(self, path: str) -> str:
        return self.request("GET", path, None, 200)

    def request(self, method: str, path: str, body: str | None, expected: int) -> str:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers: dict[str, Any] = {
            "X-Forwarded-Proto": "https",
            "Host": f"127.0.0.1:{self.port}",
            "Referer": f"https://127.0.0.1:{self.port}/login",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        if response.status != expected:
            raise RuntimeError(f"{method} {path}: {response.status}, not {expected}")
        return text
