"""The care-table summary as a PDF: one case on one date, on paper for the care table.

Built from an autoescaped Jinja2 template (`templates/care_table_summary.html`)
and printed by WeasyPrint. Every value reaches the template as plain text and
is escaped there; the ecogram goes in as a base64 `data:` image of the SVG, so
no markup is ever pasted in. WeasyPrint may fetch nothing but `data:` URIs.

`family=True` gives the version for the family: the family ecogram, the roles
and the week, the anchor, the trusted person, the child's perspective at each
care table, the care-plan actions and what falls due; it leaves out candidate
status, assessments and role verdicts, attestations and the findings.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from weasyprint import HTML, URLFetcher  # type: ignore[import-untyped]

from ecogram import labels
from ecogram.ahead import HORIZON_DAYS, ahead_sort_key, check_ahead
from ecogram.deadlines import deadlines
from ecogram.findings import render
from ecogram.i18n import normalize_lang, words
from ecogram.imh_checklist import evaluate_all_roles
from ecogram.models import Case, Person, RoleAssignment
from ecogram.readmodel import EcogramView
from ecogram.rules.anchor import active_anchors
from ecogram.rules.puzzle import NIGHTS as NIGHTS_A_WEEK
from ecogram.rules.puzzle import weekly_puzzle
from ecogram.rules.roles import active_roles, latest_final_assessment
from ecogram.vocabulary import CandidateStatus, PersonKind, Role
from exports.svg import ecogram_svg
from exports.svgtext import age_text, child_name, nights_text

TEMPLATES = Path(__file__).parent / "templates"


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,  # every name is typed by someone; nothing in this template is trusted
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass
class Night:
    name: str
    stays: list[str] = field(default_factory=list)


def weekly_nights(case: Case, at: dt.date, lang: str) -> tuple[list[Night], int]:
    """A typical week's nights and the nights asked for away from the anchor.

    The roles page's puzzle (ecogram.rules.puzzle), put into words for paper.
    """
    said = words(lang)
    puzzle = weekly_puzzle(case, at)
    nights = [Night(name) for name in said.weekdays()]
    for night, planned in zip(nights, puzzle.nights, strict=True):
        for stay in planned.stays:
            what = said.gettext("anchor") if stay.role is None else _role(stay.role.role, lang)
            night.stays.append(f"{stay.person.name} ({what})")
    return nights, puzzle.booked


def _role(role: Role, lang: str) -> str:
    return labels.label("role", role, lang)


def _date(day: dt.date | None, lang: str) -> str:
    return words(lang).date(day) if day is not None else ""


def _is_candidate(person: Person) -> bool:
    status = CandidateStatus(person.candidate or CandidateStatus.NONE)
    return PersonKind(person.kind) is not PersonKind.CHILD and (
        status is not CandidateStatus.NONE or bool(person.assessments) or bool(person.roles)
    )


def _verdict(knockouts: list[str], below: list[str], lang: str) -> dict[str, str]:
    said = words(lang)
    if knockouts:
        return {"text": said.gettext("no: %(items)s", items=", ".join(knockouts)), "css": "blocked"}
    if below:
        return {"text": said.gettext("yes, mind: %(items)s", items=", ".join(below)), "css": "mind"}
    return {"text": said.gettext("yes"), "css": "qualifies"}


def _candidates(case: Case, at: dt.date, lang: str) -> list[dict[str, Any]]:
    said = words(lang)
    rows = []
    for person in filter(_is_candidate, case.persons):
        assessment = latest_final_assessment(person, at)
        verdicts = []
        if assessment is not None:
            for verdict in evaluate_all_roles(assessment.ratings):
                knockouts = [labels.label("item", v.item, lang) for v in verdict.knockouts]
                below = [labels.label("item", v.item, lang) for v in verdict.below_minimum]
                verdicts.append(_verdict(knockouts, below, lang))
        rows.append(
            {
                "name": person.name,
                "status": labels.label("candidate", person.candidate, lang),
                "assessed": said.gettext(
                    "%(date)s, by %(assessor)s",
                    date=_date(assessment.date, lang),
                    assessor=assessment.assessor or "?",
                )
                if assessment is not None
                else said.gettext("no final assessment yet"),
                "verdicts": verdicts,
            }
        )
    return rows


def _roles(case: Case, at: dt.date, lang: str) -> list[dict[str, str]]:
    # Paper says periods as people do: the last day, not the stored first day without it.
    return [
        {
            "name": person.name,
            "role": _role(role.role, lang),
            "start": _date(role.start, lang),
            "end": _date(role.end and role.end - dt.timedelta(days=1), lang)
            or words(lang).gettext("open"),
            "nights": nights_text(role.nights_per_week, lang) if role.nights_per_week else "–",
            "attestation": _attestation(role, lang),
        }
        for person, role in active_roles(case, at)
    ]


def _attestation(role: RoleAssignment, lang: str) -> str:
    if role.attestation_status is None:
        return "–"
    text = labels.label("attestation", role.attestation_status, lang)
    return f"{text} ({_date(role.attestation_date, lang)})" if role.attestation_date else text


def _anchor(case: Case, at: dt.date, lang: str) -> str:
    said = words(lang)
    periods = active_anchors(case, at)
    if not periods:
        return said.gettext("no anchor")
    if len(periods) > 1:
        names = said.join(p.person.name for p in periods)
        return said.gettext("more than one anchor: %(names)s", names=names)
    since = said.gettext("since %(date)s", date=_date(periods[0].start, lang))
    return f"{periods[0].person.name}, {since}"


def _deadlines(case: Case, at: dt.date, lang: str) -> list[dict[str, str]]:
    if case.trajectory is None:
        return []
    return [
        {
            "what": labels.label("deadline", d.kind, lang),
            "due": _date(d.due, lang),
            "overdue": words(lang).gettext("overdue") if d.days_left(at) < 0 else "",
        }
        for d in deadlines(case.trajectory, at)
    ]


def _care_tables(case: Case, at: dt.date, lang: str) -> list[dict[str, Any]]:
    """Each care table so far, newest first: the child's perspective and what it decided."""
    trajectory = case.trajectory
    if trajectory is None:
        return []
    held = sorted((t for t in trajectory.care_tables if t.date <= at), key=lambda t: t.date)
    return [
        {
            "date": _date(table.date, lang),
            "perspective": table.child_perspective,
            "decisions": [a.what for a in trajectory.actions if a.care_table is table],
        }
        for table in reversed(held)
    ]


