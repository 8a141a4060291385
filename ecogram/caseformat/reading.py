"""Reading a case document from text or a file: JSON first, then schema, then building."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecogram.caseformat.builder import CaseBuilder
from ecogram.caseformat.errors import CaseFormatError, check_schema

if TYPE_CHECKING:
    from ecogram.models import Case

MAX_FILE_BYTES = 20 * 1024 * 1024


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise CaseFormatError("(document)", f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise CaseFormatError("(document)", f"{name} is not a number JSON allows")


def loads(text: str | bytes, *, plain: bool = False) -> Case:
    """Parse and validate a case document; raise CaseFormatError on any problem.

    With `plain`, the case is `ecogram.casetree`'s plain objects: to read, never to store.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CaseFormatError("(document)", "the file is not UTF-8 text") from exc
    try:
        document = json.loads(
            text, object_pairs_hook=_reject_duplicate_keys, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as exc:
        raise CaseFormatError(
            "(document)", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    except RecursionError as exc:
        raise CaseFormatError("(document)", "the JSON is nested too deeply") from exc
    return parse_document(document, plain=plain)


def load_file(path: str | Path, *, plain: bool = False) -> Case:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CaseFormatError("(document)", f"the file is larger than {MAX_FILE_BYTES} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise CaseFormatError("(file)", f"cannot read {path}: {exc.strerror}") from exc
    return loads(data, plain=plain)


def parse_document(document: Any, *, plain: bool = False) -> Case:
    _reject_lone_surrogates(document, "")
    check_schema(document)
    return CaseBuilder(document, plain=plain).build()


def _reject_lone_surrogates(value: Any, path: str) -> None:
    """JSON's \\ud800 escapes decode to half a character that no database can store."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise CaseFormatError(path or "(document)", "contains an invalid character") from None
    elif isinstance(value, dict):
        for key, inner in value.items():
            _reject_lone_surrogates(key, path or "(document)")
            _reject_lone_surrogates(inner, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            _reject_lone_surrogates(inner, f"{path}[{index}]")
