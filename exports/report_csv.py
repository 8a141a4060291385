"""The network report as CSV: one `measure,value` row per figure.

Nested keys are joined with dots (`by_region.Hasselt.care_tables`); a hidden or
undefined figure is an empty cell, and a list (the hidden paths) is one cell
with its items separated by semicolons. Every cell is neutralised, since region
names are typed by people and the file is opened in spreadsheets. Lines end in
CRLF as RFC 4180 has it: the csv module then also quotes a field holding a lone
carriage return, which a spreadsheet would otherwise take for the start of a row.
"""

from __future__ import annotations

import csv
import io

from ecogram.report_model import NetworkReport
from exports.report_words import word
from exports.spreadsheet import neutralised


def report_csv(report: NetworkReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralised(word("column.measure")), neutralised(word("column.value"))])

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
            return
        if isinstance(value, list):
            value = ";".join(str(item) for item in value)
        writer.writerow([neutralised(prefix), "" if value is None else neutralised(value)])

    walk("", report.as_json())
    return buffer.getvalue()
