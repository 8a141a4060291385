"""Every file the network report can be written as: one table for the CLI and the dashboard;
and, below it, the files of the end-of-year report.

Each format has one writer. openpyxl, matplotlib and WeasyPrint load only when an
XLSX or a PDF is asked for, so `ecogram report --format json` stays quick.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line lists the formats without loading the report's models
    from ecogram.report_model import NetworkReport
    from ecogram.year_report import YearReport

#: A writer gets the report and the language of its words (JSON has none: keys only).
Writer = Callable[["NetworkReport", str], bytes]


@dataclass(frozen=True)
class ReportFormat:
    name: str  #: the `--format` value and the file suffix
    mimetype: str
    binary: bool  #: False: UTF-8 text
    write: Writer

    def filename(self, stem: str) -> str:
        return f"{stem}.{self.name}"


def _json(report: NetworkReport, lang: str) -> bytes:
    from exports.report_json import report_json

    return report_json(report).encode("utf-8")


def _csv(report: NetworkReport, lang: str) -> bytes:
    from exports.report_csv import report_csv

    return report_csv(report, lang).encode("utf-8")


def _xlsx(report: NetworkReport, lang: str) -> bytes:
    from exports.report_xlsx import report_xlsx

    return report_xlsx(report, lang)


def _pdf(report: NetworkReport, lang: str) -> bytes:
    from exports.report_pdf import report_pdf

    return report_pdf(report, lang)


XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORT_FORMATS: dict[str, ReportFormat] = {
    chosen.name: chosen
    for chosen in (
        ReportFormat("json", "application/json", False, _json),
        ReportFormat("csv", "text/csv", False, _csv),
        ReportFormat("xlsx", XLSX_MIMETYPE, True, _xlsx),
        ReportFormat("pdf", "application/pdf", True, _pdf),
    )
}


def _year_pdf(report: YearReport, lang: str) -> bytes:
    from exports.year_report_pdf import year_report_pdf

    return year_report_pdf(report, lang)


def _year_docx(report: YearReport, lang: str) -> bytes:
    from exports.year_report_docx import year_report_docx

    return year_report_docx(report, lang)


@dataclass(frozen=True)
class YearReportFormat:
    """A file of the end-of-year report (`ecogram.year_report`)."""

    name: str
    mimetype: str
    write: Callable[[YearReport, str], bytes]

    def filename(self, stem: str) -> str:
        return f"{stem}.{self.name}"


DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
YEAR_REPORT_FORMATS: dict[str, YearReportFormat] = {
    chosen.name: chosen
    for chosen in (
        YearReportFormat("pdf", "application/pdf", _year_pdf),
        YearReportFormat("docx", DOCX_MIMETYPE, _year_docx),
    )
}
