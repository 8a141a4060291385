"""The README's screenshots of the ecogram page can be made (see tests/browser/screenshots.py)."""

from __future__ import annotations

import struct
from pathlib import Path

from playwright.sync_api import Browser

from tests.browser.conftest import ServerFactory
from tests.browser.live import LiveServer
from tests.browser.screenshots import (
    FRONT_DOOR,
    SIZES,
    YEAR,
    take_forty_screenshots,
    take_front_door_screenshots,
    take_screenshots,
    take_session_screenshot,
    take_year_screenshots,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_ecogram_screenshots_are_pngs_at_tablet_and_desktop_size(
    browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    written = take_screenshots(browser, live_server, tmp_path)
    assert [p.name for p in written] == ["ecogram-tablet.png", "ecogram-desktop.png"]
    for path, size in zip(written, SIZES.values(), strict=True):
        assert png_size(path) == size
        # A blank page compresses to a few kB; a drawn ecogram is far larger.
        assert path.stat().st_size > 30_000, f"{path.name} looks empty"


def test_the_front_door_screenshots_are_pngs_at_tablet_size(
    browser: Browser, start_server: ServerFactory, tmp_path: Path
) -> None:
    # A server of its own: the script puts a colleague on a team.
    written = take_front_door_screenshots(browser, start_server(), tmp_path)
    assert [p.name for p in written] == [f"{name}.png" for name in FRONT_DOOR]
    for path in written:
        assert png_size(path) == SIZES["tablet"]
        assert path.stat().st_size > 20_000, f"{path.name} looks empty"


def test_the_years_screenshots_are_pngs_at_tablet_size(
    browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    written = take_year_screenshots(browser, live_server, tmp_path)
    assert [p.name for p in written] == [f"{name}.png" for name in YEAR]
    for path in written:
        assert png_size(path) == SIZES["tablet"]
        assert path.stat().st_size > 20_000, f"{path.name} looks empty"


def test_the_forty_person_screenshot_is_a_png_at_tablet_size(
    browser: Browser, start_server: ServerFactory, tmp_path: Path
) -> None:
    # A server of its own: the script stores the 40-person case.
    written = take_forty_screenshots(browser, start_server(), tmp_path)
    assert [p.name for p in written] == ["ecogram-40.png"]
    assert png_size(written[0]) == SIZES["tablet"]
    assert written[0].stat().st_size > 60_000, "the drawing of 40 persons looks empty"


def test_the_session_screenshot_is_a_png_at_tablet_size(
    browser: Browser, start_server: ServerFactory, tmp_path: Path
) -> None:
    # A server of its own: the script fills demo-2 up to 40 persons.
    path = take_session_screenshot(browser, start_server(), tmp_path)
    assert path.name == "ecogram-session.png"
    assert png_size(path) == SIZES["tablet"]
    assert path.stat().st_size > 30_000, f"{path.name} looks empty"
