"""Static files: linked with their content's fingerprint, and then kept by the browser."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from flask import Flask, url_for
from flask.testing import FlaskClient

from tests.web.conftest import World, login

STATIC = Path(__file__).parents[2] / "webapp" / "static"
KEPT = "public, max-age=31536000, immutable"


def sha12(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def linked_static(page: str) -> list[tuple[str, str]]:
    return re.findall(r'(?:src|href)="/static/([^"?]+)\?v=([0-9a-f]+)"', page)


def test_the_ecogram_page_links_every_script_and_style_with_its_contents_fingerprint(
    client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    page = client.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    linked = linked_static(page)
    assert ("js/ecogram.js", sha12(STATIC / "js" / "ecogram.js")) in linked
    names = {name for name, _ in linked}
    assert {"vendor/vis-network/vis-network.min.js", "css/app.css", "favicon.svg"} <= names
    for name, version in linked:
        assert version == sha12(STATIC / name), name
    # No static file is linked without one.
    assert not re.search(r'(?:src|href)="/static/[^"?]+"', page)


def test_a_static_file_asked_with_its_current_fingerprint_is_kept_for_a_year(
    client: FlaskClient,
) -> None:
    answer = client.get(f"/static/js/ecogram.js?v={sha12(STATIC / 'js' / 'ecogram.js')}")
    answer.close()
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == KEPT


def test_a_static_file_asked_without_or_with_an_old_fingerprint_is_asked_again_each_time(
    client: FlaskClient,
) -> None:
    for url in ("/static/js/ecogram.js", "/static/js/ecogram.js?v=000000000000"):
        answer = client.get(url)
        answer.close()
        assert answer.status_code == 200
        assert answer.headers["Cache-Control"] == "no-cache", url


def test_a_missing_static_file_is_a_404_that_nobody_keeps(client: FlaskClient) -> None:
    answer = client.get("/static/js/not-there.js?v=000000000000")
    assert answer.status_code == 404
    assert "immutable" not in answer.headers.get("Cache-Control", "")


def test_a_case_page_is_still_never_stored(client: FlaskClient, world: World) -> None:
    login(client, "worker")
    answer = client.get(f"/cases/{world.case_id}/")
    assert answer.headers["Cache-Control"] == "no-store"


def test_a_file_changed_in_place_gets_a_new_fingerprint(app: Flask, tmp_path: Path) -> None:
    # A folder of its own, so that the app's real files stay untouched.
    app.static_folder = str(tmp_path)
    script = tmp_path / "tool.js"
    script.write_text("var a = 1;\n", "utf-8")
    with app.test_request_context():
        before = url_for("static", filename="tool.js")
        script.write_text("var a = 22;\n", "utf-8")
        os.utime(script, ns=(1, 2))  # a new modification time, whatever the clock's grain
        after = url_for("static", filename="tool.js")
        missing = url_for("static", filename="gone.js")
    contents = (b"var a = 1;\n", b"var a = 22;\n")
    first, second = (hashlib.sha256(text).hexdigest()[:12] for text in contents)
    assert before == f"/static/tool.js?v={first}"
    assert after == f"/static/tool.js?v={second}"
    assert missing == "/static/gone.js"  # nothing to fingerprint: linked as it is
