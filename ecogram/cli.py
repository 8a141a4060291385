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
    # Parse every file before touching the database, so one bad file stores nothing.
    parsed = [(name, _load(name)) for name in args.files]
    with _database() as engine, db.session_scope(engine) as session:
        for name, case in parsed:
            try:
                storage.save_case(session, case)
            except storage.StorageError as exc:
                raise UsageError(f"{name}: {exc}") from None
            print(f"Imported case {case.ref} ({len(case.persons)} persons) from {name}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    with _database() as engine, db.session_scope(engine) as session:
        case = storage.load_case(session, args.case)
        if case is None:
            raise UsageError(f"CASE: there is no case with id {args.case!r}")
        text = caseformat.dumps(case)
    _write_output(args.output, text)
    return EXIT_OK


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
        for finding in found:
            message = findings.render(finding, args.lang)
            print(f"{finding.severity.value:<8} {finding.code.value:<26} {message}")
        print(findings.summary(found, args.lang))
    has_error = any(f.severity is findings.Severity.ERROR for f in found)
    return EXIT_FINDINGS if has_error else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    if args.end < args.start:
        raise UsageError("--to: must not be before --from")
    with _database() as engine, db.session_scope(engine) as session:
        figures = report.network_report(session, NetworkSlug(args.network), args.start, args.end)
    if args.format == "json":
        text = json.dumps(figures, ensure_ascii=False, indent=2) + "\n"
    else:
        text = report_csv(figures)
    _write_output(args.output, text)
    return EXIT_OK


def report_csv(figures: dict[str, object]) -> str:
    """One `measure,value` row per figure, nested keys joined with dots."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["measure", "value"])

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
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
    p = add("import", cmd_import, "Import case files in the ecogram-case/1 JSON format.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p = add("export", cmd_export, "Export one case.")
    p.add_argument("case", metavar="CASE", help="the case id")
    p.add_argument("--format", choices=["json"], default="json")
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
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
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    p = add("check", cmd_check, "Check a case file against the IMH, anchor and trajectory rules.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--at", type=_date, help="the date to check at (default: today)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--lang", choices=list(findings.LANGUAGES), default="nl")
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
