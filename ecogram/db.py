"""Where the database lives and how to talk to it.

SQLite in the instance folder is the embedded default; PostgreSQL comes through
`ECOGRAM_DATABASE_URL`. Schema creation belongs to `ecogram.migrate`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

ENV_DATABASE_URL = "ECOGRAM_DATABASE_URL"
ENV_INSTANCE_PATH = "ECOGRAM_INSTANCE_PATH"
SQLITE_FILENAME = "ecogram.sqlite3"

# WAL lets readers and one writer work side by side. In WAL mode synchronous=NORMAL
# keeps every committed transaction when the process dies (`kill -9`) and never
# corrupts the file; only a power cut or an operating-system crash can roll back the
# last commits before the next checkpoint. FULL would close that gap with an fsync
# per commit, and every page view commits its audit row: on a busy disk that fsync
# alone costs more than the whole page. SQLite serves one process on one machine (the
# demo, a trial); production runs on PostgreSQL, whose commits stay synchronous.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA busy_timeout=5000",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
)

# Spellings people paste from hosting dashboards; SQLAlchemy needs the driver named.
_POSTGRES_PREFIXES = ("postgresql://", "postgres://")
_POSTGRES_DRIVER = "postgresql+psycopg://"


def default_instance_path() -> Path:
    """`ECOGRAM_INSTANCE_PATH`, else this user's data folder (`~/.local/share/ecogram` on Linux).

    Never a folder inside the installed package: site-packages is replaced on every
    upgrade and may not be writable, and the data and secret key must outlive both.
    The same folder whatever the working directory, so `ecogram serve` and
    `ecogram user add` always meet the same database.
    """
    configured = os.environ.get(ENV_INSTANCE_PATH)
    if configured:
        return Path(configured).expanduser().resolve()
    return platformdirs.user_data_path("ecogram", appauthor=False)


def normalise_url(url: str) -> str:
    """Point bare PostgreSQL URLs at psycopg 3, the driver we ship."""
    for prefix in _POSTGRES_PREFIXES:
        if url.startswith(prefix):
            return _POSTGRES_DRIVER + url[len(prefix) :]
    return url


def database_url() -> str:
    """`ECOGRAM_DATABASE_URL`, else the SQLite file in the instance folder."""
    configured = os.environ.get(ENV_DATABASE_URL)
    if configured:
        return normalise_url(configured)
    return f"sqlite:///{default_instance_path() / SQLITE_FILENAME}"


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """An engine for `url` (default: `database_url()`); SQLite gets its folder and pragmas."""
    url = normalise_url(url if url is not None else database_url())
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        # A pooled connection may have died with a server restart: test it before use
        # rather than fail the request. And give up connecting after 10 s, so a server
        # that does not answer makes /healthz say 503 instead of hanging.
        kwargs.setdefault("pool_pre_ping", True)
        kwargs.setdefault("connect_args", {"connect_timeout": 10})
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, **kwargs)

    database = parsed.database or ":memory:"
    if database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    # pysqlite's default transaction handling is kept on purpose: a transaction
    # starts at the first write, so a reader never holds an old snapshot that
    # would make its later write fail with SQLITE_BUSY; the version columns
    # catch what changed in between.
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def _set_sqlite_pragmas(dbapi_connection: Any, _connection_record: Any) -> None:
    # Pragmas are per connection, so they are set each time the pool opens one.
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    # Objects stay readable after commit: views render what they just saved
    # without a second round trip per attribute.
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session in one transaction: commit when the block succeeds, roll back when it raises."""
    with session_factory(engine)() as session, session.begin():
        yield session
