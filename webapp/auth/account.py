"""Changing one's password, and typing it again before exporting or erasing.

Both check the current password through the same limiter as sign-in, so a
stolen session cannot be used to guess the password here either.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from ecogram.accounts import User
from webapp import database
from webapp.auth import bp, landing, relative_url, sessions
from webapp.auth.forms import PasswordForm, ReauthForm
from webapp.auth.limits import Check, check_password, log, too_many


@bp.route("/account/password", methods=["GET", "POST"])
def change_password() -> ResponseReturnValue:
    user: User = current_user.user
    form = PasswordForm(user.username, user.display_name)
    if request.method == "GET":
        return render_template("auth/password.html", form=form)
    if not form.validate():
        return render_template("auth/password.html", form=form), 400
    db = database.session()
    outcome = check_password(db, user.username, user, form.current.data or "")
    if isinstance(outcome, int):
        return too_many(outcome, "auth/password.html", form=form)
    if outcome is Check.WRONG:
        form.current.errors = [_("This is not your current password.")]
        return render_template("auth/password.html", form=form), 400
    new = form.new.data or ""

    def change(u: User) -> None:
        u.set_password(new)
        u.must_change_password = False  # the password is their own now

    # The new hash and the new generation go in one commit: every other session ends with it.
    sessions.revoke_all(db, user, change=change)
    sessions.start(user)  # this device stays signed in, on the new generation
    log.info("password changed, other sessions ended: user %s", user.id)
    flash(_("Your password is changed. You are signed out on every other device."), "success")
    return redirect(landing(user))


@bp.route("/reauthenticate", methods=["GET", "POST"])
def reauthenticate() -> ResponseReturnValue:
    """Type the password again; then back to where the user was (a path on this site only)."""
    user: User = current_user.user
    back = relative_url(request.args.get("next"))
    form = ReauthForm()
    context = {"form": form, "back": back}
    if request.method == "GET":
        return render_template("auth/reauthenticate.html", **context)
    if not form.validate():
        return render_template("auth/reauthenticate.html", **context), 400
    db = database.session()
    outcome = check_password(db, user.username, user, form.password.data or "")
    if isinstance(outcome, int):
        return too_many(outcome, "auth/reauthenticate.html", **context)
    if outcome is Check.WRONG:
        form.password.errors = [_("This is not your password.")]
        return render_template("auth/reauthenticate.html", **context), 401
    db.commit()
    sessions.password_confirmed()
    return redirect(back or landing(user))


def reauthenticate_url(back: str | None) -> str:
    return url_for("auth.reauthenticate", next=back)
