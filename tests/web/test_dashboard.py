"""The network dashboard: the report of the coordinator's own network, and never a name."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
from typing import Any

import docx
import openpyxl
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram import storage
from ecogram.accounts import AuditEvent
from ecogram.action_plans import PlanChange, update_action_plan
from ecogram.db import session_scope
from ecogram.models import Network, Person, Region, RoleAssignment
from ecogram.report import network_report
from ecogram.vocabulary import NETWORK_NAMES, NetworkSlug, Outcome, PersonKind, Role, RoleEndReason
from tests.factories import make_anchor, make_case, make_person, make_role, make_trajectory
from tests.plans import approved_plan
from tests.web.conftest import World, login

TODAY = dt.date(2026, 11, 23)
APPROVED = dt.date(2026, 3, 23)
PLAN_YEAR = (APPROVED, dt.date(2027, 3, 22))
#: Names and references that must never reach the dashboard (all fictional).
SECRET_NAMES = ["Zazie Wonderkind", "Oma Kwibus", "Mama Tralala", "Baby Noor", "Oma Jet"]
SECRET_REFS = ["ref-zebra-1", "ref-zebra-2", "ref-zebra-3", "c1", "c2"]
EXPORTS = ("/dashboard/export.csv", "/dashboard/export.xlsx", "/dashboard/export.pdf")


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def add_case(
    app: Flask, ref: str, referred: dt.date, *, region: str = "Genk", **fields: Any
) -> None:
    """A Limburg case with named people, a role and a non-parent anchor."""
    with session_scope(app.extensions["ecogram.engine"]) as session:
        case = make_case(ref=ref, opened=referred)
        case.persons[0].name = "Zazie Wonderkind"
        mother = make_person(case, name="Mama Tralala", kind=PersonKind.PARENT)
        oma = make_person(case, name="Oma Kwibus", kind=PersonKind.GRANDPARENT)
        make_role(oma, Role.RESPITE, start=referred + dt.timedelta(days=7))
        make_anchor(case, mother, start=referred, end=referred + dt.timedelta(days=7))
        make_anchor(case, oma, start=referred + dt.timedelta(days=7))
        make_trajectory(case, referred=referred, **fields)
        assert case.trajectory is not None
        case.trajectory.network = Network(slug=NetworkSlug.LIMBURG, name="Limburg")
        case.trajectory.region = Region(name=region)
        storage.save_case(session, case)


def approve_plan(app: Flask, approved: dt.date = APPROVED) -> None:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        network = session.scalar(select(Network).where(Network.slug == NetworkSlug.LIMBURG))
        assert network is not None
        approved_plan(session, network, approved)


def limburg_id(app: Flask) -> int:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        found = session.scalar(select(Network.id).where(Network.slug == NetworkSlug.LIMBURG))
        assert found is not None
        return found


def xlsx_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )


def report(app: Flask, start: dt.date, end: dt.date) -> dict[str, Any]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        figures = network_report(session, NetworkSlug.LIMBURG, start, end)
    round_trip: dict[str, Any] = json.loads(json.dumps(figures.as_json()))
    return round_trip


@pytest.fixture
def dashboard(app: Flask, client: FlaskClient, world: World) -> FlaskClient:
    """Limburg with an approved plan and three named cases; signed in as its coordinator."""
    app.config["FROZEN_TODAY"] = TODAY
    approve_plan(app)
    table = [d("2026-04-02")]
    budget = [(d("2026-04-05"), "guidance", "1500")]
    add_case(app, "ref-zebra-1", d("2026-04-01"), budget=budget, care_tables=table)
    add_case(app, "ref-zebra-2", d("2026-06-15"), region="Hasselt", care_tables=table)
    add_case(
        app,
        "ref-zebra-3",
        d("2026-09-01"),
        stays=[("hospital", d("2026-09-01"), d("2026-09-10"))],
        ended=d("2026-11-01"),
        outcome=Outcome.CARE_FIGURE,
        care_tables=[d("2026-09-02")],
    )
    login(client, "network_coordinator")
    assert client.post("/language", data={"lang": "en"}).status_code == 302
    return client


# --- the figures -----------------------------------------------------------------------


def test_the_coordinator_sees_the_report_of_the_plan_year(
    app: Flask, dashboard: FlaskClient
) -> None:
    data = dashboard.get("/dashboard/data.json").get_json()
    assert data["period"] == {"from": "2026-03-23", "to": "2027-03-22", "plan_year": True}
    assert data["report"] == report(app, *PLAN_YEAR)
    assert data["report"]["started"] == 3 and data["report"]["plan"]["committed"] == 12
    cumulative = [m["cumulative"] for m in data["months"]]
    # The line stops at this month (November 2026): the months to come have no count yet.
    assert cumulative[8] == data["report"]["started"] and cumulative[9:] == [None] * 4
    assert [m["month"] for m in data["months"]][:2] == ["2026-03", "2026-04"]
    assert len(data["months"]) == 13  # March 2026 to March 2027, both touched
    assert data["network"] == NETWORK_NAMES[NetworkSlug.LIMBURG]


def test_the_page_shows_the_same_figures_in_its_tables(dashboard: FlaskClient) -> None:
    page = dashboard.get("/dashboard").get_data(as_text=True)
    assert '<tr data-key="referrals"><th scope="row">Referrals</th><td>3</td></tr>' in page
    assert '<tr data-key="respite"><th scope="row">respite</th><td>3</td></tr>' in page
    assert (
        '<tr data-key="non_parent_anchors"><th scope="row">Non-parent anchors</th><td>3</td>'
        in page
    )
    for name in (
        "started",
        "funnel",
        "roles",
        "outcomes",
        "stays",
        "budget",
        "cost",
        "region",
        "quarter",
    ):
        assert f'<canvas id="chart-{name}" data-chart="{name}" role="img"' in page
    assert "/static/vendor/chartjs/chart.umd.min.js" in page and "/static/js/dashboard.js" in page
    assert "<script>" not in page and "style=" not in page


def test_the_chart_labels_come_in_their_meaningful_order(dashboard: FlaskClient) -> None:
    # JSON objects come back sorted by key, so the order travels as [key, label] pairs.
    labels = dashboard.get("/dashboard/data.json").get_json()["labels"]
    assert [key for key, _ in labels["funnel"]] == [
        "referrals",
        "care_tables",
        "budget_deployments",
        "regular_starts",
        "started",
    ]
    assert [key for key, _ in labels["roles"]] == [role.value for role in Role]
    assert labels["funnel"][0] == ["referrals", "Referrals"]


def test_a_chosen_period_gives_the_report_of_that_period(
    app: Flask, dashboard: FlaskClient
) -> None:
    data = dashboard.get("/dashboard/data.json?from=2026-06-01&to=2026-08-31").get_json()
    assert data["period"] == {"from": "2026-06-01", "to": "2026-08-31", "plan_year": False}
    assert data["report"] == report(app, d("2026-06-01"), d("2026-08-31"))
    assert data["report"]["referrals"] == 1
    assert [m["month"] for m in data["months"]] == ["2026-06", "2026-07", "2026-08"]
    page = dashboard.get("/dashboard?from=2026-06-01&to=2026-08-31").get_data(as_text=True)
    assert 'value="2026-06-01"' in page and "from=2026-06-01" in page


def test_only_one_end_chosen_keeps_the_plan_years_other_end(dashboard: FlaskClient) -> None:
    data = dashboard.get("/dashboard/data.json?from=2026-06-01").get_json()
    assert data["period"]["from"] == "2026-06-01" and data["period"]["to"] == "2027-03-22"


def test_without_an_approved_plan_the_period_is_the_last_12_months(
    app: Flask, client: FlaskClient, world: World
) -> None:
    app.config["FROZEN_TODAY"] = TODAY
    with session_scope(app.extensions["ecogram.engine"]) as session:
        network = session.scalar(select(Network).where(Network.slug == NetworkSlug.LIMBURG))
        assert network is not None
        update_action_plan(session, network, PlanChange(12, {}, None), TODAY)  # a draft
    login(client, "network_coordinator")
    data = client.get("/dashboard/data.json").get_json()
    assert data["period"] == {"from": "2025-11-24", "to": "2026-11-23", "plan_year": False}
    assert data["report"]["plan"]["period"] is None
    assert {m["pace"] for m in data["months"]} != {None}  # a commitment exists, so a pace


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2026-13-01", "From"),
        ("from=23-11-2026", "From"),
        ("from=20260101", "From"),
        ("to=2026-02-30", "To"),
        ("to=1999-12-31&from=1999-01-01", "From"),
        ("from=2026-06-01&to=2026-05-31", "To"),
        ("from=2000-01-01&to=2026-01-01", "To"),
        ("from=%3Cscript%3E", "From"),
    ],
)
def test_a_bad_date_gets_400_with_a_message_naming_the_field(
    dashboard: FlaskClient, query: str, field: str
) -> None:
    page = dashboard.get(f"/dashboard?{query}")
    assert page.status_code == 400
    assert f"{field}: " in page.get_data(as_text=True)
    assert "<script>" not in page.get_data(as_text=True)
    data = dashboard.get(f"/dashboard/data.json?{query}")
    assert data.status_code == 400 and data.get_json()["message"].startswith(f"{field}: ")
    for url in EXPORTS:
        assert dashboard.get(f"{url}?{query}").status_code == 400


# --- who sees it -----------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["worker", "colleague", "outsider", "coordinator", "admin"])
def test_everyone_but_a_network_coordinator_gets_404(
    client: FlaskClient, world: World, persona: str
) -> None:
    login(client, persona)
    for url in ("/dashboard", "/dashboard/data.json", *EXPORTS):
        assert client.get(url).status_code == 404, url


def test_the_dashboard_counts_only_the_coordinators_own_network(
    app: Flask, dashboard: FlaskClient, world: World
) -> None:
    # c2 is in Antwerpen and referred in the plan year; c1 (Limburg) on 2026-01-05, before it.
    data = dashboard.get("/dashboard/data.json?from=2026-01-01&to=2026-12-31").get_json()
    assert data["report"]["referrals"] == 4
    assert set(data["report"]["by_region"]) == {"Genk", "Hasselt"}


# --- never a name ----------------------------------------------------------------------


def test_no_name_or_case_reference_appears_in_the_page_the_json_or_the_export(
    dashboard: FlaskClient,
) -> None:
    texts = [
        dashboard.get("/dashboard").get_data(as_text=True),
        dashboard.get("/dashboard?from=2026-01-01&to=2026-12-31").get_data(as_text=True),
        json.dumps(dashboard.get("/dashboard/data.json").get_json(), ensure_ascii=False),
        dashboard.get("/dashboard/export.csv").get_data(as_text=True),
        xlsx_text(dashboard.get(EXPORTS[1]).get_data()),
    ]
    for text in texts:
        for secret in SECRET_NAMES:
            assert secret not in text
        for ref in SECRET_REFS:
            assert f'"{ref}"' not in text and f">{ref}<" not in text and f",{ref}" not in text


# --- the export for outside the network ------------------------------------------------


def test_the_export_always_hides_counts_below_5_and_is_audited(
    app: Flask, dashboard: FlaskClient
) -> None:
    response = dashboard.get("/dashboard/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    header, *lines = csv.reader(io.StringIO(response.get_data(as_text=True)))
    assert header == ["Measure", "Value", "Key"]  # the coordinator chose English
    rows = {key: value for _label, value, key in lines}
    # Three referrals: on screen they show, outside the network they do not.
    assert dashboard.get("/dashboard/data.json").get_json()["report"]["referrals"] == 3
    assert rows["referrals"] == ""
    assert rows["started"] == "" and rows["roles.respite"] == ""
    assert rows["reference_cost_per_trajectory"] == "2167.0"
    assert any(key.startswith("suppression") for key in rows)
    with session_scope(app.extensions["ecogram.engine"]) as session:
        audited = [(e.case_id, e.action) for e in session.scalars(select(AuditEvent))]
    assert (None, "export_network_report_csv:limburg") in audited


def test_the_export_speaks_the_coordinators_language(dashboard: FlaskClient) -> None:
    assert dashboard.post("/language", data={"lang": "nl"}).status_code == 302
    header = next(csv.reader(io.StringIO(dashboard.get("/dashboard/export.csv").get_data(True))))
    assert header == ["Meting", "Waarde", "Sleutel"]
    book = openpyxl.load_workbook(io.BytesIO(dashboard.get("/dashboard/export.xlsx").get_data()))
    assert book.sheetnames[0] == "Overzicht"


def test_the_xlsx_and_pdf_exports_are_suppressed_too_and_audited(
    app: Flask, dashboard: FlaskClient
) -> None:
    xlsx = dashboard.get("/dashboard/export.xlsx?from=2026-01-01&to=2026-12-31")
    assert xlsx.status_code == 200 and (xlsx.mimetype or "").endswith("spreadsheetml.sheet")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.get_data()))
    rows = book["Summary"].iter_rows(min_row=2, values_only=True)
    summary = {key: value for _label, value, key in rows}
    assert summary["referrals"] is None and summary["started"] is None
    pdf = dashboard.get("/dashboard/export.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.get_data().startswith(b"%PDF")
    with session_scope(app.extensions["ecogram.engine"]) as session:
        audited = {e.action for e in session.scalars(select(AuditEvent))}
    assert {"export_network_report_xlsx:limburg", "export_network_report_pdf:limburg"} <= audited


# --- one plan year, written the same way everywhere -------------------------------------


def test_the_dashboard_and_every_export_state_the_same_plan_year(
    app: Flask, dashboard: FlaskClient
) -> None:
    page = " ".join(dashboard.get("/dashboard").get_data(as_text=True).split())
    assert "The plan year runs from 23 March 2026 up to and including 22 March 2027." in page
    rows = list(
        csv.reader(io.StringIO(dashboard.get("/dashboard/export.csv").get_data(as_text=True)))
    )
    by_key = {row[2]: row[1] for row in rows[1:]}
    assert (by_key["plan.period.from"], by_key["plan.period.to"]) == ("2026-03-23", "2027-03-22")
    assert (by_key["from"], by_key["to"]) == ("2026-03-23", "2027-03-22")
    book = openpyxl.load_workbook(io.BytesIO(dashboard.get("/dashboard/export.xlsx").get_data()))
    plan = {
        key: value for _label, value, key in book["Plan"].iter_rows(min_row=2, values_only=True)
    }
    assert plan["plan.period.to"] == "2027-03-22"
    pdf = subprocess.run(
        ["pdftotext", "-", "-"],
        input=dashboard.get("/dashboard/export.pdf").get_data(),
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    assert "23 March 2026 up to and including 22 March 2027" in " ".join(pdf.split())
    year = dashboard.get(f"/networks/{limburg_id(app)}/year-report.docx")
    title = docx.Document(io.BytesIO(year.get_data())).core_properties.title
    assert "23 March 2026 up to and including 22 March 2027" in title


# --- how roles ended --------------------------------------------------------------------


def end_roles(app: Flask, reasons: list[RoleEndReason | None]) -> None:
    """End Oma Kwibus's respite role in the named cases, one per reason, on 1 October 2026."""
    with session_scope(app.extensions["ecogram.engine"]) as session:
        roles = session.scalars(
            select(RoleAssignment)
            .join(Person, RoleAssignment.person_id == Person.id)
            .where(Person.name == "Oma Kwibus")
            .order_by(RoleAssignment.id)
        ).all()
        for assignment, reason in zip(roles, reasons, strict=True):
            assignment.end, assignment.end_reason = dt.date(2026, 10, 1), reason


def test_the_breakdowns_count_roles_ended_without_a_reason_apart_as_not_recorded(
    app: Flask, dashboard: FlaskClient
) -> None:
    end_roles(app, [RoleEndReason.CARE_FIGURE_STOPPED, None, RoleEndReason.AS_PLANNED])
    data = dashboard.get("/dashboard/data.json").get_json()
    respite = data["role_endings"]["by_role"]["respite"]
    assert respite == {
        "as_planned": 1,
        "needs_changed": 0,
        "care_figure_stopped": 1,
        "parents_stopped": 0,
        "safety_concern": 0,
        "not_recorded": 1,
    }
    assert data["unplanned"]["respite"] == 1  # neither "as planned" nor "not recorded"
    assert data["role_endings"]["unplanned_by_quarter"]["2026-Q4"]["respite"] == 1
    dashboard.post("/language", data={"lang": "nl"})
    page = dashboard.get("/dashboard").get_data(as_text=True)
    assert 'data-reason="not_recorded">1<' in page and "Niet genoteerd" in page
