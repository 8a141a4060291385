"""Database fixtures: every storage test runs on SQLite and on PostgreSQL.

`db_url` is a fresh, empty database; `engine` is that database migrated and
seeded; `session` is a session on it. PostgreSQL gives each test its own schema
(selected through `search_path` in the URL), so a test never sees another's rows
and the URL alone is enough for code that builds its own engine.

A PostgreSQL server that cannot be reached makes the PostgreSQL tests FAIL with
instructions. Only ECOGRAM_SKIP_POSTGRES=1 turns that into a skip, and then the
terminal summary says loudly that half of the storage suite did not run.
"""

from __future__ import annotations

import io
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ecogram.db import make_engine, normalise_url, session_factory, session_scope
from ecogram.migrate import alembic_config, init_database, seed_networks

DEFAULT_PG_URL = "postgresql+psycopg://ecogram:ecogram@127.0.0.1:5432/ecogram_test"
PG_URL = normalise_url(os.environ.get("ECOGRAM_TEST_PG_URL", DEFAULT_PG_URL))
SKIP_POSTGRES = os.environ.get("ECOGRAM_SKIP_POSTGRES") == "1"

HOW_TO_START_POSTGRES = """\
PostgreSQL is not reachable at {url}
  ({error})
The storage tests run on SQLite AND on PostgreSQL; they do not pass without it.
Start the server and create the test role and database (or run .ci/run, which does this):
    service postgresql start
    su postgres -c "psql -c \\"CREATE ROLE ecogram LOGIN CREATEDB PASSWORD 'ecogram'\\""
    su postgres -c "psql -c \\"CREATE DATABASE ecogram_test OWNER ecogram\\""
Or point ECOGRAM_TEST_PG_URL at another server. To leave PostgreSQL out on purpose,
set ECOGRAM_SKIP_POSTGRES=1; the run is then reported as incomplete."""

_postgres_status: dict[str, str] = {}


def _public_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    """An engine on the test database's default schema, used to make and drop schemas."""
    if SKIP_POSTGRES:
        _postgres_status["skipped"] = "ECOGRAM_SKIP_POSTGRES=1"
        pytest.skip("PostgreSQL left out: ECOGRAM_SKIP_POSTGRES=1")
    engine = create_engine(PG_URL, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        engine.dispose()
        _postgres_status["unreachable"] = str(error.orig or error).strip().splitlines()[0]
    if "unreachable" in _postgres_status:
        # Outside the except block, so the report shows our message, not a chain.
        message = HOW_TO_START_POSTGRES.format(
            url=_public_url(PG_URL), error=_postgres_status["unreachable"]
        )
        pytest.fail(message, pytrace=False)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_schema_sql(postgres_admin: Engine) -> str:
    """The migrations as one SQL script (Alembic offline mode), run once per fresh schema.

    Replaying the script costs one round trip; running Alembic online costs a few
    hundred milliseconds per test. test_migrations runs Alembic online itself.
    """
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", PG_URL.replace("%", "%%"))
    buffer = io.StringIO()
    config.output_buffer = buffer
    command.upgrade(config, "head", sql=True)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, seeded SQLite file that each test copies instead of migrating again."""
    path = tmp_path_factory.mktemp("template") / "ecogram.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    try:
        init_database(engine)
    finally:
        engine.dispose()  # the last close checkpoints the WAL into the main file
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ecogram.sqlite3'}"
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    schema = f"test_{uuid.uuid4().hex[:16]}"
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.begin() as connection:
        # A test that leaks an open transaction makes this fail instead of hang.
        connection.execute(text("SET LOCAL lock_timeout = '5s'"))
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))


@pytest.fixture
def engine(request: pytest.FixtureRequest, db_url: str) -> Iterator[Engine]:
    """An engine on `db_url`, migrated to head and with the five networks."""
    sqlite = db_url.startswith("sqlite")
    if sqlite:
        template: Path = request.getfixturevalue("sqlite_template")
        shutil.copyfile(template, make_url(db_url).database or "")
    engine = make_engine(db_url)
    try:
        if not sqlite:
            _build_postgres_schema(engine, request.getfixturevalue("postgres_schema_sql"))
        yield engine
    finally:
        engine.dispose()


def _build_postgres_schema(engine: Engine, script: str) -> None:
    with engine.connect() as connection:
        # The script holds its own BEGIN/COMMIT and must reach the server as is.
        raw = connection.execution_options(isolation_level="AUTOCOMMIT", no_parameters=True)
        raw.exec_driver_sql(script)
    with session_scope(engine) as session:
        seed_networks(session)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as session:
        yield session


def pytest_deselected(items: list[pytest.Item]) -> None:
    if any(item.get_closest_marker("postgres") for item in items):
        _postgres_status.setdefault("skipped", "PostgreSQL tests deselected (-m/-k)")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if "skipped" in _postgres_status:
        terminalreporter.section("POSTGRESQL NOT TESTED", sep="!", red=True, bold=True)
        terminalreporter.write_line(
            f"{_postgres_status['skipped']}: the PostgreSQL half of the storage tests did NOT run.",
            red=True,
            bold=True,
        )
        terminalreporter.write_line("This run does not show that Ecogram works on PostgreSQL.")
    elif "unreachable" in _postgres_status:
        terminalreporter.section("POSTGRESQL UNREACHABLE", sep="!", red=True, bold=True)
        terminalreporter.write_line(
            f"The PostgreSQL tests FAILED: {_public_url(PG_URL)}: "
            f"{_postgres_status['unreachable']}",
            red=True,
            bold=True,
        )
        terminalreporter.write_line("Start it with: service postgresql start  (see above)")
