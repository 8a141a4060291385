"""Log lines that cannot be forged: line breaks in anything logged are encoded.

A username typed as "x\\r\\nFAKE ENTRY" must not add a line to the log that
looks like an entry of its own. Two layers make sure of it:

- a log record factory (process-wide, since handlers come from wherever the
  server is configured) renders each record's message with its arguments and
  encodes every line break in it, and in its traceback, when the record is
  made, before any handler or filter sees it;
- `OneLineFormatter`, on the handlers the app installs itself, also encodes
  the break a formatter puts between a message and its traceback, so one
  record is exactly one line there.

"Line break" is everything `str.splitlines` breaks on, not only CR and LF:
log viewers differ in what they treat as a new line.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from flask import Flask
from flask.logging import default_handler

#: The loggers of the app's own code: "ecogram.auth" logs sign-ins.
APP_LOGGER = "ecogram"
FORMAT = "[%(asctime)s] %(levelname)s %(name)s: %(message)s"

_BREAKS = {
    "\n": "\\n",
    "\r": "\\r",
    "\x0b": "\\x0b",
    "\x0c": "\\x0c",
    "\x1c": "\\x1c",
    "\x1d": "\\x1d",
    "\x1e": "\\x1e",
    "\x85": "\\x85",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_TABLE = str.maketrans(_BREAKS)


def one_line(text: str) -> str:
    """`text` with every line break written out as an escape sequence."""
    return text.translate(_TABLE)


def encode_record(record: logging.LogRecord) -> logging.LogRecord:
    """Render the message (with its arguments) and the traceback on one line each."""
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: the handler reports it as usual
        return record
    record.msg = one_line(message)
    record.args = None
    if record.exc_info and not record.exc_text:
        record.exc_text = one_line("".join(traceback.format_exception(*record.exc_info)).rstrip())
    if record.stack_info:
        record.stack_info = one_line(record.stack_info)
    return record


class OneLineFormatter(logging.Formatter):
    """A formatter whose every record is exactly one physical line."""

    def format(self, record: logging.LogRecord) -> str:
        return one_line(super().format(record))


def install_record_factory() -> None:
    """Encode every record the process makes; installing it twice changes nothing."""
    current = logging.getLogRecordFactory()
    if getattr(current, "encodes_line_breaks", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return encode_record(current(*args, **kwargs))

    factory.encodes_line_breaks = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


def init_app(_app: Flask) -> None:
    install_record_factory()
    # Flask's own handler (used when nothing else is configured) writes one line per record.
    default_handler.setFormatter(OneLineFormatter(FORMAT))
    own = logging.getLogger(APP_LOGGER)
    if own.level == logging.NOTSET:
        own.setLevel(logging.INFO)
    if not own.hasHandlers():
        # Nothing configured (the development server): without this, sign-in
        # warnings would reach only logging's bare last-resort handler.
        handler = logging.StreamHandler()
        handler.setFormatter(OneLineFormatter(FORMAT))
        own.addHandler(handler)
