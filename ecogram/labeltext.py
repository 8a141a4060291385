"""The lines of the ecogram's texts and the size of their boxes, for `ecogram.labelling`.

A name and its roles are wrapped into at most two lines each, a long word widening
its line rather than being broken; a box is its widest line in the drawing font
(`ecogram.textwidth`) and its lines' height, with a white halo around them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from ecogram.textwidth import text_width

LINE_HEIGHT = 1.25  #: in ems; DejaVu Sans's glyphs stand within 1.17 em
PAD = 3.0  #: between a text and the edge of its white halo
ANCHOR_SIGN = "\u2693"
STAR = "\u2605"
NAME_CHARS = 18
ROLE_CHARS = 26
SECTOR_CHARS = 14
LONGEST_WORD = 22


def wrapped(text: str, width: int, max_lines: int) -> list[str]:
    if len(text) <= width and text.isprintable() and text[:1] != " " != text[-1:]:
        # What textwrap makes of a line that fits, without its regular expressions: most
        # names and roles fit, and a 3,000-person case has 3,000 of them. (Printable, it
        # holds no tab or newline, and no space but " ".)
        return [text]
    # A long word widens its line rather than being broken: "Pleegzorgbegeleider" reads
    # better a little wide than cut in two.
    longest = max((len(word) for word in text.split()), default=0)
    width = max(width, min(longest, LONGEST_WORD))
    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "\u2026"
    return lines


def person_lines(
    name: str, *, anchor: bool = False, trusted: bool = False, roles: Sequence[str] = ()
) -> tuple[str, ...]:
    """The label's lines: the name with the anchor sign and the trusted person's star,
    then the active roles."""
    text = name
    if anchor:
        text = f"{ANCHOR_SIGN} {text}"
    if trusted:
        text = f"{text} {STAR}"
    lines = wrapped(text, NAME_CHARS, 2)
    if roles:
        lines += wrapped(", ".join(roles), ROLE_CHARS, 2)
    return tuple(lines)


def text_size(lines: Sequence[str], size: float, *, bold: bool = False) -> tuple[float, float]:
    """The width and height of a text block with its halo."""
    width = max(text_width(line, size, bold=bold) for line in lines)
    return width + 2 * PAD, len(lines) * size * LINE_HEIGHT + 2 * PAD
