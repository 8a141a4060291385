"""How the app is run: development or production, and whether a reverse proxy stands in front.

- `ECOGRAM_ENV=production` says "this serves real users". The app then refuses
  to start without an explicit `ECOGRAM_SECRET_KEY` of at least 32 characters:
  the development fallback, a random key kept in the instance folder, differs
  per machine, so behind a load balancer a user sent to the other instance
  would be signed out (and so would everyone, if the folder is not kept).
- `ECOGRAM_PROXY_FIX=1` says "every request comes through exactly one reverse
  proxy", which sets `X-Forwarded-For` and `X-Forwarded-Proto`. Werkzeug's
  ProxyFix then takes the client's address and scheme from the one value that
  proxy added (the last), so the login limit counts real client addresses and
  an address a client forges in front of it is ignored. Without a proxy it
  must stay off, or any client could choose the address it is counted under.
- `ECOGRAM_REQUIRE_SECOND_FACTOR=0` lets accounts sign in with a password alone
  (the demo); by default every account enrols and uses a second factor.

A setting the app cannot start with raises SettingError, one line naming it;
gunicorn prints it as "Error: ..." and exits.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

ENV_MODE = "ECOGRAM_ENV"
ENV_SECRET_KEY = "ECOGRAM_SECRET_KEY"  # noqa: S105  (the setting's name, not a key)
ENV_PROXY_FIX = "ECOGRAM_PROXY_FIX"
ENV_SECOND_FACTOR = "ECOGRAM_REQUIRE_SECOND_FACTOR"
MODES = ("development", "production")
MIN_SECRET_CHARS = 32
_HOW_TO_MAKE_A_KEY = "make one with: python -c 'import secrets; print(secrets.token_hex(32))'"


class SettingError(RuntimeError):
    """The app cannot start with this setting; the message names it."""


def _environ(environ: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if environ is None else environ


def production(environ: Mapping[str, str] | None = None) -> bool:
    """True for ECOGRAM_ENV=production; a value that is not a mode stops the app (a typo
    such as "prod" must not quietly start a development server on real data)."""
    value = _environ(environ).get(ENV_MODE, "").strip() or MODES[0]
    if value not in MODES:
        raise SettingError(f"{ENV_MODE}: {value!r} is not one of: {', '.join(MODES)}")
    return value == "production"


def proxy_hops(environ: Mapping[str, str] | None = None) -> int:
    """1 behind one reverse proxy (ECOGRAM_PROXY_FIX=1), else 0."""
    value = _environ(environ).get(ENV_PROXY_FIX, "").strip() or "0"
    if value not in ("0", "1"):
        raise SettingError(f"{ENV_PROXY_FIX}: {value!r} is not 1 (one reverse proxy) or 0 (none)")
    return int(value)


def second_factor_required(environ: Mapping[str, str] | None = None) -> bool:
    """A second factor for every account (the default); ECOGRAM_REQUIRE_SECOND_FACTOR=0
    relaxes it, for the demo that `make run` serves."""
    value = _environ(environ).get(ENV_SECOND_FACTOR, "").strip() or "1"
    if value not in ("0", "1"):
        raise SettingError(f"{ENV_SECOND_FACTOR}: {value!r} is not 1 (required) or 0 (not)")
    return value == "1"


def secret_key(app: Flask, environ: Mapping[str, str] | None = None) -> str:
    """ECOGRAM_SECRET_KEY; in development, else a random key kept in the instance folder."""
    configured = _environ(environ).get(ENV_SECRET_KEY, "")
    if app.config["PRODUCTION"]:
        if len(configured) < MIN_SECRET_CHARS:
            raise SettingError(
                f"{ENV_SECRET_KEY}: production ({ENV_MODE}=production) needs an explicit key "
                f"of at least {MIN_SECRET_CHARS} characters, the same on every instance; "
                f"{_HOW_TO_MAKE_A_KEY}"
            )
        return configured
    return configured or _instance_secret(app)


def trust_proxy(app: Flask) -> None:
    """Read the client's address and scheme from the proxy's headers, one hop deep."""
    hops = int(app.config["PROXY_HOPS"])
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]


def _instance_secret(app: Flask) -> str:
    """A random key kept in the instance folder, so sessions survive a restart."""
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()
