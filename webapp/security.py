"""Response headers and request ids for every page.

The CSP allows nothing from outside the app and no inline script; the one
inline <style> that vis-network injects is allowed by its hash only.
"""

from __future__ import annotations

import uuid

from flask import Flask, Response, g, request

# vis-network's standalone build injects seven <style> elements (first empty,
# then filled); their CSS is also in vis-network.min.css. A test recomputes
# these from the vendored file, so upgrading vis-network fails loudly.
VIS_NETWORK_STYLE_HASHES = (
    "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",  # the empty element
    "sha256-OutIf5hnp68ctx4ThtV5J02g5HTJ5bbu/hkNfqVXWWo=",
    "sha256-4cgFR0//m8/eHo2G/esYsuZetUHlzCUWYM59sfgE9zY=",
    "sha256-uepMTym1NwItBa/XV6ef6fQobLL0A0CNVDM5km5L+nQ=",
    "sha256-gGUn/VMBXCeWm86qX/pOf+4ZDSbe0JcaXXb4rJjw1mA=",
    "sha256-QuPewnJYr+SnQiTnCNHFBw99ExTsz9f8w5320PimEPw=",
    "sha256-IY7YKNHjbzQ1NfAKrBZvBZohgXMtxrqB9PaqhAaT3vg=",
    "sha256-QE7TOEDW7YIlMzvUUnm8boDWeNBN7PBbaaYJjnp34WI=",
)

CSP = (
    "default-src 'self'; script-src 'self'; "
    f"style-src 'self' {' '.join(repr(h) for h in VIS_NETWORK_STYLE_HASHES)}; "
    "img-src 'self' data:; "
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
    # same-origin, not no-referrer: Flask-WTF checks the Referer of HTTPS POSTs against CSRF.
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if request.endpoint != "static":
        # Everything but static files may show a child's data: never keep a copy.
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    response.headers["X-Request-Id"] = request_id()
    return response
