"""Roles, the weekly puzzle, the anchor and the trusted person."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from ecogram.imh_checklist import Item
from ecogram.rules.puzzle import weekly_puzzle
from ecogram.vocabulary import AttestationStatus, Role
from tests.factories import d, make_anchor, make_case, make_parent, make_person, make_role
from tests.web.conftest import World, add_relative, login, person_id, save_change, stored_case
from tests.web.urlmap import snapshot
from webapp.roles import stale

TODAY = dt.date.today()
RESPITE_START = dt.date(2026, 2, 1)  # Oma Jet's respite in the design example


def roles_of(app: Flask) -> list[tuple[str, str, dt.date, dt.date | None, int, Any]]:
    with stored_case(app) as case:
        return [
            (p.name, r.role.value, r.start, r.end, r.nights_per_week, r.attestation_status)
            for p in case.persons
            for r in p.roles
        ]


def role_version(app: Flask) -> tuple[int, int]:
    with stored_case(app) as case:
        jet = next(p for p in case.persons if p.name == "Oma Jet")
        return jet.roles[0].id, jet.roles[0].version


def anchor_history(app: Flask) -> list[tuple[str, dt.date, dt.date | None]]:
    with stored_case(app) as case:
        periods = sorted(case.anchors, key=lambda p: (p.start, p.id))
        return [(p.person.name, p.start, p.end) for p in periods]


def anchor_version(app: Flask) -> str:
    """The anchor history's version, as the roles page's set-anchor form carries it."""
    with stored_case(app) as case:
        return stale.anchor_version(case)


def case_version(app: Flask) -> str:
    """The case's version, as the roles page's set-trusted form carries it."""
    with stored_case(app) as case:
        return str(case.version)


def role_form(pid: int, **overrides: Any) -> dict[str, Any]:
    data = {
        "person": str(pid),
        "role": "part_time_stay",
        "start": "2026-03-01",
        "last_day": "",
        "nights_per_week": "3",
        "attestation_status": "none",
        "attestation_date": "",
    }
    data.update(overrides)
    return data


def page_of(client: FlaskClient, world: World) -> str:
    response = client.get(f"/cases/{world.case_id}/roles")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def codes(page: str) -> list[str]:
    section = page.split('id="role-findings"', 1)[-1].split("</ul>", 1)[0]
    return re.findall(r'data-code="(\w+)"', section) if 'id="role-findings"' in page else []


def test_the_roles_page_shows_roles_puzzle_anchor_and_trusted_person(
    client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    page = page_of(client, world)
    for marker in (
        '<form id="add-role"',
        'id="weekly-puzzle"',
        '<form id="set-anchor"',
        'id="anchor-history"',
        '<form id="set-trusted"',
    ):
        assert marker in page
    for name in ("person", "role", "start", "last_day", "nights_per_week", "attestation_status"):
        assert f'name="{name}"' in page
    assert 'name="from"' in page
    assert "REASSESSMENT_DUE" in codes(page)


def test_the_assessor_reads_the_roles_page_without_its_forms(
    client: FlaskClient, world: World
) -> None:
    login(client, "colleague")
    page = page_of(client, world)
    for marker in ('id="weekly-puzzle"', 'id="anchor-history"', 'id="role-list"'):
        assert marker in page
    for form in ("add-role", "set-anchor", "set-trusted", "end-role-"):
        assert f'<form id="{form}' not in page
    assert "REASSESSMENT_DUE" in codes(page)


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/roles", {"role": "buddy"}),
        ("/anchor", {"from": "2026-05-01"}),
        ("/trusted-person", {"version": "1"}),
    ],
)
def test_the_assessor_may_not_assign_roles_the_anchor_or_the_trusted_person(
    app: Flask, client: FlaskClient, world: World, path: str, data: dict[str, str]
) -> None:
    login(client, "colleague")
    before = snapshot(app)
    assert client.post(f"/cases/{world.case_id}{path}", data=data).status_code == 403
    after = snapshot(app)
    refused = after.pop("audit_event")[len(before.pop("audit_event")) :]
    assert after == before
    assert [(row[3], row[7]) for row in refused] == [("colleague", "denied")]


def test_assigning_a_role_stores_it_and_redirects_with_a_message(
    app: Flask, client: FlaskClient, world: World
) -> None:
    mia = add_relative(app)
    login(client, "worker")
    response = save_change(client, f"/cases/{world.case_id}/roles", role_form(mia))
    assert response.status_code == 302
    assert ("Tante Mia", "part_time_stay", d("2026-03-01"), None, 3, None) in roles_of(app)
    assert "Tante Mia" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_role_is_entered_up_to_and_including_its_last_day_and_stored_half_open(
    app: Flask, client: FlaskClient, world: World
) -> None:
    mia = add_relative(app)
    login(client, "worker")
    one_day = role_form(mia, last_day="2026-03-01")  # from 1 March up to and including 1 March
    assert save_change(client, f"/cases/{world.case_id}/roles", one_day).status_code == 302
    assert ("Tante Mia", "part_time_stay", d("2026-03-01"), d("2026-03-02")) in [
        r[:4] for r in roles_of(app)
    ]
    client.post("/language", data={"lang": "en"})
    assert "from 1 March 2026 up to and including 1 March 2026" in page_of(client, world)


BAD_ROLES = [
    ("last_day", "2026-02-28", "last_day"),  # the day before the first day
    ("last_day", "2026-02-01", "last_day"),
    ("nights_per_week", "8", "nights_per_week"),
    ("nights_per_week", "-1", "nights_per_week"),
    ("nights_per_week", "three", "nights_per_week"),
    ("start", "2026-02-30", "start"),
    ("start", "", "start"),
    ("role", "nanny", "role"),
    ("attestation_status", "maybe", "attestation_status"),
    ("attestation_date", "soon", "attestation_date"),
    ("person", "abc", "person"),
]


@pytest.mark.parametrize(("field", "value", "named"), BAD_ROLES)
def test_a_bad_role_is_refused_with_400_naming_the_field(
    app: Flask, client: FlaskClient, world: World, field: str, value: str, named: str
) -> None:
    mia = add_relative(app)
    login(client, "worker")
    before = roles_of(app)
    response = client.post(f"/cases/{world.case_id}/roles", data=role_form(mia, **{field: value}))
    assert response.status_code == 400
    assert f'id="add-role-{named}-error"' in response.get_data(as_text=True)
    assert roles_of(app) == before


@pytest.mark.parametrize("who", ["Baby Noor", "other case"])
def test_a_role_for_the_child_or_a_person_of_another_case_is_refused(
    app: Flask, client: FlaskClient, world: World, who: str
) -> None:
    pid = person_id(app, "Oma Jet", "c2") if who == "other case" else person_id(app, who)
    login(client, "worker")
    before = roles_of(app)
    response = client.post(f"/cases/{world.case_id}/roles", data=role_form(pid))
    assert response.status_code == 400
    assert 'id="add-role-person-error"' in response.get_data(as_text=True)
    assert roles_of(app) == before


def test_kinship_foster_care_without_attestation_is_recorded_but_shows_the_finding(
    app: Flask, client: FlaskClient, world: World
) -> None:
    mia = add_relative(app)
    login(client, "worker")
    data = role_form(
        mia, role="kinship_foster_care", nights_per_week="0", attestation_status="pending"
    )
    preview = client.post(f"/cases/{world.case_id}/roles", data=data).get_data(as_text=True)
    assert 'data-code="ATTESTATION_MISSING"' in preview.split('id="add-role-preview"')[1]
    saved = save_change(client, f"/cases/{world.case_id}/roles", data)
    response = client.get(saved.headers["Location"])
    assert response.status_code == 200
    assert "flash-warning" in response.get_data(as_text=True)
    assert ("Tante Mia", "kinship_foster_care") in [r[:2] for r in roles_of(app)]
    assert AttestationStatus.PENDING in [r[5] for r in roles_of(app)]
    assert "ATTESTATION_MISSING" in codes(response.get_data(as_text=True))


def test_ending_a_role_sets_its_end_date(app: Flask, client: FlaskClient, world: World) -> None:
    login(client, "worker")
    role_id, version = role_version(app)
    url = f"/cases/{world.case_id}/roles/{role_id}/end"
    response = client.post(url, data={"last_day": "2026-05-31", "version": str(version)})
    assert response.status_code == 302
    assert roles_of(app)[0][3] == d("2026-06-01")  # stored half-open: the first day without


def test_ending_a_role_from_a_stale_page_answers_409_and_overwrites_nothing(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    role_id, version = role_version(app)
    url = f"/cases/{world.case_id}/roles/{role_id}/end"
    first = {"last_day": "2026-05-31", "version": str(version)}
    assert client.post(url, data=first).status_code == 302
    response = client.post(url, data={"last_day": "2026-08-31", "version": str(version)})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert f'id="sent-version">{version}<' in page
    assert f'id="stored-version">{version + 1}<' in page
    assert roles_of(app)[0][3] == d("2026-06-01")


@pytest.mark.parametrize(
    "data",
    [
        {"last_day": "2026-01-31", "version": "1"},  # before the first day
        {"last_day": "", "version": "1"},
        {"last_day": "2026-06-01", "version": ""},
        {"last_day": "2026-06-01", "version": "x"},
    ],
)
def test_ending_a_role_with_bad_input_is_refused_with_400(
    app: Flask, client: FlaskClient, world: World, data: dict[str, str]
) -> None:
    login(client, "worker")
    role_id, _version = role_version(app)
    response = client.post(f"/cases/{world.case_id}/roles/{role_id}/end", data=data)
    assert response.status_code == 400
    assert f'id="end-{role_id}-error"' in response.get_data(as_text=True)
    assert roles_of(app)[0][3] is None


def test_a_role_of_another_case_cannot_be_ended_through_this_case(
    app: Flask, client: FlaskClient, world: World
) -> None:
    with stored_case(app, "c2") as other:
        other_role = next(r.id for p in other.persons for r in p.roles)
    login(client, "worker")
    url = f"/cases/{world.case_id}/roles/{other_role}/end"
    assert client.post(url, data={"last_day": "2026-06-01", "version": "1"}).status_code == 404


def test_the_weekly_puzzle_gives_the_anchor_the_remaining_nights(
    app: Flask, client: FlaskClient, world: World
) -> None:
    mia = add_relative(app)
    login(client, "worker")
    client.post("/language", data={"lang": "en"})
    save_change(client, f"/cases/{world.case_id}/roles", role_form(mia))  # part-time, 3 nights
    page = page_of(client, world)
    sara = person_id(app, "Sara")
    assert 'data-anchor-nights="3"' in page
    assert f'<li data-person-id="{sara}" data-nights="3">' in page
    assert f'<li data-person-id="{mia}" data-nights="3">' in page
    assert "Overbooked" not in page and 'id="overbooked"' not in page
    assert "not a calendar" in page


def test_the_weekly_puzzle_shows_overbooking(app: Flask, client: FlaskClient, world: World) -> None:
    mia = add_relative(app)
    login(client, "worker")
    save_change(
        client,
        f"/cases/{world.case_id}/roles",
        role_form(mia, role="full_time_stay", nights_per_week="7"),
    )
    page = page_of(client, world)
    assert 'id="overbooked"' in page
    assert 'data-booked="8"' in page and 'data-anchor-nights="0"' in page
    assert page.count('class="overbooked"') == 1


def test_the_puzzle_lists_daytime_roles_and_leaves_the_anchor_own_roles_at_home() -> None:
    case = make_case()
    sara = make_parent(case)
    buddy = make_person(case, name="Buur Ali")
    make_anchor(case, sara)
    make_role(sara, Role.RESPITE, nights_per_week=2)
    make_role(buddy, Role.BUDDY)
    puzzle = weekly_puzzle(case, d("2026-02-01"))
    assert puzzle.anchor is sara and puzzle.anchor_nights == 7 and puzzle.booked == 0
    assert [p.name for p, _role in puzzle.daytime] == ["Buur Ali"]


def test_the_puzzle_leaves_nights_unassigned_without_an_anchor() -> None:
    case = make_case()
    jet = make_person(case, name="Oma Jet")
    make_role(jet, Role.PART_TIME_STAY, nights_per_week=3)
    puzzle = weekly_puzzle(case, d("2026-02-01"))
    assert puzzle.anchor is None and puzzle.unassigned == 4


def test_designating_a_new_anchor_closes_the_previous_period_and_keeps_history(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    jet = person_id(app, "Oma Jet")
    response = save_change(
        client,
        f"/cases/{world.case_id}/anchor",
        {"person": str(jet), "from": "2026-05-01", "version": anchor_version(app)},
    )
    assert response.status_code == 302
    assert anchor_history(app) == [
        ("Sara", d("2026-01-05"), d("2026-05-01")),
        ("Oma Jet", d("2026-05-01"), None),
    ]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "flash-warning" in page  # Oma Jet's assessment falls short for an anchor
    assert "ANCHOR_NOT_SUITABLE" in codes(page)
    assert page.count('data-from="') == 2


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"from": "2026-01-05"}, "from"),  # the day the current period began
        ({"from": "2025-12-01"}, "from"),
        ({"from": "someday"}, "from"),
        ({"from": "2026-05-01", "person": "sara"}, "person"),
        ({"from": "2026-05-01", "person": "child"}, "person"),
    ],
)
def test_a_bad_anchor_change_is_refused_with_400_and_history_untouched(
    app: Flask, client: FlaskClient, world: World, data: dict[str, str], named: str
) -> None:
    login(client, "worker")
    ids = {"sara": person_id(app, "Sara"), "child": person_id(app, "Baby Noor")}
    person = ids.get(data.get("person", ""), person_id(app, "Oma Jet"))
    data = data | {"person": str(person), "version": anchor_version(app)}
    response = client.post(f"/cases/{world.case_id}/anchor", data=data)
    assert response.status_code == 400
    assert f'id="set-anchor-{named}-error"' in response.get_data(as_text=True)
    assert anchor_history(app) == [("Sara", d("2026-01-05"), None)]


def test_the_trusted_person_can_be_set_and_cleared(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    url = f"/cases/{world.case_id}/trusted-person"
    sara = person_id(app, "Sara")
    assert (
        client.post(url, data={"person": str(sara), "version": case_version(app)}).status_code
        == 302
    )
    with stored_case(app) as case:
        assert case.trusted_person is not None and case.trusted_person.name == "Sara"
    nobody = {"person": "", "version": case_version(app)}
    assert save_change(client, url, nobody).status_code == 302
    with stored_case(app) as case:
        assert case.trusted_person is None
    assert "NO_TRUSTED_PERSON" in codes(page_of(client, world))


def test_the_child_cannot_be_the_trusted_person(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    noor = person_id(app, "Baby Noor")
    response = client.post(f"/cases/{world.case_id}/trusted-person", data={"person": str(noor)})
    assert response.status_code == 400
    with stored_case(app) as case:
        assert case.trusted_person is not None and case.trusted_person.name == "Oma Jet"


def test_the_findings_follow_a_new_role_and_its_assessment(
    app: Flask, client: FlaskClient, world: World
) -> None:
    mia = add_relative(app)
    login(client, "worker")
    assert "ROLE_NOT_ASSESSED" not in codes(page_of(client, world))
    save_change(
        client,
        f"/cases/{world.case_id}/roles",
        role_form(mia, role="respite", nights_per_week="1", start="2026-06-01"),
    )
    assert "ROLE_NOT_ASSESSED" in codes(page_of(client, world))
    login(client, "colleague")
    assessment = {f"rating-{item.value}": "S" for item in Item} | {
        "date": TODAY.isoformat(),
        "assessor": "Assessor B",
        "final": "y",
    }
    saved = client.post(f"/cases/{world.case_id}/persons/{mia}/assessment", data=assessment)
    assert saved.status_code == 302
    after = codes(page_of(client, world))
    assert "ROLE_NOT_ASSESSED" not in after
    assert after.count("ROLE_KNOCKOUT") == 5  # all Oma Jet's; Tante Mia now qualifies


def test_reads_and_writes_on_the_roles_page_are_audited(
    app: Flask, client: FlaskClient, world: World
) -> None:
    mia = add_relative(app)
    login(client, "worker")
    role_id, version = role_version(app)
    client.get(f"/cases/{world.case_id}/roles")
    save_change(client, f"/cases/{world.case_id}/roles", role_form(mia))
    client.post(
        f"/cases/{world.case_id}/roles/{role_id}/end",
        data={"last_day": "2026-05-31", "version": str(version)},
    )
    anchor = {"person": str(mia), "from": "2026-05-01", "version": anchor_version(app)}
    save_change(client, f"/cases/{world.case_id}/anchor", anchor)
    trusted = {"person": "", "version": case_version(app)}
    save_change(client, f"/cases/{world.case_id}/trusted-person", trusted)
    client.post(f"/cases/{world.case_id}/roles", data=role_form(mia, nights_per_week="9"))
    with session_scope(app.extensions["ecogram.engine"]) as session:
        actions = [
            e.action
            for e in session.scalars(
                select(AuditEvent)
                .where(AuditEvent.case_id == world.case_id, AuditEvent.username == "worker")
                .order_by(AuditEvent.id)
            )
        ]
    # Each change is previewed first; one that causes an error is saved with a reason.
    # The last, refused add is audited too (its form was shown again, before any preview),
    # under the guard's action for that form, as not saved.
    assert actions == [
        "view_roles",
        *("preview_role", "preview_role", "add_role", "save_despite_error"),
        "end_role",
        *("preview_anchor", "preview_anchor", "set_anchor", "save_despite_error"),
        *("preview_trusted", "preview_trusted", "set_trusted"),  # a warning needs no reason
        "preview_role",
    ]


def test_its_findings_name_persons_by_name_and_findings_in_words(
    app: Flask, client: FlaskClient, world: World
) -> None:
    # On 1 March 2026 Oma Jet's respite rests on an assessment of two items (see
    # test_findings_page): knock-out errors and warnings about her, in words.
    app.config["FROZEN_TODAY"] = dt.date(2026, 3, 1)
    login(client, "worker")
    page = page_of(client, world)
    section = page.split('<ul id="role-findings"', 1)[1].split(">", 1)[1].split("</ul>", 1)[0]
    shown = " ".join(re.sub(r"<[^>]+>", " ", section).split())
    assert codes(page) == ["ROLE_KNOCKOUT"] * 5 + ["ROLE_BELOW_MINIMUM"] * 6
    assert shown.startswith("fout Oma Jet scoort U (onbekend) op stabiliteit in het eigen leven.")
    assert "waarschuwing Oma Jet scoort U (onbekend) op veilige basis" in shown
    assert "(p3)" not in shown and "ROLE_" not in shown


def test_the_persons_details_on_the_ecogram_say_a_roles_period_up_to_its_last_day(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    client.post("/language", data={"lang": "en"})
    role_id, version = role_version(app)
    end = {"last_day": "2026-05-31", "version": str(version)}
    assert client.post(f"/cases/{world.case_id}/roles/{role_id}/end", data=end).status_code == 302
    jet = person_id(app, "Oma Jet")
    detail = client.get(f"/cases/{world.case_id}/persons/{jet}").get_json()
    [respite] = detail["roles"]
    assert respite["period"] == "from 1 February 2026 up to and including 31 May 2026"
    assert respite["end"] == "2026-06-01"  # the data keeps the case format's half-open end
