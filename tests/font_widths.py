"""Writes ecogram/data/dejavu-sans-widths.json: DejaVu Sans's advance widths.

`python -m tests.font_widths` reads the fonts Debian installs (fonts-dejavu-core)
with fontTools and keeps the characters names are typed in (Latin, Greek,
Cyrillic, punctuation) and the marks the drawing uses. `ecogram.textwidth`
reads the table; a character it leaves out counts one em.
"""

from __future__ import annotations

import json
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path("/usr/share/fonts/truetype/dejavu")
OUT = Path(__file__).resolve().parent.parent / "ecogram" / "data" / "dejavu-sans-widths.json"
RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x2000, 0x206F)]
MARKS = [0x2190, 0x2192, 0x2194, 0x2605, 0x2693, 0x2713, 0x2717, 0x25D0, 0x2026, 0x2022]


def widths(path: Path) -> tuple[int, dict[str, int]]:
    font = TTFont(str(path))
    cmap = font.getBestCmap()
    metrics = font["hmtx"].metrics
    codes = [c for lo, hi in RANGES for c in range(lo, hi + 1)] + MARKS
    found = {str(c): metrics[cmap[c]][0] for c in codes if c in cmap}
    return int(font["head"].unitsPerEm), found


def main() -> None:
    em, regular = widths(FONTS / "DejaVuSans.ttf")
    _, bold = widths(FONTS / "DejaVuSans-Bold.ttf")
    OUT.write_text(
        json.dumps({"units_per_em": em, "regular": regular, "bold": bold}, separators=(",", ":"))
        + "\n",
        "utf-8",
    )


if __name__ == "__main__":
    main()
