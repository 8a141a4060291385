"""Create and upgrade the schema with Alembic, and seed the fixed reference rows.

The Alembic environment ships inside the package (`ecogram/migrations`), so an
installed Ecogram migrates its database without an alembic.ini on disk.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

import ecogram.accounts  # noqa: F401  (the account and audit tables belong to the schema)
from ecogram.db import session_scope
from ecogram.models import Network
from ecogram.vocabulary import NETWORK_NAMES

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class MigrationError(RuntimeError):
    """A migration left the database in a state we refuse to commit."""


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for the shipped scripts; `connection` is what env.py migrates."""
    config = Config()
    # ConfigParser treats % as interpolation, and paths may contain one.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    """Every schema revision this version of Ecogram can migrate to or from."""
    return {
        script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    }


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection holding one transaction for a whole migration run.

    On SQLite, Alembic's batch mode rebuilds a table by copying and dropping it,
    and with foreign keys on, that drop would cascade into the child tables.
    So keys are off while migrating and checked in full before the commit. The
    explicit BEGIN makes SQLite's DDL part of the transaction too, so a failed
    migration leaves the database as it was.
    """
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.exec_driver_sql("BEGIN")
        try:
            yield connection
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise MigrationError(f"migration broke foreign keys: {broken[:5]}")
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        finally:
            if sqlite:
                # The connection goes back to the pool; it must carry the usual pragmas.
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")


def upgrade(engine: Engine, revision: str = "head") -> None:
    """`alembic upgrade head` on `engine`; a no-op when the schema is current."""
    with migration_connection(engine) as connection:
        command.upgrade(alembic_config(connection), revision)


def seed_networks(session: Session) -> list[Network]:
    """Insert the five networks that are missing; rename none, delete none."""
    existing = {n.slug: n for n in session.scalars(select(Network))}
    for slug, name in NETWORK_NAMES.items():
        if slug not in existing:
            existing[slug] = Network(slug=slug, name=name)
            session.add(existing[slug])
    session.flush()
    return [existing[slug] for slug in NETWORK_NAMES]


def init_database(engine: Engine) -> None:
    """Bring the schema to head and seed the networks; safe to run on every start."""
    upgrade(engine)
    with session_scope(engine) as session:
        seed_networks(session)
