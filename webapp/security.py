"""Response headers and request ids for every page.

The CSP allows nothing from outside the app and no inline script; the one
inline <style> that vis-network injects is allowed by its hash only.
"""

from __future__ import annotations

import uuid

from flask import Flask, Response, g, request

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def init_app(app: Flask) -> None:
    app.before_request(_request_id)
    app.after_request(_headers)


def request_id() -> str:
    found: str = g.get("request_id") or "-"
    return found


def _request_id() -> None:
    # Trust no id from outside: it ends up in the audit table and the logs.
    g.request_id = uuid.uuid4().hex


def _headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if request.endpoint != "static":
        # Everything but static files may show a child's data: never keep a copy.
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    response.headers["X-Request-Id"] = request_id()
    return response
