"""The end-of-year report as a list of blocks in words: what the PDF and the DOCX both print.

One content, two writers (`year_report_pdf`, `year_report_docx`), so the two files
say the same thing in the same order. Every word is a msgid of the one catalogue;
figures are written by `ReportWords`, and a hidden figure reads as hidden with its
reason ("hidden: fewer than 5 children").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ecogram import labels
from ecogram.report_model import FUNNEL_KEYS
from ecogram.year_figures import IMPACT_KEYS
from ecogram.year_report import AMOUNT, COMPLEMENT, SMALL, YearReport
from exports.report_words import ReportWords, report_words

REFERENCE_TOTAL = 26004.0  #: 12 trajectories in one year, Oost-Vlaanderen (docs/domain.md)


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    notice: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]] = field(default_factory=list)


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Document:
    lang: str
    title: str
    blocks: list[Block]


def year_report_content(report: YearReport, lang: str) -> Document:
    said = report_words(lang)
    _ = said.said.gettext
    figures = report.figures
    name = report.network.name
    period = _(
        "%(start)s up to and including %(end)s",
        start=said.date(report.period.start),
        end=said.date(report.period.end),
    )
    title = _("End-of-year report: %(network)s, plan year %(period)s", network=name, period=period)
    k = figures.suppression.k if figures.suppression else 0

    def cell(path: str, value: object) -> str:
        reason = report.reason(path)
        if reason is None:
            return said.figure(value, path)
        return _("hidden: %(why)s", why=_reason(said, reason, k))

    blocks: list[Block] = [
        Paragraph(
            _(
                "Plan year from %(period)s. Made on %(day)s. Aggregate figures only; "
                "no child or person is named.",
                period=period,
                day=said.date(report.made_on),
            )
        ),
        Paragraph(_version(report, said), notice=False),
        Paragraph(
            _(
                "Every count below %(k)s is hidden, and so is every figure from which such a "
                "count could be worked out; each hidden figure says why.",
                k=k,
            ),
            notice=True,
        ),
        Heading(_("The action plan")),
    ]
    plan = report.plan
    holder = plan.get("fund_holder") or _("not chosen")
    blocks.append(
        Table(
            (_("Figure"), said("column.value")),
            [
                (said("committed"), said.figure(plan["committed"])),
                (_("Fund holder"), holder),
                (said("budget"), said.figure(plan["budget"], "budget")),
            ],
        )
    )
    lines = [
        (
            labels.label("budget_line", line["category"], said.lang),
            line["what"],
            said.figure(line["amount"], "budget"),
        )
        for line in plan.get("budget_lines", [])
    ]
    blocks.append(Table((_("Budget line"), _("What"), _("Amount")), lines))
    blocks += _self_scan(report, said)

    blocks.append(Heading(_("Trajectories realised against committed")))
    totals = figures.totals
    rows = [(said("committed"), said.figure(figures.plan.committed))]
    rows += [(said("started"), cell("started", totals.started))]
    rows += [(said(key), cell(key, figures.status(key))) for key in ("carried_over", "ended")]
    rows += [(said("ongoing"), cell("ongoing", figures.ongoing))]
    blocks.append(Table((_("Figure"), said("column.value")), rows))
    committed = plan.get("region_commitments", {})
    regions = [
        (
            said.row("by_region", region),
            said.figure(committed.get(region, 0)),
            cell(f"by_region.{region}.started", row.started),
        )
        for region, row in figures.by_region.items()
    ]
    blocks.append(Table((said("column.region"), _("Committed"), said("started")), regions))
    outcomes = [
        (said.row("outcomes", key), cell(f"outcomes.{key}", n))
        for key, n in figures.outcomes.items()
    ]
    blocks.append(Table((said("column.outcome"), said("column.trajectories")), outcomes))
    funnel = [(said(key), cell(key, totals.get(key))) for key in FUNNEL_KEYS]
    blocks.append(Table((_("From referral to start"), said("column.value")), funnel))

    blocks += _expertise(report, said)

    blocks.append(Heading(_("Impact on short stays")))
    impact = [
        (said(f"short_stays.{key}"), cell(f"short_stays.{key}", figures.short_stays[key]))
        for key in IMPACT_KEYS
    ]
    blocks.append(Table((_("Figure"), said("column.value")), impact))
    blocks.append(Paragraph(_definition_of_impact(said)))

    blocks.append(Heading(_("Costs")))
    costs = [
        (said("budget"), said.figure(figures.plan.budget, "budget")),
        (said("budget_spent"), cell("budget_spent", figures.budget_spent)),
        (said("cost_per_trajectory"), cell("cost_per_trajectory", figures.cost_per_trajectory)),
        (
            said("reference_cost_per_trajectory"),
            said.figure(figures.reference_cost_per_trajectory, "budget"),
        ),
    ]
    blocks.append(Table((_("Figure"), said("column.value")), costs))

    blocks.append(Heading(_("Proposal to make the work permanent")))
    text = report.sustainability or _("The network has not written its proposal yet.")
    blocks += [Paragraph(part) for part in text.split("\n") if part.strip()]

    blocks.append(Heading(_("Definitions")))
    blocks.append(
        Paragraph(
            _(
                "Started: care-figure searches referred in the plan year that had a care "
                "table. Carried over: such trajectories referred before the plan year and not "
                "ended before it. Ended: of those, ended by the year's last day; ongoing: the "
                "others. The outcomes add up to the ended. The reference cost is %(cost)s for "
                "12 trajectories in one year.",
                cost=said.figure(REFERENCE_TOTAL, "budget"),
            )
        )
    )
    return Document(lang=said.lang, title=title, blocks=blocks)


def _reason(said: ReportWords, reason: str, k: int) -> str:
    _ = said.said.gettext
    if reason == SMALL:
        return _("fewer than %(k)s children", k=k)
    if reason == AMOUNT:
        return _("too few children behind this amount")
    if reason == COMPLEMENT:
        return _("it would let a small count be worked out")
    return reason


def _version(report: YearReport, said: ReportWords) -> str:
    _ = said.said.gettext
    version = report.figures.plan.version
    if version is None:
        return _("The plan has no approved version.")
    return _(
        "The figures use version %(number)s of the action plan, of %(day)s.",
        number=version.number,
        day=said.date(version.recorded),
    )


def _self_scan(report: YearReport, said: ReportWords) -> list[Block]:
    _ = said.said.gettext
    blocks: list[Block] = [Heading(_("The self-scan"))]
    scan = report.self_scan
    if scan is None:
        return [*blocks, Paragraph(_("The plan is linked to no self-scan."))]
    blocks.append(
        Paragraph(
            _(
                "Version %(number)s, held on %(day)s with %(facilitator)s as process facilitator.",
                number=scan.number,
                day=said.date(scan.held_on),
                facilitator=scan.facilitator,
            )
        )
    )
    if scan.summary:
        blocks.append(Paragraph(scan.summary))
    rows = [
        (labels.label("theme", t.theme, said.lang), t.strengths, t.weaknesses) for t in scan.themes
    ]
    blocks.append(Table((_("Theme"), _("Strengths"), _("Weaknesses")), rows))
    return blocks


def _expertise(report: YearReport, said: ReportWords) -> list[Block]:
    _ = said.said.gettext
    rows = [
        (
            a.need,
            labels.label("activity", a.kind, said.lang),
            said.figure(a.planned),
            said.figure(a.done),
            said.figure(a.cost, "budget"),
        )
        for a in report.activities
    ]
    planned = sum(a.planned for a in report.activities)
    done = sum(a.done for a in report.activities)
    rows.append((said("row.total"), "", said.figure(planned), said.figure(done), ""))
    header = (_("Need"), _("Activity"), _("Sessions planned"), _("Sessions held"), _("Cost"))
    return [Heading(_("Expertise built")), Table(header, rows)]


def _definition_of_impact(said: ReportWords) -> str:
    return said.said.gettext(
        "Over the trajectories of the plan year (started or carried over), counting stays in "
        "a residential group or a crisis foster family only. With a care figure: a person "
        "other than a parent held a role. Instead of a short stay: a care figure held a night "
        "role and the child had no such stay in the plan year. Shortened: such a stay ended "
        "in the plan year and a care figure's night role began during it or at most 7 days "
        "after it. This is what the data shows beside a care figure, not proof of what would "
        "have happened without one."
    )
