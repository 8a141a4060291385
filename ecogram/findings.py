"""The findings of `ecogram check` (DESIGN contract 3) and their messages.

A finding is plain data: a code, its severity, the person, role and item it
is about, and the facts a message needs (`params`). Wording lives only in
the catalog below, so the command line and the web app say the same thing,
in Dutch (the default) or English.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from ecogram.imh_checklist import Item, Rating, Severity
from ecogram.vocabulary import Role, Sector

__all__ = [
    "DEFAULT_LANG",
    "DETAILS",
    "ITEM_LABELS",
    "LANGUAGES",
    "MESSAGES",
    "RATING_LABELS",
    "ROLE_LABELS",
    "SECTOR_LABELS",
    "SEVERITY",
    "Code",
    "Finding",
    "ParamValue",
    "Severity",
    "normalize_lang",
    "render",
    "sort_key",
    "summary",
    "to_json",
]


class Code(StrEnum):
    """Every finding code, in the order of DESIGN contract 3 (also the sort order)."""

    ANCHOR_MISSING = "ANCHOR_MISSING"
    ANCHOR_MULTIPLE = "ANCHOR_MULTIPLE"
    ANCHOR_NOT_SUITABLE = "ANCHOR_NOT_SUITABLE"
    ANCHOR_FEW_NIGHTS = "ANCHOR_FEW_NIGHTS"
    ANCHOR_UNSTABLE = "ANCHOR_UNSTABLE"
    ROLE_NOT_ASSESSED = "ROLE_NOT_ASSESSED"
    ROLE_KNOCKOUT = "ROLE_KNOCKOUT"
    ROLE_BELOW_MINIMUM = "ROLE_BELOW_MINIMUM"
    ATTESTATION_MISSING = "ATTESTATION_MISSING"
    REASSESSMENT_DUE = "REASSESSMENT_DUE"
    OVERNIGHT_HOMES_EXCEEDED = "OVERNIGHT_HOMES_EXCEEDED"
    NO_TRUSTED_PERSON = "NO_TRUSTED_PERSON"
    CHILD_AGE_OUT_OF_RANGE = "CHILD_AGE_OUT_OF_RANGE"
    FEW_PERSONS_MAPPED = "FEW_PERSONS_MAPPED"
    EMPTY_SECTOR = "EMPTY_SECTOR"
    UNEXPLORED_STRONG_TIE = "UNEXPLORED_STRONG_TIE"
    CARE_TABLE_LATE = "CARE_TABLE_LATE"
    EVALUATION_OVERDUE = "EVALUATION_OVERDUE"
    TERM_EXCEEDED = "TERM_EXCEEDED"
    RESIDENCE_BUDGET_OVER_HALF = "RESIDENCE_BUDGET_OVER_HALF"


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
SEVERITY: Mapping[Code, Severity] = MappingProxyType(
    {
        Code.ANCHOR_MISSING: _E,
        Code.ANCHOR_MULTIPLE: _E,
        Code.ANCHOR_NOT_SUITABLE: _E,
        Code.ANCHOR_FEW_NIGHTS: _W,
        Code.ANCHOR_UNSTABLE: _W,
        Code.ROLE_NOT_ASSESSED: _E,
        Code.ROLE_KNOCKOUT: _E,
        Code.ROLE_BELOW_MINIMUM: _W,
        Code.ATTESTATION_MISSING: _E,
        Code.REASSESSMENT_DUE: _W,
        Code.OVERNIGHT_HOMES_EXCEEDED: _W,
        Code.NO_TRUSTED_PERSON: _W,
        Code.CHILD_AGE_OUT_OF_RANGE: _W,
        Code.FEW_PERSONS_MAPPED: _I,
        Code.EMPTY_SECTOR: _I,
        Code.UNEXPLORED_STRONG_TIE: _I,
        Code.CARE_TABLE_LATE: _W,
        Code.EVALUATION_OVERDUE: _W,
        Code.TERM_EXCEEDED: _W,
        Code.RESIDENCE_BUDGET_OVER_HALF: _E,
    }
)

#: A fact a message may show. Tuples hold names (`names`) or item values (`items`).
ParamValue = str | int | Decimal | dt.date | tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """One finding. `person` is a person ref; `role` and `item` are format values."""

    code: Code
    severity: Severity
    params: tuple[tuple[str, ParamValue], ...] = ()
    person: str | None = None
    role: str | None = None
    item: str | None = None

    @classmethod
    def of(
        cls,
        code: Code,
        *,
        person: str | None = None,
        role: str | None = None,
        item: str | None = None,
        **params: ParamValue,
    ) -> Finding:
        """A finding with the severity the table gives its code."""
        return cls(
            code=code,
            severity=SEVERITY[code],
            params=tuple(sorted(params.items())),
            person=person,
            role=None if role is None else Role(role).value,
            item=None if item is None else Item(item).value,
        )

    @property
    def param_map(self) -> Mapping[str, ParamValue]:
        return MappingProxyType(dict(self.params))


_SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_CODE_ORDER = {code: i for i, code in enumerate(Code)}
_ITEM_ORDER = {item.value: i for i, item in enumerate(Item)}
_DIGITS = re.compile(r"(\d+)")


def _natural(ref: str) -> tuple[tuple[str | int, ...], str]:
    # Text and number chunks alternate from a text chunk, so "p2" sorts before "p10".
    parts = _DIGITS.split(ref)
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts)), ref


SortKey = tuple[int, int, tuple[tuple[str | int, ...], str], int, int]


def sort_key(finding: Finding) -> SortKey:
    """Errors first, then contract order of codes, then person (p2 < p10), role rank, item.

    Findings equal on all of these keep the order the rules gave them (for
    EMPTY_SECTOR that is the drawing order of the sectors).
    """
    return (
        _SEVERITY_ORDER.index(finding.severity),
        _CODE_ORDER[finding.code],
        _natural(finding.person or ""),
        -1 if finding.role is None else Role(finding.role).rank,
        -1 if finding.item is None else _ITEM_ORDER[finding.item],
    )


# --- Wording ----------------------------------------------------------------------------

LANGUAGES = ("nl", "en")
DEFAULT_LANG = "nl"

ROLE_LABELS: dict[str, dict[Role, str]] = {
    "nl": {
        Role.BUDDY: "buddy/steunfiguur",
        Role.PLAY_FAMILY: "speelgezin",
        Role.RESPITE: "respijtzorg",
        Role.PART_TIME_STAY: "deeltijds verblijf",
        Role.FULL_TIME_STAY: "volcontinu verblijf",
        Role.KINSHIP_FOSTER_CARE: "netwerkpleegzorg",
    },
    "en": {
        Role.BUDDY: "buddy/support figure",
        Role.PLAY_FAMILY: "play family",
        Role.RESPITE: "respite",
        Role.PART_TIME_STAY: "part-time stay",
        Role.FULL_TIME_STAY: "full-time stay",
        Role.KINSHIP_FOSTER_CARE: "kinship foster care",
    },
}

ITEM_LABELS: dict[str, dict[Item, str]] = {
    "nl": {
        Item.SENSITIVITY: "sensitiviteit",
        Item.SAFE_HAVEN: "veilige haven",
        Item.SECURE_BASE: "veilige basis",
        Item.MENTALIZING: "mentaliseren",
        Item.COMMITMENT: "toewijding",
        Item.AVAILABILITY: "beschikbaarheid",
        Item.LIFE_STABILITY: "stabiliteit in het eigen leven",
        Item.WITH_PARENTS: "samenwerking met de ouders",
        Item.WITH_SERVICES: "samenwerking met de hulpverlening",
        Item.PROTECTION: "bescherming",
        Item.RECORD_CHECKS: "screening (strafregister en voorgeschiedenis)",
        Item.HOME_PRACTICAL: "woning en praktische zaken",
        Item.OWN_NETWORK: "eigen netwerk",
    },
    "en": {
        Item.SENSITIVITY: "sensitivity",
        Item.SAFE_HAVEN: "safe haven",
        Item.SECURE_BASE: "secure base",
        Item.MENTALIZING: "mentalizing",
        Item.COMMITMENT: "commitment",
        Item.AVAILABILITY: "availability",
        Item.LIFE_STABILITY: "life stability",
        Item.WITH_PARENTS: "cooperation with the parents",
        Item.WITH_SERVICES: "cooperation with services",
        Item.PROTECTION: "protection",
        Item.RECORD_CHECKS: "record checks",
        Item.HOME_PRACTICAL: "home and practicalities",
        Item.OWN_NETWORK: "own network",
    },
}

SECTOR_LABELS: dict[str, dict[Sector, str]] = {
    "nl": {
        Sector.FAMILY: "familie",
        Sector.FRIENDS: "vrienden",
        Sector.NEIGHBOURHOOD: "buurt",
        Sector.CHILDCARE_SCHOOL: "kinderopvang en school",
        Sector.PROFESSIONAL: "professionelen",
    },
    "en": {
        Sector.FAMILY: "family",
        Sector.FRIENDS: "friends",
        Sector.NEIGHBOURHOOD: "neighbourhood",
        Sector.CHILDCARE_SCHOOL: "childcare and school",
        Sector.PROFESSIONAL: "professionals",
    },
}

RATING_LABELS: dict[str, dict[Rating, str]] = {
    "nl": {
        Rating.STRENGTH: "S (sterkte)",
        Rating.ADEQUATE: "A (voldoende)",
        Rating.CONCERN: "C (zorg)",
        Rating.UNKNOWN: "U (onbekend)",
    },
    "en": {
        Rating.STRENGTH: "S (strength)",
        Rating.ADEQUATE: "A (adequate)",
        Rating.CONCERN: "C (concern)",
        Rating.UNKNOWN: "U (unknown)",
    },
}

# fmt: off
_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}
# fmt: on
_AND = {"nl": "en", "en": "and"}

# Fields every template may use: {name} (the person's name, a param), {person} (the ref),
# {role} and {item} (labels), plus the code's own params. {detail} is a sentence from
# DETAILS, chosen by the rule, for codes whose reason varies.
MESSAGES: dict[Code, dict[str, str]] = {
    Code.ANCHOR_MISSING: {
        "nl": "Op {date} is er geen ankerpunt. Het kind moet altijd kunnen terugvallen op één "
        "vaste veilige haven; leg vast wie dat is.",
        "en": "On {date} there is no anchor. The child must always be able to fall back on one "
        "fixed safe haven; record who that is.",
    },
    Code.ANCHOR_MULTIPLE: {
        "nl": "Op {date} zijn er {count} ankerpunten tegelijk: {names}. Er hoort precies één "
        "vaste veilige haven te zijn; sluit bij een overdracht de vorige periode af.",
        "en": "On {date} there are {count} anchors at once: {names}. There should be exactly one "
        "safe haven; close the earlier period at a hand-over.",
    },
    Code.ANCHOR_NOT_SUITABLE: {
        "nl": "{name} ({person}) is het ankerpunt, maar is geen ouder. {detail}",
        "en": "{name} ({person}) is the anchor but is not a parent. {detail}",
    },
    Code.ANCHOR_FEW_NIGHTS: {
        "nl": "Het kind slaapt {nights} nachten per week bij anderen dan ankerpunt {name} "
        "({person}). Het ankerpunt hoort de meeste nachten te hebben: meer dan {limit} "
        "nachten elders is te veel.",
        "en": "The child spends {nights} nights a week with others than the anchor {name} "
        "({person}). The anchor should have most nights: more than {limit} nights elsewhere "
        "is too many.",
    },
    Code.ANCHOR_UNSTABLE: {
        "nl": "Het ankerpunt is {changes} keer gewisseld in de {days} dagen tot {date}. Een jong "
        "kind heeft één vaste veilige haven nodig; laat een wissel alleen via een geplande "
        "overgang verlopen.",
        "en": "The anchor changed {changes} times in the {days} days up to {date}. A young child "
        "needs one fixed safe haven; let the anchor change only through a planned transition.",
    },
    Code.ROLE_NOT_ASSESSED: {
        "nl": "{name} ({person}) heeft geen definitieve beoordeling voor de rol {role}.",
        "en": "{name} ({person}) has no final assessment for the role {role}.",
    },
    Code.ROLE_KNOCKOUT: {
        "nl": "{name} ({person}) scoort {rating} op {item}. Voor de rol {role} is dat een "
        "knock-outitem met minimum {minimum}: zo kan de rol niet opgenomen worden.",
        "en": "{name} ({person}) is rated {rating} on {item}. For the role {role} this is a "
        "knock-out item with minimum {minimum}: the role cannot be taken like this.",
    },
    Code.ROLE_BELOW_MINIMUM: {
        "nl": "{name} ({person}) scoort {rating} op {item}, onder het minimum {minimum} voor de "
        "rol {role}. Bespreek dit en volg het op in de begeleiding.",
        "en": "{name} ({person}) is rated {rating} on {item}, below the minimum {minimum} for "
        "the role {role}. Discuss this and follow it up in the guidance.",
    },
    Code.ATTESTATION_MISSING: {
        "nl": "{name} ({person}) heeft de rol {role} zonder geldige attestering door "
        "pleegzorg: {detail}.",
        "en": "{name} ({person}) has the role {role} without a valid attestation by foster "
        "care: {detail}.",
    },
    Code.REASSESSMENT_DUE: {
        "nl": "De laatste definitieve beoordeling van {name} ({person}) dateert van {assessed}, "
        "{days} dagen geleden. Voor de rol {role} is minstens om de {limit} dagen een nieuwe "
        "beoordeling nodig.",
        "en": "The last final assessment of {name} ({person}) dates from {assessed}, {days} "
        "days ago. The role {role} needs a new assessment at least every {limit} days.",
    },
    Code.OVERNIGHT_HOMES_EXCEEDED: {
        "nl": "Aantal andere huizen waar het kind slaapt, naast dat van het ankerpunt: {homes} "
        "({names}). Op deze leeftijd is dat hoogstens {cap}; elke extra slaapplek vraagt "
        "van het kind een nieuwe aanpassing.",
        "en": "Other homes where the child sleeps, besides the anchor's: {homes} ({names}). At "
        "this age the limit is {cap}; every extra place to sleep asks the child to adapt again.",
    },
    Code.NO_TRUSTED_PERSON: {
        "nl": "Er is geen vertrouwenspersoon aangeduid: iemand uit het natuurlijke of "
        "professionele netwerk die het kind nu en later in het oog houdt.",
        "en": "No trusted person is named: someone from the natural or professional network "
        "who keeps the child in view, now and later.",
    },
    Code.CHILD_AGE_OUT_OF_RANGE: {
        "nl": "{detail} De zorggarantie jonge kind loopt van de zwangerschap tot 3 jaar; kijk "
        "de gegevens na.",
        "en": "{detail} The care guarantee for the young child runs from pregnancy to 3 years; "
        "check the dates.",
    },
    Code.FEW_PERSONS_MAPPED: {
        "nl": "Er zijn pas {count} personen rond het kind in kaart gebracht. Family Finding "
        "mikt op minstens {target}: vraag verder naar familie, vrienden en buren.",
        "en": "Only {count} persons around the child are mapped so far. Family Finding aims "
        "for at least {target}: keep asking about relatives, friends and neighbours.",
    },
    Code.EMPTY_SECTOR: {
        "nl": "In de sector {sector} staat nog niemand op het ecogram. Vraag door naar mensen "
        "uit die hoek.",
        "en": "Nobody is on the ecogram in the sector {sector} yet. Ask about people from "
        "that side.",
    },
    Code.UNEXPLORED_STRONG_TIE: {
        "nl": "{name} ({person}) heeft een sterke band met het kind of een ouder, maar is nog "
        "niet verkend als mogelijke zorgfiguur.",
        "en": "{name} ({person}) has a strong tie to the child or a parent but has not been "
        "explored as a possible care figure yet.",
    },
    Code.CARE_TABLE_LATE: {
        "nl": "De zorgtafel hoort binnen {hours} uur na de aanmelding van {referred} plaats te "
        "vinden. {detail}",
        "en": "The care table should take place within {hours} hours of the referral on "
        "{referred}. {detail}",
    },
    Code.EVALUATION_OVERDUE: {
        "nl": "De laatste zorgtafel of evaluatie was op {last}, {days} dagen geleden. Het "
        "traject hoort minstens om de {limit} dagen geëvalueerd te worden.",
        "en": "The last care table or evaluation was on {last}, {days} days ago. The "
        "trajectory should be evaluated at least every {limit} days.",
    },
    Code.TERM_EXCEEDED: {
        "nl": "Het traject loopt sinds de aanmelding van {referred} langer dan {months} maanden "
        "(tot {deadline}) en is nog niet afgesloten. {detail}",
        "en": "The trajectory has run for more than {months} months since the referral on "
        "{referred} (until {deadline}) and has not ended. {detail}",
    },
    Code.RESIDENCE_BUDGET_OVER_HALF: {
        "nl": "Van het casusgebonden budget ({total}) gaat {residence} naar verblijf. Dat is "
        "meer dan de helft; hoogstens 50 % mag naar verblijf.",
        "en": "Of the case-bound budget ({total}), {residence} goes to residence. That is more "
        "than half; at most 50% may go to residence.",
    },
}

DETAILS: dict[str, dict[str, str]] = {
    "anchor_not_assessed": {
        "nl": "Er is op {date} geen definitieve beoordeling, en die is nodig voor een "
        "ankerpunt dat geen ouder is.",
        "en": "There is no final assessment on {date}, and an anchor who is not a parent "
        "needs one.",
    },
    "anchor_shortfalls": {
        "nl": "De definitieve beoordeling schiet voor een ankerpunt tekort op: {items}. Nodig "
        "is S op sensitiviteit, veilige haven, toewijding en beschikbaarheid, nergens C, en "
        "geen U op een knock-outitem van volcontinu verblijf.",
        "en": "The final assessment falls short for an anchor on: {items}. An anchor needs S "
        "on sensitivity, safe haven, commitment and availability, no C anywhere, and no U on "
        "a knock-out item of full-time stay.",
    },
    "attestation_none": {
        "nl": "er is geen attestering geregistreerd",
        "en": "no attestation is recorded",
    },
    "attestation_pending": {
        "nl": "de attestering is nog in behandeling",
        "en": "the attestation is still pending",
    },
    "attestation_refused": {
        "nl": "de attestering is geweigerd",
        "en": "the attestation was refused",
    },
    "attestation_later": {
        "nl": "de attestering gaat pas in op {attested}",
        "en": "the attestation only starts on {attested}",
    },
    "child_too_old": {
        "nl": "Het kind is op {date} ouder dan 36 maanden (geboren op {birth}).",
        "en": "On {date} the child is older than 36 months (born on {birth}).",
    },
    "child_expected_far": {
        "nl": "De verwachte geboortedatum, {expected}, ligt {days} dagen na {date}: meer dan "
        "280 dagen.",
        "en": "The expected date of birth, {expected}, is {days} days after {date}: more than "
        "280 days.",
    },
    "care_table_held_late": {
        "nl": "De eerste zorgtafel was pas op {first}, {days} dagen later.",
        "en": "The first care table was only on {first}, {days} days later.",
    },
    "care_table_none": {
        "nl": "Er is nog geen zorgtafel geweest, {days} dagen na de aanmelding.",
        "en": "There has been no care table yet, {days} days after the referral.",
    },
    "term_can_extend": {
        "nl": "Het traject kan één keer met {extension} maanden verlengd worden.",
        "en": "It can be extended once by {extension} months.",
    },
    "term_extended": {
        "nl": "De verlenging is al gebruikt: werk toe naar een stabiele oplossing op lange "
        "termijn.",
        "en": "The extension has already been used: work towards a stable long-term solution.",
    },
}


def normalize_lang(lang: str) -> str:
    """`nl`, `nl-BE`, `en_GB` -> `nl`/`en`; anything else is a caller's mistake."""
    base = lang.replace("_", "-").split("-")[0].lower()
    if base not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
    return base


