"""Backups stream: the database goes to the file and back a piece at a time, never whole in
memory, and every piece is checked: none may be missing, moved, repeated or cut off.

Every test runs on SQLite and on PostgreSQL unless it says otherwise.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from ecogram import backup
from ecogram.backup import postgres, sealed
from tests.test_backup import change_everything, cli, fill, tables

BALLAST_MB = 32
#: About eight 1 MB rows' worth in flight at once, whatever the database's size.
PEAK_MB = 12


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch) -> str:
    value = Fernet.generate_key().decode()
    monkeypatch.setenv(backup.ENV_KEY, value)
    return value


@pytest.fixture
def filled(engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Engine:
    fill(engine)
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", db_url)
    return engine


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> int:
    """Pieces of 1 KiB, so even the small test database spans many of them."""
    monkeypatch.setattr(sealed, "PIECE_BYTES", 1024)
    monkeypatch.setattr(postgres, "PIECE_BYTES", 1024)
    return 1024


def add_ballast(engine: Engine, megabytes: int) -> None:
    """Incompressible rows (pg_dump compresses), a megabyte each."""
    blob = "BYTEA" if engine.dialect.name == "postgresql" else "BLOB"
    noise = random.Random(7)  # noqa: S311  (test data, not a secret)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE TABLE ballast (id INTEGER PRIMARY KEY, data {blob})"))
        for number in range(megabytes):
            connection.execute(
                text("INSERT INTO ballast (id, data) VALUES (:id, :data)"),
                {"id": number, "data": noise.randbytes(1 << 20)},
            )


def peak_megabytes(work: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / (1 << 20)
    finally:
        tracemalloc.stop()


def test_backup_and_restore_hold_a_few_pieces_in_memory_not_the_database(
    filled: Engine, key: str, tmp_path: Path
) -> None:
    add_ballast(filled, BALLAST_MB)
    before = tables(filled)
    target = tmp_path / "ecogram.backup"
    url, fernet = os.environ["ECOGRAM_DATABASE_URL"], backup.backup_key()

    made = peak_megabytes(lambda: backup.backup(url, target, fernet))
    assert target.stat().st_size > BALLAST_MB << 20
    change_everything(filled)
    filled.dispose()
    restored = peak_megabytes(lambda: backup.restore(url, target, fernet, force=True))

    # Built in memory, a backup held the dump and its token at once: over twice the data.
    assert made < PEAK_MB, made
    assert restored < PEAK_MB, restored
    assert tables(filled) == before


def test_a_backup_of_many_pieces_restores_row_for_row(
    filled: Engine, key: str, tmp_path: Path, small_pieces: int
) -> None:
    before = tables(filled)
    target = tmp_path / "ecogram.backup"
    assert cli("backup", str(target)) == 0
    assert len(target.read_bytes().splitlines()) > 10  # the header and many pieces
    change_everything(filled)
    filled.dispose()

    assert cli("restore", str(target), "--force") == 0

    assert tables(filled) == before


def _lines(target: Path) -> list[bytes]:
    return target.read_bytes().splitlines(keepends=True)


TAMPERING: dict[str, tuple[Callable[[list[bytes]], list[bytes]], str]] = {
    "a piece left out": (lambda ls: ls[:3] + ls[4:], "pieces are missing or out of order"),
    "two pieces swapped": (
        lambda ls: [*ls[:2], ls[3], ls[2], *ls[4:]],
        "pieces are missing or out of order",
    ),
    "a piece repeated": (lambda ls: [*ls[:3], ls[2], *ls[3:]], "missing or out of order"),
    "cut short": (lambda ls: ls[:-1], "was cut short"),
    "a piece after the end": (lambda ls: [*ls, ls[1]], "more after the last piece"),
}


@pytest.mark.parametrize("name", list(TAMPERING))
def test_a_tampered_sequence_of_pieces_is_refused_and_nothing_is_restored(
    filled: Engine,
    key: str,
    tmp_path: Path,
    small_pieces: int,
    name: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "ecogram.backup"
    assert cli("backup", str(target)) == 0
    change, message = TAMPERING[name]
    target.write_bytes(b"".join(change(_lines(target))))
    change_everything(filled)
    changed = tables(filled)
    capsys.readouterr()

    assert cli("restore", str(target), "--force") == 2

    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert tables(filled) == changed


def test_a_piece_from_another_backup_is_refused(
    filled: Engine, key: str, tmp_path: Path, small_pieces: int
) -> None:
    first, second = tmp_path / "first.backup", tmp_path / "second.backup"
    assert cli("backup", str(first)) == 0
    assert cli("backup", str(second)) == 0
    spliced = [*_lines(first)[:2], *_lines(second)[2:]]
    (tmp_path / "spliced.backup").write_bytes(b"".join(spliced))
    with pytest.raises(backup.BackupError, match="header does not match"):
        sealed.verify(tmp_path / "spliced.backup", backup.backup_key())


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sqlite_values_come_back_exactly_text_with_a_nul_floats_and_blobs(
    filled: Engine, key: str, tmp_path: Path
) -> None:
    with filled.begin() as connection:
        connection.execute(
            text("CREATE TABLE odd (id INTEGER PRIMARY KEY, t TEXT, r REAL, b BLOB)")
        )
        connection.execute(
            text("INSERT INTO odd VALUES (1, :t, :r, :b), (2, NULL, :tiny, :empty)"),
            {
                "t": "a\x00b\n\u2028é",
                "r": 0.1 + 0.2,
                "b": b"\x00\xff\n",
                "tiny": 5e-324,
                "empty": b"",
            },
        )
    before = tables(filled)
    target = tmp_path / "ecogram.backup"
    assert cli("backup", str(target)) == 0
    change_everything(filled)
    filled.dispose()
    assert cli("restore", str(target), "--force") == 0
    assert tables(filled) == before
    assert before["odd"][0][1:] == ("a\x00b\n\u2028é", 0.1 + 0.2, b"\x00\xff\n")


def test_a_backup_of_the_first_format_is_refused_with_a_way_out(tmp_path: Path, key: str) -> None:
    old = tmp_path / "old.backup"
    old.write_bytes(
        b'{"created": "2026-01-01T00:00:00+00:00", "format": "ecogram-backup/1", '
        b'"kind": "sqlite", "revision": null}\ntoken\n'
    )
    with pytest.raises(backup.BackupError, match=r"ecogram-backup/1 .* the version that made it"):
        backup.read_header(old)


def test_an_empty_database_still_makes_one_sealed_piece(tmp_path: Path) -> None:
    target, fernet = tmp_path / "x.backup", Fernet(Fernet.generate_key())
    header = backup.Header(
        kind="sqlite", created=dt.datetime.now(dt.UTC).isoformat(), revision=None
    )
    sealed.write(target, header, fernet, iter([]))
    assert list(sealed.pieces(target, fernet)) == [b""]
    assert sealed.verify(target, fernet) == header


def test_a_piece_that_fails_halfway_through_a_restore_changes_nothing(
    filled: Engine, key: str, tmp_path: Path, small_pieces: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the file changed between the check of the whole file and the restore itself.
    target = tmp_path / "ecogram.backup"
    assert cli("backup", str(target)) == 0
    target.write_bytes(b"".join(_lines(target)[:-1]))
    change_everything(filled)
    changed = tables(filled)
    filled.dispose()
    monkeypatch.setattr(sealed, "verify", lambda source, key: sealed.read_header(source))

    assert cli("restore", str(target), "--force") == 2

    assert tables(filled) == changed


def test_a_pg_tool_that_hangs_is_stopped_at_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hanging = tmp_path / "pg_dump"
    hanging.write_text("#!/bin/sh\nexec sleep 60\n")
    hanging.chmod(0o755)
    monkeypatch.setattr(postgres, "pg_tool", lambda name: str(hanging))
    monkeypatch.setattr(postgres, "_pg_schema", lambda url: None)
    monkeypatch.setattr(postgres, "TIME_LIMIT", 0.5)
    with pytest.raises(backup.BackupError, match=r"^pg_dump did not finish within"):
        list(postgres.dump(make_url("postgresql+psycopg://nobody@127.0.0.1/nothing")))
