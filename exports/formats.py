"""Every file a case can be exported as: one table for the command line and the web app.

Each format has a slug (the web URL segment and the audit action
`export_<slug>`), a file suffix, a MIME type and a renderer. The drawing
modules are imported only when a drawing is asked for, because CairoSVG and
WeasyPrint are heavy and the open formats do not need them.

File names carry the case's database id and the date, never a name: a
download's file name lands in browser histories and download folders.

A renderer gets the case and, when the caller has it, the case's read model
(`ecogram.readmodel`) on the same date and in the same language: the drawings
take its layout, the summary its findings, the interactive HTML all of it. The
web app passes its cached one; without one, a renderer computes what it needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ecogram import caseformat
from ecogram.models import Case
from ecogram.readmodel import EcogramView, ViewKey, ecogram_view

Renderer = Callable[[Case, dt.date, str, EcogramView | None], bytes]


@dataclass(frozen=True)
class ExportFormat:
    slug: str
    suffix: str  #: what follows "ecogram-case-<id>-<date>" in the file name
    mime: str
    render: Renderer
    drawing: bool = False  #: made from the SVG drawing (PNG and PDF need CairoSVG)
    drawn_from_view: bool = False  #: takes the read model's layout or findings

    @property
    def binary(self) -> bool:
        """PNG and PDF are bytes; everything else is UTF-8 text."""
        return self.mime in (PNG, PDF)

    @property
    def action(self) -> str:
        return f"export_{self.slug}"

    def filename(self, case_key: str | int, at: dt.date) -> str:
        return f"ecogram-case-{case_key}-{at.isoformat()}{self.suffix}"


def _svg(case: Case, at: dt.date, lang: str, view: EcogramView | None, *, family: bool) -> str:
    from exports.svg import ecogram_svg

    placed = view.layout if view is not None else None
    return ecogram_svg(case, at, family=family, lang=lang, placed=placed)


def _svg_file(family: bool) -> Renderer:
    return lambda case, at, lang, view: _svg(case, at, lang, view, family=family).encode("utf-8")


def _png_file(family: bool) -> Renderer:
    def render(case: Case, at: dt.date, lang: str, view: EcogramView | None) -> bytes:
        from exports.render import svg_to_png

        return svg_to_png(_svg(case, at, lang, view, family=family))

    return render


def _pdf_file(family: bool) -> Renderer:
    def render(case: Case, at: dt.date, lang: str, view: EcogramView | None) -> bytes:
        from exports.render import svg_to_pdf

        return svg_to_pdf(_svg(case, at, lang, view, family=family))

    return render


def _summary_pdf(case: Case, at: dt.date, lang: str, view: EcogramView | None) -> bytes:
    from exports.summary import care_table_pdf

    return care_table_pdf(case, at, lang=lang, view=view)


def _interactive_html(case: Case, at: dt.date, lang: str, view: EcogramView | None) -> bytes:
    from exports.interactive import interactive_html

    if view is None:
        view = ecogram_view(case, ViewKey(case.id, None, at, lang))
    return interactive_html(view).encode("utf-8")


def _graphml(case: Case, at: dt.date, lang: str, view: EcogramView | None) -> bytes:
    from exports.graphml import graphml_bytes

    return graphml_bytes(case, at)


def _gexf(case: Case, at: dt.date, lang: str, view: EcogramView | None) -> bytes:
    from exports.gexf import gexf_bytes

    return gexf_bytes(case, at)


def _nodelink(case: Case, at: dt.date, lang: str, view: EcogramView | None) -> bytes:
    from exports.nodelink import nodelink_json

    return nodelink_json(case, at).encode("utf-8")


def _case_json(case: Case, at: dt.date, lang: str, view: EcogramView | None) -> bytes:
    # The whole case as it is stored: `at` plays no part in the exchange format.
    return caseformat.dumps(case).encode("utf-8")


SVG, PNG, PDF, HTML = "image/svg+xml", "image/png", "application/pdf", "text/html"
_DRAWN = {"drawing": True, "drawn_from_view": True}
_ALL = (
    ExportFormat("svg", ".svg", SVG, _svg_file(False), **_DRAWN),
    ExportFormat("png", ".png", PNG, _png_file(False), **_DRAWN),
    ExportFormat("pdf", ".pdf", PDF, _pdf_file(False), **_DRAWN),
    ExportFormat("family_svg", "-family.svg", SVG, _svg_file(True), **_DRAWN),
    ExportFormat("family_png", "-family.png", PNG, _png_file(True), **_DRAWN),
    ExportFormat("family_pdf", "-family.pdf", PDF, _pdf_file(True), **_DRAWN),
    ExportFormat("summary_pdf", "-care-table.pdf", PDF, _summary_pdf, drawn_from_view=True),
    ExportFormat("html", ".html", HTML, _interactive_html, drawn_from_view=True),
    ExportFormat("graphml", ".graphml", "application/graphml+xml", _graphml),
    ExportFormat("gexf", ".gexf", "application/gexf+xml", _gexf),
    ExportFormat("nodelink", ".nodelink.json", "application/json", _nodelink),
    ExportFormat("json", ".json", "application/json", _case_json),
)
FORMATS: dict[str, ExportFormat] = {f.slug: f for f in _ALL}

#: `ecogram export --format`: json is the case format, nodelink networkx's node-link JSON
#: and html the interactive drawing, one file that works offline.
CLI_FORMATS = ("svg", "png", "pdf", "graphml", "gexf", "json", "nodelink", "html")
#: Formats that have a family version (`--family`).
FAMILY_FORMATS = ("svg", "png", "pdf")
