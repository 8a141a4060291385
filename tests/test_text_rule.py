"""One rule for typed text: a case file brings in exactly what the forms accept."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest
from wtforms.validators import ValidationError

from ecogram.caseformat import CaseFormatError, loads
from tests.test_caseformat import example
from webapp.validators import no_control_characters, no_control_characters_in_text

#: Every C0 and C1 control, DEL, the Unicode separators, and a few harmless neighbours.
CHARACTERS = [chr(c) for c in range(0xA1)] + ["\u2028", "\u2029", "\u200b", "é", "€"]


def imported(set_field: Any) -> bool:
    document = example()
    set_field(document)
    try:
        loads(json.dumps(document))
    except CaseFormatError:
        return False
    return True


def form_accepts(validator: Any, value: str) -> bool:
    try:
        validator(None, SimpleNamespace(data=value))
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("character", CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_a_name_is_imported_exactly_when_the_person_form_accepts_it(character: str) -> None:
    name = f"Oma{character}Jet"

    def set_name(document: dict[str, Any]) -> None:
        document["persons"][1]["name"] = name

    assert imported(set_name) == form_accepts(no_control_characters, name)


@pytest.mark.parametrize("character", CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_a_note_is_imported_exactly_when_the_assessment_form_accepts_it(character: str) -> None:
    note = f"Comforts{character}quickly"

    def set_note(document: dict[str, Any]) -> None:
        document["assessments"][0]["notes"]["sensitivity"] = note

    assert imported(set_note) == form_accepts(no_control_characters_in_text, note)


@pytest.mark.parametrize(
    ("character", "in_a_name", "in_a_note"),
    [
        ("\x85", False, False),  # NEL, a C1 control: files let it in before the rule was shared
        ("\u2028", False, False),  # LINE SEPARATOR: the same
        ("\t", False, True),
        ("\n", False, True),
        ("\x00", False, False),
        ("é", True, True),
    ],
)
def test_the_importer_refuses_c1_controls_and_separators_like_the_forms(
    character: str, in_a_name: bool, in_a_note: bool
) -> None:
    def set_name(document: dict[str, Any]) -> None:
        document["persons"][1]["name"] = f"Oma{character}Jet"

    def set_note(document: dict[str, Any]) -> None:
        document["assessments"][0]["notes"]["sensitivity"] = f"Comforts{character}quickly"

    assert (imported(set_name), imported(set_note)) == (in_a_name, in_a_note)


def test_a_refused_name_names_its_field_and_the_rule() -> None:
    document = example()
    document["persons"][1]["name"] = "Oma\u2028Jet"
    with pytest.raises(CaseFormatError) as refused:
        loads(json.dumps(document))
    assert str(refused.value) == (
        "persons[1].name: must not contain control characters or line breaks"
    )
