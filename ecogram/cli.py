"""The `ecogram` command: the single command-line entry point.

Every failure a user can cause ends in one line on stderr and exit code 2;
`ecogram check` exits 1 when the case has an error finding. No traceback
ever reaches the terminal: a case file may hold names, and a traceback
could echo them into logs.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import getpass
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from sqlalchemy import Engine, make_url, select
from sqlalchemy.exc import OperationalError

from ecogram import accounts, caseformat, checks, db, demo_loader, findings, report, storage
from ecogram.caseformat import CaseFormatError
from ecogram.migrate import init_database
from ecogram.models import Case, Network
from ecogram.vocabulary import NetworkSlug

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input from the command line; the message names the argument."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse prints the whole usage block; one line that names the problem is kinder.
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _shown_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


# --- Commands -----------------------------------------------------------------------------


@contextmanager
def _database() -> Iterator[Engine]:
    engine = db.make_engine(db.database_url())
    try:
        yield engine
    finally:
        engine.dispose()


def cmd_init(args: argparse.Namespace) -> int:
    with _database() as engine:
        init_database(engine)
    print(f"Database ready: {_shown_url(db.database_url())}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    with _database() as engine:
        init_database(engine)
        with db.session_scope(engine) as session:
            report = demo_loader.load_demo(session, today=args.today or dt.date.today())
    for line in report:
        print(line)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from exports.graphml import load_graphml_file, looks_like_graphml

    def load(name: str) -> Case:
        if not looks_like_graphml(name):
            return _load(name)
        try:
            return load_graphml_file(name)
        except CaseFormatError as exc:
            raise CaseFormatError(f"{name}: {exc.field}", exc.problem) from None

    # Parse every file before touching the database, so one bad file stores nothing.
    parsed = [(name, load(name)) for name in args.files]
    with _database() as engine, db.session_scope(engine) as session:
        for name, case in parsed:
            try:
                storage.save_case(session, case)
            except storage.StorageError as exc:
                raise UsageError(f"{name}: {exc}") from None
            print(f"Imported case {case.ref} ({len(case.persons)} persons) from {name}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from ecogram.history import case_as_of
    from ecogram.retention import SYSTEM_ROLE, SYSTEM_USERNAME
    from exports.formats import FAMILY_FORMATS, FORMATS

    if args.family and args.format not in FAMILY_FORMATS:
        raise UsageError(f"--family: only with --format {', '.join(FAMILY_FORMATS)}")
    chosen = FORMATS[f"family_{args.format}" if args.family else args.format]
    binary = chosen.binary
    if binary and args.output is None and sys.stdout.isatty():
        raise UsageError(f"-o: a {args.format.upper()} file needs an output file")
    with _database() as engine, db.session_scope(engine) as session:
        case_id = session.scalar(select(Case.id).where(Case.ref == args.case))
        if case_id is None:
            raise UsageError(f"CASE: there is no case with id {args.case!r}")
        if args.at is None:
            case = storage.load_case(session, args.case)
        else:
            case = case_as_of(session, args.case, args.at)
        if case is None:  # only with --at: the case exists
            raise UsageError(f"--at: the case has no session on or before {args.at}")
        data = chosen.render(case, args.at or dt.date.today(), args.lang)
        # Written before the commit: the audit row stands only for a file that exists.
        if binary:
            _write_binary_output(args.output, data)
        else:
            _write_output(args.output, data.decode("utf-8"))
        event = accounts.record_audit(
            session,
            user=None,
            case_id=case_id,
            action=chosen.action,
            outcome="ok",
            request_id="cli",
        )
        event.username, event.user_role = SYSTEM_USERNAME, SYSTEM_ROLE
    return EXIT_OK


def _write_binary_output(target: str | None, data: bytes) -> None:
    """`_write_output` for PNG and PDF bytes: write then rename, never half a file."""
    if target in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    path = Path(target)
    if not path.parent.is_dir():
        raise UsageError(f"-o: the folder {str(path.parent)!r} does not exist")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_output(target: str | None, text: str) -> None:
    if target in (None, "-"):
        sys.stdout.write(text)
        return
    path = Path(target)
    if not path.parent.is_dir():
        raise UsageError(f"-o: the folder {str(path.parent)!r} does not exist")
    # Write then rename, so an interrupted export never leaves half a file behind.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _load(name: str) -> Case:
    """Read a case file; errors name the file and then the field."""
    try:
        return caseformat.load_file(name)
    except CaseFormatError as exc:
        raise CaseFormatError(f"{name}: {exc.field}", exc.problem) from None


def cmd_check(args: argparse.Namespace) -> int:
    case = _load(args.file)
    at = args.at or dt.date.today()
    found = checks.check_case(case, at)
    if args.format == "json":
        print(
            json.dumps(
                [findings.to_json(f, args.lang) for f in found], ensure_ascii=False, indent=2
            )
        )
    else:
        print(findings.as_text(found, args.lang))
    has_error = any(f.severity is findings.Severity.ERROR for f in found)
    return EXIT_FINDINGS if has_error else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    if args.end < args.start:
        raise UsageError("--to: must not be before --from")
    k = _suppress_k(args.suppress)
    binary = args.format in ("xlsx", "pdf")
    if binary and args.output in (None, "-") and sys.stdout.isatty():
        raise UsageError(f"-o: {args.format} is a binary format; give -o FILE or redirect stdout")
    with _database() as engine, db.session_scope(engine) as session:
        figures = report.network_report(session, NetworkSlug(args.network), args.start, args.end)
    if k is not None:
        figures = report.suppressed_report(figures, k)
    if args.format == "json":
        _write_output(args.output, json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        _write_output(args.output, report_csv(figures))
    else:
        # The exports layer (openpyxl, matplotlib, WeasyPrint) loads only when asked for.
        if args.format == "xlsx":
            from exports.report_xlsx import report_xlsx as render
        else:
            from exports.report_pdf import report_pdf as render
        _write_binary_output(args.output, render(figures))
    return EXIT_OK


def _suppress_k(text: str | None) -> int | None:
    if text is None:
        return None
    if not text.isdigit() or int(text) < 1:
        raise UsageError(f"--suppress: {text!r} is not a whole number of at least 1")
    return int(text)


def report_csv(figures: dict[str, object]) -> str:
    """One `measure,value` row per figure, nested keys joined with dots.

    Hidden (suppressed) and undefined figures are empty cells; the list of hidden
    paths is one cell, separated by semicolons.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["measure", "value"])

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, list):
            writer.writerow([prefix, ";".join(str(item) for item in value)])
        else:
            writer.writerow([prefix, "" if value is None else value])

    walk("", figures)
    return buffer.getvalue()


