"""The Dutch catalog is complete, current and compiled; Dutch is the default.

A fresh extraction runs inside the test, so a string someone adds to a
template or a view later fails here until it has its Dutch translation.
"""

from __future__ import annotations

import io
from pathlib import Path

import babel.messages.catalog
import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from flask.testing import FlaskClient

WEBAPP = Path(__file__).parents[2] / "webapp"
CATALOG = WEBAPP / "translations" / "nl" / "LC_MESSAGES"
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}


def dutch() -> Catalog:
    with (CATALOG / "messages.po").open("rb") as handle:
        return read_po(handle, locale="nl")


def texts(value: object) -> list[str]:
    """A msgid or msgstr as a list: one text, or the singular and plural forms."""
    return [str(v) for v in value] if isinstance(value, (tuple, list)) else [str(value or "")]


def msgid(message: Message | object) -> str:
    return texts(message.id if isinstance(message, Message) else message)[0]


def extracted() -> set[str]:
    with (WEBAPP / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)  # type: ignore[no-untyped-call]
    return {
        msgid(found[2])
        for found in extract_from_dir(str(WEBAPP), method_map, options_map, keywords=KEYWORDS)
    }


def test_every_message_has_a_dutch_translation_that_is_not_fuzzy() -> None:
    untranslated = []
    for message in dutch():
        if not message.id:
            continue
        if message.fuzzy or not all(text.strip() for text in texts(message.string)):
            untranslated.append(msgid(message))
    assert untranslated == []


def test_plural_messages_have_both_dutch_forms() -> None:
    catalog = dutch()
    assert catalog.num_plurals == 2
    plurals = [m for m in catalog if m.pluralizable]
    assert plurals, "the app has plural messages, e.g. the counts of findings"
    for message in plurals:
        assert isinstance(message.string, tuple) and len(message.string) == 2, message.id


def test_the_catalog_holds_every_string_the_app_uses() -> None:
    in_catalog = {msgid(m) for m in dutch() if m.id}
    missing = sorted(extracted() - in_catalog)
    assert missing == [], "run the pybabel extract/update commands and translate these"


def messages(catalog: Catalog) -> dict[str, list[str]]:
    """What a catalogue says, without the header a compiler writes into it."""
    return {msgid(m): texts(m.string) for m in catalog if m.id}


def test_the_compiled_catalogue_says_what_the_po_file_says() -> None:
    with (CATALOG / "messages.mo").open("rb") as handle:
        compiled = read_mo(handle)
    assert messages(compiled) == messages(dutch()), "run: make (it compiles the catalogues)"


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
    assert messages(read_mo(written)) == messages(dutch())


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
