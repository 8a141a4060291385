"""The network report as an XLSX workbook: one sheet per table (issue 4).

Labels are the report's own English keys, so a sheet reads back to the JSON one to
one (docs/report.md describes them). Numbers are numbers; a figure hidden by
small-cell suppression is an empty cell with a comment saying why, and the
Summary sheet says which k was applied.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

FUNNEL_KEYS = ("referrals", "care_tables", "budget_deployments", "regular_starts", "started")
SUMMARY_KEYS: tuple[str, ...] = (*FUNNEL_KEYS, "ongoing", "ended", "extended")
SUMMARY_KEYS += ("care_figures_found", "non_parent_anchors", "budget_spent")
SUMMARY_KEYS += ("cost_per_trajectory", "reference_cost_per_trajectory")
MONEY = ("budget_spent", "cost_per_trajectory", "reference_cost_per_trajectory", "budget")
AUTHOR = "Ecogram"


def report_xlsx(figures: Mapping[str, Any]) -> bytes:
    """The workbook's bytes."""
    hidden = set(figures.get("suppression", {}).get("hidden", []))
    book = Workbook()
    summary = book.active
    assert summary is not None  # noqa: S101  (a new workbook always has one sheet)
    summary.title = "Summary"
    _rows(summary, ("measure", "value"), _summary_rows(figures), hidden, "")
    plan = figures["plan"]
    period = plan.get("period") or {}
    _rows(
        book.create_sheet("Plan"),
        ("measure", "value"),
        [
            ("committed", plan.get("committed")),
            ("budget", plan.get("budget")),
            ("period_from", period.get("from")),
            ("period_to", period.get("to")),
        ],
        set(),
        "plan.",
    )
    funnel = [(key, figures[key]) for key in FUNNEL_KEYS]
    _rows(book.create_sheet("Funnel"), ("measure", "value"), funnel, hidden, "")
    for title, key in (("Roles", "roles"), ("Outcomes", "outcomes")):
        rows = list(figures[key].items())
        _rows(book.create_sheet(title), (key[:-1], "count"), rows, hidden, f"{key}.")
    _stays(book.create_sheet("Stays"), figures, hidden)
    for title, key, label in (
        ("By region", "by_region", "region"),
        ("By quarter", "by_quarter", "quarter"),
        ("By month", "by_month", "month"),
    ):
        _table(book.create_sheet(title), figures, key, label, hidden)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _summary_rows(figures: Mapping[str, Any]) -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = [(key, figures[key]) for key in ("network", "from", "to")]
    rows += [(key, figures[key]) for key in SUMMARY_KEYS]
    suppression = figures.get("suppression")
    if suppression is not None:
        rows.append(("suppression_k", suppression["k"]))
    return rows


def _hidden_note(path: str, hidden: set[str]) -> Comment | None:
    if path not in hidden:
        return None
    return Comment(
        "Hidden by small-cell suppression: fewer than k children, "
        "or a number that would let such a count be recomputed.",
        AUTHOR,
    )


def _put(sheet: Worksheet, row: int, column: int, value: Any, path: str, hidden: set[str]) -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    note = _hidden_note(path, hidden)
    if note is not None:
        cell.comment = note
    if path.rpartition(".")[2] in MONEY and value is not None:
        cell.number_format = "#,##0.00"


def _header(sheet: Worksheet, labels: Iterable[str]) -> None:
    sheet.append(list(labels))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 32


def _rows(
    sheet: Worksheet,
    labels: tuple[str, str],
    rows: Iterable[tuple[str, Any]],
    hidden: set[str],
    prefix: str,
) -> None:
    _header(sheet, labels)
    for number, (key, value) in enumerate(rows, start=2):
        sheet.cell(row=number, column=1, value=key)
        _put(sheet, number, 2, value, prefix + key, hidden)


def _stays(sheet: Worksheet, figures: Mapping[str, Any], hidden: set[str]) -> None:
    _header(sheet, ("stay_kind", "trajectories", "days"))
    for number, kind in enumerate(figures["stay_days"], start=2):
        sheet.cell(row=number, column=1, value=kind)
        _put(sheet, number, 2, figures["stays"][kind], f"stays.{kind}", hidden)
        _put(sheet, number, 3, figures["stay_days"][kind], f"stay_days.{kind}", hidden)


def _table(
    sheet: Worksheet, figures: Mapping[str, Any], key: str, label: str, hidden: set[str]
) -> None:
    """Rows x funnel measures, with the report's totals as the last row."""
    _header(sheet, (label, *FUNNEL_KEYS))
    number = 1
    for number, (name, row) in enumerate(figures[key].items(), start=2):
        sheet.cell(row=number, column=1, value=name)
        for column, measure in enumerate(FUNNEL_KEYS, start=2):
            _put(sheet, number, column, row[measure], f"{key}.{name}.{measure}", hidden)
    total = number + 1
    sheet.cell(row=total, column=1, value="total").font = Font(bold=True)
    for column, measure in enumerate(FUNNEL_KEYS, start=2):
        _put(sheet, total, column, figures[measure], measure, hidden)
