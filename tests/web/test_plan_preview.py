"""A change to the plan shows what it would cause, today and ahead, before it is saved.

The design example on 1 March 2026: Sara is the anchor, Oma Jet has respite (1 night a
week) and is the trusted person. Tante Mia is added with a final assessment of
1 March (so no reassessment falls due within the 183 days ahead) that rates everything S
except protection, which is C: a knock-out for every role from buddy on.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import object_session

from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from ecogram.imh_checklist import Item, Rating
from ecogram.models import FindingReason
from ecogram.retention import erase_person
from ecogram.vocabulary import PersonKind, Sector
from tests.factories import ALL_STRENGTH, d, make_assessment, make_person
from tests.web.conftest import World, login, person_id, save_change, stored_case

TODAY = dt.date(2026, 3, 1)
NEXT_WEEK = "2026-03-08"
REASON = "Besproken op de zorgtafel: Mia volgt de veiligheidsplanning, herbeoordeling in april."


@pytest.fixture(autouse=True)
def frozen_day(app: Flask) -> None:
    app.config["FROZEN_TODAY"] = TODAY


def add_mia(app: Flask) -> int:
    with stored_case(app) as case:
        mia = make_person(
            case, name="Tante Mia", kind=PersonKind.AUNT_UNCLE, sector=Sector.FAMILY, household="m"
        )
        make_assessment(mia, ALL_STRENGTH | {Item.PROTECTION: Rating.CONCERN}, date=TODAY)
        object_session(case).flush()  # type: ignore[union-attr]
        return mia.id


def play_family(mia: int, **overrides: str) -> dict[str, str]:
    return {
        "person": str(mia),
        "role": "play_family",
        "start": NEXT_WEEK,
        "last_day": "",
        "nights_per_week": "0",
        "attestation_status": "none",
        "attestation_date": "",
    } | overrides


def preview_of(page: str, form_id: str) -> list[tuple[str, str, str]]:
    """(code, severity, from which day or "today") of each finding in a form's preview."""
    section = page.split(f'id="{form_id}-preview"', 1)[1].split("</ul>", 1)[0]
    return [
        (code, severity, day or "today")
        for code, severity, day in re.findall(
            r'<li data-code="(\w+)" data-severity="(\w+)"(?: data-on="([\d-]+)")?', section
        )
    ]


def seen(page: str) -> str:
    found = re.search(r'name="seen" type="hidden" value="([^"]*)"', page)
    assert found is not None
    return html.unescape(found[1])


def roles_of(app: Flask, name: str) -> list[tuple[str, dt.date, dt.date | None, int]]:
    with stored_case(app) as case:
        person = next(p for p in case.persons if p.name == name)
        return [(r.role.value, r.start, r.end, r.nights_per_week) for r in person.roles]


def reasons(app: Flask) -> list[tuple[str, str, str, str, dt.date, str, str]]:
    with stored_case(app) as case:
        return [
            (r.code, r.person, r.role, r.item, r.held_from, r.reason, r.user_name)
            for r in case.finding_reasons
        ]


def audited(app: Flask, action: str) -> int:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        statement = select(func.count()).where(AuditEvent.action == action)
        return int(session.scalar(statement) or 0)


def test_a_role_breaking_a_knockout_next_week_is_previewed_as_an_error_and_not_stored(
    app: Flask, client: FlaskClient, world: World
) -> None:
    mia = add_mia(app)
    login(client, "worker")
    answer = client.post(f"/cases/{world.case_id}/roles", data=play_family(mia))
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert preview_of(page, "add-role") == [("ROLE_KNOCKOUT", "error", NEXT_WEEK)]
    assert "vanaf 8 maart 2026" in page.split('id="add-role-preview"', 1)[1]
    assert 'id="add-role-save-anyway"' in page and 'name="reason"' in page
    assert roles_of(app, "Tante Mia") == []


def test_saving_anyway_without_a_reason_is_refused_naming_the_reason(
    app: Flask, client: FlaskClient, world: World
) -> None:
    mia = add_mia(app)
    login(client, "worker")
    url = f"/cases/{world.case_id}/roles"
    first = client.post(url, data=play_family(mia)).get_data(as_text=True)
    answer = client.post(url, data=play_family(mia, confirm="1", seen=seen(first), reason=" "))
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert 'id="add-role-reason-error"' in page
    assert re.search(r'<textarea[^>]*aria-invalid="true"[^>]*id="add-role-reason"', page)
    assert roles_of(app, "Tante Mia") == [] and reasons(app) == []


