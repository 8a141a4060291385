"""Alembic environment for Ecogram.

`ecogram.migrate.upgrade` passes its connection in `config.attributes`; the
alembic command line (see alembic.ini here) falls back to `ECOGRAM_DATABASE_URL`.
Logging is left alone on purpose: the application configures it.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

import ecogram.accounts  # noqa: F401  (registers the account and audit tables)
from ecogram.db import database_url, make_engine
from ecogram.migrate import migration_connection
from ecogram.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    """`alembic upgrade head --sql`: a script for a DBA to review and run."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or database_url())
    try:
        with migration_connection(engine) as own_connection:
            run_migrations(own_connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
