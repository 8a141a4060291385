"""Findings: the code table, messages in Dutch and English, JSON, order, check_case."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from ecogram.checks import CheckConfig, check_case
from ecogram.finding_codes import Family, Page
from ecogram.findings import (
    LANGUAGES,
    Code,
    Finding,
    ParamValue,
    Severity,
    as_text,
    counted,
    normalize_lang,
    render,
    sort_key,
    summary,
    to_json,
)
from ecogram.imh_checklist import Item, Rating
from ecogram.models import Case
from ecogram.vocabulary import CandidateStatus, PersonKind, Role, Sector, TieQuality
from tests.factories import (
    ALL_STRENGTH,
    OPENED,
    d,
    make_anchor,
    make_assessment,
    make_case,
    make_parent,
    make_person,
    make_role,
    make_tie,
    make_trajectory,
)

FINDINGS_DOC = Path(__file__).parents[1] / "docs" / "findings.md"
JET = {"person": "p3", "name": "Oma Jet"}
DAY = d("2026-03-01")

# A value for each fact a message may show, by its placeholder's name: a new code
# whose message uses these names needs nothing added here.
SAMPLE_PARAMS: dict[str, ParamValue] = {
    **dict.fromkeys(
        ("date", "assessed", "referred", "last", "deadline", "birth", "expected", "first"), DAY
    ),
    **dict.fromkeys(("held", "ended", "since", "until"), DAY),
    "stay": "residential_group",
    "outcome": "home",
    "attested": DAY,
    **dict.fromkeys(("count", "nights", "limit", "changes", "days", "homes", "cap"), 2),
    **dict.fromkeys(("target", "hours", "months", "extension"), 3),
    "name": "Oma Jet",
    "names": ("Sara", "Oma Jet"),
    "items": ("sensitivity", "commitment"),
    "sector": "neighbourhood",
    "rating": "C",
    "minimum": "A",
    "total": Decimal("2000.01"),
    "residence": Decimal("1000.01"),
}
ABOUT = {"person": "p3", "role": "respite", "item": "protection"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def placeholders(*texts: str) -> set[str]:
    return {name for text in texts for name in PLACEHOLDER.findall(text)}


def sample(code: Code, detail: str | None = None) -> Finding:
    """A finding of `code` with every fact its message and `detail` ask for."""
    texts = code.msgids if detail is None else (*code.msgids[:2], code.details[detail])
    wanted = placeholders(*texts) - {"detail", "role", "item"}
    params = {name: SAMPLE_PARAMS[name] for name in wanted}
    if detail is not None:
        params["detail"] = detail
    return Finding.of(code, **ABOUT, **params)  # type: ignore[arg-type]


def documented_codes() -> list[tuple[str, str, Family]]:
    """(code, severity, family) of every code docs/findings.md describes, in its order."""
    found = []
    family = None
    for line in FINDINGS_DOC.read_text("utf-8").splitlines():
        if line.startswith("## "):
            heading = line[3:].split("(")[0].strip().lower().replace(" ", "_")
            family = Family(heading) if heading in Family.__members__.values() else None
        code = re.match(r"### `(\w+)` \((\w+)", line)
        if code:
            assert family is not None, f"{line} stands outside a family's section"
            found.append((code[1], code[2], family))
    return found


# --- The code table ----------------------------------------------------------------------


def test_the_table_has_the_codes_severities_and_families_of_the_docs_in_their_order() -> None:
    assert [(c.value, c.severity.value, c.family) for c in Code] == documented_codes()


def test_the_codes_are_the_twenty_four_of_the_check_command() -> None:
    assert len(Code) == 24
    assert Code.NIGHTS_OVERBOOKED.severity is Severity.ERROR
    assert {
        Code.MANDATED_SERVICE_ABSENT,
        Code.STAY_OPEN_AFTER_END,
        Code.CHILD_PERSPECTIVE_MISSING,
    } <= {c for c in Code if c.severity is Severity.WARNING and c.family is Family.TRAJECTORY}
    assert Code.ROLE_KNOCKOUT.severity is Severity.ERROR
    assert Code.EMPTY_SECTOR.severity is Severity.INFO


def test_each_code_names_the_page_that_fixes_it() -> None:
    on_roles = {c for c in Code if c.fixed_on is Page.ROLES}
    assert {c for c in Code if c.family in (Family.ANCHOR, Family.ROLES)} <= on_roles
    assert {Code.OVERNIGHT_HOMES_EXCEEDED, Code.NO_TRUSTED_PERSON} <= on_roles
    assert {c for c in Code if c.fixed_on is Page.WHO_ELSE} == {
        Code.FEW_PERSONS_MAPPED,
        Code.EMPTY_SECTOR,
    }
    assert {c for c in Code if c.fixed_on is Page.TRAJECTORY} == {
        c for c in Code if c.family is Family.TRAJECTORY
    }
    assert Code.UNEXPLORED_STRONG_TIE.fixed_on is None  # its person's link is the way there


def test_a_finding_takes_its_severity_from_its_code() -> None:
    assert Finding.of(Code.ROLE_KNOCKOUT, role="respite").severity is Severity.ERROR
    assert Finding.of(Code.EMPTY_SECTOR, sector="family").severity is Severity.INFO


def test_a_finding_stores_roles_and_items_as_format_values() -> None:
    finding = Finding.of(Code.ROLE_KNOCKOUT, role=Role.RESPITE, item=Item.PROTECTION)
    assert (finding.role, finding.item) == ("respite", "protection")
    assert type(finding.role) is str


def test_a_finding_is_immutable_and_hashable() -> None:
    finding = sample(Code.ANCHOR_MULTIPLE)
    assert finding == sample(Code.ANCHOR_MULTIPLE)
    assert len({finding, sample(Code.ANCHOR_MULTIPLE)}) == 1
    with pytest.raises(AttributeError):
        finding.person = "p9"  # type: ignore[misc]


# --- Messages ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("code", [c for c in Code if not c.details])
def test_every_message_renders_every_fact_it_names(code: Code, lang: str) -> None:
    message = render(sample(code), lang)
    assert message.strip() == message
    assert "%(" not in message and "None" not in message


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("code", "detail"), [(c, key) for c in Code for key in c.details], ids=str)
def test_every_detail_sentence_renders_inside_its_message(
    code: Code, detail: str, lang: str
) -> None:
    message = render(sample(code, detail), lang)
    assert "%(" not in message
    other = [render(sample(code, key), lang) for key in code.details if key != detail]
    assert message not in other


def test_the_dutch_role_names_are_the_ones_practitioners_use() -> None:
    knockouts = [
        render(Finding.of(Code.ROLE_NOT_ASSESSED, role=role, date=DAY, **JET)) for role in Role
    ]
    assert [text.split("voor de rol ")[1].rstrip(".") for text in knockouts] == [
        "buddy/steunfiguur",
        "speelgezin",
        "respijtzorg",
        "deeltijds verblijf",
        "volcontinu verblijf",
        "netwerkpleegzorg",
    ]


def test_messages_name_the_person_by_name_in_dutch_by_default() -> None:
    finding = Finding.of(Code.ROLE_NOT_ASSESSED, role="respite", date=DAY, **JET)
    assert render(finding) == "Oma Jet heeft geen definitieve beoordeling voor de rol respijtzorg."


def test_messages_speak_english_on_request() -> None:
    finding = Finding.of(Code.ROLE_NOT_ASSESSED, role="respite", date=DAY, **JET)
    assert render(finding, "en") == "Oma Jet has no final assessment for the role respite."


def test_messages_translate_items_ratings_and_sectors() -> None:
    knockout = Finding.of(
        Code.ROLE_KNOCKOUT, role="respite", item="protection", rating="C", minimum="A", **JET
    )
    assert "C (zorg) op bescherming" in render(knockout, "nl")
    assert "C (concern) on protection" in render(knockout, "en")
    empty = Finding.of(Code.EMPTY_SECTOR, sector="neighbourhood")
    assert "sector buurt" in render(empty, "nl")
    assert "sector neighbourhood" in render(empty, "en")


def test_messages_write_dates_and_money_the_way_each_language_does() -> None:
    budget = sample(Code.RESIDENCE_BUDGET_OVER_HALF)
    assert "€\u00a02.000,01" in render(budget, "nl") and "€\u00a01.000,01" in render(budget, "nl")
    assert "€2,000.01" in render(budget, "en")
    late = Finding.of(
        Code.EVALUATION_OVERDUE, detail="evaluation_last", last=OPENED, days=43, limit=42
    )
    assert "5 januari 2026" in render(late, "nl")
    assert "5 January 2026" in render(late, "en")


def test_messages_join_names_with_the_languages_and() -> None:
    multiple = Finding.of(Code.ANCHOR_MULTIPLE, date=DAY, count=3, names=("Sara", "Jet", "An"))
    assert "Sara, Jet en An" in render(multiple, "nl")
    assert "Sara, Jet and An" in render(multiple, "en")


@pytest.mark.parametrize(
    ("count", "dutch"),
    [
        (1, "Er is pas 1 persoon rond het kind in kaart gebracht."),
        (12, "Er zijn pas 12 personen rond het kind in kaart gebracht."),
    ],
)
def test_a_count_of_persons_takes_the_right_plural(count: int, dutch: str) -> None:
    finding = Finding.of(Code.FEW_PERSONS_MAPPED, count=count, target=40)
    assert render(finding).startswith(dutch)
    english = render(finding, "en")
    assert english.startswith("Only 1 person around" if count == 1 else "Only 12 persons around")


def test_special_characters_in_a_name_are_shown_as_typed() -> None:
    finding = Finding.of(Code.UNEXPLORED_STRONG_TIE, person="p3", name="Jet {name} %(x)s 50%")
    assert render(finding).startswith("Jet {name} %(x)s 50% heeft een sterke band")


def test_regional_language_tags_are_understood_and_others_refused() -> None:
    assert normalize_lang("nl-BE") == "nl"
    assert normalize_lang("en_GB") == "en"
    with pytest.raises(ValueError, match="fr"):
        render(Finding.of(Code.NO_TRUSTED_PERSON), "fr")


# --- JSON, summary and order -------------------------------------------------------------


def test_json_has_code_severity_message_and_only_the_fields_that_apply() -> None:
    assert to_json(Finding.of(Code.NO_TRUSTED_PERSON), "en") == {
        "code": "NO_TRUSTED_PERSON",
        "severity": "warning",
        "message": "No trusted person is named: someone from the natural or professional "
        "network who keeps the child in view, now and later.",
    }
    knockout = to_json(sample(Code.ROLE_KNOCKOUT))
    assert (knockout["person"], knockout["role"], knockout["item"]) == (
        "p3",
        "respite",
        "protection",
    )
    assert "p3" not in knockout["message"]


def test_the_summary_counts_findings_per_severity() -> None:
    found = [
        Finding.of(Code.ANCHOR_MISSING, date=DAY),
        Finding.of(Code.EMPTY_SECTOR, sector="family"),
        Finding.of(Code.EMPTY_SECTOR, sector="friends"),
    ]
    assert summary(found) == "1 fout, 0 waarschuwingen, 2 meldingen"
    assert summary(found, "en") == "1 error, 0 warnings, 2 notes"
    assert summary([], "en") == "No findings."
    assert summary([]) == "Geen bevindingen."


def test_a_note_is_a_melding_in_every_count() -> None:
    assert [counted(Severity.INFO, n) for n in (1, 2)] == ["1 melding", "2 meldingen"]
    assert [counted("info", n, "en") for n in (1, 2)] == ["1 note", "2 notes"]


def test_the_text_of_check_names_severities_and_findings_in_words() -> None:
    # The severities stand in a column as wide as the longest ("waarschuwing", "warning").
    found = [
        Finding.of(Code.ANCHOR_MISSING, date=DAY),
        Finding.of(Code.UNEXPLORED_STRONG_TIE, **JET),
    ]
    assert as_text(found).splitlines() == [
        "fout          Op 1 maart 2026 is er geen ankerpunt. Het kind moet altijd kunnen "
        "terugvallen op één vaste veilige haven; leg vast wie dat is.",
        "melding       Oma Jet heeft een sterke band met het kind of een ouder, maar is nog niet "
        "verkend als mogelijke zorgfiguur.",
        "1 fout, 0 waarschuwingen, 1 melding",
    ]
    english = as_text(found, "en")
    assert english.splitlines()[0].startswith("error    On 1 March 2026 there is no anchor.")
    assert "ANCHOR_MISSING" not in english and "p3" not in english


def test_findings_sort_by_severity_then_code_then_person_role_and_item() -> None:
    def ko(person: str, role: str, item: str) -> Finding:
        return Finding.of(Code.ROLE_KNOCKOUT, person=person, role=role, item=item)

    expected = [
        Finding.of(Code.ANCHOR_MISSING, date=DAY),
        ko("p2", "respite", "protection"),
        ko("p10", "buddy", "record_checks"),
        ko("p10", "respite", "sensitivity"),
        ko("p10", "respite", "protection"),
        sample(Code.RESIDENCE_BUDGET_OVER_HALF),
        Finding.of(Code.ANCHOR_FEW_NIGHTS, nights=4, limit=3, **JET),
        sample(Code.TERM_EXCEEDED, "term_can_extend"),
        Finding.of(Code.FEW_PERSONS_MAPPED, count=12, target=40),
        Finding.of(Code.EMPTY_SECTOR, sector="neighbourhood"),
    ]
    assert sorted(expected[::-1], key=sort_key) == expected


# --- check_case --------------------------------------------------------------------------

AT = d("2026-02-01")


def make_clean_case() -> Case:
    """A case that raises nothing on AT: a parent anchor, a well-assessed respite
    grandmother, 40 persons over every sector, a trusted person, a timely trajectory."""
    case = make_case()
    sara = make_parent(case)
    jet = make_person(
        case,
        name="Oma Jet",
        kind=PersonKind.GRANDPARENT,
        sector=Sector.FAMILY,
        household="jet",
        candidate=CandidateStatus.SUITABLE,
    )
    make_tie(case, jet, sara, quality=TieQuality.STRONG)
    make_assessment(jet, date=OPENED)
    make_role(jet, Role.RESPITE)
    make_anchor(case, sara)
    case.trusted_person = jet
    sectors = list(Sector)
    while len(case.persons) < 41:
        make_person(case, sector=sectors[len(case.persons) % len(sectors)])
    make_trajectory(
        case,
        care_tables=[OPENED + dt.timedelta(days=1)],
        budget=[(OPENED, "guidance", 1000), (OPENED, "residence", 500)],
        child_perspective="Noor lacht naar Oma Jet en zoekt troost bij Sara.",
    )
    return case


def test_a_sound_case_has_no_findings() -> None:
    assert check_case(make_clean_case(), AT) == []


def test_check_case_gathers_every_rule_and_sorts_the_findings() -> None:
    case = make_clean_case()
    case.anchors.clear()
    case.trusted_person = None
    jet = case.persons[2]
    make_assessment(jet, ALL_STRENGTH | {Item.SENSITIVITY: Rating.CONCERN}, date=AT)
    found = check_case(case, AT)
    assert [f.code for f in found] == [
        Code.ANCHOR_MISSING,
        Code.ROLE_KNOCKOUT,
        Code.NO_TRUSTED_PERSON,
    ]
    assert found == sorted(found, key=sort_key)


def test_check_case_uses_the_config_it_is_given() -> None:
    config = CheckConfig(family_finding_target=100)
    assert [f.code for f in check_case(make_clean_case(), AT, config)] == [Code.FEW_PERSONS_MAPPED]
