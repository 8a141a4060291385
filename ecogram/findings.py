"""The findings of `ecogram check` (docs/findings.md) and how they are shown.

A finding is plain data: a code, its severity, the person, role and item it
is about, and the facts a message needs (`params`). Wording lives only in
`ecogram.finding_messages` and `ecogram.i18n`, so the command line and the web
app say the same thing, in Dutch (the default) or English. The codes, tables
and labels are re-exported here, so callers need only this module.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from ecogram.finding_codes import SEVERITY, Code
from ecogram.finding_messages import DETAILS, MESSAGES, NO_FINDINGS, SEVERITY_WORDS
from ecogram.i18n import (
    AND_WORD,
    DEFAULT_LANG,
    ITEM_LABELS,
    LANGUAGES,
    MONTHS,
    RATING_LABELS,
    ROLE_LABELS,
    SECTOR_LABELS,
    normalize_lang,
)
from ecogram.imh_checklist import Item, Rating, Severity
from ecogram.vocabulary import Role, Sector

__all__ = [
    "DEFAULT_LANG",
    "DETAILS",
    "ITEM_LABELS",
    "LANGUAGES",
    "MESSAGES",
    "RATING_LABELS",
    "ROLE_LABELS",
    "SECTOR_LABELS",
    "SEVERITY",
    "Code",
    "Finding",
    "ParamValue",
    "Severity",
    "normalize_lang",
    "render",
    "sort_key",
    "summary",
    "to_json",
]


#: A fact a message may show. Tuples hold names (`names`) or item values (`items`).
ParamValue = str | int | Decimal | dt.date | tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """One finding. `person` is a person ref; `role` and `item` are format values."""

    code: Code
    severity: Severity
    params: tuple[tuple[str, ParamValue], ...] = ()
    person: str | None = None
    role: str | None = None
    item: str | None = None

    @classmethod
    def of(
        cls,
        code: Code,
        *,
        person: str | None = None,
        role: str | None = None,
        item: str | None = None,
        **params: ParamValue,
    ) -> Finding:
        """A finding with the severity the table gives its code."""
        return cls(
            code=code,
            severity=SEVERITY[code],
            params=tuple(sorted(params.items())),
            person=person,
            role=None if role is None else Role(role).value,
            item=None if item is None else Item(item).value,
        )

    @property
    def param_map(self) -> Mapping[str, ParamValue]:
        return MappingProxyType(dict(self.params))


_SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_CODE_ORDER = {code: i for i, code in enumerate(Code)}
_ITEM_ORDER = {item.value: i for i, item in enumerate(Item)}
_DIGITS = re.compile(r"(\d+)")


def _natural(ref: str) -> tuple[tuple[str | int, ...], str]:
    # Text and number chunks alternate from a text chunk, so "p2" sorts before "p10".
    parts = _DIGITS.split(ref)
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts)), ref


SortKey = tuple[int, int, tuple[tuple[str | int, ...], str], int, int]


def sort_key(finding: Finding) -> SortKey:
    """Errors first, then contract order of codes, then person (p2 < p10), role rank, item.

    Findings equal on all of these keep the order the rules gave them (for
    EMPTY_SECTOR that is the drawing order of the sectors).
    """
    return (
        _SEVERITY_ORDER.index(finding.severity),
        _CODE_ORDER[finding.code],
        _natural(finding.person or ""),
        -1 if finding.role is None else Role(finding.role).rank,
        -1 if finding.item is None else _ITEM_ORDER[finding.item],
    )


def _format(key: str, value: ParamValue, lang: str) -> str:
    if isinstance(value, tuple):
        if key == "items":  # labels such as "woning en praktische zaken" hold an "and" already
            return ", ".join(ITEM_LABELS[lang][Item(v)] for v in value)
        return _join(list(value), lang)
    if isinstance(value, dt.date):
        return f"{value.day} {MONTHS[lang][value.month - 1]} {value.year}"
    if isinstance(value, Decimal):
        text = f"{value:,.2f}"
        if lang == "nl":
            return "€ " + text.translate(str.maketrans(",.", ".,"))
        return "€" + text
    if key == "sector":
        return SECTOR_LABELS[lang][Sector(str(value))]
    if key in ("rating", "minimum"):
        return RATING_LABELS[lang][Rating(str(value))]
    return str(value)


def _join(words: list[str], lang: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {AND_WORD[lang]} {words[-1]}"


def render(finding: Finding, lang: str = DEFAULT_LANG) -> str:
    """The finding's message for practitioners, in `lang` (nl by default)."""
    lang = normalize_lang(lang)
    context: dict[str, str] = {
        key: _format(key, value, lang) for key, value in finding.params if key != "detail"
    }
    if finding.person is not None:
        context["person"] = finding.person
    if finding.role is not None:
        context["role"] = ROLE_LABELS[lang][Role(finding.role)]
    if finding.item is not None:
        context["item"] = ITEM_LABELS[lang][Item(finding.item)]
    detail = finding.param_map.get("detail")
    if detail is not None:
        context["detail"] = DETAILS[str(detail)][lang].format_map(context)
    return MESSAGES[finding.code][lang].format_map(context)


def to_json(finding: Finding, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """The finding as contract 3 prints it; person, role and item only where they apply."""
    out: dict[str, Any] = {
        "code": finding.code.value,
        "severity": finding.severity.value,
        "message": render(finding, lang),
    }
    for key in ("person", "role", "item"):
        value = getattr(finding, key)
        if value is not None:
            out[key] = value
    return out


def summary(findings: Iterable[Finding], lang: str = DEFAULT_LANG) -> str:
    """One line counting the findings per severity, e.g. "1 fout, 2 waarschuwingen, 0 meldingen"."""
    lang = normalize_lang(lang)
    counts = dict.fromkeys(_SEVERITY_ORDER, 0)
    for finding in findings:
        counts[finding.severity] += 1
    if not any(counts.values()):
        return NO_FINDINGS[lang]
    words = SEVERITY_WORDS[lang]
    return ", ".join(
        f"{n} {words[severity][0] if n == 1 else words[severity][1]}"
        for severity, n in counts.items()
    )
