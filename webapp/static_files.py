"""The app's own scripts, styles and images, kept by the browser until they change.

Every link to a static file carries its content's fingerprint (`?v=`), added to each
`url_for('static', ...)` here. A request with the current fingerprint is answered as
kept for a year, so a page's many scripts cost no request at all once fetched: the
ecogram page has a dozen, and asking the server whether each had changed held up
the first drawing of a large case. A new release changes the fingerprint of every
file it changes, so the browser fetches those afresh. A request without it (or with
an old one) is answered as before: to be asked again each time.

Only these files are kept: every other answer may show a child's data and is never
stored (`webapp.security`).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, request

#: a year: as long as a browser keeps anything; the fingerprint ends it sooner
KEPT_FOR = 365 * 24 * 3600

# (path, modification time, size) -> fingerprint: a file changed in place (while
# developing) gets a new one without a restart.
_fingerprints: dict[tuple[str, int, int], str] = {}


def fingerprint(filename: str) -> str | None:
    """The first 12 hex digits of the file's SHA-256; None for a file that is not there."""
    folder = current_app.static_folder
    if folder is None:
        return None
    path = Path(folder) / filename
    try:
        stat = path.stat()
    except (OSError, ValueError):
        return None
    key = (os.fspath(path), stat.st_mtime_ns, stat.st_size)
    found = _fingerprints.get(key)
    if found is None:
        found = _fingerprints[key] = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return found


def _with_fingerprint(endpoint: str, values: dict[str, Any]) -> None:
    if endpoint == "static" and "filename" in values and "v" not in values:
        version = fingerprint(str(values["filename"]))
        if version is not None:
            values["v"] = version


def _kept(response: Response) -> Response:
    if request.endpoint != "static" or response.status_code != 200:
        return response
    filename = (request.view_args or {}).get("filename")
    asked = request.args.get("v")
    if asked and filename and asked == fingerprint(str(filename)):
        response.headers["Cache-Control"] = f"public, max-age={KEPT_FOR}, immutable"
    return response


def init_app(app: Flask) -> None:
    app.url_defaults(_with_fingerprint)
    app.after_request(_kept)