def _findings(case: Case, at: dt.date, lang: str) -> list[dict[str, str]]:
    """Today's findings, then the upcoming ones with the day they start."""
    said = words(lang)
    found = check_ahead(case, at, HORIZON_DAYS)
    listed = []
    for dated in [d for d in found if d.on == at] + sorted(
        (d for d in found if d.on > at), key=ahead_sort_key
    ):
        finding = dated.finding
        when = "" if dated.on == at else said.gettext("from %(date)s", date=_date(dated.on, lang))
        listed.append(
            {
                "severity": finding.severity.value,
                "label": labels.label("severity", finding.severity, lang),
                "when": when,
                "text": render(finding, lang),
            }
        )
    return listed


def summary_context(
    case: Case, at: dt.date, *, lang: str, family: bool, view: EcogramView | None = None
) -> dict[str, Any]:
    """Everything the template shows, as plain strings (escaped by the template).

    `view` is the case's read model on `at` when the caller has it: its layout is then
    not computed again.
    """
    said = words(lang)
    placed = view.layout if view is not None else None
    svg = ecogram_svg(case, at, family=family, lang=lang, placed=placed)
    nights, booked = weekly_nights(case, at, lang)
    trajectory = case.trajectory
    return {
        "lang": lang,
        "_": said.gettext,
        "family": family,
        "title": said.gettext("Summary for the family")
        if family
        else said.gettext("Care-table summary"),
        "child": child_name(case, lang),
        "age": age_text(case, at, lang),
        "case_ref": case.ref,
        "on": _date(at, lang),
        "ecogram_uri": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
        "anchor": _anchor(case, at, lang),
        "trusted": case.trusted_person.name if case.trusted_person else said.gettext("nobody yet"),
        "candidates": [] if family else _candidates(case, at, lang),
        "roles": _roles(case, at, lang),
        "role_names": [_role(role, lang) for role in Role],
        "nights": nights,
        "overbooked": said.gettext(
            "Overbooked: the roles ask for %(num)d nights a week.", num=booked
        )
        if booked > NIGHTS_A_WEEK
        else "",
        "findings": [] if family else _findings(case, at, lang),
        "care_tables": _care_tables(case, at, lang),
        "has_trajectory": trajectory is not None,
        "actions": [
            {
                "what": action.what,
                "who": action.who,
                "due": _date(action.due, lang),
                "done": said.gettext("yes") if action.done else said.gettext("no"),
            }
            for action in (trajectory.actions if trajectory is not None else [])
        ],
        "deadlines": _deadlines(case, at, lang),
    }


def data_only_fetcher() -> Any:
    """WeasyPrint's fetcher, allowed `data:` URIs only: the inline ecogram loads, and a
    file:, http: or any other URL fails the whole print rather than leaking or calling out."""
    return URLFetcher(allowed_protocols=("data",), fail_on_errors=True)


def care_table_html(
    case: Case,
    at: dt.date,
    *,
    lang: str = "nl",
    family: bool = False,
    view: EcogramView | None = None,
) -> str:
    """The summary as HTML (what the PDF is printed from); handy for tests and previews."""
    lang = normalize_lang(lang)
    context = summary_context(case, at, lang=lang, family=family, view=view)
    return _env.get_template("care_table_summary.html").render(context)


def care_table_pdf(
    case: Case,
    at: dt.date,
    *,
    lang: str = "nl",
    family: bool = False,
    view: EcogramView | None = None,
) -> bytes:
    """The care-table summary of `case` on `at` as a PDF (A4)."""
    html = care_table_html(case, at, lang=lang, family=family, view=view)
    # Tagged PDF/UA-1: the template's <title> and lang reach the PDF for screen readers.
    pdf: bytes = HTML(string=html, url_fetcher=data_only_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1"
    )
    return pdf
