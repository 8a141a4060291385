"""Sign in and sign out. Every other page requires a signed-in user with a live session,
except the static files and the health check.

A session lives while its generation matches the user's, it has been used in
the last IDLE_TIMEOUT_MINUTES and it is younger than SESSION_MAX_HOURS
(`sessions`). A session that ended sends a page to the sign-in page with a
message, and a script (asking for JSON) gets 401.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Flask, flash, g, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import LoginManager, current_user, login_required, logout_user
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import select

from ecogram.accounts import User
from ecogram.capabilities import Capability, holds
from webapp import database
from webapp.auth import sessions
from webapp.auth.forms import LoginForm
from webapp.auth.limits import Check, check_password, log, too_many
from webapp.auth.sessions import Ended, SessionUser

__all__ = ["SessionUser", "bp", "csrf", "init_app", "login_manager"]

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
csrf = CSRFProtect()

#: The second step of signing in runs before the session starts (webapp/auth/second_step.py).
PUBLIC_ENDPOINTS = {"auth.login", "auth.second_factor", "auth.enrol", "i18n.choose", "static"}
#: Served without even reading the session: a health check must answer while the
#: database is down, and loading the signed-in user would need the database.
UNGUARDED_ENDPOINTS = {"static", "health.healthz"}
#: What a user whose password an admin chose may still do before choosing their own.
BEFORE_OWN_PASSWORD = PUBLIC_ENDPOINTS | {"auth.change_password", "auth.logout"}


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = ""
    csrf.init_app(app)
    # The cookie lasts as long as an idle session may; each request renews it.
    app.permanent_session_lifetime = int(app.config["IDLE_TIMEOUT_MINUTES"]) * 60
    app.register_blueprint(bp)
    app.before_request(_require_login)


@login_manager.user_loader
def _load_user(user_id: str) -> SessionUser | None:
    if not user_id.isdigit():
        return None
    user = database.session().get(User, int(user_id))
    if user is None or not user.active:
        return None
    reason = sessions.ended(user)
    if reason is not None:
        g.session_ended = reason
        return None
    return SessionUser(user)


def asks_for_json() -> bool:
    """A script (the ecogram page's fetches) rather than a browser navigating."""
    if request.headers.get("X-Requested-With"):
        return True
    accept = request.accept_mimetypes
    best = accept.best_match(["text/html", "application/json"])
    return best == "application/json" and accept[best] > accept["text/html"]


def signed_out_answer(message: str | None) -> ResponseReturnValue:
    """Where a request without a live session goes: 401 for scripts, the sign-in page otherwise."""
    if asks_for_json():
        body = {"error": _("Not signed in"), "message": message or _("Sign in to continue.")}
        return jsonify(body | {"status": 401, "login": url_for("auth.login")}), 401
    if message:
        flash(message, "info")
    # Only a page one can open again is worth returning to after signing in; the
    # start page is not, so that each role lands on its own start page instead.
    back = relative_url(request.full_path) if request.method == "GET" else None
    if back == "/":
        back = None
    return redirect(url_for("auth.login", next=back))


def _ended_message(reason: Ended) -> str:
    if reason is Ended.IDLE:
        return _("You were signed out because you were inactive for a while. Sign in again.")
    if reason is Ended.TOO_OLD:
        return _("Your session has reached its maximum length. Sign in again.")
    return _("Your session has ended. Sign in again.")


def _require_login() -> ResponseReturnValue | None:
    if request.endpoint in UNGUARDED_ENDPOINTS:
        return None
    if current_user.is_authenticated:
        sessions.touch()
        if current_user.must_change_password and request.endpoint not in BEFORE_OWN_PASSWORD:
            return _own_password_first()
        return None
    reason: Ended | None = g.get("session_ended")
    if reason is not None:
        logout_user()
        sessions.clear()
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    return signed_out_answer(None if reason is None else _ended_message(reason))


def _own_password_first() -> ResponseReturnValue:
    """An account made or reset by an admin goes nowhere before its user chose a password."""
    message = _("Choose your own password to continue.")
    if asks_for_json():
        body = {"error": _("Choose your own password"), "message": message, "status": 403}
        return jsonify(body | {"password": url_for("auth.change_password")}), 403
    flash(message, "info")
    return redirect(url_for("auth.change_password"))


def relative_url(target: str | None) -> str | None:
    """`target` when it is a path on this site, else None: never a redirect elsewhere.

    Browsers read "/\\host" as "//host" and drop tabs and line breaks from
    URLs, so a backslash, whitespace or control character anywhere refuses it.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if any(ch == "\\" or ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target[:-1] if target.endswith("?") else target


def landing(user: User) -> str:
    """The first page after sign-in: the network's figures, else its plan, else the cases."""
    if holds(user, Capability.MONITOR):
        return url_for("dashboard.index")
    if holds(user, Capability.MANAGE_PLAN):
        return url_for("networks.index")
    return url_for("cases.index")


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    form = LoginForm()
    if request.method == "GET":
        return render_template("auth/login.html", form=form)
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 400
    username, password = form.username.data or "", form.password.data or ""
    db = database.session()
    user = db.scalar(select(User).where(User.username == username))
    outcome = check_password(db, username, user, password)
    if isinstance(outcome, int):
        return too_many(outcome, "auth/login.html", form=form)
    if outcome is Check.WRONG or user is None:
        flash(_("Unknown username or wrong password."), "error")
        return render_template("auth/login.html", form=form), 401
    db.commit()
    back = relative_url(request.args.get("next"))
    if second_step.needs_second_step(user):
        return second_step.begin(user, back)
    sessions.start(user)
    log.info("signed in: user %s", user.id)
    return redirect(back or landing(user))


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> ResponseReturnValue:
    user: User = current_user.user
    # Raising the generation ends this session and every other one of the user.
    sessions.revoke_all(database.session(), user)
    log.info("signed out everywhere: user %s", user.id)
    logout_user()
    sessions.clear()
    return redirect(url_for("auth.login"))


# Last: both add routes to `bp` and use the helpers above (password, re-authentication,
# the second step of signing in).
from webapp.auth import account, second_step  # noqa: E402, F401
