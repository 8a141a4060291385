"""The shipped Alembic migrations build exactly the models' schema, on SQLite and PostgreSQL."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, inspect, select

from ecogram.db import make_engine, session_scope
from ecogram.migrate import (
    MIGRATIONS_DIR,
    alembic_config,
    current_revision,
    head_revision,
    init_database,
    migration_connection,
    seed_networks,
    upgrade,
)
from ecogram.models import Base, Network, Stay
from ecogram.storage import load_case, save_case
from ecogram.vocabulary import NETWORK_NAMES
from tests.factories import make_case

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def empty_engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def schema_differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def networks(engine: Engine) -> dict[str, str]:
    with session_scope(engine) as session:
        return {n.slug.value: n.name for n in session.scalars(select(Network))}


def test_upgrading_an_empty_database_builds_exactly_the_models_schema(
    empty_engine: Engine,
) -> None:
    upgrade(empty_engine)
    assert schema_differences(empty_engine) == []
    assert current_revision(empty_engine) == head_revision() is not None


def test_init_database_migrates_and_seeds_the_five_networks(empty_engine: Engine) -> None:
    init_database(empty_engine)
    assert networks(empty_engine) == {s.value: name for s, name in NETWORK_NAMES.items()}


def test_seeding_networks_twice_leaves_five(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    for _ in range(2):
        with session_scope(empty_engine) as session:
            assert len(seed_networks(session)) == 5
    with session_scope(empty_engine) as session:
        assert session.scalar(select(func.count()).select_from(Network)) == 5


def test_init_database_on_a_current_database_changes_nothing(empty_engine: Engine) -> None:
    init_database(empty_engine)
    with session_scope(empty_engine) as session:
        save_case(session, make_case(ref="c1"))
    tables_before = sorted(inspect(empty_engine).get_table_names())

    init_database(empty_engine)

    assert sorted(inspect(empty_engine).get_table_names()) == tables_before
    assert current_revision(empty_engine) == head_revision()
    assert len(networks(empty_engine)) == 5
    with session_scope(empty_engine) as session:
        case = load_case(session, "c1")
        assert case is not None
        assert case.version == 1


def test_downgrading_to_base_and_back_works(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    with migration_connection(empty_engine) as connection:
        command.downgrade(alembic_config(connection), "base")
    assert set(inspect(empty_engine).get_table_names()) == {"alembic_version"}
    upgrade(empty_engine)
    assert schema_differences(empty_engine) == []


def test_a_failed_migration_leaves_the_database_as_it_was(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    with pytest.raises(RuntimeError), migration_connection(empty_engine) as connection:
        connection.exec_driver_sql("CREATE TABLE half_done (id INTEGER)")
        connection.exec_driver_sql("DROP TABLE stay")
        raise RuntimeError("the migration broke half way")
    tables = set(inspect(empty_engine).get_table_names())
    assert "half_done" not in tables
    assert Stay.__tablename__ in tables


def test_sqlite_foreign_keys_are_back_on_after_a_migration(tmp_path: Path) -> None:
    # Foreign keys are off while SQLite migrates; the pooled connection must not keep that.
    # A single pooled connection makes the migration's connection the one checked next.
    engine = make_engine(f"sqlite:///{tmp_path / 'ecogram.sqlite3'}", pool_size=1, max_overflow=0)
    try:
        upgrade(engine)
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_the_package_ships_the_migration_scripts() -> None:
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["ecogram"]
    package = MIGRATIONS_DIR.parent
    shipped = {path for pattern in patterns for path in package.glob(pattern)}
    needed = [MIGRATIONS_DIR / "env.py", *MIGRATIONS_DIR.glob("versions/*.py")]
    assert len(needed) > 1
    assert [path for path in needed if path not in shipped] == []
