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

from cli import cases, report, setup, trust
from cli.common import EXIT_OK, EXIT_USAGE, Parser, UsageError
from ecogram.clock import ClockError

#: Errors a user's input can cause beyond these two, by the module that defines them.
#: They are looked up only in modules the run has loaded: a run that never read a case
#: file cannot have raised CaseFormatError, and importing it would cost every command.
_USER_ERRORS = (
    ("ecogram.caseformat.errors", "CaseFormatError"),
    ("ecogram.storage", "StorageError"),
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="ecogram", description="Ecogram: find care figures around a young child.")
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for group in (setup, cases, report, trust):
        group.register(sub)
    return parser


class _Version(argparse.Action):
    """argparse's "version" action, asking the package metadata only when it is used."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> NoReturn:
        print(f"ecogram {_installed_version()}")
        parser.exit()


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
    except (UsageError, ClockError) as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted", code=130)
    except BrokenPipeError:
        # The reader went away (`ecogram demo | head`): stop quietly, like other Unix tools.
        # Python would complain again while flushing stdout at exit, so point it at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:
        if isinstance(exc, _loaded(_USER_ERRORS)):
            _fail(str(exc))
        if isinstance(exc, _loaded([("sqlalchemy.exc", "OperationalError")])):
            _fail(f"cannot use the database: {type(exc.orig).__name__}", code=1)  # type: ignore[attr-defined]
        if os.environ.get("ECOGRAM_DEBUG"):
            raise
        _fail(f"unexpected {type(exc).__name__}; rerun with ECOGRAM_DEBUG=1 for details", code=1)
    return EXIT_OK


def _loaded(names: Sequence[tuple[str, str]]) -> tuple[type[BaseException], ...]:
    """The exception classes named, of those whose module this run has imported."""
    modules = ((sys.modules.get(module), name) for module, name in names)
    return tuple(getattr(module, name) for module, name in modules if module is not None)


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    print(f"ecogram: {message}", file=sys.stderr)
    raise SystemExit(code)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
