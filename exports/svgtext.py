"""Words and text helpers shared by the drawing and the care-table summary.

The vocabularies (roles, sectors, tie qualities...) come from the core's tables
(`ecogram.labels`), so paper and screen use the same words. Only the phrases
the core has no use for live here, as a small nl/en table: exports never use
gettext, so the CLI can print without a web app.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from ecogram.dates import age_in_months, expected_date, is_unborn
from ecogram.i18n import MONTHS
from ecogram.models import Case

FONT_FAMILY = "DejaVu Sans, sans-serif"

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Ecogram van {name}",
        "family_title": "Het netwerk rond {name}",
        "on": "Stand van zaken op {date}",
        "legend": "Legenda",
        "ties": "Banden",
        "flow": "Energie",
        "flow_forward": "stroomt in de richting van de pijl",
        "flow_both": "stroomt in beide richtingen",
        "symbols": "Symbolen",
        "child": "het kind, in het midden",
        "anchor": "ankerpunt (veilige haven)",
        "trusted": "vertrouwenspersoon",
        "roles": "onder de naam: wie helpt wanneer",
        "role_sample": "rol",
        "candidates": "Kandidaat-zorgfiguren",
        "rings": "Ringen",
        "ring_near": "ring 1: het dichtst bij het kind",
        "ring_far": "ring 3: het verst weg",
        "night": "1 nacht per week",
        "nights": "{n} nachten per week",
        "unknown_child": "het kind",
    },
    "en": {
        "title": "Ecogram of {name}",
        "family_title": "The network around {name}",
        "on": "As it stood on {date}",
        "legend": "Legend",
        "ties": "Ties",
        "flow": "Energy",
        "flow_forward": "flows towards the arrow",
        "flow_both": "flows both ways",
        "symbols": "Symbols",
        "child": "the child, in the centre",
        "anchor": "anchor (safe haven)",
        "trusted": "trusted person",
        "roles": "under the name: who helps when",
        "role_sample": "role",
        "candidates": "Candidate care figures",
        "rings": "Rings",
        "ring_near": "ring 1: closest to the child",
        "ring_far": "ring 3: furthest away",
        "night": "1 night a week",
        "nights": "{n} nights a week",
        "unknown_child": "the child",
    },
}

# DejaVu Sans averages about 0.6 em per character (bold a little more); a box
# sized by this estimate is slightly generous, which is what a label halo wants.
_EM_PER_CHAR = 0.6
_EM_PER_CHAR_BOLD = 0.66


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    return len(text) * size * (_EM_PER_CHAR_BOLD if bold else _EM_PER_CHAR)


def wrap(text: str, width: int, max_lines: int = 3, *, longest_word: int = 22) -> list[str]:
    """`text` in lines of about `width` characters; an ellipsis ends a cut-off last line.

    A word up to `longest_word` characters widens its line rather than being cut:
    "Contextbegeleider" reads better a little wide than broken in two.
    """
    words = text.split()
    width = max(width, min(max((len(word) for word in words), default=0), longest_word))
    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def format_date(day: dt.date, lang: str) -> str:
    """`23 november 2026` / `23 November 2026`, as the findings write dates."""
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def nights_text(nights: int, lang: str) -> str:
    words = WORDS[lang]
    return words["night"] if nights == 1 else words["nights"].format(n=nights)


def child_name(case: Case, lang: str) -> str:
    """The child's name as recorded: the case holds the name workers use, not a full name."""
    child = case.child
    return child.name if child is not None else WORDS[lang]["unknown_child"]


_AGE = {
    "nl": {
        "weeks_before": "nog niet geboren, verwacht op {date} (over {weeks} weken)",
        "week_before": "nog niet geboren, verwacht op {date} (over 1 week)",
        "days_old": "{days} dagen oud",
        "months_old": "{months} maanden oud",
        "month_old": "1 maand oud",
    },
    "en": {
        "weeks_before": "not born yet, expected on {date} (in {weeks} weeks)",
        "week_before": "not born yet, expected on {date} (in 1 week)",
        "days_old": "{days} days old",
        "months_old": "{months} months old",
        "month_old": "1 month old",
    },
}


def age_text(case: Case, at: dt.date, lang: str) -> str:
    """The child's age at `at`: completed months, days in the first month, weeks before birth."""
    words = _AGE[lang]
    birth = case.birth_date
    if birth is None or is_unborn(case, at):
        due = expected_date(case)
        if due is None:  # the schema forbids it; say the least rather than fail a print
            return words["weeks_before"].split(",")[0]
        weeks = max((due - at).days, 0) // 7
        key = "week_before" if weeks == 1 else "weeks_before"
        return words[key].format(date=format_date(due, lang), weeks=weeks)
    months = age_in_months(birth, at)
    if months == 0:
        return words["days_old"].format(days=(at - birth).days)
    return words["month_old"] if months == 1 else words["months_old"].format(months=months)
