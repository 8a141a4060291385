"""Encrypted, consistent, online backups of the whole database, and restoring them.

A backup file is one JSON header line (format, database kind, time, schema
revision, a random id) followed by the dump, sealed a piece at a time
(`sealed`): the dump streams from the database into the file and back, and
never sits in memory whole, however large the database grows. A wrong key, a
changed byte, an edited header, a missing or moved piece and a file cut short
are all refused before anything is written.

- SQLite (`sqlite`): the rows of one read transaction, while the app keeps
  running; restored in one write transaction.
- PostgreSQL (`postgres`): pg_dump's custom format through a pipe; restored
  by pg_restore in one transaction.

Restoring refuses a database that already holds tables unless `force` is given,
so a backup is never poured over live data by a slip of the finger.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

from cryptography.fernet import Fernet
from sqlalchemy import text
from sqlalchemy.engine import make_url

from ecogram.backup import postgres, sealed, sqlite
from ecogram.backup.postgres import pg_tool
from ecogram.backup.sealed import FORMAT, KINDS, BackupError, Header, read_header
from ecogram.db import make_engine, normalise_url
from ecogram.migrate import current_revision, head_revision, known_revisions

__all__ = [
    "ENV_KEY",
    "FORMAT",
    "KINDS",
    "BackupError",
    "Header",
    "backup",
    "backup_key",
    "database_kind",
    "pg_tool",
    "read_header",
    "restore",
]

ENV_KEY = "ECOGRAM_BACKUP_KEY"
_HOW_TO_MAKE_A_KEY = (
    "make one with: python -c 'from cryptography.fernet import Fernet; "
    "print(Fernet.generate_key().decode())' and keep it apart from the backups"
)


def backup_key(environ: Mapping[str, str] | None = None) -> Fernet:
    """The key from ECOGRAM_BACKUP_KEY, or a BackupError telling how to make one."""
    value = (os.environ if environ is None else environ).get(ENV_KEY, "").strip()
    if not value:
        raise BackupError(f"{ENV_KEY}: not set; {_HOW_TO_MAKE_A_KEY}")
    try:
        return Fernet(value.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise BackupError(f"{ENV_KEY}: not a valid key; {_HOW_TO_MAKE_A_KEY}") from None


def database_kind(url: str) -> str:
    backend = make_url(normalise_url(url)).get_backend_name()
    if backend not in KINDS:
        raise BackupError(f"cannot back up a {backend} database")
    return backend


def backup(url: str, target: Path, key: Fernet) -> Header:
    """Write an encrypted backup of the database at `url` to `target` (replaced atomically)."""
    kind = database_kind(url)
    if not target.parent.is_dir():
        raise BackupError(f"FILE: the folder {str(target.parent)!r} does not exist")
    if kind == "sqlite" and not Path(_sqlite_path(url)).is_file():
        # Checked before anything connects: connecting would create an empty database.
        raise BackupError(f"the database {_sqlite_path(url)!r} does not exist")
    header = Header(
        kind=kind,
        created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        revision=_revision(url),
    )
    dump = sqlite.dump(_sqlite_path(url)) if kind == "sqlite" else postgres.dump(make_url(url))
    sealed.write(target, header, key, dump)
    return header


def restore(url: str, source: Path, key: Fernet, *, force: bool = False) -> Header:
    """Replace the database at `url` with the backup in `source`.

    Everything that can fail without touching the database is checked first:
    the format, the kind, the key, and every piece of the file.
    """
    header = read_header(source)
    kind = database_kind(url)
    if header.kind != kind:
        raise BackupError(
            f"FILE: holds a {header.kind} backup, but the database is {kind}; "
            "restore it onto the same kind of database"
        )
    sealed.verify(source, key)
    _refuse_newer_schema(header)
    if _holds_tables(url, kind) and not force:
        raise BackupError(
            "the database already holds data; restore into an empty database, "
            "or add --force to replace everything in it"
        )
    if kind == "sqlite":
        sqlite.restore(_sqlite_path(url), sealed.pieces(source, key))
    else:
        postgres.restore(make_url(url), sealed.pieces(source, key))
    return header


def _refuse_newer_schema(header: Header) -> None:
    """A schema this version does not know comes from a newer Ecogram: no migration
    leads back from it, so restoring it would leave a database this version cannot use."""
    if header.revision is None or header.revision in known_revisions():
        return
    raise BackupError(
        f"FILE: the backup's schema is revision {header.revision}, newer than this "
        f"version of Ecogram (schema revision {head_revision()}); restore it with the "
        "version that made it, or a later one"
    )


def _revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def _holds_tables(url: str, kind: str) -> bool:
    if kind == "sqlite" and not Path(_sqlite_path(url)).exists():
        return False
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            if kind == "sqlite":
                query = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            else:
                query = (
                    "SELECT count(*) FROM information_schema.tables "
                    "WHERE table_schema = current_schema()"
                )
            return bool(connection.execute(text(query)).scalar())
    finally:
        engine.dispose()


def _sqlite_path(url: str) -> str:
    database = make_url(normalise_url(url)).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError("the database URL must name an SQLite file")
    return database
