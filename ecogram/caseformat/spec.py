"""The format's name and the JSON Schema that defines its shape."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from ecogram import text

FORMAT = "ecogram-case/1"
SCHEMA_FILE = "ecogram-case-1.schema.json"


@cache
def schema() -> dict[str, Any]:
    text = resources.files("ecogram.schema").joinpath(SCHEMA_FILE).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def validator() -> Draft202012Validator:
    # Only the project's own text formats are checked, so the one rule in
    # `ecogram.text` decides for files exactly as it does for forms.
    checker = FormatChecker(formats=())
    checker.checks(text.LINE_FORMAT)(_strings_only(text.is_line))
    checker.checks(text.TEXT_FORMAT)(_strings_only(text.is_text))
    return Draft202012Validator(schema(), format_checker=checker)


def _strings_only(rule: Callable[[str], bool]) -> Callable[[object], bool]:
    # A format says nothing about other types; "type" complains about those.
    return lambda value: not isinstance(value, str) or rule(value)
