"""The network report as a PDF: key figures, charts and tables (issue 4).

HTML from an autoescaped Jinja2 template, printed by WeasyPrint. The charts come
from `exports.charts` as SVG inside `data:` URIs, and the fetcher allows `data:`
only, so printing never reaches a file or the network (no web fonts either:
DejaVu Sans comes from the system).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from weasyprint import HTML, URLFetcher  # type: ignore[import-untyped]

from ecogram.vocabulary import NETWORK_NAMES, NetworkSlug
from exports.charts import FUNNEL_KEYS, report_charts

TEMPLATES = Path(__file__).parent / "templates"
KEY_FIGURES = (
    ("referrals", "Referrals"),
    ("care_tables", "Care tables"),
    ("budget_deployments", "Budget deployments"),
    ("regular_starts", "Regular starts"),
    ("started", "Started (care-figure searches with a care table)"),
    ("ongoing", "Ongoing at the end of the period"),
    ("ended", "Ended"),
    ("extended", "Extended"),
    ("budget_spent", "Budget spent (EUR)"),
    ("cost_per_trajectory", "Cost per started trajectory (EUR)"),
    ("reference_cost_per_trajectory", "Reference cost per trajectory (EUR)"),
)
BREAKDOWNS = (
    ("Per region", "by_region", "Region"),
    ("Per quarter", "by_quarter", "Quarter"),
    ("Per month", "by_month", "Month"),
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
        return "hidden"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def report_html(figures: Mapping[str, Any]) -> str:
    """The HTML the PDF is printed from (handy for tests and previews)."""
    slug = figures["network"]
    name = NETWORK_NAMES.get(NetworkSlug(slug), slug) if slug in set(NetworkSlug) else slug
    charts = {key: _data_uri(svg) for key, svg in report_charts(figures).items()}
    return _env.get_template("report.html").render(
        figures=figures,
        network_name=name,
        suppression=figures.get("suppression"),
        key_figures=KEY_FIGURES,
        breakdowns=BREAKDOWNS,
        funnel_keys=FUNNEL_KEYS,
        charts=charts,
        text=text,
    )


def report_pdf(figures: Mapping[str, Any]) -> bytes:
    """The report as an A4 PDF."""
    fetcher = URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    # Tagged PDF/UA-1: the template's <title> and lang reach the PDF for screen readers.
    pdf: bytes = HTML(string=report_html(figures), url_fetcher=fetcher).write_pdf(
        pdf_variant="pdf/ua-1"
    )
    return pdf
