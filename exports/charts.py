"""The report's charts, drawn by matplotlib as SVG text.

Figures are built with `matplotlib.figure.Figure`, never pyplot, so no global
figure state is shared between requests. Text stays text in the SVG
(`svg.fonttype: none`, DejaVu Sans): the PDF then holds real, searchable words
and no font is fetched from anywhere. A figure hidden by suppression (None) gets
no bar and the word "hidden" in its place, never a zero.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display, no GUI toolkit

from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ecogram.report_model import FUNNEL_KEYS, Funnel, NetworkReport
from exports.report_words import ReportWords, report_words

STYLE: dict[Any, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.fonttype": "none",
    "svg.hashsalt": "ecogram",  # the same report gives the same SVG
    "axes.spines.top": False,
    "axes.spines.right": False,
}
BAR = "#2a6f97"
REFERENCE = "#c8553d"
CHARTS = ("started", "funnel", "roles", "outcomes", "stays", "budget", "cost")


def titles(lang: str) -> dict[str, str]:
    """Each chart's title, drawn inside its SVG only (the PDF test finds them there)."""
    said = report_words(lang)
    return {name: said(f"chart.{name}") for name in CHARTS}


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _figure() -> tuple[Figure, Axes]:
    figure = Figure(figsize=(6.4, 2.8), layout="constrained")
    return figure, figure.add_subplot()


def bars(
    said: ReportWords,
    title: str,
    values: Mapping[str, Any],
    *,
    names: Mapping[str, str],
    reference: tuple[str, float] | None = None,
) -> str:
    """Horizontal bars, top to bottom in the mapping's order, each labelled with its value."""
    with rc_context(STYLE):
        figure, axes = _figure()
        labels = [names[key] for key in values]
        heights = [0 if value is None else value for value in values.values()]
        positions = range(len(labels))
        axes.barh(positions, heights, color=BAR)
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
        for position, (key, value) in zip(positions, values.items(), strict=True):
            axes.annotate(
                said.figure(value, key),
                (0 if value is None else value, position),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
            )
        if reference is not None:
            name, amount = reference
            axes.axvline(amount, color=REFERENCE, linestyle="--", label=name)
            axes.legend(loc="lower right", frameon=False)
        axes.set_title(title, loc="left")
        axes.margins(x=0.15)
        return _svg(figure)


def started_against_committed(
    said: ReportWords, by_month: Mapping[str, Funnel], committed: int | None
) -> str:
    """Cumulative started per month; the line stops at the first hidden month."""
    with rc_context(STYLE):
        figure, axes = _figure()
        months = list(by_month)
        running, cumulative = 0, []
        for month in months:
            started = by_month[month].started
            if started is None:
                break
            running += started
            cumulative.append(running)
        axes.plot(
            range(len(cumulative)), cumulative, marker="o", color=BAR, label=said("legend.started")
        )
        if committed is not None:
            label = said("legend.committed", committed=committed)
            axes.axhline(committed, color=REFERENCE, linestyle="--", label=label)
        if len(cumulative) < len(months):
            axes.annotate(
                said("legend.later_hidden"), (0.99, 0.02), xycoords="axes fraction", ha="right"
            )
        axes.set_xticks(range(len(months)), [month[2:] for month in months], rotation=90)
        axes.set_xlim(-0.5, len(months) - 0.5)
        axes.set_ylim(bottom=0)
        axes.legend(loc="upper left", frameon=False)
        axes.set_title(said("chart.started"), loc="left")
        return _svg(figure)


def report_charts(report: NetworkReport, lang: str) -> dict[str, str]:
    """Every chart of the report, as SVG text by name."""
    said = report_words(lang)
    plan = report.plan
    reference_cost = float(report.reference_cost_per_trajectory)
    budget: dict[str, Any] = {"budget_spent": report.budget_spent}
    if plan.budget is not None:
        budget["budget"] = plan.budget
    reference = said("legend.reference", amount=said.figure(reference_cost, "budget"))
    measures = {key: said(key) for key in (*FUNNEL_KEYS, *budget, "cost_per_trajectory")}
    return {
        "started": started_against_committed(said, report.by_month, plan.committed),
        "funnel": bars(
            said,
            said("chart.funnel"),
            {key: report.totals.get(key) for key in FUNNEL_KEYS},
            names=measures,
        ),
        "roles": bars(
            said, said("chart.roles"), report.roles, names=_rows(said, "roles", report.roles)
        ),
        "outcomes": bars(
            said,
            said("chart.outcomes"),
            report.outcomes,
            names=_rows(said, "outcomes", report.outcomes),
        ),
        "stays": bars(
            said,
            said("chart.stays"),
            report.stay_days,
            names=_rows(said, "stay_days", report.stay_days),
        ),
        "budget": bars(said, said("chart.budget"), budget, names=measures),
        "cost": bars(
            said,
            said("chart.cost"),
            {"cost_per_trajectory": report.cost_per_trajectory},
            names=measures,
            reference=(reference, reference_cost),
        ),
    }


def _rows(said: ReportWords, table: str, values: Mapping[str, Any]) -> dict[str, str]:
    return {key: said.row(table, key) for key in values}
