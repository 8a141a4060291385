"""The drawing's texts meet WCAG's 4.5:1 on whatever they lie on.

The canvas is not in the DOM, so no accessibility checker sees its colours: this
reads them from the scripts that draw (labels.js, backdrop.js) and from the
marks' fills (exports/symbols.py), and computes WCAG 2.1's contrast ratio.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ecogram.vocabulary import CandidateStatus
from exports.symbols import CANDIDATE_COLOURS, CANDIDATE_MARKS, TEXT

JS = Path(__file__).resolve().parent.parent / "webapp" / "static" / "js"
DARKEST_LINE = "#1f2933"  # a strong tie, the darkest thing a halo can lie on
AA = 4.5


def constant(script: str, name: str) -> str:
    found = re.search(rf'var {name} = "([^"]+)";', (JS / script).read_text("utf-8"))
    assert found is not None, f"{name} in {script}"
    return found.group(1)


def rgb(colour: str) -> tuple[float, float, float]:
    if colour.startswith("rgba"):
        r, g, b = (float(v) for v in re.findall(r"[\d.]+", colour)[:3])
        return r, g, b
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def over(colour: str, alpha: float, below: str) -> tuple[float, float, float]:
    top, under = rgb(colour), rgb(below)
    return tuple(alpha * t + (1 - alpha) * u for t, u in zip(top, under, strict=True))  # type: ignore[return-value]


def luminance(channels: tuple[float, float, float]) -> float:
    def linear(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def halo_at_its_thinnest() -> tuple[float, float, float]:
    halo = constant("labels.js", "HALO")
    alpha = float(re.findall(r"[\d.]+", halo)[3])
    return over(halo, alpha, DARKEST_LINE)


def test_the_ratio_is_wcags() -> None:
    assert contrast(rgb("#000000"), rgb("#ffffff")) == pytest.approx(21.0)
    assert contrast(rgb("#777777"), rgb("#ffffff")) == pytest.approx(4.48, abs=0.01)


def test_labels_stand_out_from_their_halo_even_over_the_darkest_tie() -> None:
    text = rgb(constant("labels.js", "TEXT"))

    assert contrast(text, halo_at_its_thinnest()) >= AA


def test_sector_names_and_ring_numbers_stand_out_from_every_sector_tint() -> None:
    source = (JS / "backdrop.js").read_text("utf-8")
    tints_found = re.search(r"SECTOR_TINTS = \[([^\]]+)\]", source)
    assert tints_found is not None
    tints = re.findall(r'"(#[0-9a-f]{6})"', tints_found.group(1))
    name = rgb(constant("backdrop.js", "NAME_COLOUR"))

    assert len(tints) == 5
    assert min(contrast(name, rgb(tint)) for tint in [*tints, "#ffffff"]) >= AA
    assert contrast(name, halo_at_its_thinnest()) >= AA  # a ring number on its plate


@pytest.mark.parametrize("status", [s for s in CandidateStatus if CANDIDATE_MARKS[s]])
def test_each_candidate_mark_stands_out_from_its_fill(status: CandidateStatus) -> None:
    assert constant("labels.js", "TEXT") == TEXT  # page and paper draw marks alike
    assert contrast(rgb(TEXT), rgb(CANDIDATE_COLOURS[status])) >= AA


def test_only_not_yet_considered_goes_without_a_mark() -> None:
    assert [s for s in CandidateStatus if not CANDIDATE_MARKS[s]] == [CandidateStatus.NONE]
    assert len(set(CANDIDATE_MARKS.values())) == len(CandidateStatus)
