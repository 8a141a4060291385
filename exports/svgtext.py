"""Text helpers shared by the drawing and the care-table summary.

The words come from the one catalogue (`ecogram.i18n`, `ecogram.labels`), so
paper says what the screen and the command line say; exports read it through
`babel.support`, without a web app.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from ecogram.dates import age_in_months, expected_date, is_unborn
from ecogram.i18n import words
from ecogram.models import Case

FONT_FAMILY = "DejaVu Sans, sans-serif"

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
    tokens = text.split()
    width = max(width, min(max((len(token) for token in tokens), default=0), longest_word))
    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def nights_text(nights: int, lang: str) -> str:
    return words(lang).ngettext("%(num)d night a week", "%(num)d nights a week", nights)


def child_name(case: Case, lang: str) -> str:
    """The child's name as recorded: the case holds the name workers use, not a full name."""
    child = case.child
    return child.name if child is not None else words(lang).gettext("the child")


def age_text(case: Case, at: dt.date, lang: str) -> str:
    """The child's age at `at`: completed months, days in the first month, weeks before birth."""
    said = words(lang)
    birth = case.birth_date
    if birth is None or is_unborn(case, at):
        due = expected_date(case)
        if due is None:  # the schema forbids it; say the least rather than fail a print
            return said.gettext("not born yet")
        weeks = max((due - at).days, 0) // 7
        return said.ngettext(
            "not born yet, expected on %(date)s (in %(num)d week)",
            "not born yet, expected on %(date)s (in %(num)d weeks)",
            weeks,
            date=said.date(due),
        )
    months = age_in_months(birth, at)
    if months == 0:
        days = (at - birth).days
        return said.ngettext("%(num)d day old", "%(num)d days old", days)
    return said.ngettext("%(num)d month old", "%(num)d months old", months)
