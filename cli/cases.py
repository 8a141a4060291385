"""One child's case: `import`, `export` and `check`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    Subcommands,
    UsageError,
    add_command,
    database,
    load_case_file,
    parse_date,
    today,
    write_output,
)
from ecogram.i18n import LANGUAGES

if TYPE_CHECKING:
    from ecogram.models import Case


def cmd_import(args: argparse.Namespace) -> int:
    from ecogram import db, storage
    from ecogram.caseformat import CaseFormatError
    from exports.graphml import load_graphml_file, looks_like_graphml

    def load(name: str) -> Case:
        if not looks_like_graphml(name):
            return load_case_file(name)
        try:
            return load_graphml_file(name)
        except CaseFormatError as exc:
            raise CaseFormatError(f"{name}: {exc.field}", exc.problem) from None

    # Parse every file before touching the database, so one bad file stores nothing.
    parsed = [(name, load(name)) for name in args.files]
    with database() as engine, db.session_scope(engine) as session:
        for name, case in parsed:
            try:
                storage.save_case(session, case)
            except storage.StorageError as exc:
                raise UsageError(f"{name}: {exc}") from None
            print(f"Imported case {case.ref} ({len(case.persons)} persons) from {name}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from ecogram import accounts, db, storage
    from ecogram.history import case_as_of
    from ecogram.models import Case
    from ecogram.retention import SYSTEM_ROLE, SYSTEM_USERNAME
    from exports.formats import FAMILY_FORMATS, FORMATS

    if args.family and args.format not in FAMILY_FORMATS:
        raise UsageError(f"--family: only with --format {', '.join(FAMILY_FORMATS)}")
    chosen = FORMATS[f"family_{args.format}" if args.family else args.format]
    if chosen.binary and args.output is None and sys.stdout.isatty():
        raise UsageError(f"-o: a {args.format.upper()} file needs an output file")
    with database() as engine, db.session_scope(engine) as session:
        case_id = session.scalar(select(Case.id).where(Case.ref == args.case))
        if case_id is None:
            raise UsageError(f"CASE: there is no case with id {args.case!r}")
        if args.at is None:
            case = storage.load_case(session, args.case)
        else:
            case = case_as_of(session, args.case, args.at)
        if case is None:  # only with --at: the case exists
            raise UsageError(f"--at: the case has no session on or before {args.at}")
        data = chosen.render(case, args.at or today(), args.lang, None)
        # Written before the commit: the audit row stands only for a file that exists.
        write_output(args.output, data if chosen.binary else data.decode("utf-8"))
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


def cmd_check(args: argparse.Namespace) -> int:
    # Only the case format, the rules and the words: no database engine, no exports.
    from ecogram import ahead, findings

    # A checked file is never stored: plain objects spare the run the ORM's mapping.
    case = load_case_file(args.file, plain=True)
    at = args.at or today()
    found = ahead.check_ahead(case, at, args.ahead)
    if args.format == "json":
        listed = [findings.to_json(d.finding, args.lang, on=d.on) for d in found]
        print(json.dumps(listed, ensure_ascii=False, indent=2))
    else:
        print(findings.as_text(found, args.lang, at=at))
    has_error = any(d.finding.severity is findings.Severity.ERROR for d in found)
    return EXIT_FINDINGS if has_error else EXIT_OK


def horizon(text: str) -> int:
    """`--ahead DAYS`: a whole number of days, from 0 to ten years."""
    from ecogram import ahead

    if not text.isdigit() or int(text) > ahead.MAX_HORIZON_DAYS:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of days from 0 to {ahead.MAX_HORIZON_DAYS}"
        )
    return int(text)


def register(sub: Subcommands) -> None:
    p = add_command(
        sub,
        "import",
        cmd_import,
        "Import case files: ecogram-case/1 JSON, or GraphML (.graphml) as 'export' writes it.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p = add_command(
        sub, "export", cmd_export, "Export one case: a drawing, an open graph format or JSON."
    )
    p.add_argument("case", metavar="CASE", help="the case id")
    p.add_argument(
        "--format",
        choices=["svg", "png", "pdf", "graphml", "gexf", "json", "nodelink", "html"],
        default="json",
        help="json is the ecogram-case/1 file; nodelink is networkx node-link JSON;"
        " html is the interactive drawing, one file that works offline",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    p.add_argument("--family", action="store_true", help="the family version (svg, png, pdf)")
    p.add_argument("--at", type=parse_date, metavar="DATE", help="the case as it stood on DATE")
    p.add_argument("--lang", choices=list(LANGUAGES), default="nl")
    p = add_command(
        sub, "check", cmd_check, "Check a case file against the IMH, anchor and trajectory rules."
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--at", type=parse_date, help="the date to check at (default: today)")
    p.add_argument(
        "--ahead",
        type=horizon,
        default=0,
        metavar="DAYS",
        help="also check every day within DAYS after --at on which the plan changes",
    )
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--lang", choices=list(LANGUAGES), default="nl")
