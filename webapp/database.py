"""One database session per request.

Reads are committed after the response is built, so the audit row a guarded
read adds is stored in the same transaction as the read; an error rolls both
back. Write views commit themselves before they redirect.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, g
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ecogram import db as core_db


def init_app(app: Flask) -> None:
    engine = core_db.make_engine(app.config["DATABASE_URL"])
    app.extensions["ecogram.engine"] = engine
    app.extensions["ecogram.sessions"] = core_db.session_factory(engine)
    app.after_request(_commit_reads)
    app.teardown_appcontext(_close)


def forget_inherited_connections(app: Flask) -> None:
    """In a worker just forked from a master that loaded the app (gunicorn's preload_app):
    drop the pool's connections without closing them, as they are the master's."""
    app.extensions["ecogram.engine"].dispose(close=False)


def engine() -> Engine:
    found: Engine = current_app.extensions["ecogram.engine"]
    return found


def session() -> Session:
    if "db" not in g:
        g.db = current_app.extensions["ecogram.sessions"]()
    found: Session = g.db
    return found


def _commit_reads(response: Response) -> Response:
    db = g.get("db")
    if db is not None:
        if response.status_code < 400 or g.get("commit_despite_error"):
            db.commit()
        else:
            db.rollback()
    return response


def _close(_error: BaseException | None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.rollback()
        db.close()
