"""Zoom, focus and error summaries as a keyboard user and a low-vision user meet them.

- At 200 % zoom a 1024 x 768 tablet shows a 512 x 384 window: the case list stacks into
  one card per case, and nothing of it lies beyond the window's edge.
- The focus ring contrasts at least 3:1 (WCAG 1.4.11) with the colour around it, on the
  light pages and on the blue top bar alike. The ratio is computed here from WCAG's
  relative luminance, not taken from the stylesheet.
- A link in a refused assessment's error summary puts focus on its field.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page

from tests.browser.guard import PageGuard
from tests.browser.live import LiveServer
from tests.browser.walk import SIGN_OUT

ZOOMED = {"width": 512, "height": 384}  #: 1024 x 768 at 200 %

#: The focused element's ring, and the first opaque background around the element.
FOCUS_JS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  let around = el.parentElement, background = 'rgb(255, 255, 255)';
  while (around) {
    const colour = getComputedStyle(around).backgroundColor;
    if (!/rgba\\(.*, 0\\)$/.test(colour)) { background = colour; break; }
    around = around.parentElement;
  }
  return {what: el.tagName + ' ' + (el.textContent || el.id).trim().slice(0, 30),
          ring: style.outlineColor, width: parseFloat(style.outlineWidth),
          line: style.outlineStyle, background};
}"""


def luminance(rgb: str) -> float:
    red, green, blue = (int(c) / 255 for c in re.findall(r"\d+", rgb)[:3])

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert round(contrast("rgb(255, 255, 255)", "rgb(0, 0, 0)"), 1) == 21.0
    assert round(contrast("rgb(240, 164, 0)", "rgb(255, 255, 255)"), 1) == 2.1  # the old ring


def test_at_200_percent_zoom_the_case_list_stacks_and_nothing_is_cut_off(
    page: Page, sign_in: Callable[[str], None], live_server: LiveServer
) -> None:
    sign_in("coordinator")
    page.set_viewport_size(ZOOMED)
    page.goto(f"{live_server.url}/")
    rows = page.locator("table.case-list tbody tr")
    assert rows.count() >= 5
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= ZOOMED["width"]
    cells = page.locator("table.case-list tbody :is(th, td)")
    for i in range(cells.count()):
        box = cells.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= ZOOMED["width"]
    # Stacked: the columns' names now stand in each card, the row's cells one below another.
    first = rows.first.locator("td")
    assert first.first.evaluate("td => getComputedStyle(td, '::before').content") == '"Leeftijd"'
    boxes = [first.nth(i).bounding_box() for i in range(first.count())]
    assert all(b is not None for b in boxes)
    tops = [b["y"] for b in boxes if b is not None]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    sign_out = page.locator(SIGN_OUT).bounding_box()
    assert sign_out is not None and sign_out["x"] + sign_out["width"] <= ZOOMED["width"]


def focus_rings(page: Page, presses: int) -> list[dict[str, str | float]]:
    rings = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        rings.append(page.evaluate(FOCUS_JS))
    return rings


def test_the_focus_ring_contrasts_3_to_1_with_its_surroundings_on_every_stop(
    page: Page, sign_in: Callable[[str], None], live_server: LiveServer
) -> None:
    sign_in("coordinator")
    page.set_viewport_size({"width": 1024, "height": 768})
    checked = []
    for path in ["/", f"/cases/{live_server.case_id('demo-2')}/roles"]:
        page.goto(live_server.url + path)
        checked += focus_rings(page, 25)
    on_bar = [r for r in checked if r["background"] == "rgb(29, 92, 140)"]
    assert on_bar and len(on_bar) < len(checked)  # both the top bar and the page were tabbed
    weak = [
        f"{r['what']}: {r['ring']} on {r['background']} ({ratio:.1f}:1)"
        for r in checked
        if (ratio := contrast(str(r["ring"]), str(r["background"]))) < 3
        or r["line"] == "none"
        or float(r["width"]) < 2
    ]
    assert not weak, weak


def test_a_link_in_the_assessment_error_summary_puts_focus_on_its_field(
    page: Page, guard: PageGuard, sign_in: Callable[[str], None], live_server: LiveServer
) -> None:
    sign_in("pleegzorg")
    page.goto(f"{live_server.url}/cases/{live_server.case_id('demo-2')}/assessments")
    with page.expect_navigation():
        page.locator('a[href$="/assessment"]').first.click()
    assessment_url = page.url.removeprefix(live_server.url)
    page.fill("#date", "")
    page.fill("#assessor", "")
    with page.expect_navigation():
        page.locator("form#assessment button[type=submit]").click()
    guard.expect_status(400, assessment_url)
    links = page.locator("#error-summary a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "#date",
        "#assessor",
    ]
    for i in range(links.count()):
        links.nth(i).click()
        target = (links.nth(i).get_attribute("href") or "").removeprefix("#")
        assert page.evaluate("() => document.activeElement.id") == target
        assert page.locator(f"#{target}").get_attribute("aria-invalid") == "true"
        assert page.locator(f"#{target}").is_visible()
    assert page.url.endswith(assessment_url)
