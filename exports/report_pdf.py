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
from weasyprint import HTML, URLFetcher  # type: ignore[import-untyped]

from ecogram.report_model import FUNNEL_KEYS, STATUS_KEYS, TABLE_KEYS, NetworkReport
from ecogram.vocabulary import NETWORK_NAMES
from exports.charts import report_charts
from exports.report_words import word

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


def text(value: Any) -> str:
    """A figure as printed: thousands separated, money with cents, None as 'hidden'."""
    if value is None:
        return word("hidden")
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _shown(report: NetworkReport) -> Any:
    """`text`, with a hidden figure marked primary (P) or complementary (C) by its path."""

    def shown(value: Any, path: str = "") -> str:
        reason = None if report.suppression is None else report.suppression.reason(path)
        if value is None and reason is not None:
            return word(f"hidden.{reason}")
        return text(value)

    return shown


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _key_figure(report: NetworkReport, key: str) -> Any:
    if key in FUNNEL_KEYS:
        return report.totals.get(key)
    if key in STATUS_KEYS:
        return report.status(key)
    return getattr(report, key)


def report_html(report: NetworkReport) -> str:
    """The HTML the PDF is printed from (handy for tests and previews)."""
    charts = {key: _data_uri(svg) for key, svg in report_charts(report).items()}
    return _env.get_template("report.html").render(
        report=report,
        network_name=NETWORK_NAMES[report.network],
        key_figures=[(word(f"figure.{key}"), _key_figure(report, key), key) for key in KEY_FIGURES],
        breakdowns=[
            (word(f"table.{key}"), word(f"label.{key}"), report.table(key), key)
            for key in TABLE_KEYS
        ],
        funnel_keys=FUNNEL_KEYS,
        charts=charts,
        word=word,
        text=text,
        shown=_shown(report),
    )


def report_pdf(report: NetworkReport) -> bytes:
    """The report as an A4 PDF."""
    fetcher = URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    pdf: bytes = HTML(string=report_html(report), url_fetcher=fetcher).write_pdf()
    return pdf
