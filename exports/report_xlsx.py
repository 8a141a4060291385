"""The network report as an XLSX workbook: one sheet per table, in the reader's language.

Sheet names, headers and row labels are words; the last column of every sheet
holds the report's own key (`by_region.Hasselt`), so a sheet reads back to the
JSON one to one whatever its language (docs/report.md describes the keys).
Numbers are numbers; a figure hidden by small-cell suppression is an empty cell
with a comment saying why (primary or complementary), and the summary says which
k and p were applied. Every text
cell is neutralised, so a region name can never run as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ecogram.report_model import FUNNEL_KEYS, STATUS_KEYS, TABLE_KEYS, Funnel, NetworkReport
from exports.report_words import MONEY, ReportWords, report_words
from exports.spreadsheet import neutralised

Cell = str | int | float | None
#: One row of a measure/value sheet: the key (a label's source), the value, its JSON path.
Row = tuple[str, Cell, str]
AUTHOR = "Ecogram"
SUMMARY_KEYS = (
    *FUNNEL_KEYS,
    *STATUS_KEYS,
    "care_figures_found",
    "non_parent_anchors",
    "budget_spent",
    "cost_per_trajectory",
    "reference_cost_per_trajectory",
)


def report_xlsx(report: NetworkReport, lang: str) -> bytes:
    """The workbook's bytes."""
    said = report_words(lang)
    sheets = _Sheets(said, hidden_reasons(report))
    book = Workbook()
    summary = book.active
    assert summary is not None  # noqa: S101  (a new workbook always has one sheet)
    summary.title = said("sheet.summary")
    sheets.measures(summary, _summary_rows(report))
    period, version = report.plan.period, report.plan.version
    plan_rows: list[Row] = [
        ("committed", report.plan.committed, "plan.committed"),
        ("budget", report.plan.budget, "plan.budget"),
        ("period_from", None if period is None else period.start.isoformat(), "plan.period.from"),
        ("period_to", None if period is None else period.end.isoformat(), "plan.period.to"),
        ("plan_status", report.plan.status, "plan.status"),
        ("version_number", None if version is None else version.number, "plan.version.number"),
        (
            "version_date",
            None if version is None else version.recorded.isoformat(),
            "plan.version.date",
        ),
    ]
    sheets.measures(book.create_sheet(said("sheet.plan")), plan_rows)
    funnel = [(key, report.totals.get(key), key) for key in FUNNEL_KEYS]
    sheets.measures(book.create_sheet(said("sheet.funnel")), funnel)
    for key, counts, column in (
        ("roles", report.roles, "role"),
        ("outcomes", report.outcomes, "outcome"),
    ):
        sheet = book.create_sheet(said(f"sheet.{key}"))
        sheets.header(sheet, (said(f"column.{column}"), said("column.count")))
        for number, (name, count) in enumerate(counts.items(), start=2):
            sheets.row(sheet, number, said.row(key, name), [(count, f"{key}.{name}")], name)
    _stays(sheets, book.create_sheet(said("sheet.stays")), report)
    for key, column in zip(TABLE_KEYS, ("region", "quarter", "month"), strict=True):
        _table(sheets, book.create_sheet(said(f"sheet.{key}")), report, key, column)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _summary_rows(report: NetworkReport) -> list[Row]:
    rows: list[Row] = [
        ("network", report.network.value, "network"),
        ("from", report.start.isoformat(), "from"),
        ("to", report.end.isoformat(), "to"),
    ]
    rows += [(key, report.as_json()[key], key) for key in SUMMARY_KEYS]
    rows += [
        (f"short_stays.{key}", value, f"short_stays.{key}")
        for key, value in report.short_stays.items()
    ]
    if report.suppression is not None:
        rows.append(("k", report.suppression.k, "suppression.k"))
        rows.append(("p", report.suppression.p, "suppression.p"))
    return rows


def hidden_reasons(report: NetworkReport) -> dict[str, str]:
    """Each hidden figure's path and why it is hidden: "primary" or "complementary"."""
    suppression = report.suppression
    if suppression is None:
        return {}
    return {path: suppression.reason(path) or "primary" for path in suppression.hidden}


class _Sheets:
    """Writes cells the same way on every sheet: words, neutralised text, hidden notes."""

    def __init__(self, said: ReportWords, hidden: dict[str, str]) -> None:
        self.said = said
        self.hidden = hidden  #: path -> "primary" or "complementary"

    def header(self, sheet: Worksheet, labels: Iterable[str]) -> None:
        sheet.append([neutralised(label) for label in (*labels, self.said("column.key"))])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 36

    def measures(self, sheet: Worksheet, rows: Sequence[Row]) -> None:
        self.header(sheet, (self.said("column.measure"), self.said("column.value")))
        for number, (key, value, path) in enumerate(rows, start=2):
            self.row(sheet, number, self.said(key), [(value, path)], path)

    def row(
        self,
        sheet: Worksheet,
        number: int,
        label: str,
        cells: Sequence[tuple[Cell, str]],
        key: str,
    ) -> None:
        sheet.cell(row=number, column=1, value=neutralised(label))
        for column, (value, path) in enumerate(cells, start=2):
            cell = sheet.cell(row=number, column=column, value=neutralised(value))
            if path in self.hidden:
                cell.comment = Comment(self.said(f"note.{self.hidden[path]}"), AUTHOR)
            if path.rpartition(".")[2] in MONEY and value is not None:
                cell.number_format = "#,##0.00"
        sheet.cell(row=number, column=len(cells) + 2, value=neutralised(key))


def _stays(sheets: _Sheets, sheet: Worksheet, report: NetworkReport) -> None:
    said = sheets.said
    sheets.header(sheet, (said(f"column.{c}") for c in ("stay_kind", "trajectories", "days")))
    for number, kind in enumerate(report.stay_days, start=2):
        cells = [
            (report.stays[kind], f"stays.{kind}"),
            (report.stay_days[kind], f"stay_days.{kind}"),
        ]
        sheets.row(sheet, number, said.row("stays", kind), cells, kind)


def _table(sheets: _Sheets, sheet: Worksheet, report: NetworkReport, key: str, column: str) -> None:
    """Rows x funnel measures, with the report's totals as the last row."""
    said = sheets.said
    sheets.header(sheet, (said(f"column.{column}"), *(said(m) for m in FUNNEL_KEYS)))
    rows: Mapping[str, Funnel] = report.table(key)
    number = 1
    for number, (name, row) in enumerate(rows.items(), start=2):
        cells = [(row.get(m), f"{key}.{name}.{m}") for m in FUNNEL_KEYS]
        sheets.row(sheet, number, said.row(key, name), cells, name)
    total = number + 1
    sheets.row(
        sheet, total, said("row.total"), [(report.totals.get(m), m) for m in FUNNEL_KEYS], ""
    )
    sheet.cell(row=total, column=1).font = Font(bold=True)
