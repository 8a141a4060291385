"""Every file a case can be exported as: one table for the command line and the web app.

Each format has a slug (the web URL segment and the audit action
`export_<slug>`), a file suffix, a MIME type and a renderer. The drawing
modules are imported only when a drawing is asked for, because CairoSVG and
WeasyPrint are heavy and the open formats do not need them.

File names carry the case's database id and the date, never a name: a
download's file name lands in browser histories and download folders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ecogram import caseformat
from ecogram.models import Case

Renderer = Callable[[Case, dt.date, str], bytes]


@dataclass(frozen=True)
class ExportFormat:
    slug: str
    suffix: str  #: what follows "ecogram-case-<id>-<date>" in the file name
    mime: str
    render: Renderer
    drawing: bool = False  #: made from the SVG drawing (PNG and PDF need CairoSVG)

    @property
    def binary(self) -> bool:
        """PNG and PDF are bytes; everything else is UTF-8 text."""
        return self.mime in (PNG, PDF)

    @property
    def action(self) -> str:
        return f"export_{self.slug}"

    def filename(self, case_key: str | int, at: dt.date) -> str:
        return f"ecogram-case-{case_key}-{at.isoformat()}{self.suffix}"


def _svg(case: Case, at: dt.date, lang: str, *, family: bool) -> str:
    from exports.svg import ecogram_svg

    return ecogram_svg(case, at, family=family, lang=lang)


def _svg_file(family: bool) -> Renderer:
    return lambda case, at, lang: _svg(case, at, lang, family=family).encode("utf-8")


def _png_file(family: bool) -> Renderer:
    def render(case: Case, at: dt.date, lang: str) -> bytes:
        from exports.render import svg_to_png

        return svg_to_png(_svg(case, at, lang, family=family))

    return render


def _pdf_file(family: bool) -> Renderer:
    def render(case: Case, at: dt.date, lang: str) -> bytes:
        from exports.render import svg_to_pdf

        return svg_to_pdf(_svg(case, at, lang, family=family))

    return render


def _summary_pdf(case: Case, at: dt.date, lang: str) -> bytes:
    from exports.summary import care_table_pdf

    return care_table_pdf(case, at, lang=lang)


def _graphml(case: Case, at: dt.date, lang: str) -> bytes:
    from exports.graphml import graphml_bytes

    return graphml_bytes(case, at)


def _gexf(case: Case, at: dt.date, lang: str) -> bytes:
    from exports.gexf import gexf_bytes

    return gexf_bytes(case, at)


def _nodelink(case: Case, at: dt.date, lang: str) -> bytes:
    from exports.nodelink import nodelink_json

    return nodelink_json(case, at).encode("utf-8")


def _case_json(case: Case, at: dt.date, lang: str) -> bytes:
    # The whole case as it is stored: `at` plays no part in the exchange format.
    return caseformat.dumps(case).encode("utf-8")


SVG, PNG, PDF = "image/svg+xml", "image/png", "application/pdf"
_ALL = (
    ExportFormat("svg", ".svg", SVG, _svg_file(False), drawing=True),
    ExportFormat("png", ".png", PNG, _png_file(False), drawing=True),
    ExportFormat("pdf", ".pdf", PDF, _pdf_file(False), drawing=True),
    ExportFormat("family_svg", "-family.svg", SVG, _svg_file(True), drawing=True),
    ExportFormat("family_png", "-family.png", PNG, _png_file(True), drawing=True),
    ExportFormat("family_pdf", "-family.pdf", PDF, _pdf_file(True), drawing=True),
    ExportFormat("summary_pdf", "-care-table.pdf", PDF, _summary_pdf),
    ExportFormat("graphml", ".graphml", "application/graphml+xml", _graphml),
    ExportFormat("gexf", ".gexf", "application/gexf+xml", _gexf),
    ExportFormat("nodelink", ".nodelink.json", "application/json", _nodelink),
    ExportFormat("json", ".json", "application/json", _case_json),
)
FORMATS: dict[str, ExportFormat] = {f.slug: f for f in _ALL}

#: `ecogram export --format`: Contract 1's list, plus nodelink (json is the case format).
CLI_FORMATS = ("svg", "png", "pdf", "graphml", "gexf", "json", "nodelink")
#: Formats that have a family version (`--family`).
FAMILY_FORMATS = ("svg", "png", "pdf")
