"""Every file the network report can be written as: one table for the CLI and the dashboard.

Each format has one writer. openpyxl, matplotlib and WeasyPrint load only when an
XLSX or a PDF is asked for, so `ecogram report --format json` stays quick.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line lists the formats without loading the report's model
    from ecogram.report_model import NetworkReport

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
