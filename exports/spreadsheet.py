"""Cells that stay text in a spreadsheet: the one guard against formula injection.

Region names are typed by people. A spreadsheet reads a cell that starts with
`=`, `+`, `-` or `@` as a formula, and a leading tab or carriage return can hide
such a start, so every value the CSV and XLSX writers put in a cell passes
through `neutralised`. The apostrophe it adds is the spreadsheets' own mark for
"this is text"; numbers are left alone, so a negative number stays a number.
"""

from __future__ import annotations

from typing import TypeVar

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

V = TypeVar("V")


def neutralised(value: V) -> V | str:
    """`value`, or for text that a spreadsheet could run, the same text marked as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
