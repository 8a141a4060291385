"""Steps of a correction as a user takes them in the rendered pages, for any browser test.

Each step clicks, types and presses keys only; none posts by itself or reads
the database. A journey test strings them together; tests/browser/
test_corrections.py checks each against the database afterwards.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.live import LiveServer, wait_for_ecogram

#: Five persons a worker maps with the family: (name, kind, the sector that follows the kind).
FIVE_PERSONS = [
    ("Oma Rita", "grandparent", "family"),
    ("Opa Wim", "grandparent", "family"),
    ("Tante Mia", "aunt_uncle", "family"),
    ("Buurvrouw An", "neighbour", "neighbourhood"),
    ("Juf Els", "childcare", "childcare_school"),
]


def open_ecogram(page: Page, server: LiveServer, case_id: int) -> None:
    page.goto(f"{server.url}/cases/{case_id}/")
    until_drawn(page)


def until_drawn(page: Page) -> None:
    """Wait until the ecogram page has drawn its network and its scripts are ready."""
    wait_for_ecogram(page)
    page.locator("#ecogram[data-ready=true]").wait_for(state="attached")


def person_entry(page: Page, name: str):  # type: ignore[no-untyped-def]
    return page.locator("#person-list li[data-person-id]").filter(
        has=page.get_by_role("button", name=name, exact=True)
    )


def add_person(page: Page, name: str, kind: str, ring: str = "2", candidate: str = "") -> str:
    """Add a person in the side panel; the sector follows the kind. Returns the person's id.

    `candidate` is a candidate status ("to_explore", …); empty leaves the form's own.
    """
    form = page.locator("#add-person")
    form.locator("[name=name]").fill(name)
    form.locator("select[name=kind]").select_option(kind)
    form.locator("select[name=ring]").select_option(ring)
    if candidate:
        form.locator("select[name=candidate]").select_option(candidate)
    form.locator("button[type=submit]").click()
    entry = person_entry(page, name)
    entry.wait_for()
    person_id = entry.get_attribute("data-person-id")
    assert person_id is not None
    # The form starts again from its first state: nothing carries over to the next person.
    expect(form.locator("[name=name]")).to_have_value("")
    return person_id


def open_person(page: Page, name: str) -> None:
    person_entry(page, name).get_by_role("button", name=name, exact=True).click()
    detail = page.locator("#person-detail")
    expect(detail).to_be_visible()
    expect(page.locator("#detail-name")).to_have_text(name)


def remove_person(page: Page, name: str) -> None:
    """Remove a person from their details, confirming the dialog with the keyboard."""
    open_person(page, name)
    page.locator("#remove-person").click()
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#confirm-question")).to_contain_text(name)
    # "Keep" has the focus, so Enter alone would keep them; Shift+Tab reaches "Remove".
    expect(page.locator("#confirm-no")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#confirm-yes")).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(person_entry(page, name)).to_have_count(0)


def cancel_removal(page: Page, name: str) -> None:
    """Open the removal dialog for a person and close it with Escape: nothing happens."""
    open_person(page, name)
    page.locator("#remove-person").click()
    expect(page.locator("#confirm-dialog")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#confirm-dialog")).to_be_hidden()
    expect(person_entry(page, name)).to_have_count(1)


def undo(page: Page, what: str) -> None:
    """Press Undo while it offers `what` (the last change, in words)."""
    expect(page.locator("#undo-what")).to_contain_text(what)
    page.locator("#undo").click()
    expect(page.locator("#ecogram-status")).to_contain_text(what)


def redo(page: Page, what: str) -> None:
    expect(page.locator("#redo-what")).to_contain_text(what)
    page.locator("#redo").click()
    expect(page.locator("#ecogram-status")).to_contain_text(what)


# --- The trajectory page ---------------------------------------------------------------------


def open_trajectory(page: Page, server: LiveServer, case_id: int) -> None:
    page.goto(f"{server.url}/cases/{case_id}/trajectory")


def record_care_table(page: Page, date: str, present: list[str], perspective: str) -> None:
    """Record a care table held on `date` (ISO), with who was there and the child's voice."""
    form = page.locator("#add-care-table")
    form.locator("input[name=date]").fill(date)
    for party in present:
        form.locator(f"input[name=present][value={party}]").check()
    form.locator("textarea[name=child_perspective]").fill(perspective)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    page.locator(f'#care-table-list li[data-date="{date}"]').wait_for()


def record_budget_item(page: Page, date: str, category: str, amount: str, what: str) -> str:
    """Record a line of the case-bound budget; the id of its new row."""
    form = page.locator("#add-budget-item")
    form.locator("input[name=date]").fill(date)
    form.locator("select[name=category]").select_option(category)
    form.locator("input[name=amount]").fill(amount)
    form.locator("input[name=what]").fill(what)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    row = page.locator("#budget-items tr[data-budget-item-id]").filter(has_text=what)
    item_id = row.get_attribute("data-budget-item-id")
    assert item_id is not None
    return item_id


def _correction(page: Page, row: str) -> None:
    box = page.locator(f"{row} details.correct")
    if box.get_attribute("open") is None:
        box.locator("summary").click()


def correct_care_table_date(page: Page, old: str, new: str) -> None:
    """Correct the date of the care table held on `old` (ISO) to `new` (ISO)."""
    row = f'#care-table-list li[data-date="{old}"]'
    _correction(page, row)
    page.locator(f"{row} form[id$=-edit] input[name=date]").fill(new)
    with page.expect_navigation():
        page.locator(f"{row} form[id$=-edit] button[type=submit]").click()
    page.locator(f'#care-table-list li[data-date="{new}"]').wait_for()


def remove_budget_item(page: Page, item_id: str) -> None:
    """Remove one budget line, confirming the dialog."""
    row = f'#budget-items tr[data-budget-item-id="{item_id}"]'
    _correction(page, row)
    page.locator(f"{row} form.remove-entry button[type=submit]").click()
    expect(page.locator("#confirm-dialog")).to_be_visible()
    with page.expect_navigation():
        page.locator("#confirm-yes").click()
    expect(page.locator(row)).to_have_count(0)
