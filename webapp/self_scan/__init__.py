"""The network's self-scan: the call's themes, versioned, each version a PDF.

Who manages the network's plan keeps its self-scan (`Capability.MANAGE_PLAN`): its
network coordinator, and admins. Every read and write is audited without a case.
A save makes the next version; a form based on an older version gets the shared
409 conflict page and stores nothing.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ecogram import self_scans as core
from ecogram.capabilities import Capability
from ecogram.models import Network
from ecogram.networks import NetworkError
from ecogram.plan_vocabulary import SelfScanTheme
from exports.self_scan_pdf import self_scan_pdf
from webapp import clock, conflicts, database
from webapp.access import guarded_network
from webapp.labels import lang
from webapp.self_scan.forms import PARTS, ScanForm

bp = Blueprint("self_scan", __name__)


def _form(network: Network) -> ScanForm:
    latest = core.latest(database.session(), network)
    if latest is None:
        return ScanForm(formdata=None, based_on=0)
    data: dict[str, Any] = {
        "based_on": latest.number,
        "facilitator": latest.facilitator,
        "held_on": latest.held_on,
        "summary": latest.summary,
    }
    for theme in SelfScanTheme:
        given = core.answer(latest, theme)
        for part in PARTS:
            data[f"{theme.value}-{part}"] = getattr(given, part)
    return ScanForm(formdata=None, **data)


def _page(network: Network, form: ScanForm, status: int = 200) -> ResponseReturnValue:
    return render_template(
        "self_scan/index.html",
        network=network,
        form=form,
        themes=list(SelfScanTheme),
        versions=core.versions(database.session(), network),
    ), status


@bp.route("/networks/<int:network_id>/self-scan")
def index(network_id: int) -> ResponseReturnValue:
    network = guarded_network(network_id, Capability.MANAGE_PLAN, "view_self_scan")
    return _page(network, _form(network))


@bp.route("/networks/<int:network_id>/self-scan", methods=["POST"])
def save(network_id: int) -> ResponseReturnValue:
    network = guarded_network(network_id, Capability.MANAGE_PLAN, "save_self_scan")
    form = ScanForm()
    db = database.session()
    if not form.validate():
        db.rollback()
        return _page(network, form, 400)
    answers = {
        theme: core.ThemeAnswer(*(form[f"{theme.value}-{part}"].data or "" for part in PARTS))
        for theme in SelfScanTheme
    }
    change = core.ScanChange(
        facilitator=form.facilitator.data or "",
        held_on=form.held_on.data,  # type: ignore[arg-type]  # required
        summary=form.summary.data or "",
        answers=answers,
    )
    try:
        scan = core.save_version(db, network, change, form.based_on.data or 0, clock.today())
    except core.StaleScan as stale:
        db.rollback()
        return _conflict(network, form, stale.newest)
    except NetworkError as error:
        db.rollback()
        field = getattr(form, error.field, None) or form.summary
        field.errors = [error.problem]
        return _page(network, form, 400)
    db.commit()
    flash(_("Version %(number)s of the self-scan is saved.", number=scan.number), "success")
    return redirect(url_for("self_scan.index", network_id=network.id))


def _conflict(network: Network, form: ScanForm, newest: int) -> ResponseReturnValue:
    latest = core.latest(database.session(), network)
    stored = "" if latest is None else latest.facilitator
    return conflicts.page_outside_case(
        conflicts.Conflict(
            what=_("self-scan"),
            fields=[
                conflicts.Difference(
                    "facilitator", _("Process facilitator"), form.facilitator.data or "", stored
                ),
            ],
            sent_version=str(form.based_on.data),
            stored_version=str(newest),
            back=url_for("self_scan.index", network_id=network.id),
        )
    )


@bp.route("/networks/<int:network_id>/self-scan/<int:number>.pdf")
def download(network_id: int, number: int) -> ResponseReturnValue:
    network = guarded_network(network_id, Capability.MANAGE_PLAN, f"print_self_scan_{number}")
    scan = core.version(database.session(), network, number)
    if scan is None:
        abort(404)
    name = f"zelfscan-{network.slug.value}-v{number}.pdf"
    return Response(
        self_scan_pdf(scan, network.name, lang()),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