def _format(key: str, value: ParamValue, lang: str) -> str:
    if isinstance(value, tuple):
        if key == "items":  # labels such as "woning en praktische zaken" hold an "and" already
            return ", ".join(ITEM_LABELS[lang][Item(v)] for v in value)
        return _join(list(value), lang)
    if isinstance(value, dt.date):
        return f"{value.day} {_MONTHS[lang][value.month - 1]} {value.year}"
    if isinstance(value, Decimal):
        text = f"{value:,.2f}"
        if lang == "nl":
            return "€ " + text.translate(str.maketrans(",.", ".,"))
        return "€" + text
    if key == "sector":
        return SECTOR_LABELS[lang][Sector(str(value))]
    if key in ("rating", "minimum"):
        return RATING_LABELS[lang][Rating(str(value))]
    return str(value)


def _join(words: list[str], lang: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {_AND[lang]} {words[-1]}"


def render(finding: Finding, lang: str = DEFAULT_LANG) -> str:
    """The finding's message for practitioners, in `lang` (nl by default)."""
    lang = normalize_lang(lang)
    context: dict[str, str] = {
        key: _format(key, value, lang) for key, value in finding.params if key != "detail"
    }
    if finding.person is not None:
        context["person"] = finding.person
    if finding.role is not None:
        context["role"] = ROLE_LABELS[lang][Role(finding.role)]
    if finding.item is not None:
        context["item"] = ITEM_LABELS[lang][Item(finding.item)]
    detail = finding.param_map.get("detail")
    if detail is not None:
        context["detail"] = DETAILS[str(detail)][lang].format_map(context)
    return MESSAGES[finding.code][lang].format_map(context)


def to_json(finding: Finding, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """The finding as contract 3 prints it; person, role and item only where they apply."""
    out: dict[str, Any] = {
        "code": finding.code.value,
        "severity": finding.severity.value,
        "message": render(finding, lang),
    }
    for key in ("person", "role", "item"):
        value = getattr(finding, key)
        if value is not None:
            out[key] = value
    return out


_COUNTS = {
    "nl": {Severity.ERROR: ("fout", "fouten"), Severity.WARNING: ("waarschuwing", "waarschuwingen"),
           Severity.INFO: ("melding", "meldingen")},
    "en": {Severity.ERROR: ("error", "errors"), Severity.WARNING: ("warning", "warnings"),
           Severity.INFO: ("note", "notes")},
}  # fmt: skip
_NONE = {"nl": "Geen bevindingen.", "en": "No findings."}


def summary(findings: Iterable[Finding], lang: str = DEFAULT_LANG) -> str:
    """One line counting the findings per severity, e.g. "1 fout, 2 waarschuwingen, 0 meldingen"."""
    lang = normalize_lang(lang)
    counts = dict.fromkeys(_SEVERITY_ORDER, 0)
    for finding in findings:
        counts[finding.severity] += 1
    if not any(counts.values()):
        return _NONE[lang]
    words = _COUNTS[lang]
    return ", ".join(
        f"{n} {words[severity][0] if n == 1 else words[severity][1]}"
        for severity, n in counts.items()
    )
