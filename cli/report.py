"""`ecogram report`: the network's figures over a period, in any of the report's formats."""

from __future__ import annotations

import argparse
import sys

from cli.common import (
    EXIT_OK,
    Subcommands,
    UsageError,
    add_command,
    database,
    parse_date,
    write_output,
)
from ecogram.i18n import DEFAULT_LANG, LANGUAGES
from ecogram.vocabulary import NetworkSlug
from exports.report_formats import REPORT_FORMATS


def cmd_report(args: argparse.Namespace) -> int:
    from ecogram import db
    from ecogram.report import network_report
    from ecogram.report_suppression import suppressed_report

    if args.end < args.start:
        raise UsageError("--to: must not be before --from")
    k = _suppress_k(args.suppress)
    chosen = REPORT_FORMATS[args.format]
    if chosen.binary and args.output in (None, "-") and sys.stdout.isatty():
        raise UsageError(f"-o: {args.format} is a binary format; give -o FILE or redirect stdout")
    with database() as engine, db.session_scope(engine) as session:
        report = network_report(session, NetworkSlug(args.network), args.start, args.end)
    if k is not None:
        report = suppressed_report(report, k)
    data = chosen.write(report, args.lang)
    write_output(args.output, data if chosen.binary else data.decode("utf-8"))
    return EXIT_OK


def _suppress_k(text: str | None) -> int | None:
    if text is None:
        return None
    if not text.isdigit() or int(text) < 1:
        raise UsageError(f"--suppress: {text!r} is not a whole number of at least 1")
    return int(text)


def register(sub: Subcommands) -> None:
    p = add_command(
        sub, "report", cmd_report, "The network's figures over a period, aggregate only."
    )
    p.add_argument("--network", required=True, choices=[n.value for n in NetworkSlug])
    p.add_argument("--from", dest="start", required=True, type=parse_date, metavar="DATE")
    p.add_argument("--to", dest="end", required=True, type=parse_date, metavar="DATE")
    p.add_argument(
        "--format",
        choices=list(REPORT_FORMATS),
        default="json",
        help="json and csv are text; xlsx and pdf are binary: give -o FILE or redirect stdout",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    p.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default=DEFAULT_LANG,
        help="the language of the CSV, XLSX and PDF (JSON has keys only)",
    )
    p.add_argument(
        "--suppress",
        metavar="K",
        help="small-cell suppression for use outside the network: hide every count below K "
        "and whatever would give it away (see docs/report.md)",
    )
