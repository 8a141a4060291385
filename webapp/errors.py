"""Clean error pages, in Dutch or English, that give nothing away.

A page says what happened and what to do next, never why in detail: no stack
trace, no SQL, no hint whether a case exists. The 404 a user gets for a case
they may not see is byte for byte the 404 for a case that does not exist, so
the page has no session-bound parts (no forms, no CSRF token, no user name).
Scripts that fetch JSON get JSON back.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from webapp.security import request_id

HANDLED = (400, 403, 404, 405, 409, 413, 429, 500)

TITLES: dict[int, LazyString] = {
    400: _l("This request could not be handled"),
    403: _l("Not allowed"),
    404: _l("Page not found"),
    405: _l("This action is not possible here"),
    409: _l("Someone else changed this in the meantime"),
    413: _l("Too much data"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong"),
}
MESSAGES: dict[int, LazyString] = {
    400: _l(
        "The request was incomplete or not valid. Go back, check what you entered and try again."
    ),
    403: _l("You do not have permission for this."),
    404: _l("This page does not exist, or you do not have access to it."),
    405: _l("This address does not support this action."),
    409: _l(
        "Your change was not saved, so nothing was overwritten. "
        "Reload the page to see the latest version and make your change again."
    ),
    413: _l("What you sent is too large. Send less at once."),
    429: _l("Please wait a moment before you try again."),
    500: _l(
        "The error has been logged. Try again later; if it keeps happening, "
        "contact your administrator and mention the request id."
    ),
}
CSRF_MESSAGE = _l(
    "The form has expired or did not come from this app. Reload the page and try again."
)


def wants_json() -> bool:
    """Scripts (fetch, .json routes) get JSON; a browser navigating gets a page."""
    if request.path.endswith(".json") or request.is_json:
        return True
    if request.headers.get("X-Requested-With"):
        return True
    accept = request.accept_mimetypes
    best = accept.best_match(["text/html", "application/json"])
    return best == "application/json" and accept[best] > accept["text/html"]


def error_response(code: int, message: LazyString | str | None = None) -> Response:
    title = str(TITLES[code])
    text = str(message if message is not None else MESSAGES[code])
    if wants_json():
        response = jsonify({"error": title, "message": text, "status": code})
    else:
        try:
            body = render_template(
                "errors/error.html",
                code=code,
                title=title,
                message=text,
                request_id=request_id(),
            )
        except Exception:  # an error page must not fail; plain text will do
            body = f"{code} {title}\n"
            response = Response(body, mimetype="text/plain")
        else:
            response = Response(body, mimetype="text/html")
    response.status_code = code
    return response


def _handle_http(error: HTTPException) -> Response:
    code = error.code if error.code in HANDLED else 500
    response = error_response(code)
    # Keep protocol headers such as Allow (405) and Retry-After (429).
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def _handle_csrf(_error: CSRFError) -> Response:
    return error_response(400, CSRF_MESSAGE)


def _handle_server_error(_error: InternalServerError) -> Response:
    # Flask has logged the exception already; the user sees only the request id.
    return error_response(500)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _handle_csrf)
    for code in HANDLED:
        if code == 500:
            app.register_error_handler(InternalServerError, _handle_server_error)
        else:
            app.register_error_handler(code, _handle_http)
