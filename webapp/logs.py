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

Every record made while a request is handled carries that request's id (the
`X-Request-Id` header and the audit rows have the same), and each request
ends with one line on "ecogram.access": method, route, status and duration.
The route is the URL rule (`/cases/<int:case_id>/ecogram`), never the path or
the query string, so not even an id reaches the access log.

`JsonFormatter` writes each record as one JSON object on one line, for log
collectors; production uses it (gunicorn.conf.py for the server's and the
app's lines, and the fallback handler below when ECOGRAM_ENV=production).
JSON escapes every control character, and `ensure_ascii` every other line
break, so a record stays one line there as well.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
import traceback
from typing import Any

from flask import Flask, Response, g, has_request_context, request
from flask.logging import default_handler

#: The loggers of the app's own code: "ecogram.auth" logs sign-ins.
APP_LOGGER = "ecogram"
ACCESS_LOGGER = "ecogram.access"
FORMAT = "[%(asctime)s] %(levelname)s %(name)s [%(request_id)s]: %(message)s"
#: What an access line adds to a record, as JSON fields.
ACCESS_FIELDS = ("method", "route", "status", "duration_ms")

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
    """Render the message (with its arguments) and the traceback on one line each, and
    note the request id."""
    # g.request_id is set by webapp.security for every request, before any view runs.
    record.request_id = g.get("request_id", "-") if has_request_context() else "-"
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
        if not hasattr(record, "request_id"):  # made before the factory was installed
            record.request_id = "-"
        return one_line(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line: time (UTC), level, logger, request id, message."""

    def format(self, record: logging.LogRecord) -> str:
        fields: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": one_line(record.getMessage()),
        }
        fields |= {name: getattr(record, name) for name in ACCESS_FIELDS if hasattr(record, name)}
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            fields["exception"] = one_line(record.exc_text)
        return json.dumps(fields, ensure_ascii=True, default=str)


def install_record_factory() -> None:
    """Encode every record the process makes; installing it twice changes nothing."""
    current = logging.getLogRecordFactory()
    if getattr(current, "encodes_line_breaks", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return encode_record(current(*args, **kwargs))

    factory.encodes_line_breaks = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


def _started() -> None:
    g.request_started = time.perf_counter()


def _log_request(response: Response) -> Response:
    started = g.get("request_started")
    route = request.url_rule.rule if request.url_rule is not None else "-"
    duration = round((time.perf_counter() - started) * 1000, 1) if started else None
    logging.getLogger(ACCESS_LOGGER).info(
        "%s %s %s",
        request.method,
        route,
        response.status_code,
        extra={
            "method": request.method,
            "route": route,
            "status": response.status_code,
            "duration_ms": duration,
        },
    )
    return response


def init_app(app: Flask) -> None:
    install_record_factory()
    formatter: logging.Formatter = (
        JsonFormatter() if app.config["PRODUCTION"] else OneLineFormatter(FORMAT)
    )
    # Flask's own handler (used when nothing else is configured) writes one line per record.
    default_handler.setFormatter(formatter)
    own = logging.getLogger(APP_LOGGER)
    if own.level == logging.NOTSET:
        own.setLevel(logging.INFO)
    if not own.hasHandlers():
        # Nothing configured (the development server): without this, sign-in
        # warnings would reach only logging's bare last-resort handler.
        handler = logging.StreamHandler()
        handler.setFormatter(formatter)
        own.addHandler(handler)
    app.before_request(_started)
    app.after_request(_log_request)
