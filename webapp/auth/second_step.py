"""The second step of signing in: a code from the user's app, or setting the app up.

After the right password, a user with a second factor, or any user where
REQUIRE_SECOND_FACTOR is on, is not signed in yet: the session remembers who
typed the password for PENDING_MINUTES, and the next page asks for a code (or,
without a second factor, shows the QR code to set one up). Only then does the
real session start. Wrong codes count against the same limits as wrong
passwords. An admin can reset a user's second factor (`reset`).
"""

from __future__ import annotations

import segno
from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from ecogram import second_factor
from ecogram.accounts import User
from ecogram.capabilities import Capability
from webapp import database
from webapp.access import audit, require
from webapp.auth import bp, landing, relative_url, sessions
from webapp.auth.forms import CodeForm
from webapp.auth.limits import count_failure, log, refused, too_many
from webapp.auth.recent import recent_sign_in_required
from webapp.security import request_id

PENDING_USER = "_pending_user"
PENDING_SINCE = "_pending_since"
PENDING_NEXT = "_pending_next"
ENROL_KEY = "_enrol_key"  # the session key that holds the secret being set up
PENDING_MINUTES = 5


def required() -> bool:
    return bool(current_app.config["REQUIRE_SECOND_FACTOR"])


def needs_second_step(user: User) -> bool:
    return second_factor.has_second_factor(user) or required()


def begin(user: User, back: str | None) -> ResponseReturnValue:
    """The password was right: remember who, and ask for the second step."""
    session.clear()
    session[PENDING_USER] = user.id
    session[PENDING_SINCE] = sessions.now()
    session[PENDING_NEXT] = back
    if second_factor.has_second_factor(user):
        return redirect(url_for("auth.second_factor"))
    return redirect(url_for("auth.enrol"))


def _pending() -> User | None:
    user_id, since = session.get(PENDING_USER), session.get(PENDING_SINCE)
    if not isinstance(user_id, int) or not isinstance(since, int):
        return None
    if sessions.now() - since > PENDING_MINUTES * 60:
        return None
    user = database.session().get(User, user_id)
    return user if user is not None and user.active else None


def _finish(user: User) -> ResponseReturnValue:
    back = relative_url(session.get(PENDING_NEXT))
    sessions.start(user)
    log.info("signed in with a second factor: user %s", user.id)
    return redirect(back or landing(user))


def _start_again() -> ResponseReturnValue:
    session.clear()
    flash(_("Sign in again to continue."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/login/code", methods=["GET", "POST"], endpoint="second_factor")
def code_page() -> ResponseReturnValue:
    if current_user.is_authenticated:  # signed in already: nothing to ask, nothing to end
        return redirect(landing(current_user.user))
    user = _pending()
    if user is None or not second_factor.has_second_factor(user):
        return _start_again()
    form = CodeForm()
    if request.method == "GET":
        return render_template("auth/second_factor.html", form=form)
    if not form.validate():
        return render_template("auth/second_factor.html", form=form), 400
    db = database.session()
    wait = refused(db, user.username)
    if wait is not None:
        return too_many(wait, "auth/second_factor.html", form=form)
    code = form.code.data or ""
    if second_factor.verify_code(user, code, sessions.now()) or second_factor.use_recovery_code(
        db, user, code
    ):
        db.commit()
        return _finish(user)
    db.rollback()
    count_failure(db, user.username, "second factor")
    form.code.errors = [_("This code is wrong, too old or already used.")]
    return render_template("auth/second_factor.html", form=form), 401


@bp.route("/login/enrol", methods=["GET", "POST"])
def enrol() -> ResponseReturnValue:
    """Set up the app: scan the QR code (or type the key), then type one code it shows."""
    signed_in = current_user.is_authenticated
    user: User | None = current_user.user if signed_in else _pending()
    if user is None:
        return _start_again()
    if second_factor.has_second_factor(user):
        return redirect(landing(user) if signed_in else url_for("auth.second_factor"))
    secret = session.get(ENROL_KEY)
    if not isinstance(secret, str):
        secret = session[ENROL_KEY] = second_factor.new_secret()
    form = CodeForm()
    uri = second_factor.provisioning_uri(secret, user.username)
    context = {
        "form": form,
        "qr": segno.make(uri, error="m").svg_data_uri(scale=5, border=2),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    if request.method == "GET":
        return render_template("auth/enrol.html", **context)
    if not form.validate():
        return render_template("auth/enrol.html", **context), 400
    db = database.session()
    wait = refused(db, user.username)
    if wait is not None:
        return too_many(wait, "auth/enrol.html", **context)
    codes = second_factor.enrol(db, user, secret, form.code.data or "", sessions.now())
    if codes is None:
        db.rollback()
        count_failure(db, user.username, "second factor set-up")
        form.code.errors = [_("This code is wrong or too old. Type the code your app shows now.")]
        return render_template("auth/enrol.html", **context), 400
    db.commit()
    session.pop(ENROL_KEY, None)
    log.info("second factor set up: user %s", user.id)
    back = relative_url(session.get(PENDING_NEXT)) or landing(user)
    if not signed_in:
        sessions.start(user)
    return render_template("auth/recovery_codes.html", codes=codes, back=back)


@bp.route("/admin/users/<int:user_id>/second-factor", methods=["GET", "POST"])
@recent_sign_in_required
def reset(user_id: int) -> ResponseReturnValue:
    """An admin removes a user's second factor (a lost phone); the user sets up a new one."""
    # Audited like the account pages: a refusal leaves its row; the reset writes its own.
    require(Capability.MANAGE_ACCOUNTS, action="view_account")
    db = database.session()
    user = db.get(User, user_id)
    if user is None:
        abort(404)
    if request.method == "GET":
        audit(None, f"view_second_factor:{user.id}")
        return render_template("auth/reset_second_factor.html", user=user)
    second_factor.reset_second_factor(db, user, by=current_user.user, request_id=request_id())
    db.commit()
    log.info("second factor reset: user %s by user %s", user.id, current_user.user.id)
    flash(_("The second factor of %(username)s is removed.", username=user.username), "success")
    return redirect(url_for("auth.reset", user_id=user.id))
