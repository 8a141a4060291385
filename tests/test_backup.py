"""`ecogram backup` and `ecogram restore`: encrypted, online, and equal table by table.

Every test runs on SQLite and on PostgreSQL. "Equal" means every row of every
table in the database (not only the model's tables): the append-only audit
trail, the accounts and alembic_version included.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.engine import make_url

from cli.main import main
from ecogram import backup, caseformat, storage
from ecogram.accounts import AuditEvent, LoginAttempt, UserRole, add_user, assign, record_audit
from ecogram.backup import sealed
from ecogram.db import make_engine, session_scope
from ecogram.migrate import head_revision
from ecogram.models import Case, EcogramSession, Person
from ecogram.vocabulary import PersonKind, Sector

EXAMPLE = Path(__file__).parent / "data" / "design_example.json"
PASSWORD = "correct horse battery"

Rows = dict[str, list[tuple[Any, ...]]]


def tables(engine: Engine) -> Rows:
    """Every row of every table the database holds, ordered by primary key."""
    inspector = inspect(engine)
    found: Rows = {}
    with engine.connect() as connection:
        for name in sorted(inspector.get_table_names()):
            keys = inspector.get_pk_constraint(name)["constrained_columns"]
            order = ", ".join(f'"{k}"' for k in keys) or "1"
            rows = connection.execute(text(f'SELECT * FROM "{name}" ORDER BY {order}'))
            found[name] = [tuple(row) for row in rows]
    return found


def fill(engine: Engine) -> None:
    """A case, its history, accounts, a failed login and some audit trail."""
    with session_scope(engine) as session:
        document = json.loads(EXAMPLE.read_text("utf-8"))
        case = storage.save_case(session, caseformat.parse_document(document))
        worker = add_user(
            session, username="worker", password=PASSWORD, role=UserRole.CONTEXT_WORKER
        )
        assign(session, worker, case)
        case.sessions.append(
            EcogramSession(number=2, date=dt.date(2026, 1, 6), present="Sara", snapshot="{}")
        )
        session.add(LoginAttempt(key="user:worker", at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC)))
        for action in ("view_ecogram", "add_person"):
            record_audit(
                session, user=worker, case_id=case.id, action=action, outcome="ok", request_id="r"
            )


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


def cli(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as stop:
        return int(stop.code or 0)


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, so stderr is exactly what a user sees."""
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


def change_everything(engine: Engine) -> None:
    """What a bad day does after the backup: a case gone, new rows, a new audit row."""
    with session_scope(engine) as session:
        assert storage.delete_case(session, "c1")
        add_user(session, username="latecomer", password=PASSWORD, role=UserRole.ADMIN)
        record_audit(
            session, user=None, case_id=None, action="login", outcome="denied", request_id="x"
        )


def test_a_restore_over_changed_data_gives_back_every_table_row_for_row(
    filled: Engine, key: str, tmp_path: Path
) -> None:
    before = tables(filled)
    assert before["audit_event"] and before["alembic_version"] and before["ecogram_session"]
    target = tmp_path / "ecogram.backup"
    assert cli("backup", str(target)) == 0
    change_everything(filled)
    assert tables(filled) != before
    filled.dispose()  # the app is stopped for a restore; its pooled connections go too

    assert cli("restore", str(target), "--force") == 0

    assert tables(filled) == before


def test_the_app_writes_again_after_a_restore(filled: Engine, key: str, tmp_path: Path) -> None:
    target = tmp_path / "ecogram.backup"
    assert cli("backup", str(target)) == 0
    change_everything(filled)
    filled.dispose()
    assert cli("restore", str(target), "--force") == 0
    with session_scope(filled) as session:
        case = storage.load_case(session, "c1")
        assert case is not None
        case.persons.append(
            Person(
                ref="p9", name="Tante Mia", kind=PersonKind.AUNT_UNCLE, sector=Sector.FAMILY, ring=2
            )
        )
        record_audit(
            session, user=None, case_id=case.id, action="add_person", outcome="ok", request_id="y"
        )
    with session_scope(filled) as session:
        names = set(session.scalars(select(Person.name)))
        assert {"Oma Jet", "Tante Mia"} <= names


def _empty_target(filled: Engine, db_url: str, tmp_path: Path) -> str:
    """A database of the same kind with nothing in it at all."""
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'fresh' / 'ecogram.sqlite3'}"
    # PostgreSQL: the same schema, dropped; the backup creates it again.
    with filled.begin() as connection:
        schema = connection.execute(text("SELECT current_schema()")).scalar()
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    filled.dispose()
    return db_url


