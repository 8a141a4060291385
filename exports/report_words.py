"""The report's words in one language, for every format: headers, labels, titles, figures.

The Dutch lives in the one catalogue, like every other word of Ecogram; the
table below only names, per key of the report, the English msgid to look up.
Numbers, money, dates and months are written by Babel in the language's
locale. The report's own keys (`referrals`, `by_region.Hasselt.started`) stay
in the JSON and in a key column of the CSV and XLSX, so a sheet still reads
back to the JSON one to one, whatever language its labels are in.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from ecogram import labels
from ecogram.i18n import N_, Words, words

#: Every label the report prints, by key. Measures are the report's JSON keys.
MSGIDS: dict[str, str] = {
    # Columns of the CSV and XLSX.
    "column.measure": N_("Measure"),
    "column.value": N_("Value"),
    "column.key": N_("Key"),
    "column.count": N_("Count"),
    "column.role": N_("Role"),
    "column.outcome": N_("Outcome"),
    "column.stay_kind": N_("Stay kind"),
    "column.trajectories": N_("Trajectories"),
    "column.days": N_("Days"),
    "column.region": N_("Region"),
    "column.quarter": N_("Quarter"),
    "column.month": N_("Month"),
    "row.total": N_("Total"),
    # Sheets of the XLSX, in their order, and the sections of the CSV.
    "sheet.summary": N_("Summary"),
    "sheet.plan": N_("Plan"),
    "sheet.funnel": N_("Funnel"),
    "sheet.roles": N_("Roles"),
    "sheet.outcomes": N_("Outcomes"),
    "sheet.stays": N_("Stays"),
    "sheet.stay_days": N_("Stay days"),
    "sheet.by_region": N_("By region"),
    "sheet.by_quarter": N_("By quarter"),
    "sheet.by_month": N_("By month"),
    "sheet.suppression": N_("Suppression"),
    "note.primary": N_(
        "Hidden by small-cell suppression (primary): fewer than k children, "
        "or days or money behind such a count."
    ),
    "note.complementary": N_(
        "Hidden by small-cell suppression (complementary): shown, it would let a "
        "hidden count be recomputed or narrowed to fewer than p values."
    ),
    "hidden": N_("hidden"),
    "hidden.primary": N_("hidden (P)"),
    "hidden.complementary": N_("hidden (C)"),
    # Measures: the report's keys.
    "network": N_("Network"),
    "from": N_("Referred from"),
    "to": N_("Referred up to and including"),
    "referrals": N_("Referrals"),
    "care_tables": N_("Care tables"),
    "budget_deployments": N_("Budget deployments"),
    "regular_starts": N_("Regular starts"),
    "started": N_("Started"),
    "carried_over": N_("Carried over from before the period"),
    "ongoing": N_("Ongoing at the end of the period"),
    "ended": N_("Ended in the period"),
    "extended": N_("Extended"),
    "care_figures_found": N_("Care figures found"),
    "non_parent_anchors": N_("Anchors who are not a parent"),
    "budget_spent": N_("Budget spent"),
    "cost_per_trajectory": N_("Cost per started trajectory"),
    "reference_cost_per_trajectory": N_("Reference cost per trajectory"),
    "committed": N_("Committed in the action plan"),
    "budget": N_("Budget of the action plan"),
    "period_from": N_("Plan year from"),
    "period_to": N_("Plan year to"),
    "plan_year": N_("Plan year"),
    "plan_status": N_("Status of the action plan"),
    "version_number": N_("Version of the action plan used"),
    "version_date": N_("That version dates from"),
    # Impact on short stays (ecogram.year_figures), over the trajectories of the period.
    "short_stays.with_care_figure": N_("Trajectories with a care figure in a role"),
    "short_stays.without_care_figure": N_("Trajectories without a care figure in a role"),
    "short_stays.days_with_care_figure": N_(
        "Days in a residential group or crisis foster family, with a care figure"
    ),
    "short_stays.days_without_care_figure": N_(
        "Days in a residential group or crisis foster family, without a care figure"
    ),
    "short_stays.instead_of_stay": N_("With a care figure instead of a short stay"),
    "short_stays.shortened": N_("Short stays shortened by a care figure"),
    "k": N_("Smallest count shown (k)"),
    "p": N_("Fewest values a hidden count can still take (p)"),
    "primary": N_("Hidden: primary"),
    "complementary": N_("Hidden: complementary"),
    # Charts: titles, drawn inside the SVG, and legends.
    "chart.started": N_("Started against committed, cumulative per month"),
    "chart.funnel": N_("From referral to start"),
    "chart.roles": N_("Role assignments per role"),
    "chart.outcomes": N_("Trajectories per outcome"),
    "chart.stays": N_("Days per stay kind"),
    "chart.budget": N_("Budget spent against the budget"),
    "chart.cost": N_("Cost per trajectory against the reference"),
    "legend.started": N_("started"),
    "legend.committed": N_("committed (%(committed)s)"),
    "legend.reference": N_("reference %(amount)s"),
    "legend.later_hidden": N_("later months hidden"),
}
#: Which vocabulary of `ecogram.labels` names the rows of a breakdown.
VOCABULARIES = {"roles": "role", "outcomes": "outcome", "stays": "stay", "stay_days": "stay"}
MONEY = frozenset(
    {"budget_spent", "cost_per_trajectory", "reference_cost_per_trajectory", "budget"}
)


class ReportWords:
    """The report's words and number formats in one language."""

    def __init__(self, lang: str) -> None:
        self.said: Words = words(lang)
        self.lang = self.said.lang

    def __call__(self, key: str, **values: object) -> str:
        return self.said.gettext(MSGIDS[key], **values)

    def row(self, table: str, name: str) -> str:
        """A row of a breakdown: a role, an outcome or a stay kind in words, a month, a region."""
        if table in VOCABULARIES:
            return labels.label(VOCABULARIES[table], name, self.lang)
        if table == "by_month":
            return self.month(name)
        if table == "by_quarter":
            return self.quarter(name)
        return name  # a region's own name

    def month(self, key: str) -> str:
        """`2026-01` -> `januari 2026` / `January 2026`."""
        from babel.dates import format_date

        year, month = key.split("-")
        day = dt.date(int(year), int(month), 1)
        return str(format_date(day, "LLLL yyyy", locale=self.said.locale))

    def quarter(self, key: str) -> str:
        """`2026-Q1` -> `K1 2026` / `Q1 2026`."""
        year, _, number = key.partition("-Q")
        return self.said.gettext("Q%(number)s %(year)s", number=number, year=year)

    def date(self, day: dt.date) -> str:
        return self.said.date(day)

    def figure(self, value: Any, key: str = "", reason: str | None = None) -> str:
        """A figure as people read it: money in euro, counts with separators, and a hidden
        one as "hidden", marked (P) or (C) when its `reason` is known."""
        if value is None:
            return self(f"hidden.{reason}" if reason else "hidden")
        if key.rpartition(".")[2] in MONEY:
            return self.said.money(value)
        if isinstance(value, int | float):
            return self.said.number(value)
        return str(value)


@cache
def report_words(lang: str) -> ReportWords:
    return ReportWords(lang)
