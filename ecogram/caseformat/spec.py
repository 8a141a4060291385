"""The format's name and the JSON Schema that defines its shape."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

FORMAT = "ecogram-case/1"
SCHEMA_FILE = "ecogram-case-1.schema.json"


@cache
def schema() -> dict[str, Any]:
    text = resources.files("ecogram.schema").joinpath(SCHEMA_FILE).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def validator() -> Draft202012Validator:
    return Draft202012Validator(schema())
