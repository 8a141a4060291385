"""The network report as CSV: one row per figure, in words, with its value and its key.

The first column names the figure in the reader's language ("Per regio – Hasselt
– Zorgtafels"), the second holds the value as data (no thousands separators, a
dot for decimals), the third the report's own key (`by_region.Hasselt.care_tables`),
so a program reads the file back whatever its language. A hidden or undefined
figure is an empty cell, and a list (the hidden keys) is one cell with its items
separated by semicolons. Every cell is neutralised, since region names are typed
by people and the file is opened in spreadsheets. Lines end in CRLF as RFC 4180
has it: the csv module then also quotes a field holding a lone carriage return,
which a spreadsheet would otherwise take for the start of a row.
"""

from __future__ import annotations

import csv
import io

from ecogram.report_model import TABLE_KEYS, NetworkReport
from exports.report_words import VOCABULARIES, ReportWords, report_words
from exports.spreadsheet import neutralised

PLAN_KEYS = {
    ("plan", "committed"): "committed",
    ("plan", "budget"): "budget",
    ("plan", "period"): "plan_year",
    ("plan", "period", "from"): "period_from",
    ("plan", "period", "to"): "period_to",
    ("plan", "status"): "plan_status",
    ("plan", "version"): "version_number",
    ("plan", "version", "number"): "version_number",
    ("plan", "version", "date"): "version_date",
    ("suppression", "k"): "k",
    ("suppression", "p"): "p",
    ("suppression", "hidden"): "hidden",
    ("suppression", "primary"): "primary",
    ("suppression", "complementary"): "complementary",
}


def figure_label(path: tuple[str, ...], said: ReportWords) -> str:
    """What a figure at `path` (its keys in the JSON report) is called in words."""
    if path in PLAN_KEYS:
        return said(PLAN_KEYS[path])
    table, *rest = path
    if table == "short_stays" and rest:
        return said(f"short_stays.{rest[0]}")
    if table in VOCABULARIES or table in TABLE_KEYS:
        parts = [said(f"sheet.{table}"), said.row(table, rest[0])]
        if len(rest) > 1:
            parts.append(said(rest[1]))
        return " – ".join(parts)
    return said(table)


def report_csv(report: NetworkReport, lang: str) -> str:
    said = report_words(lang)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralised(said(f"column.{c}")) for c in ("measure", "value", "key")])

    def walk(path: tuple[str, ...], value: object) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk((*path, str(key)), inner)
            return
        if isinstance(value, list):
            value = ";".join(str(item) for item in value)
        writer.writerow(
            [
                neutralised(figure_label(path, said)),
                "" if value is None else neutralised(value),
                neutralised(".".join(path)),
            ]
        )

    for key, value in report.as_json().items():
        walk((key,), value)
    return buffer.getvalue()
