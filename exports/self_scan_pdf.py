"""One version of a network's self-scan as a tagged PDF (PDF/UA-1), in the reader's language.

Printed by WeasyPrint from an autoescaped template: every answer is typed by people.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from weasyprint import HTML  # type: ignore[import-untyped]

from ecogram import labels
from ecogram.i18n import words
from ecogram.plan_models import SelfScan
from ecogram.plan_vocabulary import SelfScanTheme
from ecogram.self_scans import answer
from exports.summary import data_only_fetcher

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def self_scan_html(scan: SelfScan, network_name: str, lang: str) -> str:
    said = words(lang)
    title = said.gettext(
        "Self-scan of %(network)s, version %(number)s", network=network_name, number=scan.number
    )
    meta = said.gettext(
        "Held on %(day)s with %(facilitator)s as process facilitator; saved on %(saved)s.",
        day=said.date(scan.held_on),
        facilitator=scan.facilitator,
        saved=said.date(scan.recorded_on),
    )
    themes = [(labels.label("theme", t, said.lang), answer(scan, t)) for t in SelfScanTheme]
    return _env.get_template("self_scan.html").render(
        lang=said.lang, title=title, meta=meta, scan=scan, themes=themes, _=said.gettext
    )


def self_scan_pdf(scan: SelfScan, network_name: str, lang: str) -> bytes:
    html = self_scan_html(scan, network_name, lang)
    pdf: bytes = HTML(string=html, url_fetcher=data_only_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1"
    )
    return pdf
