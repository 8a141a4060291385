"""Rebuild the reference image of the PNG regression test: `python -m tests.regenerate_reference`.

Run it (from the project root) only after a deliberate change to the drawing,
look at the new image, and commit it with that change:
tests/test_exports_svg.py compares every PNG export of demo-1 against it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ecogram import caseformat
from ecogram.demo import demo_cases
from exports.render import svg_to_png
from exports.svg import ecogram_svg

REFERENCE = Path(__file__).parent / "data" / "reference" / "demo-1.png"
# A fixed day: the demo cases are dated relative to it, so the drawing never drifts.
REFERENCE_DAY = dt.date(2026, 11, 23)


def reference_png() -> bytes:
    """Demo case demo-1 on REFERENCE_DAY, drawn in Dutch, professional version, scale 1."""
    document = next(d for d in demo_cases(REFERENCE_DAY) if d["case"]["id"] == "demo-1")
    case = caseformat.parse_document(document)
    return svg_to_png(ecogram_svg(case, REFERENCE_DAY))


def main() -> None:
    REFERENCE.parent.mkdir(parents=True, exist_ok=True)
    REFERENCE.write_bytes(reference_png())
    print(f"wrote {REFERENCE}")


if __name__ == "__main__":
    main()
