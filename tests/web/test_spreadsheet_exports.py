"""The dashboard's CSV and XLSX, read back: a region name a coordinator typed stays text.

Region names are the one free text of the network report. The network coordinator
sets them on the network page; here they are formulas and formula starts.
"""

from __future__ import annotations

import csv
import io

import openpyxl
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram.db import session_scope
from ecogram.models import Network
from ecogram.vocabulary import NetworkSlug
from tests.web.test_dashboard import dashboard  # noqa: F401  (the fixture)

HOSTILE = ['=HYPERLINK("http://example.invalid","open")', "+1+1", "-2+3", "@SUM(A1:A9)"]
FORMULA_STARTS = ("=", "+", "-", "@")


def limburg_id(app: Flask) -> int:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        found = session.scalar(select(Network.id).where(Network.slug == NetworkSlug.LIMBURG))
    assert found is not None
    return found


def name_regions(app: Flask, client: FlaskClient) -> None:
    for name in HOSTILE:
        answer = client.post(f"/networks/{limburg_id(app)}/regions", data={"name": name})
        assert answer.status_code == 302, answer.get_data(as_text=True)


def test_region_names_typed_as_formulas_come_back_as_text_from_the_dashboards_xlsx(
    app: Flask,
    dashboard: FlaskClient,  # noqa: F811
) -> None:
    name_regions(app, dashboard)

    data = dashboard.get("/dashboard/export.xlsx").get_data()

    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [t for t in texts if t.startswith(FORMULA_STARTS)]
    names = [row[0].value for row in book["By region"].iter_rows(min_row=2)]
    assert {"'" + name for name in HOSTILE} <= set(names)


def test_region_names_typed_as_formulas_come_back_as_text_from_the_dashboards_csv(
    app: Flask,
    dashboard: FlaskClient,  # noqa: F811
) -> None:
    name_regions(app, dashboard)

    text = dashboard.get("/dashboard/export.csv").get_data(as_text=True)

    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    for name in HOSTILE:
        assert f"by_region.{name}.referrals" in cells  # text: it starts with a letter