@pytest.mark.parametrize("reason", ["x" * 2001, "bell\x07"])
def test_a_reason_too_long_or_with_control_characters_is_refused(
    app: Flask, client: FlaskClient, world: World, reason: str
) -> None:
    mia = add_mia(app)
    login(client, "worker")
    url = f"/cases/{world.case_id}/roles"
    first = client.post(url, data=play_family(mia)).get_data(as_text=True)
    answer = client.post(url, data=play_family(mia, confirm="1", seen=seen(first), reason=reason))
    assert answer.status_code == 400
    assert 'id="add-role-reason-error"' in answer.get_data(as_text=True)
    assert roles_of(app, "Tante Mia") == []


def test_saving_anyway_with_a_reason_stores_the_role_and_the_audited_reason(
    app: Flask, client: FlaskClient, world: World
) -> None:
    mia = add_mia(app)
    login(client, "worker")
    answer = save_change(client, f"/cases/{world.case_id}/roles", play_family(mia), REASON)
    assert answer.status_code == 302
    assert roles_of(app, "Tante Mia") == [("play_family", d(NEXT_WEEK), None, 0)]
    mia_ref = next(r for r in reasons(app))[1]
    assert reasons(app) == [
        ("ROLE_KNOCKOUT", mia_ref, "play_family", "protection", d(NEXT_WEEK), REASON, "worker")
    ]
    assert audited(app, "save_despite_error") == 1 and audited(app, "add_role") == 1


def test_the_saved_role_is_an_upcoming_finding_with_its_day_and_its_reason(
    app: Flask, client: FlaskClient, world: World
) -> None:
    mia = add_mia(app)
    login(client, "worker")
    save_change(client, f"/cases/{world.case_id}/roles", play_family(mia), REASON)
    page = client.get(f"/cases/{world.case_id}/findings").get_data(as_text=True)
    today, upcoming = page.split('id="findings-upcoming"', 1)
    assert 'data-code="ROLE_KNOCKOUT" data-severity="error" data-on="2026-03-08"' in upcoming
    assert "Tante Mia" not in today.split('id="findings"', 1)[1]
    item = upcoming.split('data-on="2026-03-08"', 1)[1].split("</li>", 1)[0]
    assert "vanaf 8 maart 2026" in item and "Tante Mia" in item
    assert "Toch bewaard op 1 maart 2026 door worker:" in item and REASON in html.unescape(item)
    roles_page = client.get(f"/cases/{world.case_id}/roles").get_data(as_text=True)
    assert REASON in html.unescape(roles_page.split('id="role-findings-upcoming"', 1)[1])


def test_the_reason_stays_with_the_finding_once_it_holds_today(
    app: Flask, client: FlaskClient, world: World
) -> None:
    mia = add_mia(app)
    login(client, "worker")
    save_change(client, f"/cases/{world.case_id}/roles", play_family(mia), REASON)
    app.config["FROZEN_TODAY"] = dt.date(2026, 3, 9)
    page = client.get(f"/cases/{world.case_id}/findings").get_data(as_text=True)
    today = page.split('id="findings"', 1)[1].split('id="upcoming-title"', 1)[0]
    items = [item for item in today.split("<li ") if "Tante Mia" in item]
    assert len(items) == 1 and 'data-code="ROLE_KNOCKOUT"' in items[0]
    assert 'data-on="' not in items[0] and REASON in html.unescape(items[0])


def test_confirming_a_preview_that_no_longer_holds_shows_the_new_one_and_stores_nothing(
    app: Flask, client: FlaskClient, world: World
) -> None:
    mia = add_mia(app)
    login(client, "worker")
    url = f"/cases/{world.case_id}/roles"
    first = client.post(url, data=play_family(mia)).get_data(as_text=True)
    other_day = play_family(mia, start="2026-03-15", confirm="1", seen=seen(first), reason=REASON)
    answer = client.post(url, data=other_day)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "De bevindingen veranderden sinds" in page
    assert preview_of(page, "add-role") == [("ROLE_KNOCKOUT", "error", "2026-03-15")]
    assert roles_of(app, "Tante Mia") == [] and reasons(app) == []


