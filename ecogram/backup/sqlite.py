"""SQLite: a dump streamed out of one read transaction, and restored in one write transaction.

The dump is JSON lines, written while reading: each table's CREATE statement,
then its rows, then the indexes, triggers and views. Values keep their exact
type (text with any character, integers, floats to the last bit, blobs as
base64), which SQL text from `quote()` would not: it cuts text at a NUL.

- Backup: one read transaction on a read-only connection is one consistent
  moment while the app keeps writing (WAL), and rows are read a few at a time.
  No unencrypted copy ever touches the disk.
- Restore: one write transaction drops what the database holds and builds it
  again, so other connections see all or nothing; foreign keys are checked
  in full before the commit.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ecogram.backup.sealed import BackupError

# Rows are inserted in batches of at most this many rows or bytes of dump.
_BATCH_ROWS = 500
_BATCH_BYTES = 1 << 20


def _name(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _encoded(value: Any) -> Any:
    return (
        {"base64": base64.b64encode(value).decode("ascii")} if isinstance(value, bytes) else value
    )


def _decoded(value: Any) -> Any:
    return base64.b64decode(value["base64"]) if isinstance(value, dict) else value


def _line(record: list[Any]) -> bytes:
    # ensure_ascii: every line break inside a value is escaped, so one record is one line.
    return json.dumps(record, ensure_ascii=True).encode("ascii") + b"\n"


def dump(database: str) -> Iterator[bytes]:
    """The database as JSON lines, read in one transaction."""
    path = Path(database)
    if not path.is_file():
        raise BackupError(f"the database {database!r} does not exist")
    # Read-only, so a mistyped path can never create an empty database.
    source = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30, isolation_level=None
    )
    try:
        source.execute("BEGIN")  # the snapshot is taken at the first read and kept to the end
        objects = source.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
        ).fetchall()
        tables = [name for kind, name, _ in objects if kind == "table"]
        for kind, name, sql in objects:
            if kind == "table" and not name.startswith("sqlite_"):
                yield _line(["create", sql])
        # sqlite_sequence (AUTOINCREMENT counters) exists once such a table does: rows last.
        ordered = [t for t in tables if not t.startswith("sqlite_")]
        ordered += [t for t in tables if t == "sqlite_sequence"]
        for table in ordered:
            columns = [row[1] for row in source.execute(f"PRAGMA table_info({_name(table)})")]
            yield _line(["table", table, columns])
            # Names from sqlite_master and table_info, quoted as identifiers: nothing typed.
            names = ", ".join(map(_name, columns))
            query = f"SELECT {names} FROM {_name(table)}"  # noqa: S608  # nosec B608
            for row in source.execute(query):  # the cursor steps a row at a time
                yield _line(["row", [_encoded(v) for v in row]])
        for kind, _, sql in objects:
            if kind in ("index", "trigger", "view"):
                yield _line(["create", sql])
        source.execute("COMMIT")
    finally:
        source.close()


def _records(data: Iterable[bytes]) -> Iterator[tuple[list[Any], int]]:
    """Each record of the dump, with the length of its line."""
    buffer = b""
    for piece in data:
        buffer += piece
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            yield json.loads(line), len(line)
    if buffer:
        raise BackupError("FILE: the database inside the backup is damaged")


def restore(database: str, data: Iterable[bytes]) -> None:
    """Replace everything in `database` with the dump in `data`, in one transaction."""
    Path(database).parent.mkdir(parents=True, exist_ok=True)
    target = sqlite3.connect(database, timeout=30, isolation_level=None)
    try:
        target.execute("PRAGMA foreign_keys=OFF")  # tables come back in any order
        target.execute("BEGIN IMMEDIATE")
        try:
            _replace(target, data)
            if target.execute("PRAGMA foreign_key_check").fetchall():
                raise BackupError("FILE: the database inside the backup is damaged")
        except BaseException:
            if target.in_transaction:  # some errors end the transaction themselves
                target.execute("ROLLBACK")
            raise
        target.execute("COMMIT")
    except sqlite3.Error as exc:
        raise BackupError(f"the backup does not restore ({type(exc).__name__})") from None
    finally:
        target.close()


def _replace(target: sqlite3.Connection, data: Iterable[bytes]) -> None:
    existing = target.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view')"
    ).fetchall()
    for kind, name in existing:
        if name == "sqlite_sequence":
            target.execute("DELETE FROM sqlite_sequence")
        elif not name.startswith("sqlite_"):
            target.execute(f"DROP {kind.upper()} IF EXISTS {_name(name)}")
    insert, batch, held = "", [], 0
    for record, size in _records(data):
        if record[0] == "row":
            batch.append([_decoded(v) for v in record[1]])
            held += size
            if len(batch) < _BATCH_ROWS and held < _BATCH_BYTES:
                continue
        if batch:
            target.executemany(insert, batch)
            batch, held = [], 0
        if record[0] == "create":
            target.execute(record[1])
        elif record[0] == "table":
            table, columns = record[1], record[2]
            names, marks = ", ".join(map(_name, columns)), ", ".join("?" for _ in columns)
            insert = f"INSERT INTO {_name(table)} ({names}) VALUES ({marks})"  # noqa: S608  # nosec B608
    if batch:
        target.executemany(insert, batch)
