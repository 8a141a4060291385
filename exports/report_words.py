"""Every word the report's files print besides the figures: one table for all formats.

The CSV and XLSX headers, the XLSX sheet names and notes, the PDF's labels and the
charts' titles and legends all come from `WORDS`, so the wording system can take
the whole report over in one place (the keys stay; the English becomes a
translation). The PDF template's own headings and prose live in its template.
"""

from __future__ import annotations

WORDS: dict[str, str] = {
    # Column headers: CSV and XLSX. They are the report's JSON keys, so a sheet
    # reads back to the JSON one to one.
    "column.measure": "measure",
    "column.value": "value",
    "column.count": "count",
    "column.role": "role",
    "column.outcome": "outcome",
    "column.stay_kind": "stay_kind",
    "column.trajectories": "trajectories",
    "column.days": "days",
    "column.region": "region",
    "column.quarter": "quarter",
    "column.month": "month",
    "row.total": "total",
    "row.suppression_k": "suppression_k",
    "row.suppression_p": "suppression_p",
    # XLSX sheets, in their order.
    "sheet.summary": "Summary",
    "sheet.plan": "Plan",
    "sheet.funnel": "Funnel",
    "sheet.roles": "Roles",
    "sheet.outcomes": "Outcomes",
    "sheet.stays": "Stays",
    "sheet.by_region": "By region",
    "sheet.by_quarter": "By quarter",
    "sheet.by_month": "By month",
    "note.primary": (
        "Hidden by small-cell suppression (primary): fewer than k children, "
        "or days or money behind such a count."
    ),
    "note.complementary": (
        "Hidden by small-cell suppression (complementary): shown, it would let a "
        "hidden count be recomputed or narrowed to fewer than p values."
    ),
    # PDF: the key figures, the plan and the breakdown tables.
    "figure.referrals": "Referrals",
    "figure.care_tables": "Care tables",
    "figure.budget_deployments": "Budget deployments",
    "figure.regular_starts": "Regular starts",
    "figure.started": "Started (care-figure searches with a care table)",
    "figure.ongoing": "Ongoing at the end of the period",
    "figure.ended": "Ended",
    "figure.extended": "Extended",
    "figure.budget_spent": "Budget spent (EUR)",
    "figure.cost_per_trajectory": "Cost per started trajectory (EUR)",
    "figure.reference_cost_per_trajectory": "Reference cost per trajectory (EUR)",
    "figure.committed": "Committed in the action plan",
    "figure.plan_budget": "Budget of the action plan (EUR)",
    "figure.plan_year": "Plan year",
    "table.by_region": "Per region",
    "table.by_quarter": "Per quarter",
    "table.by_month": "Per month",
    "label.by_region": "Region",
    "label.by_quarter": "Quarter",
    "label.by_month": "Month",
    "hidden": "hidden",
    "hidden.primary": "hidden (P)",
    "hidden.complementary": "hidden (C)",
    # Charts: titles, drawn inside the SVG, and legends.
    "chart.started": "Started against committed, cumulative per month",
    "chart.funnel": "From referral to start",
    "chart.roles": "Role assignments per role",
    "chart.outcomes": "Trajectories per outcome",
    "chart.stays": "Days per stay kind",
    "chart.budget": "Budget spent against the budget",
    "chart.cost": "Cost per trajectory against the reference",
    "legend.started": "started",
    "legend.committed": "committed ({committed})",
    "legend.reference": "reference {amount}",
    "legend.later_hidden": "later months hidden",
}


def word(key: str, **values: object) -> str:
    """The words for `key`, with `{name}` fields filled in."""
    text = WORDS[key]
    return text.format(**values) if values else text