def test_a_change_that_causes_nothing_is_saved_at_once(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    sara = person_id(app, "Sara")
    answer = client.post(
        f"/cases/{world.case_id}/trusted-person", data={"person": str(sara), "version": "1"}
    )
    assert answer.status_code == 302
    assert audited(app, "set_trusted") == 1


def test_a_change_causing_only_a_warning_is_saved_once_confirmed_without_a_reason(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    url = f"/cases/{world.case_id}/trusted-person"
    first = client.post(url, data={"person": "", "version": "1"})
    page = first.get_data(as_text=True)
    assert first.status_code == 200
    assert preview_of(page, "set-trusted") == [("NO_TRUSTED_PERSON", "warning", "today")]
    # The page holds other reason fields (ending a role asks why), so the preview's own.
    assert 'id="set-trusted-confirm"' in page and 'id="set-trusted-reason"' not in page
    with stored_case(app) as case:
        assert case.trusted_person is not None
    confirmed = {"person": "", "version": "1", "confirm": "1", "seen": seen(page)}
    assert client.post(url, data=confirmed).status_code == 302
    with stored_case(app) as case:
        assert case.trusted_person is None
    assert reasons(app) == []


def test_two_anchor_changes_planned_21_days_apart_are_previewed_as_unstable(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    jet, sara = person_id(app, "Oma Jet"), person_id(app, "Sara")
    url = f"/cases/{world.case_id}/anchor"

    def version() -> str:
        page = client.get(f"/cases/{world.case_id}/roles").get_data(as_text=True)
        found = re.search(
            r'id="set-anchor-version" name="version" type="hidden" value="([^"]*)"', page
        )
        assert found is not None
        return found[1]

    to_jet = {"person": str(jet), "from": "2026-03-08", "version": version()}
    assert save_change(client, url, to_jet).status_code == 302
    back = {"person": str(sara), "from": "2026-03-29", "version": version()}
    page = client.post(url, data=back).get_data(as_text=True)
    assert ("ANCHOR_UNSTABLE", "warning", "2026-03-29") in preview_of(page, "set-anchor")


def test_other_nights_from_a_later_day_split_the_role_and_keep_the_weeks_before(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    with stored_case(app) as case:
        respite = next(p for p in case.persons if p.name == "Oma Jet").roles[0]
        role_id, version = respite.id, respite.version
    url = f"/cases/{world.case_id}/roles/{role_id}/nights"
    data = {"from": "2026-03-15", "nights_per_week": "5", "version": str(version)}
    page = client.post(url, data=data).get_data(as_text=True)
    assert ("ANCHOR_FEW_NIGHTS", "warning", "2026-03-15") in preview_of(page, f"nights-{role_id}")
    assert save_change(client, url, data).status_code == 302
    assert roles_of(app, "Oma Jet") == [
        ("respite", d("2026-02-01"), d("2026-03-15"), 1),
        ("respite", d("2026-03-15"), None, 5),
    ]


def test_other_nights_from_the_roles_first_day_change_the_role_itself(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    with stored_case(app) as case:
        respite = next(p for p in case.persons if p.name == "Oma Jet").roles[0]
        role_id, version = respite.id, respite.version
    data = {"from": "2026-02-01", "nights_per_week": "2", "version": str(version)}
    answer = save_change(client, f"/cases/{world.case_id}/roles/{role_id}/nights", data)
    assert answer.status_code == 302
    assert roles_of(app, "Oma Jet") == [("respite", d("2026-02-01"), None, 2)]


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"from": "2026-01-31", "nights_per_week": "2"}, "from"),  # before the role's first day
        ({"from": "", "nights_per_week": "2"}, "from"),
        ({"from": "2026-03-15", "nights_per_week": "8"}, "nights"),
        ({"from": "2026-03-15", "nights_per_week": "1"}, "nights"),  # what it has already
    ],
)
def test_bad_nights_are_refused_with_400_naming_the_field(
    app: Flask, client: FlaskClient, world: World, data: dict[str, str], named: str
) -> None:
    login(client, "worker")
    with stored_case(app) as case:
        role_id = next(p for p in case.persons if p.name == "Oma Jet").roles[0].id
    url = f"/cases/{world.case_id}/roles/{role_id}/nights"
    answer = client.post(url, data=data | {"version": "1"})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert f'id="nights-{role_id}-{named}-error"' in page
    assert re.search(rf'id="nights-{role_id}-{named}"[^>]*aria-invalid="true"', page)
    assert roles_of(app, "Oma Jet") == [("respite", d("2026-02-01"), None, 1)]


def test_nights_from_a_stale_page_get_the_conflict_page(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    with stored_case(app) as case:
        role_id = next(p for p in case.persons if p.name == "Oma Jet").roles[0].id
    url = f"/cases/{world.case_id}/roles/{role_id}/nights"
    data = {"from": "2026-02-01", "nights_per_week": "2", "version": "1"}
    assert save_change(client, url, data).status_code == 302
    answer = client.post(url, data=data | {"nights_per_week": "3"})
    assert answer.status_code == 409
    assert 'id="conflict"' in answer.get_data(as_text=True)
    assert roles_of(app, "Oma Jet") == [("respite", d("2026-02-01"), None, 2)]


def test_erasing_a_person_removes_the_reasons_kept_about_them(
    app: Flask, client: FlaskClient, world: World
) -> None:
    mia = add_mia(app)
    login(client, "worker")
    save_change(client, f"/cases/{world.case_id}/roles", play_family(mia), REASON)
    with stored_case(app) as case:
        session = object_session(case)
        assert session is not None
        erase_person(session, case, next(p for p in case.persons if p.id == mia).ref)
    with session_scope(app.extensions["ecogram.engine"]) as session:
        assert session.scalar(select(func.count()).select_from(FindingReason)) == 0