def cmd_user_add(args: argparse.Namespace) -> int:
    password = os.environ.get("ECOGRAM_NEW_PASSWORD") or (
        getpass.getpass("Password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    )
    with _database() as engine, db.session_scope(engine) as session:
        network = None
        if args.network is not None:
            network = session.scalar(select(Network).where(Network.slug == args.network))
            if network is None:
                raise UsageError("--network: run 'ecogram init' first")
        try:
            user = accounts.add_user(
                session,
                username=args.username,
                password=password,
                role=accounts.UserRole(args.role),
                display_name=args.name,
                network=network,
            )
        except accounts.AccountError as exc:
            raise UsageError(str(exc)) from None
        print(f"Added user {user.username} ({user.role.value})")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    # The one place the command line reaches up into the web layer, and only on demand.
    from webapp import create_app

    app = create_app()
    print(f"Ecogram serves on http://{args.host}:{args.port} (Ctrl+C stops it)")
    app.run(host=args.host, port=args.port, debug=False, threaded=True, load_dotenv=False)
    return EXIT_OK


# --- Trust: backup, restore, retention and erasure -----------------------------------------


def cmd_backup(args: argparse.Namespace) -> int:
    from ecogram import backup

    try:
        header = backup.backup(db.database_url(), Path(args.file), backup.backup_key())
    except backup.BackupError as exc:
        raise UsageError(str(exc)) from None
    print(f"Backed up the {header.kind} database to {args.file} (encrypted)")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from ecogram import backup
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
    from ecogram import retention

    def work() -> int:
        policy = retention.RetentionPolicy.from_environment()
        at = args.at or dt.date.today()
        with _database() as engine, db.session_scope(engine) as session:
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
    from ecogram import retention

    def work() -> int:
        on = None if args.reopen else (args.on or dt.date.today())
        with _database() as engine, db.session_scope(engine) as session:
            case = _stored_case(storage.load_case(session, args.case), args.case)
            retention.close_case(session, case, on)
            retention.system_audit(session, case.id, "reopen_case" if on is None else "close_case")
        print(f"Reopened case {args.case}" if on is None else f"Closed case {args.case} on {on}")
        return EXIT_OK

    return _retention_call(work)


def cmd_erase(args: argparse.Namespace) -> int:
    from ecogram import retention

    def work() -> int:
        with _database() as engine, db.session_scope(engine) as session:
            case = _stored_case(storage.load_case(session, args.case), args.case)
            retention.erase_person(session, case, args.person)
            retention.system_audit(session, case.id, "erase_person")
        print(f"Erased person {args.person} from case {args.case}")
        return EXIT_OK

    return _retention_call(work)


# --- Parser -------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ecogram", description="Ecogram: find care figures around a young child.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> _Parser:
        p: _Parser = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    add("init", cmd_init, "Create or upgrade the database.")
    p = add("demo", cmd_demo, "Load the fictional demo data (safe to run twice).")
    p.add_argument("--today", type=_date, help="date the demo is built around (default: today)")
    p = add(
        "import",
        cmd_import,
        "Import case files: ecogram-case/1 JSON, or GraphML (.graphml) as 'export' writes it.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p = add("export", cmd_export, "Export one case: a drawing, an open graph format or JSON.")
    p.add_argument("case", metavar="CASE", help="the case id")
    p.add_argument(
        "--format",
        choices=["svg", "png", "pdf", "graphml", "gexf", "json", "nodelink"],
        default="json",
        help="json is the ecogram-case/1 file; nodelink is networkx node-link JSON",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    p.add_argument("--family", action="store_true", help="the family version (svg, png, pdf)")
    p.add_argument("--at", type=_date, metavar="DATE", help="the case as it stood on DATE")
    p.add_argument("--lang", choices=list(findings.LANGUAGES), default="nl")
    p = add(
        "serve", cmd_serve, "Serve the web app (development server; use gunicorn in production)."
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=int(os.environ.get("ECOGRAM_PORT", "5000")))
    user = sub.add_parser("user", help="Manage accounts.")
    user_sub = user.add_subparsers(dest="user_command", required=True, parser_class=_Parser)
    p = user_sub.add_parser(
        "add",
        help="Add an account; the password comes from a prompt, stdin or ECOGRAM_NEW_PASSWORD.",
    )
    p.set_defaults(func=cmd_user_add)
    p.add_argument("username", metavar="USERNAME")
    p.add_argument("--role", required=True, choices=[r.value for r in accounts.UserRole])
    p.add_argument("--name", help="the name shown in the app (default: the username)")
    p.add_argument("--network", choices=[n.value for n in NetworkSlug])
    p = add("report", cmd_report, "The network's figures over a period, aggregate only.")
    p.add_argument("--network", required=True, choices=[n.value for n in NetworkSlug])
    p.add_argument("--from", dest="start", required=True, type=_date, metavar="DATE")
    p.add_argument("--to", dest="end", required=True, type=_date, metavar="DATE")
    p.add_argument(
        "--format",
        choices=["json", "csv", "xlsx", "pdf"],
        default="json",
        help="json and csv are text; xlsx and pdf are binary: give -o FILE or redirect stdout",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    p.add_argument(
        "--suppress",
        metavar="K",
        help="small-cell suppression for use outside the network: hide every count below K "
        "and whatever would give it away (see docs/report.md)",
    )
    p = add("check", cmd_check, "Check a case file against the IMH, anchor and trajectory rules.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--at", type=_date, help="the date to check at (default: today)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--lang", choices=list(findings.LANGUAGES), default="nl")
    p = add("backup", cmd_backup, "Back up the database, encrypted with ECOGRAM_BACKUP_KEY.")
    p.add_argument("file", metavar="FILE")
    p = add("restore", cmd_restore, "Restore a backup made by 'ecogram backup'.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace a database that holds data")
    p = add("purge", cmd_purge, "Delete closed cases past the retention period.")
    p.add_argument("--dry-run", action="store_true", help="count them, delete nothing")
    p.add_argument("--at", type=_date, help="the day to purge at (default: today)")
    p = add("close", cmd_close, "Close a case; its retention period starts then.")
    p.add_argument("case", metavar="CASE", help="the case id")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--on", type=_date, metavar="DATE", help="the closing day (default: today)")
    when.add_argument("--reopen", action="store_true", help="reopen a closed case")
    p = add("erase", cmd_erase, "Erase one person from a case, everywhere (not the child).")
    p.add_argument("case", metavar="CASE", help="the case id")
    p.add_argument("person", metavar="PERSON", help="the person's id in the case, e.g. p3")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        code: int = args.func(args)
        return code
    except (UsageError, CaseFormatError, storage.StorageError) as exc:
        _fail(str(exc))
    except OperationalError as exc:
        _fail(f"cannot use the database: {type(exc.orig).__name__}", code=1)
    except KeyboardInterrupt:
        _fail("interrupted", code=130)
    except BrokenPipeError:
        # The reader went away (`ecogram demo | head`): stop quietly, like other Unix tools.
        # Python would complain again while flushing stdout at exit, so point it at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:
        if os.environ.get("ECOGRAM_DEBUG"):
            raise
        _fail(f"unexpected {type(exc).__name__}; rerun with ECOGRAM_DEBUG=1 for details", code=1)
    return EXIT_OK


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    print(f"ecogram: {message}", file=sys.stderr)
    raise SystemExit(code)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
