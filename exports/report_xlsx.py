"""The network report as an XLSX workbook: one sheet per table.

Labels are the report's own keys, so a sheet reads back to the JSON one to one
(docs/report.md describes them). Numbers are numbers; a figure hidden by
small-cell suppression is an empty cell with a comment saying why, and the
Summary sheet says which k was applied. Every text cell is neutralised, so a
region name can never run as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ecogram.report_model import FUNNEL_KEYS, STATUS_KEYS, TABLE_KEYS, Funnel, NetworkReport
from exports.report_words import word
from exports.spreadsheet import neutralised

Cell = str | int | float | None
MONEY = ("budget_spent", "cost_per_trajectory", "reference_cost_per_trajectory", "budget")
AUTHOR = "Ecogram"


def report_xlsx(report: NetworkReport) -> bytes:
    """The workbook's bytes."""
    hidden = _reasons(report)
    book = Workbook()
    summary = book.active
    assert summary is not None  # noqa: S101  (a new workbook always has one sheet)
    summary.title = word("sheet.summary")
    _rows(summary, _summary_rows(report), hidden, "")
    plan = report.plan
    period = plan.period
    _rows(
        book.create_sheet(word("sheet.plan")),
        [
            ("committed", plan.committed),
            ("budget", plan.budget),
            ("period_from", None if period is None else period.start.isoformat()),
            ("period_to", None if period is None else period.end.isoformat()),
        ],
        {},
        "plan.",
    )
    funnel = [(key, report.totals.get(key)) for key in FUNNEL_KEYS]
    _rows(book.create_sheet(word("sheet.funnel")), funnel, hidden, "")
    for key, counts, column in (
        ("roles", report.roles, "column.role"),
        ("outcomes", report.outcomes, "column.outcome"),
    ):
        sheet = book.create_sheet(word(f"sheet.{key}"))
        _rows(sheet, counts.items(), hidden, f"{key}.", (word(column), word("column.count")))
    _stays(book.create_sheet(word("sheet.stays")), report, hidden)
    for key, column in zip(TABLE_KEYS, ("region", "quarter", "month"), strict=True):
        sheet = book.create_sheet(word(f"sheet.{key}"))
        _table(sheet, report, key, word(f"column.{column}"), hidden)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _reasons(report: NetworkReport) -> dict[str, str]:
    """Each hidden figure's path and why it is hidden: "primary" or "complementary"."""
    suppression = report.suppression
    if suppression is None:
        return {}
    return {path: suppression.reason(path) or "primary" for path in suppression.hidden}


def _summary_rows(report: NetworkReport) -> list[tuple[str, Cell]]:
    rows: list[tuple[str, Cell]] = [
        ("network", report.network.value),
        ("from", report.start.isoformat()),
        ("to", report.end.isoformat()),
    ]
    rows += [(key, report.totals.get(key)) for key in FUNNEL_KEYS]
    rows += [(key, report.status(key)) for key in STATUS_KEYS]
    rows += [
        ("care_figures_found", report.care_figures_found),
        ("non_parent_anchors", report.non_parent_anchors),
        ("budget_spent", report.budget_spent),
        ("cost_per_trajectory", report.cost_per_trajectory),
        ("reference_cost_per_trajectory", report.reference_cost_per_trajectory),
    ]
    if report.suppression is not None:
        rows.append((word("row.suppression_k"), report.suppression.k))
        rows.append((word("row.suppression_p"), report.suppression.p))
    return rows


def _put(
    sheet: Worksheet, row: int, column: int, value: Cell, path: str, hidden: dict[str, str]
) -> None:
    cell = sheet.cell(row=row, column=column, value=neutralised(value))
    if path in hidden:
        cell.comment = Comment(word(f"note.{hidden[path]}"), AUTHOR)
    if path.rpartition(".")[2] in MONEY and value is not None:
        cell.number_format = "#,##0.00"


def _name(sheet: Worksheet, row: int, name: str) -> None:
    sheet.cell(row=row, column=1, value=neutralised(name))


def _header(sheet: Worksheet, labels: Iterable[str]) -> None:
    sheet.append([neutralised(label) for label in labels])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 32


def _rows(
    sheet: Worksheet,
    rows: Iterable[tuple[str, Cell]],
    hidden: dict[str, str],
    prefix: str,
    labels: tuple[str, str] | None = None,
) -> None:
    _header(sheet, labels or (word("column.measure"), word("column.value")))
    for number, (key, value) in enumerate(rows, start=2):
        _name(sheet, number, key)
        _put(sheet, number, 2, value, prefix + key, hidden)


def _stays(sheet: Worksheet, report: NetworkReport, hidden: dict[str, str]) -> None:
    _header(sheet, (word(f"column.{key}") for key in ("stay_kind", "trajectories", "days")))
    for number, kind in enumerate(report.stay_days, start=2):
        _name(sheet, number, kind)
        _put(sheet, number, 2, report.stays[kind], f"stays.{kind}", hidden)
        _put(sheet, number, 3, report.stay_days[kind], f"stay_days.{kind}", hidden)


def _table(
    sheet: Worksheet, report: NetworkReport, key: str, label: str, hidden: dict[str, str]
) -> None:
    """Rows x funnel measures, with the report's totals as the last row."""
    _header(sheet, (label, *FUNNEL_KEYS))
    rows: Mapping[str, Funnel] = report.table(key)
    number = 1
    for number, (name, row) in enumerate(rows.items(), start=2):
        _name(sheet, number, name)
        for column, measure in enumerate(FUNNEL_KEYS, start=2):
            _put(sheet, number, column, row.get(measure), f"{key}.{name}.{measure}", hidden)
    total = number + 1
    _name(sheet, total, word("row.total"))
    sheet.cell(row=total, column=1).font = Font(bold=True)
    for column, measure in enumerate(FUNNEL_KEYS, start=2):
        _put(sheet, total, column, report.totals.get(measure), measure, hidden)
