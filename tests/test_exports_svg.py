"""The static ecogram: SVG master drawing, Hartman's lines, the family version, PNG and PDF."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import subprocess
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from lxml import etree
from PIL import Image

from ecogram import caseformat
from ecogram.demo import demo_cases
from ecogram.imh_checklist import Item, Rating
from ecogram.models import Case, Person
from ecogram.vocabulary import CandidateStatus, Flow, PersonKind, Role, Sector, TieQuality
from exports.render import ExternalResourceRefused, svg_to_pdf, svg_to_png
from exports.svg import ecogram_svg
from tests.factories import (
    make_anchor,
    make_assessment,
    make_case,
    make_parent,
    make_person,
    make_role,
    make_tie,
)
from tests.regenerate_reference import REFERENCE, REFERENCE_DAY, reference_case, reference_png

AT = dt.date(2026, 11, 23)
NS = {"s": "http://www.w3.org/2000/svg"}
HOSTILE = ['Oma <Jet> & "Zus"', "</text> Tante", "Opa 'Luc' &amp; <b>Zoon</b>"]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it


def find_all(root: ET.Element, path: str) -> list[ET.Element]:
    return root.findall(path, NS)


def label_names(root: ET.Element) -> list[str]:
    """Each person's name as drawn: the lines of the label's name texts, rejoined."""
    return [
        " ".join(text.text or "" for text in find_all(group, "s:text[@class='name']"))
        for group in find_all(root, ".//s:g[@class='label']")
    ]


def all_text(root: ET.Element) -> str:
    return " ".join(root.itertext())


def demo(ref: str) -> Case:
    document = next(d for d in demo_cases(AT) if d["case"]["id"] == ref)
    return caseformat.parse_document(document)


def case_with_one_tie(
    quality: TieQuality, flow: Flow = Flow.NONE, ring: int = 1
) -> tuple[Case, Person]:
    case = make_case()
    sara = make_parent(case, ring=ring)
    make_tie(case, sara, case.persons[0], quality=quality, flow=flow)
    return case, sara


def assessed_case() -> Case:
    """A case where the professional version has candidate status, ratings and a role."""
    case = make_case()
    sara = make_parent(case)
    jet = make_person(
        case,
        name="Oma Jet",
        kind=PersonKind.GRANDPARENT,
        sector=Sector.FAMILY,
        ring=1,
        candidate=CandidateStatus.NOT_SUITABLE,
    )
    make_assessment(jet, {Item.PROTECTION: Rating.CONCERN, Item.SENSITIVITY: Rating.STRENGTH})
    make_role(jet, Role.RESPITE, nights_per_week=2)
    make_anchor(case, sara)
    case.trusted_person = jet
    make_tie(case, jet, sara, quality=TieQuality.STRONG, flow=Flow.BOTH)
    return case


@pytest.mark.parametrize("ref", [f"demo-{n}" for n in range(1, 6)])
@pytest.mark.parametrize("family", [False, True])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_demo_case_exports_an_svg_that_parses_as_xml(
    ref: str, family: bool, lang: str
) -> None:
    svg = ecogram_svg(demo(ref), AT, family=family, lang=lang)
    root = parse(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert etree.fromstring(svg.encode()).tag == "{http://www.w3.org/2000/svg}svg"


def test_names_with_markup_come_out_literally() -> None:
    case = make_case()
    case.persons[0].name = 'Baby <Noor> & "Zus"'
    for name in HOSTILE:
        make_person(case, name=name)
    svg = ecogram_svg(case, AT)
    root = parse(svg)
    assert sorted(label_names(root)) == sorted(['Baby <Noor> & "Zus"', *HOSTILE])
    assert 'Baby <Noor> & "Zus"' in root.findtext("s:title", namespaces=NS)
    assert (
        root.findtext("s:text[@id='heading']", namespaces=NS) == 'Ecogram van Baby <Noor> & "Zus"'
    )
    assert "<b>" not in svg and "</text> Tante" not in svg
    assert etree.fromstring(svg.encode()) is not None


def test_the_svg_refers_to_nothing_outside_itself() -> None:
    svg = ecogram_svg(demo("demo-2"), AT)
    without_namespace = svg.replace('xmlns="http://www.w3.org/2000/svg"', "", 1)
    assert not re.search(r"https?:", without_namespace)
    assert "href" not in svg and "url(" not in svg
    assert 'font-family="DejaVu Sans, sans-serif"' in svg


def test_the_drawing_names_the_child_and_the_date_in_the_language_asked() -> None:
    case = demo("demo-1")
    dutch = parse(ecogram_svg(case, AT))
    english = parse(ecogram_svg(case, AT, lang="en-GB"))
    assert dutch.findtext("s:text[@id='heading']", namespaces=NS) == "Ecogram van Baby Lotte"
    assert "23 november 2026" in dutch.findtext("s:text[@id='date']", namespaces=NS)
    assert english.findtext("s:text[@id='heading']", namespaces=NS) == "Ecogram of Baby Lotte"
    assert "23 November 2026" in english.findtext("s:text[@id='date']", namespaces=NS)


def test_it_refuses_a_language_it_does_not_speak() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        ecogram_svg(demo("demo-1"), AT, lang="fr")


def test_it_draws_and_labels_every_sector_and_ring() -> None:
    root = parse(ecogram_svg(demo("demo-1"), AT))
    sectors = {
        p.get("class") for p in find_all(root, ".//s:path") if "sector " in (p.get("class") or "")
    }
    assert sectors == {f"sector sector-{sector.value}" for sector in Sector}
    labels = [" ".join(t.itertext()) for t in find_all(root, ".//s:text[@class='sector-label']")]
    assert labels == ["familie", "vrienden", "buurt", "kinderopvang en school", "professionelen"]
    numbers = [t.text for t in find_all(root, ".//s:text[@class='ring-number']")]
    assert numbers == ["1", "2", "3"]
    assert len(find_all(root, ".//s:circle[@class='ring']")) == 4  # ring 1's inner edge too


def tie_group(case: Case) -> ET.Element:
    (group,) = find_all(parse(ecogram_svg(case, AT)), ".//s:g[@id='ties']/s:g")
    return group


def test_a_strong_tie_is_a_thick_solid_line() -> None:
    group = tie_group(case_with_one_tie(TieQuality.STRONG)[0])
    (line,) = find_all(group, "s:line")
    assert float(line.get("stroke-width", "0")) >= 4
    assert line.get("stroke-dasharray") is None


def test_a_normal_tie_is_a_plain_thin_line() -> None:
    group = tie_group(case_with_one_tie(TieQuality.NORMAL)[0])
    (line,) = find_all(group, "s:line")
    assert float(line.get("stroke-width", "0")) < 3
    assert line.get("stroke-dasharray") is None
    assert find_all(group, "s:path") == []


def test_a_tenuous_tie_is_dashed() -> None:
    group = tie_group(case_with_one_tie(TieQuality.TENUOUS)[0])
    (line,) = find_all(group, "s:line")
    assert line.get("stroke-dasharray")


def test_a_stressful_tie_is_a_zigzag() -> None:
    group = tie_group(case_with_one_tie(TieQuality.STRESSFUL)[0])
    (path,) = find_all(group, "s:path[@class='line zigzag']")
    corners = path.get("d", "").count(" L ")
    assert corners >= 8  # a wave, not a straight line
    assert find_all(group, "s:line") == []


def test_a_conflict_tie_is_a_line_crossed_by_marks() -> None:
    # Ring 3: a tie long enough for several marks.
    group = tie_group(case_with_one_tie(TieQuality.CONFLICT, ring=3)[0])
    assert len(find_all(group, "s:line")) == 1
    (marks,) = find_all(group, "s:path[@class='cross-marks']")
    assert marks.get("d", "").count("M ") >= 3


@pytest.mark.parametrize("quality", [q for q in TieQuality if q is not TieQuality.CONFLICT])
def test_only_a_conflict_has_crossing_marks_and_only_stress_a_zigzag(quality: TieQuality) -> None:
    group = tie_group(case_with_one_tie(quality)[0])
    assert find_all(group, "s:path[@class='cross-marks']") == []
    if quality is not TieQuality.STRESSFUL:
        assert find_all(group, "s:path[@class='line zigzag']") == []


def arrow_tips(group: ET.Element) -> list[tuple[float, float]]:
    tips = []
    for polygon in find_all(group, "s:polygon[@class='arrow']"):
        x, y = polygon.get("points", "").split()[0].split(",")
        tips.append((float(x), float(y)))
    return tips


def nearest(point: tuple[float, float], case: Case) -> str:
    from ecogram.graph import layout

    positions = layout(case).positions
    return min(case.persons, key=lambda p: math.dist(point, positions[p.ref])).name


@pytest.mark.parametrize(
    ("flow", "pointing_at"),
    [(Flow.NONE, []), (Flow.FORWARD, ["Baby Noor"]), (Flow.BACK, ["Sara"])],
)
def test_an_arrow_points_where_the_energy_flows(flow: Flow, pointing_at: list[str]) -> None:
    case, _sara = case_with_one_tie(TieQuality.NORMAL, flow)
    group = tie_group(case)
    assert [nearest(tip, case) for tip in arrow_tips(group)] == pointing_at


def test_energy_flowing_both_ways_gets_an_arrow_at_each_end() -> None:
    case, _sara = case_with_one_tie(TieQuality.STRESSFUL, Flow.BOTH)
    tips = arrow_tips(tie_group(case))
    assert sorted(nearest(tip, case) for tip in tips) == ["Baby Noor", "Sara"]


def test_two_ties_between_the_same_persons_are_drawn_side_by_side() -> None:
    case, sara = case_with_one_tie(TieQuality.NORMAL)
    make_tie(case, case.persons[0], sara, quality=TieQuality.CONFLICT)
    lines = find_all(parse(ecogram_svg(case, AT)), ".//s:g[@id='ties']/s:g/s:line")
    assert len(lines) == 2
    assert lines[0].get("x1") != lines[1].get("x1") or lines[0].get("y1") != lines[1].get("y1")


def person_group(root: ET.Element, name: str) -> ET.Element:
    groups = find_all(root, ".//s:g[@id='persons']/s:g")
    labels = find_all(root, ".//s:g[@id='labels']/s:g")
    index = next(i for i, group in enumerate(labels) if name in " ".join(group.itertext()))
    return groups[index]


def test_the_anchor_and_the_trusted_person_carry_their_marks() -> None:
    root = parse(ecogram_svg(assessed_case(), AT))
    sara, jet = person_group(root, "Sara"), person_group(root, "Oma Jet")
    assert "anchor" in sara.get("class", "").split()
    assert find_all(sara, "s:g[@class='anchor-mark']") and not find_all(
        sara, "s:g[@class='trusted-mark']"
    )
    assert find_all(jet, "s:g[@class='trusted-mark']") and not find_all(
        jet, "s:g[@class='anchor-mark']"
    )


def test_the_anchor_of_another_day_is_not_marked() -> None:
    case = assessed_case()
    case.anchors[0].start = AT + dt.timedelta(days=1)
    root = parse(ecogram_svg(case, AT))
    assert find_all(root, ".//s:g[@id='persons']//s:g[@class='anchor-mark']") == []


def test_a_professional_is_a_square_and_everyone_else_a_disc() -> None:
    case = make_case()
    make_person(
        case, name="Vroedvrouw An", kind=PersonKind.PROFESSIONAL, sector=Sector.PROFESSIONAL
    )
    root = parse(ecogram_svg(case, AT))
    assert person_group(root, "Vroedvrouw An").find("s:rect", NS) is not None
    assert person_group(root, "Baby Noor").find("s:circle", NS) is not None


def test_the_professional_version_colours_candidates_by_status() -> None:
    root = parse(ecogram_svg(assessed_case(), AT))
    jet = person_group(root, "Oma Jet")
    assert "candidate-not_suitable" in jet.get("class", "")
    assert "niet geschikt" in all_text(root.find("s:g[@id='legend']", NS))


def test_active_roles_show_under_the_name_with_their_nights() -> None:
    case = assessed_case()
    roles = [t.text for t in find_all(parse(ecogram_svg(case, AT)), ".//s:text[@class='role']")]
    assert roles == ["respijtzorg", "2 nachten per week"]
    case.persons[2].roles[0].end = AT  # half-open: a role ending today is over today
    assert find_all(parse(ecogram_svg(case, AT)), ".//s:text[@class='role']") == []


ASSESSMENT_WORDS = re.compile(
    r"\b(S|A|C|U|geschikt|beoordeling|bekeken|verkennen|gesprek|haakt|knock-out|"
    r"sterkte|voldoende|zorg|onbekend|minimum|attestering|bevinding\w*)\b",
    re.IGNORECASE,
)


def test_the_family_version_leaves_out_candidate_status_and_assessments() -> None:
    case = assessed_case()
    professional = parse(ecogram_svg(case, AT))
    family = parse(ecogram_svg(case, AT, family=True))
    assert ASSESSMENT_WORDS.search(all_text(professional))  # the check can fail
    assert not ASSESSMENT_WORDS.search(all_text(family)), all_text(family)
    classes = " ".join(e.get("class", "") for e in family.iter())
    assert "candidate-" not in classes
    fills = {e.get("fill") for e in family.iter()}
    assert "#8c959f" not in fills  # the not-suitable colour
    assert family.findtext("s:text[@id='heading']", namespaces=NS) == "Het netwerk rond Baby Noor"


def test_the_family_version_keeps_persons_ties_anchor_trusted_person_and_roles() -> None:
    family = parse(ecogram_svg(assessed_case(), AT, family=True))
    assert sorted(label_names(family)) == ["Baby Noor", "Oma Jet", "Sara"]
    assert len(find_all(family, ".//s:g[@id='ties']/s:g")) == 1
    assert find_all(family, ".//s:g[@class='anchor-mark']")
    assert find_all(family, ".//s:g[@class='trusted-mark']")
    roles = [t.text for t in find_all(family, ".//s:text[@class='role']")]
    assert roles == ["respijtzorg", "2 nachten per week"]


def test_the_legend_shows_every_tie_quality_and_flow() -> None:
    root = parse(ecogram_svg(demo("demo-1"), AT, lang="en"))
    legend = root.find("s:g[@id='legend']", NS)
    words = all_text(legend)
    for quality in ("strong", "normal", "tenuous", "stressful", "conflict"):
        assert quality in words
    assert find_all(legend, ".//s:path[@class='line zigzag']")
    assert find_all(legend, ".//s:path[@class='cross-marks']")
    assert len(find_all(legend, ".//s:polygon[@class='arrow']")) == 3


# A pixel "differs" when a channel moved by more than this: antialiasing jitter stays below it.
STRONG = 48
# At most this share of pixels may differ: about 100 of demo-1's 2 million. Moving one
# person to another ring changes far more, so a moved node or restyled line cannot hide.
TOLERANCE = 0.00005


def ink(png: bytes) -> int:
    """How many pixels are dark: glyphs add ink to the drawing."""
    grey = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=np.int16)
    return int((grey < 128).sum())


def differing_share(png: bytes) -> float:
    made = Image.open(io.BytesIO(png)).convert("RGB")
    stored = Image.open(REFERENCE).convert("RGB")
    assert made.size == stored.size
    difference = np.abs(np.asarray(made, dtype=np.int16) - np.asarray(stored, dtype=np.int16))
    return float((difference.max(axis=2) > STRONG).mean())


def test_the_png_of_demo_1_matches_the_reference_image() -> None:
    """Regenerate with `python -m tests.regenerate_reference` after a deliberate change."""
    assert REFERENCE_DAY == AT
    assert differing_share(reference_png()) < TOLERANCE


def test_the_png_comparison_notices_a_person_moved_to_another_ring() -> None:
    case = reference_case()
    oma_rita = next(p for p in case.persons if p.name == "Oma Rita")
    assert oma_rita.ring == 2
    oma_rita.ring = 3
    assert differing_share(reference_png(case)) > TOLERANCE


def test_the_png_draws_the_names_on_top_of_the_reference_geometry() -> None:
    with_names = ink(svg_to_png(ecogram_svg(reference_case(), AT)))
    assert with_names > ink(reference_png()) * 1.05


def test_a_png_can_be_scaled_for_print() -> None:
    svg = ecogram_svg(demo("demo-1"), AT)
    small = Image.open(io.BytesIO(svg_to_png(svg)))
    large = Image.open(io.BytesIO(svg_to_png(svg, scale=2)))
    assert large.size == (small.size[0] * 2, small.size[1] * 2)
    with pytest.raises(ValueError, match="scale"):
        svg_to_png(svg, scale=0)


def test_the_pdf_of_the_drawing_holds_the_names_as_text(tmp_path) -> None:
    pdf = tmp_path / "ecogram.pdf"
    pdf.write_bytes(svg_to_pdf(ecogram_svg(demo("demo-1"), AT)))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for name in ("Baby Lotte", "Sara", "Oma Rita", "Vroedvrouw An"):
        assert name in text


@pytest.mark.parametrize(
    "reference",
    [
        '<image href="file:///etc/hostname" width="5" height="5"/>',
        '<use href="http://example.com/a.svg#x"/>',
    ],
)
def test_rendering_refuses_to_fetch_anything_outside_the_drawing(reference: str) -> None:
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{reference}</svg>'
    with pytest.raises(ExternalResourceRefused):
        svg_to_png(svg)
    with pytest.raises(ExternalResourceRefused):
        svg_to_pdf(svg)
