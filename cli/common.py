"""What every subcommand shares: the parser, dates, the database and safe output files.

A run imports only what its subcommand needs: building the parser loads argparse
and the vocabularies, so `ecogram --help` answers before the database layer, the
rules or any export library is loaded. Each command imports the rest itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeAlias

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from ecogram.models import Case

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

Command = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """Bad input from the command line; the message names the argument."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse prints the whole usage block; one line that names the problem is kinder.
        raise UsageError(f"{message} (see '{self.prog} --help')")


Subcommands: TypeAlias = "argparse._SubParsersAction[Parser]"


def add_command(sub: Subcommands, name: str, func: Command, help_: str) -> Parser:
    parser: Parser = sub.add_parser(name, help=help_, description=help_)
    parser.set_defaults(func=func)
    return parser


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def today() -> dt.date:
    """The core's clock, so a command and a page agree on the day (ECOGRAM_TODAY fixes it)."""
    from ecogram import clock

    return clock.today()


def shown_url(url: str) -> str:
    from sqlalchemy import make_url

    return make_url(url).render_as_string(hide_password=True)


@contextmanager
def database() -> Iterator[Engine]:
    from ecogram import db

    engine = db.make_engine(db.database_url())
    try:
        yield engine
    finally:
        engine.dispose()


def load_case_file(name: str, *, plain: bool = False) -> Case:
    """Read a case file; errors name the file and then the field.

    With `plain`, for a case that is only read: `caseformat.load_file`'s plain objects.
    """
    from ecogram import caseformat
    from ecogram.caseformat import CaseFormatError

    try:
        return caseformat.load_file(name, plain=plain)
    except CaseFormatError as exc:
        raise CaseFormatError(f"{name}: {exc.field}", exc.problem) from None


def write_output(target: str | None, data: str | bytes) -> None:
    """Text or bytes to stdout, or to a file: written then renamed, never half a file."""
    if target in (None, "-"):
        if isinstance(data, str):
            sys.stdout.write(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        return
    path = Path(target)
    if not path.parent.is_dir():
        raise UsageError(f"-o: the folder {str(path.parent)!r} does not exist")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