def test_a_backup_restores_into_an_empty_database_without_force(
    filled: Engine, db_url: str, key: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tables(filled)
    target = tmp_path / "ecogram.backup"
    assert cli("backup", str(target)) == 0
    fresh = _empty_target(filled, db_url, tmp_path)
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", fresh)

    assert cli("restore", str(target)) == 0

    restored = make_engine(fresh)
    try:
        assert tables(restored) == before
    finally:
        restored.dispose()


def test_a_backup_misses_nothing_committed_and_nothing_uncommitted_while_the_app_writes(
    filled: Engine, db_url: str, key: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ecogram.backup"
    writer = make_engine(db_url)
    try:
        with writer.connect() as connection:
            # A write in flight holds its transaction open while the backup runs (online).
            connection.execute(
                text("INSERT INTO login_attempt (key, at) VALUES ('ip:192.0.2.1', :at)"),
                {"at": dt.datetime(2026, 3, 2, tzinfo=dt.UTC)},
            )
            assert cli("backup", str(target)) == 0
            connection.commit()
    finally:
        writer.dispose()
    committed = tables(filled)
    fresh = _empty_target(filled, db_url, tmp_path)
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", fresh)
    assert cli("restore", str(target)) == 0
    restored = make_engine(fresh)
    try:
        keys = [row[1] for row in tables(restored)["login_attempt"]]
    finally:
        restored.dispose()
    assert keys == ["user:worker"]
    assert [row[1] for row in committed["login_attempt"]] == ["user:worker", "ip:192.0.2.1"]


def test_restore_refuses_a_database_that_holds_data_unless_forced(
    filled: Engine, key: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "ecogram.backup"
    assert cli("backup", str(target)) == 0
    change_everything(filled)
    changed = tables(filled)
    capsys.readouterr()

    assert cli("restore", str(target)) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--force" in err
    assert tables(filled) == changed


def test_restore_with_the_wrong_key_exits_2_and_leaves_the_database_untouched(
    filled: Engine, key: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ecogram.backup"
    assert cli("backup", str(target)) == 0
    change_everything(filled)
    changed = tables(filled)
    monkeypatch.setenv(backup.ENV_KEY, Fernet.generate_key().decode())

    assert cli("restore", str(target), "--force") == 2

    assert tables(filled) == changed


def test_a_changed_byte_in_the_backup_is_refused_and_nothing_is_restored(
    filled: Engine, key: str, tmp_path: Path
) -> None:
    target = tmp_path / "ecogram.backup"
    assert cli("backup", str(target)) == 0
    data = bytearray(target.read_bytes())
    data[-10] = ord("A") if data[-10] != ord("A") else ord("B")
    target.write_bytes(bytes(data))
    change_everything(filled)
    changed = tables(filled)

    assert cli("restore", str(target), "--force") == 2

    assert tables(filled) == changed


def test_an_edited_header_is_refused(filled: Engine, key: str, tmp_path: Path) -> None:
    target = tmp_path / "ecogram.backup"
    assert cli("backup", str(target)) == 0
    first, rest = target.read_bytes().split(b"\n", 1)
    fields = json.loads(first)
    fields["created"] = "2020-01-01T00:00:00+00:00"
    target.write_bytes(json.dumps(fields, sort_keys=True).encode() + b"\n" + rest)
    with pytest.raises(backup.BackupError, match="header does not match"):
        backup.restore(os.environ["ECOGRAM_DATABASE_URL"], target, backup.backup_key(), force=True)


def test_a_backup_of_the_other_kind_of_database_is_refused(
    filled: Engine, db_url: str, key: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = "postgresql" if db_url.startswith("sqlite") else "sqlite"
    header = backup.Header(kind=other, created="2026-11-23T09:00:00+00:00", revision=None)
    target = tmp_path / "other.backup"
    target.write_bytes(header.line() + Fernet(key.encode()).encrypt(header.line() + b"x"))
    before = tables(filled)

    assert cli("restore", str(target), "--force") == 2

    err = capsys.readouterr().err
    assert f"holds a {other} backup" in err and err.count("\n") == 1
    assert tables(filled) == before


def test_the_backup_is_encrypted_and_readable_by_its_owner_only(
    filled: Engine, key: str, tmp_path: Path
) -> None:
    target = tmp_path / "ecogram.backup"
    assert cli("backup", str(target)) == 0
    header, *tokens = target.read_bytes().splitlines()
    # The tokens are base64 text, so a short word can turn up in them by chance (it did, once
    # in a few hundred runs): look for the secrets in the header and in the tokens' raw bytes.
    raw = b"".join(base64.urlsafe_b64decode(token) for token in tokens)
    for secret in (b"Oma Jet", b"Sara", b"Baby Noor", b"worker", b"SQLite format", b"PGDMP"):
        assert secret not in header and secret not in raw
    assert target.stat().st_mode & 0o777 == 0o600
    assert backup.read_header(target).kind == make_url(str(filled.url)).get_backend_name()


# --- One line on stderr, exit 2: the command as a user meets it (SQLite is enough) ----------


@pytest.mark.parametrize(("value", "problem"), [("", "not set"), ("not-a-key", "not a valid key")])
@pytest.mark.parametrize("command", ["backup", "restore"])
def test_a_missing_or_invalid_key_exits_2_with_one_line(
    tmp_path: Path, value: str, problem: str, command: str
) -> None:
    database = tmp_path / "ecogram.sqlite3"
    env = {"ECOGRAM_DATABASE_URL": f"sqlite:///{database}", backup.ENV_KEY: value}
    target = tmp_path / "ecogram.backup"
    if command == "restore":
        header = backup.Header(kind="sqlite", created="2026-11-23T09:00:00+00:00", revision=None)
        target.write_bytes(header.line() + b"token")

    done = run_cli(command, str(target), env=env)

    assert done.returncode == 2
    assert done.stderr == f"ecogram: {backup.ENV_KEY}: {problem}; " + done.stderr.split("; ", 1)[1]
    assert done.stderr.count("\n") == 1 and "Fernet.generate_key" in done.stderr
    assert not database.exists()


def test_the_wrong_key_names_the_problem_in_one_line(tmp_path: Path) -> None:
    database = tmp_path / "ecogram.sqlite3"
    env = {"ECOGRAM_DATABASE_URL": f"sqlite:///{database}"}
    assert run_cli("init", env=env).returncode == 0
    target = tmp_path / "ecogram.backup"
    made = run_cli(
        "backup", str(target), env=env | {backup.ENV_KEY: Fernet.generate_key().decode()}
    )
    assert made.returncode == 0, made.stderr
    before = database.read_bytes()

    done = run_cli(
        "restore",
        str(target),
        "--force",
        env=env | {backup.ENV_KEY: Fernet.generate_key().decode()},
    )

    assert done.returncode == 2
    assert done.stderr == (
        f"ecogram: FILE: cannot be decrypted: wrong {backup.ENV_KEY}, or the file was changed\n"
    )
    assert database.read_bytes() == before


def test_a_file_that_is_not_a_backup_exits_2(tmp_path: Path) -> None:
    target = tmp_path / "case.json"
    target.write_text(EXAMPLE.read_text("utf-8"), "utf-8")
    env = {
        "ECOGRAM_DATABASE_URL": f"sqlite:///{tmp_path / 'ecogram.sqlite3'}",
        backup.ENV_KEY: Fernet.generate_key().decode(),
    }
    done = run_cli("restore", str(target), env=env)
    assert done.returncode == 2
    assert done.stderr == f"ecogram: FILE: not an Ecogram backup (expected {backup.FORMAT})\n"


def test_a_backup_of_a_missing_database_exits_2_and_creates_nothing(tmp_path: Path) -> None:
    database = tmp_path / "nowhere" / "ecogram.sqlite3"
    env = {
        "ECOGRAM_DATABASE_URL": f"sqlite:///{database}",
        backup.ENV_KEY: Fernet.generate_key().decode(),
    }
    done = run_cli("backup", str(tmp_path / "x.backup"), env=env)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert not database.exists() and not (tmp_path / "x.backup").exists()


def test_pg_tools_are_found_on_the_path_or_in_the_postgresql_install() -> None:
    for tool in ("pg_dump", "pg_restore"):
        assert Path(backup.pg_tool(tool)).name == tool


def test_every_model_table_is_part_of_the_round_trip(filled: Engine) -> None:
    # Guard for the round-trip test: it compares what the database holds, so a table
    # added by a later migration is covered without anyone listing it.
    names = set(tables(filled))
    assert {"case", "person", "audit_event", "alembic_version", "app_user"} <= names
    with session_scope(filled) as session:
        assert session.scalar(select(Case.ref)) == "c1"
        assert session.scalar(select(AuditEvent.action).order_by(AuditEvent.id)) == "view_ecogram"


def as_a_newer_version_would_write(target: Path, key: str, revision: str) -> None:
    """The same backup, re-sealed with a schema revision this version does not know."""
    fernet = Fernet(key.encode())
    original = target.with_suffix(".original")
    target.rename(original)
    newer = backup.Header(kind="sqlite", created="2027-03-01T09:00:00+00:00", revision=revision)
    sealed.write(target, newer, fernet, sealed.pieces(original, fernet))


@pytest.mark.parametrize("force", [False, True])
def test_a_backup_from_a_newer_schema_is_refused_naming_both_versions_and_changes_nothing(
    tmp_path: Path, force: bool
) -> None:
    database = tmp_path / "ecogram.sqlite3"
    key = Fernet.generate_key().decode()
    env = {"ECOGRAM_DATABASE_URL": f"sqlite:///{database}", backup.ENV_KEY: key}
    assert run_cli("init", env=env).returncode == 0
    target = tmp_path / "ecogram.backup"
    assert run_cli("backup", str(target), env=env).returncode == 0
    as_a_newer_version_would_write(target, key, "0099")
    before = database.read_bytes()

    done = run_cli("restore", str(target), *(["--force"] if force else []), env=env)

    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "revision 0099, newer than this version" in done.stderr
    assert f"(schema revision {head_revision()})" in done.stderr
    assert database.read_bytes() == before
