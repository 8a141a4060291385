"""One database session per request.

Reads are committed after the response is built, so the audit row a guarded
read adds is stored in the same transaction as the read. Write views commit
themselves before they redirect.

An error response (a form refused with 400, a conflict page with 409) rolls
back whatever the request changed, yet such a page still shows case data: the
form again, both versions of a conflict. So the audit rows the request added and
had not committed yet are written again on their own after the rollback, with
the outcome "conflict" or "not_saved" instead of "ok", and every read of case
data stays in the trail whatever the status.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, g
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from ecogram import db as core_db
from ecogram.accounts import AuditEvent


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
        event.listen(g.db, "after_commit", _forget_audit_rows)
    found: Session = g.db
    return found


def keep_audit_row(row: AuditEvent) -> None:
    """Remember an audit row of this request until it is committed (see above)."""
    columns = ("at", "user_id", "username", "user_role", "case_id", "action", "outcome")
    g.setdefault("audit_rows", []).append(
        {name: getattr(row, name) for name in (*columns, "request_id")}
    )


def _forget_audit_rows(_session: Session) -> None:
    g.pop("audit_rows", None)


def _commit_reads(response: Response) -> Response:
    db = g.get("db")
    if db is not None:
        if response.status_code < 400 or g.get("commit_despite_error"):
            db.commit()
        else:
            rows: list[dict[str, Any]] = g.pop("audit_rows", [])
            db.rollback()
            if rows:
                # "ok" would claim a change that was rolled back: say what happened.
                outcome = "conflict" if response.status_code == 409 else "not_saved"
                for row in rows:
                    if row["outcome"] == "ok":
                        row["outcome"] = outcome
                db.add_all(AuditEvent(**row) for row in rows)
                db.commit()
    return response


def _close(_error: BaseException | None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.rollback()
        db.close()
