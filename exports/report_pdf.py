"""The network report as a PDF: key figures, charts and tables.

HTML from an autoescaped Jinja2 template, printed by WeasyPrint. The charts come
from `exports.charts` as SVG inside `data:` URIs, and the fetcher allows `data:`
only, so printing never reaches a file or the network (no web fonts either:
DejaVu Sans comes from the system).
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import jinja2
from weasyprint import HTML  # type: ignore[import-untyped]

from ecogram.report_model import FUNNEL_KEYS, STATUS_KEYS, TABLE_KEYS, NetworkReport
from ecogram.vocabulary import NETWORK_NAMES
from exports.charts import report_charts
from exports.report_words import report_words
from exports.report_xlsx import hidden_reasons
from exports.summary import data_only_fetcher

TEMPLATES = Path(__file__).parent / "templates"
KEY_FIGURES = (
    *FUNNEL_KEYS,
    *STATUS_KEYS,
    "budget_spent",
    "cost_per_trajectory",
    "reference_cost_per_trajectory",
)

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,  # region names are typed by people; nothing is trusted as markup
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _key_figure(report: NetworkReport, key: str) -> Any:
    if key in FUNNEL_KEYS:
        return report.totals.get(key)
    if key in STATUS_KEYS:
        return report.status(key)
    return getattr(report, key)


def report_html(report: NetworkReport, lang: str) -> str:
    """The HTML the PDF is printed from (handy for tests and previews)."""
    said = report_words(lang)
    period = report.plan.period
    charts = {key: _data_uri(svg) for key, svg in report_charts(report, lang).items()}
    return _env.get_template("report.html").render(
        report=report,
        lang=said.lang,
        _=said.said.gettext,
        said=said,
        network_name=NETWORK_NAMES[report.network],
        key_figures=[(key, _key_figure(report, key)) for key in KEY_FIGURES],
        reasons=hidden_reasons(report),
        tables=TABLE_KEYS,
        funnel_keys=FUNNEL_KEYS,
        charts=charts,
        # The plan year's last day, as every page and file writes it (ecogram.plan_year).
        plan_last_day=None if period is None else period.end,
    )


def report_pdf(report: NetworkReport, lang: str) -> bytes:
    """The report as an A4 PDF."""
    # Tagged PDF/UA-1: the template's <title> and lang reach the PDF for screen readers.
    pdf: bytes = HTML(string=report_html(report, lang), url_fetcher=data_only_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1"
    )
    return pdf
