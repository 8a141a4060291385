"""Problems with a case document, each reported as one line naming its field.

The schema validator's own messages name JSON Schema keywords; `_explain`
rewords the first complaint for someone editing the file by hand.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from jsonschema import ValidationError

from ecogram import text
from ecogram.caseformat.spec import FORMAT, validator


class CaseFormatError(ValueError):
    """A problem with a case document, tied to the field it concerns."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def check_schema(document: Any) -> None:
    """Raise the first schema problem in document order.

    A wrong format version is named before anything else: against the wrong
    schema every other complaint would only be noise.
    """
    if isinstance(document, dict) and "format" in document and document["format"] != FORMAT:
        raise CaseFormatError(
            "format", f"expected {FORMAT!r}, got {_show(document['format'])} (wrong format version)"
        )
    errors = sorted(validator().iter_errors(document), key=_error_order)
    if errors:
        raise _explain(errors[0])


def _error_order(error: ValidationError) -> tuple[Any, ...]:
    return tuple((0, p) if isinstance(p, int) else (1, str(p)) for p in error.absolute_path)


def _branch_relevance(error: ValidationError) -> tuple[int, bool]:
    return len(list(error.absolute_path)), error.validator != "type"


def field_path(parts: Iterable[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(document)"


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


_JSON_TYPES = {
    dict: "an object",
    list: "a list",
    str: "a string",
    bool: "true/false",
    int: "a number",
    float: "a number",
    type(None): "null",
}
_SCHEMA_TYPES = {
    "object": "an object",
    "array": "a list",
    "string": "a string",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "null",
}


_PATTERN_PROBLEMS = {
    r"^\d{4}-\d{2}-\d{2}$": "{} is not a date in the form YYYY-MM-DD",
    "^[A-Za-z0-9_.:-]+$": "{} is not a valid id (letters, digits, and _ . : - only)",
}
_FORMAT_PROBLEMS = {
    text.LINE_FORMAT: "must not contain control characters or line breaks",
    text.TEXT_FORMAT: "must not contain control characters other than tabs and line breaks",
}


def _explain(error: ValidationError) -> CaseFormatError:
    path = list(error.absolute_path)
    kind: Any = error.validator
    expected: Any = error.validator_value
    value: Any = error.instance
    schema_part: Any = error.schema
    if kind in ("anyOf", "oneOf") and error.context:
        # Skip the "or null" branch: the useful complaint is about the real option.
        relevant = [
            e for e in error.context if not (e.validator == "type" and e.validator_value == "null")
        ]
        if relevant:
            # The deepest complaint, and at equal depth one from a branch whose
            # type matched: a misshapen date string is a date problem, not "expected an object".
            ranked = [(_branch_relevance(e), i) for i, e in enumerate(relevant)]
            return _explain(relevant[max(ranked)[1]])
    if kind == "additionalProperties":
        allowed = set(schema_part.get("properties", {}))
        unknown = sorted(k for k in value if k not in allowed)
        return CaseFormatError(field_path([*path, unknown[0]]), "unknown key")
    if kind == "required":
        missing = next(k for k in expected if k not in value)
        return CaseFormatError(field_path([*path, missing]), "this required key is missing")
    if kind == "enum":
        options = ", ".join(str(o) for o in expected)
        return CaseFormatError(field_path(path), f"{_show(value)} is not one of: {options}")
    if kind == "const":
        return CaseFormatError(field_path(path), f"expected {_show(expected)}, got {_show(value)}")
    if kind == "type":
        got = _JSON_TYPES.get(type(value), type(value).__name__)
        return CaseFormatError(
            field_path(path), f"expected {_SCHEMA_TYPES.get(expected, expected)}, got {got}"
        )
    if kind == "pattern":
        return CaseFormatError(field_path(path), _PATTERN_PROBLEMS[expected].format(_show(value)))
    if kind == "format":
        return CaseFormatError(field_path(path), _FORMAT_PROBLEMS[expected])
    if kind == "minimum":
        return CaseFormatError(field_path(path), f"{_show(value)} is below the minimum {expected}")
    if kind == "maximum":
        return CaseFormatError(field_path(path), f"{_show(value)} is above the maximum {expected}")
    if kind == "minLength":
        return CaseFormatError(field_path(path), "must not be empty")
    if kind == "maxLength":
        return CaseFormatError(field_path(path), f"is longer than {expected} characters")
    if kind == "uniqueItems":
        return CaseFormatError(field_path(path), "lists the same value twice")
    return CaseFormatError(field_path(path), error.message)
