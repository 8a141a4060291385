"""Candidate assessment: the 13 items, drafts and finals, and what they mean for each role."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from ecogram.imh_checklist import Item
from ecogram.vocabulary import CandidateStatus
from tests.web.conftest import World, add_relative, login, person_id, stored_case

TODAY = dt.date.today()


def assessments_of(app: Flask, pid: int) -> list[tuple[dt.date, bool, str, dict[str, str]]]:
    with stored_case(app) as case:
        person = next(p for p in case.persons if p.id == pid)
        return [
            (
                a.date,
                a.final,
                a.assessor,
                {e.item.value: (e.rating.value if e.rating else "") for e in a.entries},
            )
            for a in person.assessments
        ]


def form_data(
    rating: str = "S", *, final: bool = True, day: dt.date = TODAY, **overrides: str
) -> dict[str, str]:
    data = {f"rating-{item.value}": rating for item in Item}
    data |= {f"note-{item.value}": "" for item in Item}
    data |= {"date": day.isoformat(), "assessor": "Assessor B"}
    if final:
        data["final"] = "y"
    data.update(overrides)
    return data


def url(world: World, pid: int) -> str:
    return f"/cases/{world.case_id}/persons/{pid}/assessment"


def verdict_classes(page: str) -> dict[str, str]:
    return dict(re.findall(r'<li data-role="(\w+)" class="(qualifies|blocked)">', page))


@pytest.mark.parametrize("persona", ["worker", "colleague"])
def test_the_candidates_page_lists_candidates_but_not_the_child_or_parents(
    app: Flask, client: FlaskClient, world: World, persona: str
) -> None:
    login(client, persona)
    response = client.get(f"/cases/{world.case_id}/assessments")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    jet = person_id(app, "Oma Jet")
    assert f'data-person-id="{jet}"' in page
    assert url(world, jet) in page
    assert f'data-person-id="{person_id(app, "Sara")}"' not in page
    assert f'data-person-id="{person_id(app, "Baby Noor")}"' not in page


@pytest.mark.parametrize("persona", ["worker", "colleague"])
def test_the_assessment_form_shows_the_13_items_grouped_by_domain(
    app: Flask, client: FlaskClient, world: World, persona: str
) -> None:
    login(client, persona)
    client.post("/language", data={"lang": "en"})
    response = client.get(url(world, person_id(app, "Oma Jet")))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<form id="assessment"' in page
    for item in Item:
        assert f'name="rating-{item.value}"' in page
        assert f'name="note-{item.value}"' in page
    assert page.count('<fieldset class="domain">') == 5
    assert "Comforts distress" in page
    assert 'name="date"' in page and 'name="final"' in page and 'name="assessor"' in page


def test_the_form_defaults_to_today_and_the_current_user(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "colleague")
    page = client.get(url(world, person_id(app, "Oma Jet"))).get_data(as_text=True)
    assert f'value="{TODAY.isoformat()}"' in page
    assert re.search(
        r'name="assessor"[^>]*value="colleague"|value="colleague"[^>]*name="assessor"', page
    )


def test_the_form_is_prefilled_from_the_latest_assessment_even_a_draft(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "colleague")
    jet = person_id(app, "Oma Jet")
    page = client.get(url(world, jet)).get_data(as_text=True)
    assert "Troost Noor snel." in page
    draft = form_data("A", final=False, **{"note-protection": "Kent het veiligheidsplan."})
    client.post(url(world, jet), data=draft)
    page = client.get(url(world, jet)).get_data(as_text=True)
    assert "Kent het veiligheidsplan." in page
    assert re.search(r'<option selected value="A">|<option value="A" selected>', page)


def test_saving_a_draft_adds_an_assessment_and_keeps_the_earlier_one(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "colleague")
    jet = person_id(app, "Oma Jet")
    response = client.post(url(world, jet), data=form_data("A", final=False))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(url(world, jet))
    stored = assessments_of(app, jet)
    assert len(stored) == 2
    assert stored[0][0] == dt.date(2026, 1, 20)  # the earlier final is untouched
    assert stored[1][:3] == (TODAY, False, "Assessor B")
    assert set(stored[1][3].values()) == {"A"} and len(stored[1][3]) == 13


def test_a_draft_does_not_change_the_role_verdicts(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "colleague")
    jet = person_id(app, "Oma Jet")
    before = verdict_classes(client.get(url(world, jet)).get_data(as_text=True))
    client.post(url(world, jet), data=form_data("S", final=False))
    after = verdict_classes(client.get(url(world, jet)).get_data(as_text=True))
    assert before == after
    assert after["respite"] == "blocked"


def test_a_final_assessment_with_all_strengths_qualifies_for_every_role(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "colleague")
    jet = person_id(app, "Oma Jet")
    response = client.post(url(world, jet), data=form_data("S"), follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    verdicts = verdict_classes(page)
    assert len(verdicts) == 6
    assert set(verdicts.values()) == {"qualifies"}
    assert 'id="anchor-verdict" class="qualifies"' in page


def test_a_concern_on_protection_blocks_every_role_and_is_named(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "colleague")
    client.post("/language", data={"lang": "en"})
    jet = person_id(app, "Oma Jet")
    data = form_data("S", **{"rating-protection": "C"})
    page = client.post(url(world, jet), data=data, follow_redirects=True).get_data(as_text=True)
    assert set(verdict_classes(page).values()) == {"blocked"}
    for role_item in re.findall(r'class="blocked">(.*?)</li>', page, flags=re.S):
        assert "protection" in role_item.lower()
    assert 'id="anchor-verdict" class="blocked"' in page


def test_a_below_minimum_item_is_a_warning_not_a_block(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "colleague")
    jet = person_id(app, "Oma Jet")
    # own_network is optional for a buddy, a plain minimum for respite and a knock-out above.
    data = form_data("S", **{"rating-own_network": "C"})
    page = client.post(url(world, jet), data=data, follow_redirects=True).get_data(as_text=True)
    verdicts = verdict_classes(page)
    assert verdicts["respite"] == "qualifies"
    assert verdicts["full_time_stay"] == "blocked"
    assert 'class="warnings"' in page


def test_the_first_assessment_moves_a_candidate_to_assessing(
    app: Flask, client: FlaskClient, world: World
) -> None:
    mia = add_relative(app)
    login(client, "colleague")
    client.post(url(world, mia), data=form_data("U", final=False))
    with stored_case(app) as case:
        assert next(p for p in case.persons if p.id == mia).candidate is CandidateStatus.ASSESSING


BAD_INPUTS = [
    ("rating-protection", "X"),
    ("rating-sensitivity", ""),
    ("date", "2026-13-01"),
    ("date", "not a date"),
    ("date", ""),
    ("date", "0026-01-01"),
    ("note-safe_haven", "x" * 5001),
    ("note-safe_haven", "bad\x00byte"),
    ("assessor", ""),
    ("assessor", "Assessor\x1bB"),
]


@pytest.mark.parametrize(("field", "value"), BAD_INPUTS)
def test_bad_input_is_refused_with_400_naming_the_field_and_nothing_is_stored(
    app: Flask, client: FlaskClient, world: World, field: str, value: str
) -> None:
    login(client, "colleague")
    client.post("/language", data={"lang": "en"})
    jet = person_id(app, "Oma Jet")
    response = client.post(url(world, jet), data=form_data("S", **{field: value}))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="error-summary"' in page
    assert f'id="{field}-error"' in page
    assert '<form id="assessment"' in page
    assert len(assessments_of(app, jet)) == 1


def test_a_note_with_line_breaks_is_fine(app: Flask, client: FlaskClient, world: World) -> None:
    login(client, "colleague")
    jet = person_id(app, "Oma Jet")
    note = "Eerste gesprek.\r\nTweede gesprek:\tgoed."
    response = client.post(url(world, jet), data=form_data("S", **{"note-commitment": note}))
    assert response.status_code == 302


def test_the_child_is_never_assessed(app: Flask, client: FlaskClient, world: World) -> None:
    login(client, "worker")
    noor = person_id(app, "Baby Noor")
    assert client.get(url(world, noor)).status_code == 404
    assert client.post(url(world, noor), data=form_data("S")).status_code == 404


def test_a_person_of_another_case_is_not_found_through_this_case(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    other_jet = person_id(app, "Oma Jet", ref="c2")
    assert client.get(url(world, other_jet)).status_code == 404
    assert client.post(url(world, other_jet), data=form_data("S")).status_code == 404
    assert len(assessments_of(app, person_id(app, "Oma Jet"))) == 1


def test_reads_and_writes_of_assessments_are_audited(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "colleague")
    jet = person_id(app, "Oma Jet")
    client.get(f"/cases/{world.case_id}/assessments")
    client.get(url(world, jet))
    client.post(url(world, jet), data=form_data("S"))
    client.post(url(world, jet), data=form_data("S", date="nope"))
    with session_scope(app.extensions["ecogram.engine"]) as session:
        rows = [
            (e.username, e.action, e.outcome)
            for e in session.scalars(
                select(AuditEvent)
                .where(AuditEvent.case_id == world.case_id)
                .order_by(AuditEvent.id)
            )
        ]
    assert rows[:3] == [
        ("colleague", "view_assessments", "ok"),
        ("colleague", "view_assessment", "ok"),
        ("colleague", "save_assessment", "ok"),
    ]
    # The refused save stored nothing; the form it showed again is audited as not saved.
    assert rows[3:] == [("colleague", "save_assessment", "not_saved")]
