"""Gunicorn's settings for Ecogram in production: `gunicorn -c gunicorn.conf.py`.

docs/operations.md explains the set-up around it. What this file decides:

- The app is `webapp:create_app()`, in production mode (ECOGRAM_ENV defaults to
  `production` here), so it refuses to start without ECOGRAM_SECRET_KEY.
- It is loaded once in the master (`preload_app`): a broken setting stops the
  server before any worker starts, the workers share the loaded code's memory,
  and `gc.freeze()` keeps the collector from touching (and so copying) it.
- Sync workers, ECOGRAM_WORKERS of them (default 2 per CPU plus 1, at most 8),
  each restarted after about 1000 requests so no slow leak can build up.
- Gunicorn trusts the scheme header (X-Forwarded-Proto) only from the
  addresses in ECOGRAM_FORWARDED_ALLOW_IPS (default: this machine); the app
  itself reads the client's address behind a proxy when ECOGRAM_PROXY_FIX=1.
- Every log line, the server's and the app's, is one JSON object on stderr,
  with the request id where there is one. The app writes the access lines
  itself (route, status, duration), so gunicorn's own access log stays off.
"""

from __future__ import annotations

import gc
import os
from typing import Any

os.environ.setdefault("ECOGRAM_ENV", "production")

wsgi_app = "webapp:create_app()"
bind = [os.environ.get("ECOGRAM_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("ECOGRAM_WORKERS") or min(2 * (os.cpu_count() or 1) + 1, 8))
worker_class = "sync"
preload_app = True
forwarded_allow_ips = os.environ.get("ECOGRAM_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# A PDF of a large network report takes a few seconds; a minute means a stuck worker.
timeout = 60
graceful_timeout = 30
max_requests = 1000
max_requests_jitter = 100
# The heartbeat file on shared memory: on a container's overlay disk it can stall workers.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108  # nosec B108
proc_name = "ecogram"
# Gunicorn's runtime control socket (gunicornc) is one fixed path per user, which two
# instances on one machine would fight over; systemd or the container manage the server.
control_socket_disable = True

accesslog = None
errorlog = "-"
loglevel = "info"
logconfig_dict: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "webapp.logs.JsonFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    # Libraries speak up from WARNING on (WeasyPrint and Alembic chat at INFO).
    "root": {"level": "WARNING", "handlers": ["stderr"]},
    "loggers": {
        "ecogram": {"level": "INFO"},
        "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        # The app's ecogram.access line replaces gunicorn's, which has no request id.
        "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
    },
}


def when_ready(server: Any) -> None:
    # The app is loaded and no worker is forked yet: everything alive now lives as long
    # as the master, so move it out of the collector's sight in every worker to come.
    gc.freeze()


def post_fork(server: Any, worker: Any) -> None:
    # A connection pool must not cross a fork: the worker starts with none of its own.
    from webapp.database import forget_inherited_connections

    forget_inherited_connections(server.app.wsgi())
