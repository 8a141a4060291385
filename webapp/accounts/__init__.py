"""Accounts, for the admin: list, create, change role and network, deactivate, new password.

There is no self-registration: only an admin (capability MANAGE_ACCOUNTS) makes
accounts; everyone else gets 404 here, and the refusal is audited. Accounts are
not case data, so their audit rows carry no case; the action names the account
by its number, never by a name ("create_account:17").

A new account, or an account given a new password, gets a one-time password
that this page shows once and never stores in the clear; its user must choose
their own at the first sign-in (webapp/auth). A change of role or network
holds from the account's next request on, because every request reads the
capability table anew. Changing an account carries its version, so an edit
from a stale page gets the shared conflict page (409) and overwrites nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError

from ecogram import accounts as core
from ecogram.accounts import AccountError, User, UserRole
from ecogram.capabilities import Capability
from ecogram.models import Network
from webapp import conflicts, database
from webapp.access import audit, require
from webapp.accounts.forms import ActionForm, EditAccountForm, NewAccountForm, problem_text
from webapp.audit.words import USER_ROLES
from webapp.conflicts import Conflict, Difference

bp = Blueprint("accounts", __name__)


@bp.app_template_global("user_role_label")
def user_role_label(role: UserRole | str) -> str:
    """A role in the user's language, from the audit trail's words for roles."""
    code = str(getattr(role, "value", role))
    return str(USER_ROLES.get(code, code))


def _allowed(action: str) -> None:
    require(Capability.MANAGE_ACCOUNTS, action=action)


def _networks() -> list[Network]:
    return list(database.session().scalars(select(Network).order_by(Network.id)))


def _account(account_id: int) -> User:
    found = database.session().get(User, account_id, options=[joinedload(User.network)])
    if found is None:
        abort(404)
    return found


def _acting() -> User:
    user: User = current_user._get_current_object()
    return user


@bp.route("/accounts")
def index() -> ResponseReturnValue:
    _allowed("view_accounts")
    query = select(User).options(joinedload(User.network))
    users = database.session().scalars(query.order_by(User.display_name, User.id)).all()
    audit(None, "view_accounts")
    return render_template(
        "accounts/index.html",
        active=[u for u in users if u.active],
        inactive=[u for u in users if not u.active],
    )


def _new_page(form: NewAccountForm, status: int = 200) -> ResponseReturnValue:
    return render_template("accounts/new.html", form=form), status


@bp.route("/accounts/new", methods=["GET", "POST"])
def create() -> ResponseReturnValue:
    _allowed("create_account")
    networks = _networks()
    if request.method == "GET":
        audit(None, "view_new_account")
        return _new_page(
            NewAccountForm(networks, formdata=None, role=UserRole.CONTEXT_WORKER.value)
        )
    form = NewAccountForm(networks)
    if not form.validate():
        return _new_page(form, 400)
    db = database.session()
    try:
        user, password = core.create_account(
            db,
            username=form.username.data or "",
            role=UserRole(form.role.data),
            display_name=form.display_name.data or "",
            network=next((n for n in networks if n.id == form.network.data), None),
        )
    except AccountError as error:
        db.rollback()
        getattr(form, error.field).errors = [problem_text(error)]
        return _new_page(form, 400)
    audit(None, f"create_account:{user.id}")
    db.commit()
    # Shown in this answer only: never in a redirect, a cookie or a log.
    return render_template("accounts/password.html", account=user, password=password, new=True)


def _page(
    user: User, form: EditAccountForm | None = None, status: int = 200, refusal: str | None = None
) -> ResponseReturnValue:
    form = form or EditAccountForm(
        _networks(),
        formdata=None,
        display_name=user.display_name,
        role=user.role.value,
        network=user.network_id,
        version=user.version,
    )
    return render_template(
        "accounts/edit.html",
        account=user,
        form=form,
        action_form=ActionForm(formdata=None),
        oneself=user.id == _acting().id,
        refusal=refusal,
    ), status


@bp.route("/accounts/<int:account_id>")
def show(account_id: int) -> ResponseReturnValue:
    _allowed("view_account")
    user = _account(account_id)
    audit(None, f"view_account:{user.id}")
    return _page(user)


@bp.route("/accounts/<int:account_id>", methods=["POST"])
def edit(account_id: int) -> ResponseReturnValue:
    _allowed("change_account")
    user = _account(account_id)
    networks = _networks()
    form = EditAccountForm(networks)
    if not form.validate():
        return _page(user, form, 400)
    if form.version.data != user.version:
        return _conflict(user, form, networks)
    db = database.session()
    try:
        core.change_account(
            db,
            user,
            acting=_acting(),
            role=UserRole(form.role.data),
            network=next((n for n in networks if n.id == form.network.data), None),
            display_name=form.display_name.data or "",
        )
        audit(None, f"change_account:{user.id}")
        db.commit()
    except AccountError as error:
        db.rollback()
        getattr(form, error.field).errors = [problem_text(error)]
        return _page(_account(account_id), form, 400)
    except StaleDataError:
        db.rollback()
        return _conflict(_account(account_id), form, networks)
    flash(_("The account of %(name)s is saved.", name=user.display_name), "success")
    return redirect(url_for("accounts.index"))


def _conflict(user: User, form: EditAccountForm, networks: list[Network]) -> ResponseReturnValue:
    names = {n.id: n.name for n in networks}
    role = str(USER_ROLES.get(form.role.data or "", form.role.data or ""))
    conflict = Conflict(
        what=_("account"),
        fields=[
            Difference("display_name", _("Name"), form.display_name.data or "", user.display_name),
            Difference("role", _("Role"), role, str(USER_ROLES[user.role.value])),
            Difference(
                "network",
                _("Network"),
                names.get(form.network.data or 0, ""),
                "" if user.network is None else user.network.name,
            ),
        ],
        sent_version=str(form.version.data),
        stored_version=str(user.version),
        back=url_for("accounts.show", account_id=user.id),
    )
    return conflicts.page_outside_case(conflict)


#: A sign-in, sign-out or language choice of the account writes its row too, and may win
#: a race with a one-click action; the click's intent still holds, so it is made again.
ATTEMPTS = 3


def _one_click(
    account_id: int, action: str, change: Callable[[User], str | None]
) -> Response | tuple[User, str | None]:
    """Apply `change` to the account and commit; the page to answer with when it is refused."""
    _allowed(action)
    if not ActionForm().validate():
        abort(400)
    db = database.session()
    for _attempt in range(ATTEMPTS):
        user = _account(account_id)
        try:
            result = change(user)
            audit(None, f"{action}:{user.id}")
            db.commit()
            return user, result
        except AccountError as error:
            db.rollback()
            return make_response(
                _page(_account(account_id), status=400, refusal=problem_text(error))
            )
        except StaleDataError:
            db.rollback()
    abort(409)


@bp.route("/accounts/<int:account_id>/deactivate", methods=["POST"])
def deactivate(account_id: int) -> ResponseReturnValue:
    done = _one_click(
        account_id,
        "deactivate_account",
        lambda user: core.set_active(database.session(), user, False, acting=_acting()),
    )
    if isinstance(done, Response):
        return done
    flash(_("%(name)s can no longer sign in.", name=done[0].display_name), "success")
    return redirect(url_for("accounts.index"))


@bp.route("/accounts/<int:account_id>/reactivate", methods=["POST"])
def reactivate(account_id: int) -> ResponseReturnValue:
    done = _one_click(
        account_id,
        "reactivate_account",
        lambda user: core.set_active(database.session(), user, True, acting=_acting()),
    )
    if isinstance(done, Response):
        return done
    flash(_("%(name)s can sign in again.", name=done[0].display_name), "success")
    return redirect(url_for("accounts.index"))


@bp.route("/accounts/<int:account_id>/password", methods=["POST"])
def new_password(account_id: int) -> ResponseReturnValue:
    done = _one_click(
        account_id,
        "reset_password",
        lambda user: core.reset_password(database.session(), user, acting=_acting()),
    )
    if isinstance(done, Response):
        return done
    user, password = done
    return render_template("accounts/password.html", account=user, password=password, new=False)
