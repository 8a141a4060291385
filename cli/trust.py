"""Trust and retention: `backup`, `restore`, `purge`, `close` and `erase`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cli.common import EXIT_OK, Subcommands, UsageError, add_command, database, parse_date, today

if TYPE_CHECKING:
    from ecogram.models import Case


def cmd_backup(args: argparse.Namespace) -> int:
    from ecogram import backup, db

    try:
        header = backup.backup(db.database_url(), Path(args.file), backup.backup_key())
    except backup.BackupError as exc:
        raise UsageError(str(exc)) from None
    print(f"Backed up the {header.kind} database to {args.file} (encrypted)")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from ecogram import backup, db
    from ecogram.migrate import head_revision

    try:
        header = backup.restore(
            db.database_url(), Path(args.file), backup.backup_key(), force=args.force
        )
    except backup.BackupError as exc:
        raise UsageError(str(exc)) from None
    print(f"Restored the {header.kind} database from {args.file} (made {header.created})")
    if header.revision != head_revision():
        print("The backup's schema is older than this version: run 'ecogram init' next.")
    return EXIT_OK


def _retention_call(work: Callable[[], int]) -> int:
    from ecogram.retention import RetentionError

    try:
        return work()
    except RetentionError as exc:
        raise UsageError(str(exc)) from None


def cmd_purge(args: argparse.Namespace) -> int:
    from ecogram import db, retention

    def work() -> int:
        policy = retention.RetentionPolicy.from_environment()
        at = args.at or today()
        with database() as engine, db.session_scope(engine) as session:
            ids = retention.purge(session, at, policy, dry_run=args.dry_run)
        # A count only: even case refs stay out of terminals and logs here.
        verb = "Would purge" if args.dry_run else "Purged"
        print(f"{verb} {len(ids)} closed case(s) past the retention period on {at.isoformat()}")
        return EXIT_OK

    return _retention_call(work)


def _stored_case(case: Case | None, ref: str) -> Case:
    if case is None:
        raise UsageError(f"CASE: there is no case with id {ref!r}")
    return case


def cmd_close(args: argparse.Namespace) -> int:
    from ecogram import db, retention, storage

    def work() -> int:
        on = None if args.reopen else (args.on or today())
        with database() as engine, db.session_scope(engine) as session:
            case = _stored_case(storage.load_case(session, args.case), args.case)
            retention.close_case(session, case, on)
            retention.system_audit(session, case.id, "reopen_case" if on is None else "close_case")
        print(f"Reopened case {args.case}" if on is None else f"Closed case {args.case} on {on}")
        return EXIT_OK

    return _retention_call(work)


def cmd_erase(args: argparse.Namespace) -> int:
    from ecogram import db, retention, storage

    def work() -> int:
        with database() as engine, db.session_scope(engine) as session:
            case = _stored_case(storage.load_case(session, args.case), args.case)
            retention.erase_person(session, case, args.person)
            retention.system_audit(session, case.id, "erase_person")
        print(f"Erased person {args.person} from case {args.case}")
        return EXIT_OK

    return _retention_call(work)


def register(sub: Subcommands) -> None:
    p = add_command(
        sub, "backup", cmd_backup, "Back up the database, encrypted with ECOGRAM_BACKUP_KEY."
    )
    p.add_argument("file", metavar="FILE")
    p = add_command(sub, "restore", cmd_restore, "Restore a backup made by 'ecogram backup'.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace a database that holds data")
    p = add_command(sub, "purge", cmd_purge, "Delete closed cases past the retention period.")
    p.add_argument("--dry-run", action="store_true", help="count them, delete nothing")
    p.add_argument("--at", type=parse_date, help="the day to purge at (default: today)")
    p = add_command(sub, "close", cmd_close, "Close a case; its retention period starts then.")
    p.add_argument("case", metavar="CASE", help="the case id")
    when = p.add_mutually_exclusive_group()
    when.add_argument(
        "--on", type=parse_date, metavar="DATE", help="the closing day (default: today)"
    )
    when.add_argument("--reopen", action="store_true", help="reopen a closed case")
    p = add_command(
        sub, "erase", cmd_erase, "Erase one person from a case, everywhere (not the child)."
    )
    p.add_argument("case", metavar="CASE", help="the case id")
    p.add_argument("person", metavar="PERSON", help="the person's id in the case, e.g. p3")
