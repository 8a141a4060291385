"""The networks' regions and organisations, and the way to their self-scan, plan and report.

Managing a network's plan is a capability (`ecogram.capabilities`): admins
hold it for every network, a network coordinator for their own only, and any
other network answers 404 exactly like one that does not exist. Everyone else
gets 404 on every page here. No case data is shown or changed.

Writes go validate -> change (ecogram.networks, which names the field of a bad
value) -> audit -> commit -> redirect. The audit trail is per case, so these rows
carry no case; the action names the network, e.g. "edit_action_plan:limburg".
A save from a stale page (its version is not the stored one) answers 409 and
overwrites nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from ecogram import action_plans
from ecogram import networks as core
from ecogram.capabilities import Capability
from ecogram.models import Network, Organisation, Region
from ecogram.plan_year import plan_year
from webapp import database
from webapp.access import audit, networks_with
from webapp.networks.forms import NameForm, RemoveForm, RenameForm, problem_text

bp = Blueprint("networks", __name__)

#: Things a network lists, by URL segment: (model, add, rename, remove).
PARTS: dict[str, tuple[type[Region] | type[Organisation], Any, Any, Any]] = {
    "regions": (Region, core.add_region, core.rename_region, core.remove_region),
    "organisations": (
        Organisation,
        core.add_organisation,
        core.rename_organisation,
        core.remove_organisation,
    ),
}


def managed_networks() -> list[Network]:
    """The networks the signed-in user may manage; 404 for users who manage none."""
    return networks_with(Capability.MANAGE_PLAN)


def managed_network(network_id: int) -> Network:
    found = next((n for n in managed_networks() if n.id == network_id), None)
    if found is None:
        abort(404)
    return found


def _part(network: Network, kind: str, part_id: int) -> Region | Organisation:
    items: list[Any] = network.regions if kind == "regions" else network.organisations
    found: Region | Organisation | None = next((i for i in items if i.id == part_id), None)
    if found is None:
        abort(404)
    return found


@bp.route("/networks")
def index() -> ResponseReturnValue:
    return render_template("networks/index.html", networks=managed_networks())


@bp.route("/networks/<int:network_id>")
def show(network_id: int) -> ResponseReturnValue:
    return _page(managed_network(network_id))


def _page(network: Network, status: int = 200, **state: Any) -> ResponseReturnValue:
    plan = action_plans.action_plan(database.session(), network)
    return render_template(
        "networks/show.html",
        network=network,
        plan=plan,
        year=None if plan.approved is None else plan_year(plan.approved),
        name_forms={kind: state.get(f"{kind}_form") or NameForm(formdata=None) for kind in PARTS},
        row_errors=state.get("row_errors", {}),
    ), status


def _done(network: Network, message: str) -> ResponseReturnValue:
    flash(message, "success")
    return redirect(url_for("networks.show", network_id=network.id))


def _commit(network: Network, action: str) -> None:
    audit(None, f"{action}:{network.slug.value}")
    database.session().commit()


def _conflict(network: Network, what: str) -> ResponseReturnValue:
    database.session().rollback()
    return render_template("networks/conflict.html", network=network, what=what), 409


def _add(network_id: int, kind: str) -> ResponseReturnValue:
    network = managed_network(network_id)
    form = NameForm()
    add = PARTS[kind][1]
    if form.validate():
        try:
            add(database.session(), network, form.name.data or "")
        except core.NetworkError as error:
            form.name.errors = [problem_text(error)]
        else:
            _commit(network, f"add_{kind[:-1]}")
            return _done(network, _("Added %(name)s.", name=form.name.data))
    database.session().rollback()
    return _page(network, 400, **{f"{kind}_form": form})


def _rename(network_id: int, kind: str, part_id: int) -> ResponseReturnValue:
    network = managed_network(network_id)
    part = _part(network, kind, part_id)
    form = RenameForm()
    return _change(
        network,
        kind,
        part,
        form,
        lambda: PARTS[kind][2](database.session(), part, form.name.data or ""),
        "rename",
    )


def _remove(network_id: int, kind: str, part_id: int) -> ResponseReturnValue:
    network = managed_network(network_id)
    part = _part(network, kind, part_id)
    form = RemoveForm()
    return _change(
        network, kind, part, form, lambda: PARTS[kind][3](database.session(), part), "remove"
    )


def _change(
    network: Network,
    kind: str,
    part: Region | Organisation,
    form: RenameForm | RemoveForm,
    apply: Callable[[], None],
    verb: str,
) -> ResponseReturnValue:
    name = part.name
    if not form.validate():
        field = next(f for f in form if f.errors)
        message = f"{field.label.text}: {field.errors[0]}"
        return _page(network, 400, row_errors={(kind, part.id): message})
    if form.version.data != part.version:
        return _conflict(network, name)
    try:
        apply()
        _commit(network, f"{verb}_{kind[:-1]}")
    except core.NetworkError as error:
        database.session().rollback()
        message = problem_text(error)
        if error.field == "name":
            message = f"{_('Name')}: {message}"
        return _page(network, 400, row_errors={(kind, part.id): message})
    except StaleDataError:
        return _conflict(network, name)
    if verb == "remove":
        return _done(network, _("Removed %(name)s.", name=name))
    return _done(network, _("Renamed %(old)s to %(new)s.", old=name, new=part.name))


for _kind in PARTS:
    bp.add_url_rule(
        f"/networks/<int:network_id>/{_kind}",
        f"add_{_kind[:-1]}",
        lambda network_id, kind=_kind: _add(network_id, kind),
        methods=["POST"],
    )
    bp.add_url_rule(
        f"/networks/<int:network_id>/{_kind}/<int:part_id>",
        f"rename_{_kind[:-1]}",
        lambda network_id, part_id, kind=_kind: _rename(network_id, kind, part_id),
        methods=["POST"],
    )
    bp.add_url_rule(
        f"/networks/<int:network_id>/{_kind}/<int:part_id>/remove",
        f"remove_{_kind[:-1]}",
        lambda network_id, part_id, kind=_kind: _remove(network_id, kind, part_id),
        methods=["POST"],
    )
