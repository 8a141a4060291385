"""One catalogue: complete, current and compiled; Dutch is the default everywhere.

A fresh extraction over ecogram/, exports/ and webapp/ runs inside the test, so
a word someone adds to the core, a drawing, a PDF, a template or a view fails
here until it has its Dutch translation.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import babel.messages.catalog
import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient

from ecogram.finding_codes import Code
from ecogram.i18n import CATALOGUE, words
from webapp.labels import format_date

ROOT = Path(__file__).parents[2]
CATALOG = CATALOGUE / "nl" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def keywords() -> dict[str, Any]:
    """The extraction keywords `make translations` passes, read from the Makefile itself."""
    line = next(
        line
        for line in (ROOT / "Makefile").read_text("utf-8").splitlines()
        if line.startswith("KEYWORDS :=")
    )
    return {**DEFAULT_KEYWORDS, **parse_keywords(line.split(":=")[1].split()[1::2])}


def dutch() -> Catalog:
    with (CATALOG / "messages.po").open("rb") as handle:
        return read_po(handle, locale="nl")


def texts(value: object) -> list[str]:
    """A msgid or msgstr as a list: one text, or the singular and plural forms."""
    return [str(v) for v in value] if isinstance(value, (tuple, list)) else [str(value or "")]


def key(message: Message) -> tuple[str | None, str]:
    return message.context, texts(message.id)[0]


def extracted() -> tuple[set[tuple[str | None, str]], set[str]]:
    """(msgctxt, msgid) of every text the code marks, as `make translations` extracts it,
    and the top folders it was found in."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)  # type: ignore[no-untyped-call]
    found = list(extract_from_dir(str(ROOT), method_map, options_map, keywords=keywords()))
    messages = {(context, texts(message)[0]) for _path, _line, message, _notes, context in found}
    return messages, {path.split("/")[0] for path, *_ in found}


def test_every_message_has_a_dutch_translation_that_is_not_fuzzy() -> None:
    untranslated = []
    for message in dutch():
        if not message.id:
            continue
        if message.fuzzy or not all(text.strip() for text in texts(message.string)):
            untranslated.append(key(message))
    assert untranslated == []


def test_plural_messages_have_both_dutch_forms() -> None:
    catalog = dutch()
    assert catalog.num_plurals == 2
    plurals = [m for m in catalog if m.pluralizable]
    assert plurals, "the app has plural messages, e.g. the counts of findings"
    for message in plurals:
        assert isinstance(message.string, tuple) and len(message.string) == 2, message.id


def test_the_catalog_holds_every_string_of_the_core_the_exports_and_the_web_app() -> None:
    in_catalog = {key(m) for m in dutch() if m.id}
    found, folders = extracted()
    assert folders == {"ecogram", "exports", "webapp"}
    missing = sorted(found - in_catalog, key=str)
    assert missing == [], "run make translations and translate these"
    unused = sorted(in_catalog - found, key=str)
    assert unused == [], "run make translations: the catalogue holds words nothing uses"


def test_every_finding_code_has_its_words_in_the_catalog() -> None:
    msgids = {text for m in dutch() if m.id and m.context is None for text in texts(m.id)}
    assert [code for code in Code if not set(code.msgids) <= msgids] == []


def test_the_dutch_uses_the_same_placeholders_as_the_english() -> None:
    for message in dutch():
        if not message.id:
            continue
        english = {name for text in texts(message.id) for name in PLACEHOLDER.findall(text)}
        for text in texts(message.string):
            assert set(PLACEHOLDER.findall(text)) <= english, message.id
        if not message.pluralizable:
            assert set(PLACEHOLDER.findall(texts(message.string)[0])) == english, message.id


def test_the_compiled_catalog_says_what_the_po_file_says() -> None:
    with (CATALOG / "messages.mo").open("rb") as handle:
        compiled = read_mo(handle)
    said = {key(m): texts(m.string) for m in dutch() if m.id}
    assert {key(m): texts(m.string) for m in compiled if m.id} == said, (
        "run: pybabel compile -d ecogram/translations"
    )


def test_a_catalogue_compiled_by_another_babel_release_says_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A new Babel writes its own version and date into the header of every .mo.
    # Only the messages are compared, so such a release cannot fail the suite.
    monkeypatch.setattr(babel.messages.catalog, "VERSION", "99.0")
    written = io.BytesIO()
    write_mo(written, dutch())
    assert b"Generated-By: Babel 99.0" in written.getvalue()
    assert written.getvalue() != (CATALOG / "messages.mo").read_bytes()
    written.seek(0)
    said = {key(m): texts(m.string) for m in dutch() if m.id}
    assert {key(m): texts(m.string) for m in read_mo(written) if m.id} == said


def test_the_core_reads_the_catalogue_without_the_web_app() -> None:
    script = (
        "import sys; from ecogram.i18n import words; "
        "print(words('nl').gettext('Findings'), words('nl').pgettext('role', 'respite')); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'flask_babel')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines() == ["Bevindingen respijtzorg", "[]"]


def test_english_dates_are_the_same_on_a_page_and_on_paper(client: FlaskClient, app: Flask) -> None:
    day = dt.date(2026, 12, 6)
    for lang, expected in (("nl", "6 december 2026"), ("en", "6 December 2026")):
        with app.test_request_context(headers={"Accept-Language": lang}):
            assert format_date(day) == expected == words(lang).date(day)


def test_the_login_page_is_dutch_by_default(client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="nl">' in page
    assert "Aanmelden" in page and "Gebruikersnaam" in page and "Wachtwoord" in page
    assert "Sign in" not in page


def test_the_login_page_is_english_after_choosing_english(client: FlaskClient) -> None:
    client.post("/language", data={"lang": "en"})
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Sign in" in page and "Username" in page
    assert "Aanmelden" not in page


def test_dutch_is_chosen_over_a_browser_that_asks_for_neither(client: FlaskClient) -> None:
    page = client.get("/login", headers={"Accept-Language": "fr-BE, de;q=0.5"})
    assert '<html lang="nl">' in page.get_data(as_text=True)
