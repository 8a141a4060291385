"""Every PDF the app makes is tagged (PDF/UA-1), with a title and a document language.

poppler's `pdfinfo` reports `Tagged` and `Title` (and, with -meta, the PDF/UA
identification); it has no line for the language, so the catalogue's /Lang is
read with pypdf.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from ecogram import caseformat
from ecogram.demo import demo_cases
from ecogram.models import Case
from ecogram.plan_models import SelfScan
from exports.formats import FORMATS
from exports.report_pdf import report_pdf
from exports.self_scan_pdf import self_scan_pdf
from exports.summary import care_table_pdf
from exports.year_report_pdf import year_report_pdf
from tests.plans import year_report_example
from tests.test_exports_report import example as report_figures

TODAY = dt.date(2026, 11, 23)


def case() -> Case:
    return caseformat.parse_document(demo_cases(TODAY)[0])


def self_scan() -> SelfScan:
    return SelfScan(
        number=1,
        facilitator="Procesbegeleider An (fictief)",
        held_on=TODAY,
        recorded_on=TODAY,
        summary="Sterk in zorgtafels.",
        answers=[],
    )


def drawing(slug: str) -> Callable[[str], bytes]:
    return lambda lang: FORMATS[slug].render(case(), TODAY, lang, None)


def summary(family: bool) -> Callable[[str], bytes]:
    return lambda lang: care_table_pdf(case(), TODAY, lang=lang, family=family)


# Each kind of PDF, in the languages it comes in, and a word its title must hold.
KINDS: dict[str, tuple[Callable[[str], bytes], dict[str, str]]] = {
    "drawing": (drawing("pdf"), {"nl": "Ecogram van Baby Lotte", "en": "Ecogram of Baby Lotte"}),
    "family drawing": (drawing("family_pdf"), {"nl": "Baby Lotte", "en": "Baby Lotte"}),
    "care-table summary": (summary(False), {"nl": "Baby Lotte", "en": "Care-table summary"}),
    "family care-table summary": (summary(True), {"nl": "Baby Lotte", "en": "Baby Lotte"}),
    "network report": (
        lambda lang: report_pdf(report_figures(), lang),
        {"nl": "Ecogram-rapport", "en": "Ecogram report"},
    ),
    "end-of-year report": (
        lambda lang: year_report_pdf(year_report_example(), lang),
        {"nl": "Jaarrapport: Limburg", "en": "End-of-year report: Limburg"},
    ),
    "self-scan": (
        lambda lang: self_scan_pdf(self_scan(), "Limburg", lang),
        {"nl": "Zelfscan van Limburg", "en": "Self-scan of Limburg"},
    ),
}
CASES = [(kind, lang) for kind, (_, titles) in KINDS.items() for lang in titles]


def pdfinfo(pdf: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        ["pdfinfo", *options, str(path)], capture_output=True, text=True, check=True
    )
    return done.stdout


def info_fields(text: str) -> dict[str, str]:
    return {
        name.strip(): value.strip()
        for name, _, value in (line.partition(":") for line in text.splitlines())
    }


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_pdfinfo_reports_a_tagged_pdf_ua_document_with_a_title_and_a_language(
    kind: str, lang: str, tmp_path: Path
) -> None:
    render, titles = KINDS[kind]
    pdf = render(lang)

    fields = info_fields(pdfinfo(pdf, tmp_path))
    assert fields["Tagged"] == "yes"
    assert titles[lang] in fields["Title"]
    assert 'pdfuaid:part="1"' in pdfinfo(pdf, tmp_path, "-meta")

    catalogue = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert catalogue["/Lang"] == lang
    assert catalogue["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalogue
    # PDF/UA asks viewers to show the title rather than the file name.
    assert catalogue["/ViewerPreferences"]["/DisplayDocTitle"].value is True


def test_the_drawing_pdf_keeps_the_drawing_size_and_its_names_as_text(tmp_path: Path) -> None:
    pdf = drawing("pdf")("nl")
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    svg = FORMATS["svg"].render(case(), TODAY, "nl", None).decode("utf-8")
    width = float(svg.split('width="', 1)[1].split('"', 1)[0])
    assert float(page.mediabox.width) == pytest.approx(width * 0.75, abs=0.5)  # px to pt
    path = tmp_path / "drawing.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Baby Lotte" in text and "Sara" in text


def test_a_name_that_looks_like_a_reference_is_only_text(tmp_path: Path) -> None:
    hostile = case()
    hostile.persons[1].name = 'url(file:///etc/hostname) href="http://example.com" @import'
    pdf = FORMATS["pdf"].render(hostile, TODAY, "en", None)
    path = tmp_path / "drawing.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    # Long names wrap anywhere, so compare without the breaks.
    assert 'url(file:///etc/hostname)href="http://example.com"@import' in "".join(text.split())
