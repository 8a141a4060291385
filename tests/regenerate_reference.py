"""Rebuild the reference image of the PNG regression test: `python -m tests.regenerate_reference`.

Run it (from the project root) only after a deliberate change to the drawing,
look at the new image, and commit it with that change:
tests/test_exports_svg.py compares every PNG export of demo-1 against it.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from ecogram import caseformat
from ecogram.demo import demo_cases
from ecogram.models import Case
from exports.render import svg_to_png
from exports.svg import ecogram_svg

REFERENCE = Path(__file__).parent / "data" / "reference" / "demo-1.png"
# A fixed day: the demo cases are dated relative to it, so the drawing never drifts.
REFERENCE_DAY = dt.date(2026, 11, 23)
SVG_NS = "http://www.w3.org/2000/svg"


def without_text(svg: str) -> str:
    """The drawing with every <text> left out.

    Glyphs are drawn by the system's fonts and rasteriser, which a Debian update
    may change by a few pixels; lines, circles and fills are the drawing's own.
    The reference image therefore holds the geometry only, and the names are
    checked as text (in the SVG and with pdftotext) rather than as pixels.
    """
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    for parent in root.iter():
        for child in [c for c in parent if c.tag == f"{{{SVG_NS}}}text"]:
            parent.remove(child)
    return ET.tostring(root, encoding="unicode")


def reference_case() -> Case:
    """Demo case demo-1 as it stands on REFERENCE_DAY."""
    document = next(d for d in demo_cases(REFERENCE_DAY) if d["case"]["id"] == "demo-1")
    return caseformat.parse_document(document)


def reference_png(case: Case | None = None) -> bytes:
    """demo-1 (or `case`) on REFERENCE_DAY, professional version, scale 1, without text."""
    return svg_to_png(without_text(ecogram_svg(case or reference_case(), REFERENCE_DAY)))


def main() -> None:
    REFERENCE.parent.mkdir(parents=True, exist_ok=True)
    REFERENCE.write_bytes(reference_png())
    print(f"wrote {REFERENCE}")


if __name__ == "__main__":
    main()
