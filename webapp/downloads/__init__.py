"""Case tab: the ecogram and the care-table summary on paper, and the case in open formats.

Every download is a POST through the access guard, whose audit row
(`export_<format>`) commits in the same transaction as the export. The file
name holds the case's database id and today's date, never a name, and the
response is an attachment that no cache may keep. The formats themselves live
in `exports.formats`, shared with `ecogram export`.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, abort, render_template
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from ecogram.capabilities import Capability
from exports.formats import FORMATS
from webapp import clock, database, graphdata
from webapp.access import guarded_case, revision_read
from webapp.auth.recent import recent_sign_in_required
from webapp.downloads.forms import ExportForm
from webapp.labels import lang

bp = Blueprint("downloads", __name__)


@dataclass(frozen=True)
class Download:
    slug: str
    label: str
    hint: str


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    downloads: tuple[Download, ...]


GROUPS = (
    Group(
        "paper",
        _l("The ecogram on paper"),
        (
            Download("pdf", _l("Ecogram (PDF)"), _l("To print for the care table.")),
            Download("png", _l("Ecogram (PNG image)"), _l("To put in a report or a message.")),
            Download("svg", _l("Ecogram (SVG)"), _l("A drawing that stays sharp at any size.")),
            Download(
                "html",
                _l("Interactive ecogram (HTML)"),
                _l("To zoom and move around in a browser, also without a connection."),
            ),
        ),
    ),
    Group(
        "family",
        _l("For the family"),
        (
            Download(
                "family_pdf",
                _l("Family version (PDF)"),
                _l("For the parents to take home: without candidate statuses or assessments."),
            ),
            Download("family_svg", _l("Family version (SVG)"), _l("The same, as a drawing.")),
        ),
    ),
    Group(
        "care_table",
        _l("For the care table"),
        (
            Download(
                "summary_pdf",
                _l("Care-table summary (PDF)"),
                _l("The child, the ecogram, candidates, roles, findings and the care plan."),
            ),
        ),
    ),
    Group(
        "open",
        _l("Open formats"),
        (
            Download("graphml", _l("GraphML"), _l("For yEd, Cytoscape and networkx.")),
            Download("gexf", _l("GEXF"), _l("For Gephi.")),
            Download("nodelink", _l("Node-link JSON"), _l("For networkx and D3.")),
            Download("json", _l("Case file (JSON)"), _l("The whole case, for ecogram import.")),
        ),
    ),
)
WEB_FORMATS = frozenset(d.slug for group in GROUPS for d in group.downloads)


@bp.route("/cases/<int:case_id>/downloads")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.EXPORT, "view_downloads")
    return render_template(
        "downloads/index.html",
        case=case,
        tab="downloads",
        groups=GROUPS,
        today=clock.today(),
    )


@bp.route("/cases/<int:case_id>/downloads/<fmt>", methods=["POST"])
@recent_sign_in_required
def export(case_id: int, fmt: str) -> ResponseReturnValue:
    # A name that is no format is no case access either: 404 before the guard,
    # so the audit trail only ever holds the fixed set of export actions.
    if fmt not in WEB_FORMATS:
        abort(404)
    chosen = FORMATS[fmt]
    case = guarded_case(case_id, Capability.EXPORT, chosen.action)
    if not ExportForm().validate_on_submit():
        abort(400)
    at = clock.today()
    view = graphdata.of_case(case, revision_read(case.id)).view if chosen.drawn_from_view else None
    data = chosen.render(case, at, lang(), view)
    database.session().commit()  # the audit row stands with the export it records
    response = Response(data, mimetype=chosen.mime)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{chosen.filename(case.id, at)}"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response
