"""The words for each vocabulary value, as msgids of the one catalogue.

Each vocabulary's English words are its msgids, under a context named after
the vocabulary: "childcare" is "kinderopvang" as a kind of person but "opvang"
as a kind of support. `label` looks a value up in the user's language; the
Dutch is in the catalogue, next to every other word of the app.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from types import MappingProxyType

from ecogram.i18n import DEFAULT_LANG, pN_, words
from ecogram.imh_checklist import Item, Rating, Severity
from ecogram.plan_vocabulary import ActivityKind, BudgetLineCategory, PlanStatus, SelfScanTheme
from ecogram.vocabulary import (
    AttestationStatus,
    BudgetCategory,
    CandidateStatus,
    CareTableParty,
    DeadlineKind,
    Flow,
    Outcome,
    PersonKind,
    Phase,
    Referrer,
    Role,
    RoleEndReason,
    Sector,
    StayKind,
    Support,
    TieQuality,
    TrajectoryKind,
)

__all__ = ["NOT_RECORDED", "TABLES", "label", "labels"]

#: The value of a fact nobody recorded, in any vocabulary: an ended trajectory without
#: an outcome, a role ended before its reason was asked. Counted apart, never guessed.
NOT_RECORDED = "not_recorded"

_TABLES: dict[str, dict[str, str]] = {
    "role": {
        Role.BUDDY: pN_("role", "buddy/support figure"),
        Role.PLAY_FAMILY: pN_("role", "play family"),
        Role.RESPITE: pN_("role", "respite"),
        Role.PART_TIME_STAY: pN_("role", "part-time stay"),
        Role.FULL_TIME_STAY: pN_("role", "full-time stay"),
        Role.KINSHIP_FOSTER_CARE: pN_("role", "kinship foster care"),
    },
    "item": {
        Item.SENSITIVITY: pN_("item", "sensitivity"),
        Item.SAFE_HAVEN: pN_("item", "safe haven"),
        Item.SECURE_BASE: pN_("item", "secure base"),
        Item.MENTALIZING: pN_("item", "mentalizing"),
        Item.COMMITMENT: pN_("item", "commitment"),
        Item.AVAILABILITY: pN_("item", "availability"),
        Item.LIFE_STABILITY: pN_("item", "life stability"),
        Item.WITH_PARENTS: pN_("item", "cooperation with the parents"),
        Item.WITH_SERVICES: pN_("item", "cooperation with services"),
        Item.PROTECTION: pN_("item", "protection"),
        Item.RECORD_CHECKS: pN_("item", "record checks"),
        Item.HOME_PRACTICAL: pN_("item", "home and practicalities"),
        Item.OWN_NETWORK: pN_("item", "own network"),
    },
    "rating": {
        Rating.STRENGTH: pN_("rating", "S (strength)"),
        Rating.ADEQUATE: pN_("rating", "A (adequate)"),
        Rating.CONCERN: pN_("rating", "C (concern)"),
        Rating.UNKNOWN: pN_("rating", "U (unknown)"),
    },
    "sector": {
        Sector.FAMILY: pN_("sector", "family"),
        Sector.FRIENDS: pN_("sector", "friends"),
        Sector.NEIGHBOURHOOD: pN_("sector", "neighbourhood"),
        Sector.CHILDCARE_SCHOOL: pN_("sector", "childcare and school"),
        Sector.PROFESSIONAL: pN_("sector", "professionals"),
    },
    "kind": {
        PersonKind.CHILD: pN_("kind", "child"),
        PersonKind.PARENT: pN_("kind", "parent"),
        PersonKind.SIBLING: pN_("kind", "sibling"),
        PersonKind.GRANDPARENT: pN_("kind", "grandparent"),
        PersonKind.AUNT_UNCLE: pN_("kind", "aunt or uncle"),
        PersonKind.OTHER_RELATIVE: pN_("kind", "other relative"),
        PersonKind.PARTNER_OF_PARENT: pN_("kind", "partner of a parent"),
        PersonKind.FRIEND: pN_("kind", "friend"),
        PersonKind.NEIGHBOUR: pN_("kind", "neighbour"),
        PersonKind.CHILDCARE: pN_("kind", "childcare"),
        PersonKind.PROFESSIONAL: pN_("kind", "professional"),
        PersonKind.OTHER: pN_("kind", "other"),
    },
    "candidate": {
        CandidateStatus.NONE: pN_("candidate", "not considered"),
        CandidateStatus.TO_EXPLORE: pN_("candidate", "to explore"),
        CandidateStatus.IN_CONVERSATION: pN_("candidate", "in conversation"),
        CandidateStatus.ASSESSING: pN_("candidate", "being assessed"),
        CandidateStatus.SUITABLE: pN_("candidate", "suitable"),
        CandidateStatus.NOT_SUITABLE: pN_("candidate", "not suitable"),
        CandidateStatus.DECLINED: pN_("candidate", "declined"),
    },
    "quality": {
        TieQuality.STRONG: pN_("quality", "strong"),
        TieQuality.NORMAL: pN_("quality", "normal"),
        TieQuality.TENUOUS: pN_("quality", "tenuous"),
        TieQuality.STRESSFUL: pN_("quality", "stressful"),
        TieQuality.CONFLICT: pN_("quality", "conflict"),
    },
    "flow": {
        Flow.NONE: pN_("flow", "none"),
        Flow.FORWARD: pN_("flow", "from → to"),
        Flow.BACK: pN_("flow", "to → from"),
        Flow.BOTH: pN_("flow", "both ways"),
    },
    "support": {
        Support.EMOTIONAL: pN_("support", "emotional"),
        Support.PRACTICAL: pN_("support", "practical"),
        Support.CHILDCARE: pN_("support", "childcare"),
        Support.ADVICE: pN_("support", "advice"),
        Support.FINANCIAL: pN_("support", "financial"),
        Support.HOUSING: pN_("support", "housing"),
    },
    "attestation": {
        AttestationStatus.PENDING: pN_("attestation", "pending"),
        AttestationStatus.GRANTED: pN_("attestation", "granted"),
        AttestationStatus.REFUSED: pN_("attestation", "refused"),
    },
    # One word per severity everywhere: badges, counts, the command line and paper.
    "severity": {
        Severity.ERROR: pN_("severity", "error"),
        Severity.WARNING: pN_("severity", "warning"),
        Severity.INFO: pN_("severity", "note"),
    },
    "phase": {
        Phase.REFERRED: pN_("phase", "referred, awaiting care table"),
        Phase.UNDER_WAY: pN_("phase", "care plan under way"),
        Phase.EXTENDED: pN_("phase", "extended"),
        Phase.ENDED: pN_("phase", "ended"),
    },
    "deadline": {
        DeadlineKind.CARE_TABLE: pN_("deadline", "care table"),
        DeadlineKind.EVALUATION: pN_("deadline", "evaluation"),
        DeadlineKind.TERM_END: pN_("deadline", "end of term"),
        DeadlineKind.CARE_PLAN_ACTION: pN_("deadline", "care-plan action"),
    },
    "trajectory_kind": {
        TrajectoryKind.CARE_FIGURE_SEARCH: pN_(
            "trajectory_kind", "search for and strengthen care figures"
        ),
        TrajectoryKind.CARE_GUARANTEE: pN_("trajectory_kind", "care guarantee"),
    },
    "referrer": {
        Referrer.HOSPITAL: pN_("referrer", "hospital"),
        Referrer.MIDWIFE: pN_("referrer", "midwife"),
        Referrer.CHILD_AND_FAMILY: pN_("referrer", "Child and Family (Kind en Gezin)"),
        Referrer.MENTAL_HEALTH: pN_("referrer", "mental health care"),
        Referrer.YOUTH_CARE: pN_("referrer", "youth care"),
        Referrer.MANDATED_SERVICE: pN_("referrer", "mandated service"),
        Referrer.OTHER: pN_("referrer", "other"),
    },
    "outcome": {
        Outcome.HOME: pN_("outcome", "at home"),
        Outcome.CARE_FIGURE: pN_("outcome", "with a care figure"),
        Outcome.KINSHIP_FOSTER_CARE: pN_("outcome", "kinship foster care"),
        Outcome.FOSTER_CARE: pN_("outcome", "foster care"),
        Outcome.RESIDENTIAL_GROUP: pN_("outcome", "residential group"),
        Outcome.HOSPITAL: pN_("outcome", "hospital"),
        Outcome.OTHER: pN_("outcome", "other"),
    },
    "end_reason": {
        RoleEndReason.AS_PLANNED: pN_("end_reason", "as planned"),
        RoleEndReason.NEEDS_CHANGED: pN_("end_reason", "the child's needs changed"),
        RoleEndReason.CARE_FIGURE_STOPPED: pN_("end_reason", "the care figure stopped"),
        RoleEndReason.PARENTS_STOPPED: pN_("end_reason", "the parents stopped it"),
        RoleEndReason.SAFETY_CONCERN: pN_("end_reason", "a safety concern"),
    },
    "theme": {
        SelfScanTheme.FINDING_CARE_FIGURES: pN_(
            "theme", "How the network works on finding care figures"
        ),
        SelfScanTheme.METHODS_AND_EXPERTISE: pN_(
            "theme", "Methods already present, and the expertise to strengthen"
        ),
        SelfScanTheme.CARE_PLAN_QUALITY: pN_(
            "theme",
            "How a care plan is checked against the IMH frame, and the child's perspective heard",
        ),
        SelfScanTheme.CANDIDATES_AND_PARENTS: pN_(
            "theme", "How candidates are checked on the IMH basics, and parents involved"
        ),
        SelfScanTheme.ENGAGEMENT_AND_TRUST: pN_(
            "theme", "Who engages, the partners' roles, and whether there is enough trust"
        ),
        SelfScanTheme.GOALS: pN_("theme", "Goals and intermediate goals"),
        SelfScanTheme.GOVERNANCE: pN_("theme", "Mandates, roles, direction and agenda"),
    },
    "plan_status": {
        PlanStatus.DRAFT: pN_("plan_status", "draft"),
        PlanStatus.SUBMITTED: pN_("plan_status", "submitted"),
        PlanStatus.APPROVED: pN_("plan_status", "approved"),
        PlanStatus.CLOSED: pN_("plan_status", "closed"),
    },
    "activity": {
        ActivityKind.TRAINING: pN_("activity", "training"),
        ActivityKind.SUPERVISION: pN_("activity", "supervision"),
        ActivityKind.INTERVISION: pN_("activity", "intervision"),
    },
    "budget_line": {
        BudgetLineCategory.EXPERTISE: pN_("budget_line", "expertise building"),
        BudgetLineCategory.TRAJECTORIES: pN_("budget_line", "trajectories"),
        BudgetLineCategory.COORDINATION: pN_("budget_line", "coordination and fund holding"),
        BudgetLineCategory.OTHER: pN_("budget_line", "other"),
    },
    "budget_category": {
        BudgetCategory.GUIDANCE: pN_("budget_category", "guidance"),
        BudgetCategory.RESIDENCE: pN_("budget_category", "residence"),
    },
    "stay": {
        StayKind.RESIDENTIAL_GROUP: pN_("stay", "residential group"),
        StayKind.CRISIS_FOSTER_FAMILY: pN_("stay", "crisis foster family"),
        StayKind.HOSPITAL: pN_("stay", "hospital"),
    },
    "party": {
        CareTableParty.FAMILY: pN_("party", "the family"),
        CareTableParty.NETWORK: pN_("party", "the family's network"),
        CareTableParty.REFERRER: pN_("party", "the referrer"),
        CareTableParty.EXPERTS: pN_("party", "experts from the pool"),
        CareTableParty.MANDATED_SERVICE: pN_("party", "the mandated service"),
        CareTableParty.CASE_COORDINATOR: pN_("party", "the case coordinator"),
    },
}

#: Each vocabulary's msgids by value, in the vocabulary's order. The table's name is
#: the msgctxt of its words in the catalogue.
TABLES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {name: MappingProxyType(table) for name, table in _TABLES.items()}
)


def label(table: str, value: Enum | str | None, lang: str = DEFAULT_LANG) -> str:
    """The word for a vocabulary value in `lang`; the raw value if the table lacks it."""
    if value is None:
        return ""
    # StrEnum members hash and compare as their values, so a plain string from a
    # form or a URL finds its word too.
    raw = str(getattr(value, "value", value))
    if raw == NOT_RECORDED:
        return words(lang).pgettext("value", "not recorded")
    msgid = TABLES[table].get(raw)
    return raw if msgid is None else words(lang).pgettext(table, msgid)


def labels(table: str, lang: str = DEFAULT_LANG) -> dict[str, str]:
    """Every value of a vocabulary with its word, in order: a select's choices, a legend."""
    return {value: label(table, value, lang) for value in TABLES[table]}
