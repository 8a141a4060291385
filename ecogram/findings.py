"""The findings of `ecogram check` and how they are put into words.

A finding is plain data: a code, its severity, the person, role and item it
is about, and the facts a message needs (`params`). Its words come from the
code's row in `ecogram.finding_codes` and the one catalogue (`ecogram.i18n`),
so the command line, the web app and paper say the same thing, in Dutch (the
default) or English. Messages name persons by name; the person's id stays in
`person`, for JSON.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from ecogram.finding_codes import Code, nN_
from ecogram.i18n import DEFAULT_LANG, LANGUAGES, Words, normalize_lang, words
from ecogram.imh_checklist import Item, Severity
from ecogram.labels import label
from ecogram.vocabulary import Role

__all__ = [
    "DEFAULT_LANG",
    "LANGUAGES",
    "Code",
    "Dated",
    "Finding",
    "ParamValue",
    "Severity",
    "as_text",
    "counted",
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
            severity=code.severity,
            params=tuple(sorted(params.items())),
            person=person,
            role=None if role is None else Role(role).value,
            item=None if item is None else Item(item).value,
        )

    @property
    def param_map(self) -> Mapping[str, ParamValue]:
        return MappingProxyType(dict(self.params))


@dataclass(frozen=True)
class Dated:
    """A finding and the day from which it holds (the check date for today's findings)."""

    finding: Finding
    on: dt.date


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
    """Errors first, then the table's order of codes, then person (p2 < p10), role rank, item.

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
    said = words(lang)
    if isinstance(value, tuple):
        if key == "items":  # labels such as "home and practicalities" hold an "and" already
            return ", ".join(label("item", v, lang) for v in value)
        return said.join(value)
    if isinstance(value, dt.date):
        return said.date(value)
    if isinstance(value, Decimal):
        return said.money(value)
    if isinstance(value, int):
        return said.number(value)
    if key == "sector":
        return label("sector", value, lang)
    if key in ("rating", "minimum"):
        return label("rating", value, lang)
    if key in ("stay", "outcome"):
        return label(key, value, lang)
    return value


def _message(code: Code, said: Words, context: dict[str, str], count: ParamValue | None) -> str:
    if isinstance(code.message, tuple):
        if not isinstance(count, int):
            raise ValueError(f"{code.value} needs an int `count` to choose its plural form")
        singular, plural = code.message
        return said.ngettext(singular, plural, count, **context)
    return said.gettext(code.message, **context)


def render(finding: Finding, lang: str = DEFAULT_LANG) -> str:
    """The finding's message for practitioners, in `lang` (nl by default)."""
    lang = normalize_lang(lang)
    said = words(lang)
    context: dict[str, str] = {
        key: _format(key, value, lang) for key, value in finding.params if key != "detail"
    }
    if finding.role is not None:
        context["role"] = label("role", finding.role, lang)
    if finding.item is not None:
        context["item"] = label("item", finding.item, lang)
    detail = finding.param_map.get("detail")
    if detail is not None:
        context["detail"] = said.gettext(finding.code.details[str(detail)], **context)
    return _message(finding.code, said, context, finding.param_map.get("count"))


def to_json(
    finding: Finding, lang: str = DEFAULT_LANG, on: dt.date | None = None
) -> dict[str, Any]:
    """The finding as `ecogram check --format json` prints it: code, severity, message and
    `on` (the ISO day from which it holds), plus person (an id), role and item only where
    they apply."""
    out: dict[str, Any] = {
        "code": finding.code.value,
        "severity": finding.severity.value,
        "message": render(finding, lang),
    }
    if on is not None:
        out["on"] = on.isoformat()
    for key in ("person", "role", "item"):
        value = getattr(finding, key)
        if value is not None:
            out[key] = value
    return out


_COUNTED = {
    Severity.ERROR: nN_("%(num)d error", "%(num)d errors"),
    Severity.WARNING: nN_("%(num)d warning", "%(num)d warnings"),
    Severity.INFO: nN_("%(num)d note", "%(num)d notes"),
}


def counted(severity: Severity | str, count: int, lang: str = DEFAULT_LANG) -> str:
    """`2 waarschuwingen`, `1 note`: a count of findings of one severity, as every page says it."""
    singular, plural = _COUNTED[Severity(severity)]
    return words(lang).ngettext(singular, plural, count)


def summary(findings: Iterable[Finding], lang: str = DEFAULT_LANG) -> str:
    """One line counting the findings per severity, e.g. "1 fout, 2 waarschuwingen, 0 meldingen"."""
    counts = dict.fromkeys(_SEVERITY_ORDER, 0)
    for finding in findings:
        counts[finding.severity] += 1
    if not any(counts.values()):
        return words(lang).gettext("No findings.")
    return ", ".join(counted(severity, n, lang) for severity, n in counts.items())


def as_text(
    findings: Iterable[Finding | Dated], lang: str = DEFAULT_LANG, at: dt.date | None = None
) -> str:
    """What `ecogram check` prints: one line per finding (its severity in words and its
    message), then the summary. A finding that holds only from a day after `at` says
    from when. Codes and ids are for `--format json`."""
    dated = [f if isinstance(f, Dated) else Dated(f, at or dt.date.min) for f in findings]
    said = words(lang)
    names = {severity: label("severity", severity, lang) for severity in _SEVERITY_ORDER}
    width = max(len(name) for name in names.values())
    lines = []
    for item in dated:
        when = (
            ""
            if at is None or item.on <= at
            else said.gettext("from %(date)s:", date=said.date(item.on)) + " "
        )
        lines.append(f"{names[item.finding.severity]:<{width}}  {when}{render(item.finding, lang)}")
    return "\n".join([*lines, summary((d.finding for d in dated), lang)])
