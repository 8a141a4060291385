"""Dutch and English labels for the vocabularies the findings do not already name.

Kept in the core beside the finding messages (not in gettext catalogs) so the
command line, exports and the web app all say the same words.
"""

from __future__ import annotations

from enum import Enum

from ecogram.deadlines import DeadlineKind, Phase
from ecogram.i18n import ITEM_LABELS, RATING_LABELS, ROLE_LABELS, SECTOR_LABELS
from ecogram.imh_checklist import Severity
from ecogram.vocabulary import CandidateStatus, Flow, PersonKind, Support, TieQuality

KIND_LABELS = {
    "nl": {
        PersonKind.CHILD: "kind",
        PersonKind.PARENT: "ouder",
        PersonKind.SIBLING: "broer of zus",
        PersonKind.GRANDPARENT: "grootouder",
        PersonKind.AUNT_UNCLE: "tante of oom",
        PersonKind.OTHER_RELATIVE: "ander familielid",
        PersonKind.PARTNER_OF_PARENT: "partner van een ouder",
        PersonKind.FRIEND: "vriend(in)",
        PersonKind.NEIGHBOUR: "buur",
        PersonKind.CHILDCARE: "kinderopvang",
        PersonKind.PROFESSIONAL: "hulpverlener",
        PersonKind.OTHER: "andere",
    },
    "en": {kind: kind.value.replace("_", " ") for kind in PersonKind}
    | {PersonKind.AUNT_UNCLE: "aunt or uncle", PersonKind.PARTNER_OF_PARENT: "partner of a parent"},
}
CANDIDATE_LABELS = {
    "nl": {
        CandidateStatus.NONE: "niet bekeken",
        CandidateStatus.TO_EXPLORE: "te verkennen",
        CandidateStatus.IN_CONVERSATION: "in gesprek",
        CandidateStatus.ASSESSING: "in beoordeling",
        CandidateStatus.SUITABLE: "geschikt",
        CandidateStatus.NOT_SUITABLE: "niet geschikt",
        CandidateStatus.DECLINED: "haakt af",
    },
    "en": {
        CandidateStatus.NONE: "not considered",
        CandidateStatus.TO_EXPLORE: "to explore",
        CandidateStatus.IN_CONVERSATION: "in conversation",
        CandidateStatus.ASSESSING: "being assessed",
        CandidateStatus.SUITABLE: "suitable",
        CandidateStatus.NOT_SUITABLE: "not suitable",
        CandidateStatus.DECLINED: "declined",
    },
}
QUALITY_LABELS = {
    "nl": {
        TieQuality.STRONG: "sterk",
        TieQuality.NORMAL: "gewoon",
        TieQuality.TENUOUS: "zwak",
        TieQuality.STRESSFUL: "belastend",
        TieQuality.CONFLICT: "conflict",
    },
    "en": {quality: quality.value for quality in TieQuality},
}
FLOW_LABELS = {
    "nl": {
        Flow.NONE: "geen",
        Flow.FORWARD: "van → naar",
        Flow.BACK: "naar → van",
        Flow.BOTH: "wederzijds",
    },
    "en": {
        Flow.NONE: "none",
        Flow.FORWARD: "from → to",
        Flow.BACK: "to → from",
        Flow.BOTH: "both ways",
    },
}
SUPPORT_LABELS = {
    "nl": {
        Support.EMOTIONAL: "emotioneel",
        Support.PRACTICAL: "praktisch",
        Support.CHILDCARE: "opvang",
        Support.ADVICE: "advies",
        Support.FINANCIAL: "financieel",
        Support.HOUSING: "huisvesting",
    },
    "en": {support: support.value for support in Support},
}
PHASE_LABELS = {
    "nl": {
        Phase.REFERRED: "aangemeld, wacht op zorgtafel",
        Phase.UNDER_WAY: "zorgplan loopt",
        Phase.EXTENDED: "verlengd",
        Phase.ENDED: "afgesloten",
    },
    "en": {
        Phase.REFERRED: "referred, awaiting care table",
        Phase.UNDER_WAY: "care plan under way",
        Phase.EXTENDED: "extended",
        Phase.ENDED: "ended",
    },
}
DEADLINE_LABELS = {
    "nl": {
        DeadlineKind.CARE_TABLE: "zorgtafel",
        DeadlineKind.EVALUATION: "evaluatie",
        DeadlineKind.TERM_END: "einde termijn",
        DeadlineKind.CARE_PLAN_ACTION: "actie uit het zorgplan",
    },
    "en": {
        DeadlineKind.CARE_TABLE: "care table",
        DeadlineKind.EVALUATION: "evaluation",
        DeadlineKind.CARE_PLAN_ACTION: "care-plan action",
        DeadlineKind.TERM_END: "end of term",
    },
}
SEVERITY_LABELS = {
    "nl": {Severity.ERROR: "fout", Severity.WARNING: "waarschuwing", Severity.INFO: "info"},
    "en": {severity: severity.value for severity in Severity},
}

TABLES: dict[str, dict[str, dict[object, str]]] = {
    "role": ROLE_LABELS,  # type: ignore[dict-item]
    "item": ITEM_LABELS,  # type: ignore[dict-item]
    "sector": SECTOR_LABELS,  # type: ignore[dict-item]
    "rating": RATING_LABELS,  # type: ignore[dict-item]
    "kind": KIND_LABELS,  # type: ignore[dict-item]
    "candidate": CANDIDATE_LABELS,  # type: ignore[dict-item]
    "quality": QUALITY_LABELS,  # type: ignore[dict-item]
    "flow": FLOW_LABELS,  # type: ignore[dict-item]
    "support": SUPPORT_LABELS,  # type: ignore[dict-item]
    "phase": PHASE_LABELS,  # type: ignore[dict-item]
    "deadline": DEADLINE_LABELS,  # type: ignore[dict-item]
    "severity": SEVERITY_LABELS,  # type: ignore[dict-item]
}


def label(table: str, value: Enum | str | None, lang: str) -> str:
    """The word for a vocabulary value; the raw value if a table lacks it."""
    if value is None:
        return ""
    # Every table is keyed by StrEnum members, which hash and compare as their values,
    # so a plain string from a form or a URL finds its label too.
    words = TABLES[table]["en" if lang == "en" else "nl"]
    return words.get(value, str(getattr(value, "value", value)))
