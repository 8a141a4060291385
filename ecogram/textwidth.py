"""How wide a line of text is drawn, in the font the ecogram's labels are drawn in.

Labels are placed before anyone draws them (`ecogram.labelling`), on the server,
so their width is computed here from the advance widths of DejaVu Sans, the
font the page's canvas and the SVG ask for first (`data/dejavu-sans-widths.json`,
made from the font files by `tests/font_widths.py`). A character the table does
not hold counts 1.3 em: a Chinese character is one em, a colour emoji a little
more, so a box is never too narrow. Kerning only ever narrows a line a little;
a fallback font such as Arial or Roboto is narrower than DejaVu Sans, so a box
made here holds its text in those too.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib import resources
from itertools import repeat

FONT_FAMILY = "DejaVu Sans, sans-serif"
_UNKNOWN_EM = 1.3


@cache
def _widths() -> tuple[dict[int, float], dict[int, float]]:
    raw = json.loads(
        resources.files("ecogram").joinpath("data/dejavu-sans-widths.json").read_text("utf-8")
    )
    em = float(raw["units_per_em"])
    return (
        {int(code): width / em for code, width in raw["regular"].items()},
        {int(code): width / em for code, width in raw["bold"].items()},
    )


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of `text` set in `size` units of DejaVu Sans (bold when asked)."""
    return size * _ems(text, bold)


# Labelling a large case measures every line of every label; the same role words and
# names come back with every view of the case, and after every change to it.
@lru_cache(maxsize=8192)
def _ems(text: str, bold: bool) -> float:
    table = _widths()[1 if bold else 0]
    return sum(map(table.get, map(ord, text), repeat(_UNKNOWN_EM)))
