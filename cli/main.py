"""The `ecogram` command's parser and its one way out.

Every failure a user can cause ends in one line on stderr and exit code 2;
`ecogram check` exits 1 when the case has an error finding. No traceback
ever reaches the terminal: a case file may hold names, and a traceback
could echo them into logs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from sqlalchemy.exc import OperationalError

from cli import cases, report, setup, trust
from cli.common import EXIT_OK, EXIT_USAGE, Parser, UsageError
from ecogram import storage
from ecogram.caseformat import CaseFormatError
from ecogram.clock import ClockError


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="ecogram", description="Ecogram: find care figures around a young child.")
    parser.add_argument("--version", action="version", version=f"ecogram {_installed_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for group in (setup, cases, report, trust):
        group.register(sub)
    return parser


def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ecogram")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        code: int = args.func(args)
        return code
    except (UsageError, CaseFormatError, ClockError, storage.StorageError) as exc:
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
