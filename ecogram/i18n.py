"""The languages Ecogram speaks, and the one catalogue that holds its words.

Every text people read is a gettext msgid in English; the Dutch lives in
`ecogram/translations/nl/LC_MESSAGES/messages.po`. The web app's Flask-Babel
reads that same catalogue, and the core reads it here without Flask, so the
command line, drawings, PDFs, reports and pages say one thing in one way.

Dates, numbers and money go through Babel with one locale per language, so
the web and paper write "6 December 2026" and "€ 1.200,00" alike. English is
British English: the tool serves Flemish networks, who read day-month dates.

    words = i18n.words("nl")
    words.gettext("Ecogram of %(name)s", name="Noor")
    words.ngettext("%(num)d error", "%(num)d errors", 2)
    words.pgettext("role", "respite")
    words.date(day), words.money(amount), words.join(names)
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path

__all__ = [
    "CATALOGUE",
    "DEFAULT_LANG",
    "GETTEXT_DOMAIN",
    "LANGUAGES",
    "LOCALES",
    "N_",
    "Words",
    "normalize_lang",
    "pN_",
    "translations",
    "words",
]

LANGUAGES = ("nl", "en")
DEFAULT_LANG = "nl"
#: The Babel locale each language formats dates, numbers and lists with.
LOCALES = {"nl": "nl_BE", "en": "en_GB"}
#: The catalogue's folder (`<lang>/LC_MESSAGES/messages.mo`); English needs none.
CATALOGUE = Path(__file__).parent / "translations"
GETTEXT_DOMAIN = "messages"

Number = int | float | Decimal


def normalize_lang(lang: str) -> str:
    """`nl`, `nl-BE`, `en_GB` -> `nl`/`en`; anything else is a caller's mistake."""
    base = lang.replace("_", "-").split("-")[0].lower()
    if base not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
    return base


def N_(msgid: str) -> str:
    """Marks a msgid for extraction where it is stored, to be translated where it is shown."""
    return msgid


def pN_(context: str, msgid: str) -> str:
    """`N_` for a msgid with a context: the same English word may need two Dutch ones."""
    return msgid


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of `lang`, loaded once; English (the msgids) is the empty catalogue.

    The standard library reads the compiled catalogue as Babel's `Translations` would
    (`nl_BE` falls back to `nl`), without importing Babel: `ecogram check` then loads
    Babel only when a finding has a date or an amount to format.
    """
    locale = LOCALES[normalize_lang(lang)]
    return gettext.translation(GETTEXT_DOMAIN, CATALOGUE, languages=[locale], fallback=True)


def _fill(text: str, params: dict[str, object]) -> str:
    # The same rule as Flask-Babel's: a text is %-formatted only when it gets values.
    return text % params if params else text


class Words:
    """The catalogue and Babel's formats, bound to one language."""

    def __init__(self, lang: str) -> None:
        self.lang = normalize_lang(lang)
        self.locale = LOCALES[self.lang]
        self._catalogue = translations(self.lang)

    def gettext(self, msgid: str, **params: object) -> str:
        return _fill(self._catalogue.gettext(msgid), params)

    def ngettext(self, singular: str, plural: str, num: int, **params: object) -> str:
        """The form for `num`; `%(num)d` in the text is the number itself."""
        return _fill(self._catalogue.ngettext(singular, plural, num), {"num": num, **params})

    def pgettext(self, context: str, msgid: str, **params: object) -> str:
        return _fill(self._catalogue.pgettext(context, msgid), params)

    def date(self, day: dt.date) -> str:
        """`6 december 2026` / `6 December 2026`."""
        from babel.dates import format_date  # loaded on first use: `--help` stays fast

        return format_date(day, "long", locale=self.locale)

    def number(self, value: Number) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.locale)

    def money(self, amount: Number) -> str:
        """`€ 1.200,00` / `€1,200.00`: the budgets are in euro."""
        from babel.numbers import format_currency

        return format_currency(amount, "EUR", locale=self.locale)

    def join(self, items: Iterable[str]) -> str:
        """`Sara, Jet en An` / `Sara, Jet and An`."""
        from babel.lists import format_list

        return format_list(list(items), locale=self.locale)

    def weekdays(self) -> tuple[str, ...]:
        """Monday to Sunday, as the language writes them in a sentence."""
        from babel.dates import get_day_names

        names = get_day_names("wide", context="format", locale=self.locale)
        return tuple(str(names[day]) for day in range(7))


@cache
def words(lang: str = DEFAULT_LANG) -> Words:
    """The words of `lang` (`nl` by default)."""
    return Words(lang)
