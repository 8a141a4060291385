"""The end-of-year report as a tagged PDF (PDF/UA-1), like the network report.

WeasyPrint prints an autoescaped template of the report's blocks; the fetcher
allows `data:` URIs only, so printing reaches no file and no network.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from weasyprint import HTML  # type: ignore[import-untyped]

from ecogram.year_report import YearReport
from exports.summary import data_only_fetcher
from exports.year_report_content import Document, year_report_content

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,  # names and the proposal are typed by people
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def document_html(document: Document) -> str:
    return _env.get_template("year_report.html").render(document=document)


def year_report_pdf(report: YearReport, lang: str) -> bytes:
    html = document_html(year_report_content(report, lang))
    # The <title> and lang reach the tagged PDF, for screen readers.
    pdf: bytes = HTML(string=html, url_fetcher=data_only_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1"
    )
    return pdf
