"""Encrypted, consistent, online backups of the whole database, and restoring them.

A backup file is one JSON header line (format, database kind, time, schema
revision) followed by a Fernet token: AES-128-CBC with an HMAC-SHA256, so a
wrong key or a changed byte is refused before anything is written. The token
holds the header again, so a header edited by hand does not pass either.

- SQLite: the backup API copies every page into an in-memory database while
  the app keeps running (one read transaction, so one consistent moment), and
  restore copies the pages back the same way. No unencrypted copy ever touches
  the disk.
- PostgreSQL: `pg_dump --format=custom` of the database (or of the schema the
  URL's search_path selects), piped straight into memory. Restore runs
  `pg_restore --clean --if-exists --single-transaction`: the tables are dropped
  and created again, which is how the append-only audit trail comes back
  without ever being updated or deleted row by row, and a failure changes nothing.

Restoring refuses a database that already holds tables unless `force` is given,
so a backup is never poured over live data by a slip of the finger.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import shutil
import sqlite3

# Only pg_dump and pg_restore are run, with argument lists and no shell (see _run).
import subprocess  # nosec B404
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url

from ecogram.db import make_engine, normalise_url
from ecogram.migrate import current_revision, head_revision, known_revisions

FORMAT = "ecogram-backup/1"
ENV_KEY = "ECOGRAM_BACKUP_KEY"
KINDS = ("sqlite", "postgresql")
MAX_HEADER_BYTES = 4096
# The page header's "file format write/read version" bytes: 2 means WAL. An
# in-memory copy cannot be opened in WAL mode, so the image is marked as a
# rollback-journal database; the restored file takes the app's WAL pragma again.
_SQLITE_VERSION_BYTES = (18, 19)
_PG_BIN_FALLBACK = "/usr/lib/postgresql/*/bin"
_HOW_TO_MAKE_A_KEY = (
    "make one with: python -c 'from cryptography.fernet import Fernet; "
    "print(Fernet.generate_key().decode())' and keep it apart from the backups"
)


class BackupError(ValueError):
    """A backup or restore cannot go ahead; one line that says why, never any case data."""


@dataclass(frozen=True)
class Header:
    kind: str  #: "sqlite" or "postgresql"
    created: str  #: ISO 8601, UTC
    revision: str | None  #: the Alembic revision of the schema in the backup

    def line(self) -> bytes:
        fields = {
            "format": FORMAT,
            "kind": self.kind,
            "created": self.created,
            "revision": self.revision,
        }
        return json.dumps(fields, sort_keys=True).encode("ascii") + b"\n"


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
    dump = _sqlite_dump(_sqlite_path(url)) if kind == "sqlite" else _pg_dump(make_url(url))
    token = key.encrypt(header.line() + dump)
    _write_private(target, header.line() + token)
    return header


def read_header(source: Path) -> Header:
    """The plain header of a backup file: enough to see what it is without the key."""
    header, _token = _split(source)
    return header


def restore(url: str, source: Path, key: Fernet, *, force: bool = False) -> Header:
    """Replace the database at `url` with the backup in `source`.

    Everything that can fail without touching the database is checked first:
    the format, the kind, the key and, for SQLite, the integrity of the copy.
    """
    header, token = _split(source)
    kind = database_kind(url)
    if header.kind != kind:
        raise BackupError(
            f"FILE: holds a {header.kind} backup, but the database is {kind}; "
            "restore it onto the same kind of database"
        )
    try:
        plain = key.decrypt(token)
    except InvalidToken:
        raise BackupError(
            f"FILE: cannot be decrypted: wrong {ENV_KEY}, or the file was changed"
        ) from None
    inner, _, dump = plain.partition(b"\n")
    if inner + b"\n" != header.line():
        raise BackupError("FILE: the header does not match the encrypted contents")
    _refuse_newer_schema(header)
    if _holds_tables(url, kind) and not force:
        raise BackupError(
            "the database already holds data; restore into an empty database, "
            "or add --force to replace everything in it"
        )
    if kind == "sqlite":
        _sqlite_restore(dump, _sqlite_path(url))
    else:
        _pg_restore(make_url(url), dump)
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


# --- The file ---------------------------------------------------------------------------


def _split(source: Path) -> tuple[Header, bytes]:
    try:
        with source.open("rb") as handle:
            first = handle.readline(MAX_HEADER_BYTES)
            token = handle.read()
    except OSError as exc:
        raise BackupError(f"FILE: cannot read {str(source)!r} ({exc.strerror})") from None
    try:
        fields = json.loads(first)
        if not isinstance(fields, dict) or fields.get("format") != FORMAT:
            raise ValueError
        header = Header(
            kind=str(fields["kind"]), created=str(fields["created"]), revision=fields["revision"]
        )
    except (ValueError, KeyError):
        raise BackupError(f"FILE: not an Ecogram backup (expected {FORMAT})") from None
    if header.kind not in KINDS or header.line() != first:
        raise BackupError(f"FILE: not an Ecogram backup (expected {FORMAT})")
    return header, token.strip()


def _write_private(target: Path, data: bytes) -> None:
    # Write then rename, so an interrupted backup never replaces a good one with half a file.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


# --- SQLite -----------------------------------------------------------------------------


def _sqlite_path(url: str) -> str:
    database = make_url(normalise_url(url)).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError("the database URL must name an SQLite file")
    return database


def _sqlite_dump(database: str) -> bytes:
    path = Path(database)
    if not path.is_file():
        raise BackupError(f"the database {database!r} does not exist")
    # Read-only, so a mistyped path can never create an empty database.
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    copy = sqlite3.connect(":memory:")
    try:
        source.backup(copy)
        image = bytearray(copy.serialize())
    finally:
        source.close()
        copy.close()
    for index in _SQLITE_VERSION_BYTES:
        image[index] = 1
    return bytes(image)


def _sqlite_restore(dump: bytes, database: str) -> None:
    copy = sqlite3.connect(":memory:")
    try:
        try:
            copy.deserialize(dump)
            check = copy.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError:
            check = []
        if check != [("ok",)]:
            raise BackupError("FILE: the database inside the backup is damaged")
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(database, timeout=30)
        try:
            # Page by page under one write lock: other connections see all or nothing.
            copy.backup(target)
        finally:
            target.close()
    finally:
        copy.close()


# --- PostgreSQL -------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """`pg_dump`/`pg_restore` from PATH, else from the newest PostgreSQL install."""
    found = shutil.which(name)
    if found:
        return found
    installed = sorted(glob.glob(f"{_PG_BIN_FALLBACK}/{name}"), key=_version_key)
    if installed:
        return installed[-1]
    raise BackupError(f"{name} is not installed; install the PostgreSQL client tools")


def _version_key(path: str) -> tuple[int, ...]:
    version = Path(path).parent.parent.name
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def _pg_env(url: URL) -> dict[str, str]:
    """libpq's environment for `url`: the password never shows in a process list."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    settings = {
        "PGHOST": url.host,
        "PGPORT": None if url.port is None else str(url.port),
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
        "PGOPTIONS": url.query.get("options"),
        "PGSSLMODE": url.query.get("sslmode"),
    }
    env.update({k: str(v) for k, v in settings.items() if v})
    return env


def _pg_schema(url: URL) -> str | None:
    """The schema the URL selects (None for `public`, which means the whole database)."""
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        with engine.connect() as connection:
            schema = connection.execute(text("SELECT current_schema()")).scalar()
    finally:
        engine.dispose()
    return None if schema in (None, "public") else str(schema)


def _run(args: list[str], url: URL, data: bytes | None = None) -> bytes:
    # A fixed PostgreSQL tool with an argument list and no shell: nothing to inject.
    done = subprocess.run(  # noqa: S603  # nosec B603
        args, input=data, capture_output=True, env=_pg_env(url), check=False, timeout=3600
    )
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"]
        raise BackupError(f"{Path(args[0]).name} failed: {lines[0]}")
    return done.stdout


def _pg_dump(url: URL) -> bytes:
    args = [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
    schema = _pg_schema(url)
    if schema is not None:
        args.append(f"--schema={schema}")
    return _run(args, url)


def _pg_restore(url: URL, dump: bytes) -> None:
    _run(
        [
            pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={url.database}",
        ],
        url,
        dump,
    )
