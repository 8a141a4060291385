"""The care-table summary PDF: what it shows, that names stay text, and the family version."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from ecogram import caseformat
from ecogram.demo import demo_cases
from ecogram.imh_checklist import Item, Rating
from ecogram.models import CarePlanAction, CareTable, Case
from ecogram.vocabulary import CandidateStatus, PersonKind, Role, Sector
from exports.summary import care_table_html, care_table_pdf, data_only_fetcher, weekly_nights
from exports.svgtext import age_text
from tests.factories import (
    make_anchor,
    make_assessment,
    make_case,
    make_parent,
    make_person,
    make_role,
    make_tie,
    make_trajectory,
)

AT = dt.date(2026, 11, 23)
CHILD = 'Baby "Noor"'
SCRIPT = "Buur <script>Ali</script>"
AMP = "Tante &amp; Nele"


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "summary.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())  # table cells may wrap a name over two lines


def hostile_case() -> Case:
    """Sara the anchor, Oma Jet (assessed, respite), and two candidates with hostile names."""
    case = make_case(birth_date=dt.date(2026, 6, 19))
    case.persons[0].name = CHILD
    sara = make_parent(case)
    jet = make_person(
        case,
        name="Oma Jet",
        kind=PersonKind.GRANDPARENT,
        sector=Sector.FAMILY,
        ring=1,
        household="jet",
        candidate=CandidateStatus.SUITABLE,
    )
    make_assessment(jet, date=dt.date(2026, 10, 1), assessor="Lies (pleegzorg)")
    make_role(jet, Role.RESPITE, start=dt.date(2026, 10, 5), nights_per_week=2)
    ali = make_person(
        case, name=SCRIPT, kind=PersonKind.NEIGHBOUR, candidate=CandidateStatus.ASSESSING
    )
    ratings = dict.fromkeys(Item, Rating.STRENGTH) | {Item.PROTECTION: Rating.CONCERN}
    make_assessment(ali, ratings, date=dt.date(2026, 11, 2))
    make_person(case, name=AMP, kind=PersonKind.AUNT_UNCLE, candidate=CandidateStatus.TO_EXPLORE)
    make_tie(case, jet, sara)
    make_anchor(case, sara)
    case.trusted_person = jet
    trajectory = make_trajectory(
        case, referred=dt.date(2026, 11, 1), care_tables=[dt.date(2026, 11, 2)]
    )
    trajectory.actions = [
        CarePlanAction(what="Opvang <b>regelen</b>", who=AMP, due=dt.date(2026, 12, 1), done=False),
    ]
    return case


@pytest.fixture(scope="module")
def case() -> Case:
    return hostile_case()


@pytest.fixture(scope="module")
def professional_pdf(case: Case) -> bytes:
    return care_table_pdf(case, AT)


@pytest.fixture(scope="module")
def family_pdf(case: Case) -> bytes:
    return care_table_pdf(case, AT, family=True)


def test_the_summary_is_a_pdf(professional_pdf: bytes) -> None:
    assert professional_pdf.startswith(b"%PDF-")


def test_pdftotext_finds_the_child_and_every_candidate(
    professional_pdf: bytes, tmp_path: Path
) -> None:
    text = pdf_text(professional_pdf, tmp_path)
    for name in (CHILD, "Oma Jet", SCRIPT, AMP):
        assert name in text


def test_hostile_names_come_out_literally(professional_pdf: bytes, tmp_path: Path) -> None:
    text = pdf_text(professional_pdf, tmp_path)
    assert "<script>Ali</script>" in text
    assert "&amp; Nele" in text and "&amp;amp;" not in text
    assert '"Noor"' in text and "&quot;" not in text
    assert "Opvang <b>regelen</b>" in text


def test_the_html_escapes_every_name(case: Case) -> None:
    html = care_table_html(case, AT)
    assert "<script>" not in html and "<b>regelen" not in html
    assert "Buur &lt;script&gt;Ali&lt;/script&gt;" in html
    assert "Tante &amp;amp; Nele" in html


def test_the_summary_fetches_nothing_but_the_inline_ecogram(case: Case) -> None:
    html = care_table_html(case, AT)
    assert "http:" not in html and "https:" not in html and "file:" not in html
    assert 'src="data:image/svg+xml;base64,' in html


@pytest.mark.parametrize("url", ["file:///etc/hostname", "http://example.com/x.png"])
def test_the_pdf_printer_refuses_every_url_but_inline_data(url: str) -> None:
    fetcher = data_only_fetcher()
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,Noor").read() == b"Noor"


def test_it_shows_age_verdicts_roles_week_anchor_findings_actions_and_deadlines(
    professional_pdf: bytes, tmp_path: Path
) -> None:
    text = pdf_text(professional_pdf, tmp_path)
    assert "5 maanden oud" in text
    assert "nee: bescherming" in text  # Buur Ali's knock-out
    assert "17 mei" not in text and "1 oktober 2026, door Lies (pleegzorg)" in text
    assert "respijtzorg" in text and "2 nachten per week" in text
    assert "Sara (ankerpunt)" in text and "Oma Jet (respijtzorg)" in text
    assert "Sara, sinds 5 januari 2026" in text
    assert "Vertrouwenspersoon Oma Jet" in text
    assert "Bevindingen" in text and "melding: Er zijn pas 4 personen" in text
    assert "Opvang <b>regelen</b>" in text and "1 december 2026" in text
    assert "evaluatie 14 december 2026" in text  # 42 days after the care table of 2 November


def test_its_findings_name_persons_and_findings_in_words_not_ids_or_codes() -> None:
    case = make_case()
    sara = make_parent(case)
    make_anchor(case, sara)
    maria = make_person(case, name="Buurvrouw Maria", kind=PersonKind.NEIGHBOUR)
    make_assessment(maria, {Item.PROTECTION: Rating.CONCERN}, date=dt.date(2026, 11, 2))
    make_role(maria, Role.BUDDY, start=dt.date(2026, 11, 3))
    html = care_table_html(case, AT)
    assert "fout:</span> Buurvrouw Maria scoort C (zorg) op bescherming." in html
    assert "melding:</span> Er zijn pas 2 personen" in html
    assert re.search(r"\(p\d+\)", html) is None
    assert re.search(r"\b[A-Z]+_[A-Z_]+\b", html) is None


ASSESSMENT_WORDS = (
    "Beoordeling",
    "oordeel",
    "door Lies",
    "nee:",
    "let op",
    "geschikt",
    "in beoordeling",
    "te verkennen",
    "Bevindingen",
    "Family Finding",
    "Attestering",
    "bescherming",
)


def test_the_family_version_has_no_assessments_verdicts_or_findings(
    professional_pdf: bytes, family_pdf: bytes, tmp_path: Path
) -> None:
    professional = pdf_text(professional_pdf, tmp_path)
    family = pdf_text(family_pdf, tmp_path)
    for word in ASSESSMENT_WORDS:
        assert word in professional  # so the check below can fail
        assert word not in family, word


def test_the_family_version_keeps_the_week_the_anchor_and_the_plan(
    family_pdf: bytes, tmp_path: Path
) -> None:
    text = pdf_text(family_pdf, tmp_path)
    assert "Samenvatting voor het gezin" in text and CHILD in text
    assert "Sara (ankerpunt)" in text and "Oma Jet (respijtzorg)" in text
    assert "Opvang <b>regelen</b>" in text and "evaluatie" in text


def test_every_demo_case_makes_a_summary_naming_its_child_and_candidates(tmp_path: Path) -> None:
    document = next(d for d in demo_cases(AT) if d["case"]["id"] == "demo-2")
    demo = caseformat.parse_document(document)
    text = pdf_text(care_table_pdf(demo, AT, lang="en"), tmp_path)
    assert "Care-table summary" in text and "Baby Mila" in text
    for name in ("Oma Jet", "Opa Luc", "Tante Nele", "Fien", "Buurvrouw Maria"):
        assert name in text


def test_an_empty_plan_and_a_missing_trajectory_are_said_plainly() -> None:
    case = make_case()
    make_anchor(case, case.persons[0])
    html = care_table_html(case, AT, lang="en")
    assert "No actions yet." in html and "No trajectory recorded." in html
    assert "No candidates yet." in html and "No active roles yet." in html


# --- The week and the age ----------------------------------------------------------------


def week(case: Case) -> list[list[str]]:
    return [night.stays for night in weekly_nights(case, AT, "nl")[0]]


def test_the_anchor_has_the_nights_nobody_else_has() -> None:
    case = make_case()
    sara = make_parent(case)
    jet = make_person(case, name="Oma Jet")
    make_anchor(case, sara)
    make_role(jet, Role.PART_TIME_STAY, nights_per_week=2)
    assert week(case) == [["Sara (ankerpunt)"]] * 5 + [["Oma Jet (deeltijds verblijf)"]] * 2
    assert weekly_nights(case, AT, "nl")[1] == 2


def test_overbooked_nights_double_up_from_monday() -> None:
    case = make_case()
    sara = make_parent(case)
    make_anchor(case, sara)
    for name in ("Oma Jet", "Opa Luc"):
        make_role(make_person(case, name=name), Role.PART_TIME_STAY, nights_per_week=4)
    nights = week(case)
    assert nights[0] == ["Oma Jet (deeltijds verblijf)", "Opa Luc (deeltijds verblijf)"]
    assert all(len(stays) == 1 for stays in nights[1:])
    assert all("Sara (ankerpunt)" not in stays for stays in nights)


def test_without_one_anchor_the_free_nights_stay_empty() -> None:
    case = make_case()
    make_role(make_person(case, name="Oma Jet"), Role.RESPITE, nights_per_week=1)
    assert week(case) == [[]] * 6 + [["Oma Jet (respijtzorg)"]]


def test_roles_without_nights_and_ended_roles_take_no_night() -> None:
    case = make_case()
    sara = make_parent(case)
    make_anchor(case, sara)
    jet = make_person(case, name="Oma Jet")
    make_role(jet, Role.BUDDY, nights_per_week=0)
    make_role(jet, Role.RESPITE, nights_per_week=3, end=AT)
    assert week(case) == [["Sara (ankerpunt)"]] * 7


@pytest.mark.parametrize(
    ("birth", "expected", "text"),
    [
        (
            None,
            dt.date(2027, 2, 1),
            "nog niet geboren, verwacht op 1 februari 2027 (over 10 weken)",
        ),
        (
            None,
            dt.date(2026, 11, 30),
            "nog niet geboren, verwacht op 30 november 2026 (over 1 week)",
        ),
        (
            dt.date(2026, 11, 30),
            None,
            "nog niet geboren, verwacht op 30 november 2026 (over 1 week)",
        ),
        (dt.date(2026, 11, 3), None, "20 dagen oud"),
        (dt.date(2026, 10, 23), None, "1 maand oud"),
        (dt.date(2024, 12, 24), None, "22 maanden oud"),
    ],
)
def test_the_age_is_in_completed_months_days_or_weeks_before_birth(
    birth: dt.date | None, expected: dt.date | None, text: str
) -> None:
    case = make_case(birth_date=birth, expected_date=expected)
    assert age_text(case, AT, "nl") == text


# --- The child's perspective and what lies ahead ------------------------------------------


def perspective_case() -> Case:
    """Two care tables: one with the child's perspective and a decision, one without."""
    case = hostile_case()
    assert case.trajectory is not None
    first = case.trajectory.care_tables[0]
    first.child_perspective = "Noor <i>zoekt</i> Oma Jet op als ze moe is."
    case.trajectory.actions[0].care_table = first
    case.trajectory.care_tables.append(CareTable(date=dt.date(2026, 11, 20), present=[]))
    return case


@pytest.mark.parametrize("family", [False, True])
def test_the_childs_perspective_at_each_care_table_is_on_paper_newest_first(
    family: bool, tmp_path: Path
) -> None:
    text = pdf_text(care_table_pdf(perspective_case(), AT, family=family), tmp_path)
    assert "Het perspectief van het kind op de zorgtafels" in text
    newest = text.index("Zorgtafel van 20 november 2026")
    oldest = text.index("Zorgtafel van 2 november 2026")
    assert newest < oldest
    assert "Het perspectief van het kind is niet genoteerd." in text[newest:oldest]
    assert "Noor <i>zoekt</i> Oma Jet op als ze moe is." in text[oldest:]
    assert "Beslissingen die acties van het zorgplan werden: Opvang <b>regelen</b>" in text


def test_the_summary_lists_upcoming_findings_with_the_day_they_start() -> None:
    case = perspective_case()
    html = care_table_html(case, AT, lang="en")
    # The term, counted from the referral of 1 November 2026, ends on 1 February 2027.
    assert "warning (from 2 February 2027):</span> The trajectory has run for more" in html
    assert "Up to and including" in html
