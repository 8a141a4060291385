"""The end-of-year report: the coordinator's proposal, and the report as PDF and DOCX.

The report leaves the network, so its figures are suppressed, and each hidden one
says why; the committed and realised counts are read back from both files.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram.db import session_scope
from ecogram.models import Network
from ecogram.vocabulary import NetworkSlug, Outcome
from tests.plans import approved_plan
from tests.web.conftest import World, login
from tests.web.rendered import parse
from tests.web.test_dashboard import add_case

TODAY = dt.date(2026, 11, 23)
APPROVED = dt.date(2026, 3, 23)


def limburg_id(app: Flask) -> int:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        found = session.scalar(select(Network.id).where(Network.slug == NetworkSlug.LIMBURG))
        assert found is not None
        return found


@pytest.fixture
def url(app: Flask, client: FlaskClient, world: World) -> str:
    """Limburg's approved plan (12 committed); 6 trajectories started in its year, and 6
    carried over into it (the world's case and 5 more) of which 5 ended: 4 at home, 1 with
    a care figure."""
    app.config["FROZEN_TODAY"] = TODAY
    with session_scope(app.extensions["ecogram.engine"]) as session:
        network = session.scalar(select(Network).where(Network.slug == NetworkSlug.LIMBURG))
        assert network is not None
        approved_plan(session, network, APPROVED, committed=12)
    for n in range(6):
        referred = dt.date(2026, 4, 3 + n)
        add_case(app, f"ref-year-{n}", referred, care_tables=[referred + dt.timedelta(days=1)])
    for n, outcome in enumerate([Outcome.HOME] * 4 + [Outcome.CARE_FIGURE]):
        add_case(
            app,
            f"ref-year-old-{n}",
            dt.date(2026, 2, 1 + n),
            care_tables=[dt.date(2026, 2, 2 + n)],
            ended=dt.date(2026, 5, 1 + n),
            outcome=outcome,
        )
    login(client, "network_coordinator")
    return f"/networks/{limburg_id(app)}/year-report"


def pdf_text(data: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def docx_rows(data: bytes) -> dict[str, list[str]]:
    """Every table row of the DOCX by its first cell."""
    document = docx.Document(io.BytesIO(data))
    return {
        row.cells[0].text: [cell.text for cell in row.cells[1:]]
        for table in document.tables
        for row in table.rows
    }


def test_the_pdf_states_committed_and_realised_in_dutch_and_says_why_figures_are_hidden(
    client: FlaskClient, url: str
) -> None:
    response = client.get(f"{url}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert "Jaarrapport: Limburg, planjaar 23 maart 2026 tot en met 22 maart 2027" in " ".join(
        text.split()
    )
    lines = {" ".join(line.split()) for line in text.splitlines()}
    assert "Toegezegd in het plan van aanpak 12" in lines
    assert "Gestart 6" in lines
    assert "Overgedragen van vóór de periode 6" in lines
    assert "Afgerond in de periode 5" in lines
    # 4 at home and 1 with a care figure: too few to show, and the report says why.
    assert "thuis verborgen: minder dan 5 kinderen" in lines
    assert "bij een zorgfiguur verborgen: minder dan 5 kinderen" in lines


def test_the_docx_reads_back_the_same_figures(client: FlaskClient, url: str) -> None:
    response = client.get(f"{url}.docx")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    rows = docx_rows(response.data)
    assert rows["Toegezegd in het plan van aanpak"] == ["12"]
    assert rows["Gestart"] == ["6"]
    assert rows["Afgerond in de periode"] == ["5"]
    assert rows["thuis"] == ["verborgen: minder dan 5 kinderen"]
    document = docx.Document(io.BytesIO(response.data))
    assert document.core_properties.language == "nl"
    assert "22 maart 2027" in document.core_properties.title


def test_the_coordinator_writes_the_proposal_and_the_report_prints_it(
    app: Flask, client: FlaskClient, url: str
) -> None:
    page = parse(f"https://localhost{url}", client.get(url).get_data(as_text=True))
    form = next(f for f in page.forms if f.id == "proposal-form")
    proposal = "Reconversie van kortverblijf naar contextbegeleiding <script>x</script>"
    data = dict(form.data()) | {"sustainability": proposal}
    assert client.post(form.action, data=data).status_code == 302
    rows = [p.text for p in docx.Document(io.BytesIO(client.get(f"{url}.docx").data)).paragraphs]
    assert proposal in rows
    assert proposal in " ".join(pdf_text(client.get(f"{url}.pdf").data).split())
    stale = client.post(form.action, data=data | {"sustainability": "Anders"})
    assert stale.status_code == 409


def test_there_is_no_report_before_the_plan_is_approved(
    app: Flask, client: FlaskClient, world: World
) -> None:
    app.config["FROZEN_TODAY"] = TODAY
    login(client, "network_coordinator")
    url = f"/networks/{limburg_id(app)}/year-report"
    assert 'id="no-report"' in client.get(url).get_data(as_text=True)
    response = client.get(f"{url}.pdf")
    assert response.status_code == 400


def test_other_networks_and_roles_get_404(app: Flask, client: FlaskClient, url: str) -> None:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        antwerpen = session.scalar(select(Network.id).where(Network.slug == NetworkSlug.ANTWERPEN))
    assert client.get(f"/networks/{antwerpen}/year-report.pdf").status_code == 404
    client.post("/logout")
    login(client, "coordinator")
    assert client.get(f"{url}.docx").status_code == 404
