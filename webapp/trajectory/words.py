"""The words for the trajectory's vocabularies, in the user's language.

The core's label tables (ecogram.labels) do not cover the trajectory's
vocabularies, so the trajectory pages name them here, as gettext msgids the
catalog translates.
"""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from ecogram.vocabulary import (
    BudgetCategory,
    CareTableParty,
    Outcome,
    Referrer,
    StayKind,
    TrajectoryKind,
)

KINDS: dict[str, LazyString] = {
    TrajectoryKind.CARE_FIGURE_SEARCH: _l("search for and strengthen care figures"),
    TrajectoryKind.CARE_GUARANTEE: _l("care guarantee"),
}
REFERRERS: dict[str, LazyString] = {
    Referrer.HOSPITAL: _l("hospital"),
    Referrer.MIDWIFE: _l("midwife"),
    Referrer.CHILD_AND_FAMILY: _l("Child and Family (Kind en Gezin)"),
    Referrer.MENTAL_HEALTH: _l("mental health care"),
    Referrer.YOUTH_CARE: _l("youth care"),
    Referrer.MANDATED_SERVICE: _l("mandated service"),
    Referrer.OTHER: _l("other"),
}
OUTCOMES: dict[str, LazyString] = {
    Outcome.HOME: _l("at home"),
    Outcome.CARE_FIGURE: _l("with a care figure"),
    Outcome.KINSHIP_FOSTER_CARE: _l("kinship foster care"),
    Outcome.FOSTER_CARE: _l("foster care"),
    Outcome.RESIDENTIAL_GROUP: _l("residential group"),
    Outcome.HOSPITAL: _l("hospital"),
    Outcome.OTHER: _l("other"),
}
CATEGORIES: dict[str, LazyString] = {
    BudgetCategory.GUIDANCE: _l("guidance"),
    BudgetCategory.RESIDENCE: _l("residence"),
}
STAYS: dict[str, LazyString] = {
    StayKind.RESIDENTIAL_GROUP: _l("residential group"),
    StayKind.CRISIS_FOSTER_FAMILY: _l("crisis foster family"),
    StayKind.HOSPITAL: _l("hospital"),
}
PARTIES: dict[str, LazyString] = {
    CareTableParty.FAMILY: _l("the family"),
    CareTableParty.NETWORK: _l("the family's network"),
    CareTableParty.REFERRER: _l("the referrer"),
    CareTableParty.EXPERTS: _l("experts from the pool"),
    CareTableParty.MANDATED_SERVICE: _l("the mandated service"),
    CareTableParty.CASE_COORDINATOR: _l("the case coordinator"),
}

#: Every table by the name templates use: words["referrer"][trajectory.referrer].
WORDS: dict[str, dict[str, LazyString]] = {
    "kind": KINDS,
    "referrer": REFERRERS,
    "outcome": OUTCOMES,
    "category": CATEGORIES,
    "stay": STAYS,
    "party": PARTIES,
}


def choices(table: dict[str, LazyString]) -> dict[str, str]:
    """A select's {value: label}, in the vocabulary's order."""
    return {str(value): str(word) for value, word in table.items()}
