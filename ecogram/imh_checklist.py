"""The Infant Mental Health checklist: items, ratings and the role matrix.

The matrix below is the rule. It is a proposal for practitioners to adjust,
so it is kept as one table rather than as logic spread across the code.
Everything here is pure: it evaluates ratings, it never loads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from ecogram.vocabulary import Role


class Rating(StrEnum):
    """DC:0-5-style three-point rating, plus "not yet assessed"."""

    STRENGTH = "S"
    ADEQUATE = "A"  #: not a concern
    CONCERN = "C"
    UNKNOWN = "U"  #: also what a missing item counts as

    @property
    def level(self) -> int:
        """Higher is better; unknown ranks with concern because nothing shows it is fine."""
        return {"S": 2, "A": 1, "C": 0, "U": 0}[self.value]


#: From worst to best when two ratings of one item must give one: a concern that is known
#: weighs more than one not yet looked at (the anchor rule refuses any C, but U only on
#: knock-out items).
WORST_FIRST = ("C", "U", "A", "S")


class Domain(StrEnum):
    ATTUNEMENT = "attunement"
    CONTINUITY = "continuity"
    COOPERATION = "cooperation"
    SAFETY = "safety"
    SUPPORT = "support"


class Item(StrEnum):
    SENSITIVITY = "sensitivity"
    SAFE_HAVEN = "safe_haven"
    SECURE_BASE = "secure_base"
    MENTALIZING = "mentalizing"
    COMMITMENT = "commitment"
    AVAILABILITY = "availability"
    LIFE_STABILITY = "life_stability"
    WITH_PARENTS = "with_parents"
    WITH_SERVICES = "with_services"
    PROTECTION = "protection"
    RECORD_CHECKS = "record_checks"
    HOME_PRACTICAL = "home_practical"
    OWN_NETWORK = "own_network"


ITEM_DOMAIN: dict[Item, Domain] = {
    Item.SENSITIVITY: Domain.ATTUNEMENT,
    Item.SAFE_HAVEN: Domain.ATTUNEMENT,
    Item.SECURE_BASE: Domain.ATTUNEMENT,
    Item.MENTALIZING: Domain.ATTUNEMENT,
    Item.COMMITMENT: Domain.CONTINUITY,
    Item.AVAILABILITY: Domain.CONTINUITY,
    Item.LIFE_STABILITY: Domain.CONTINUITY,
    Item.WITH_PARENTS: Domain.COOPERATION,
    Item.WITH_SERVICES: Domain.COOPERATION,
    Item.PROTECTION: Domain.SAFETY,
    Item.RECORD_CHECKS: Domain.SAFETY,
    Item.HOME_PRACTICAL: Domain.SAFETY,
    Item.OWN_NETWORK: Domain.SUPPORT,
}


@dataclass(frozen=True)
class Requirement:
    minimum: Rating
    knockout: bool


A = Requirement(Rating.ADEQUATE, knockout=False)
A_K = Requirement(Rating.ADEQUATE, knockout=True)
S_K = Requirement(Rating.STRENGTH, knockout=True)
OPTIONAL = None

ROLE_COLUMNS = (
    Role.BUDDY,
    Role.PLAY_FAMILY,
    Role.RESPITE,
    Role.PART_TIME_STAY,
    Role.FULL_TIME_STAY,
    Role.KINSHIP_FOSTER_CARE,
)

# The minimum rating per item and role, as in docs/domain.md. A_K/S_K are knock-outs.
# fmt: off
ROLE_MATRIX: dict[Item, tuple[Requirement | None, ...]] = {
    #                    buddy     play_fam  respite   part_time full_time kinship
    Item.SENSITIVITY:    (A,        A_K,      A_K,      A_K,      S_K,      S_K),
    Item.SAFE_HAVEN:     (OPTIONAL, A_K,      A_K,      A_K,      S_K,      S_K),
    Item.SECURE_BASE:    (OPTIONAL, A,        A,        A,        A_K,      A_K),
    Item.MENTALIZING:    (OPTIONAL, OPTIONAL, A,        A_K,      A_K,      A_K),
    Item.COMMITMENT:     (OPTIONAL, OPTIONAL, A,        A_K,      S_K,      S_K),
    Item.AVAILABILITY:   (A,        A,        A,        A_K,      S_K,      S_K),
    Item.LIFE_STABILITY: (OPTIONAL, A,        A_K,      A_K,      A_K,      A_K),
    Item.WITH_PARENTS:   (A_K,      A_K,      A_K,      A_K,      A_K,      A_K),
    Item.WITH_SERVICES:  (A,        A,        A,        A_K,      A_K,      A_K),
    Item.PROTECTION:     (A_K,      A_K,      A_K,      A_K,      A_K,      A_K),
    Item.RECORD_CHECKS:  (A_K,      A_K,      A_K,      A_K,      A_K,      A_K),
    Item.HOME_PRACTICAL: (OPTIONAL, A_K,      A_K,      A_K,      A_K,      A_K),
    Item.OWN_NETWORK:    (OPTIONAL, OPTIONAL, A,        A,        A_K,      A_K),
}
# fmt: on


def worst_ratings(*rated: Mapping[Item, Rating]) -> dict[Item, Rating]:
    """The worse rating of each item over several assessments; a missing item counts as U."""
    return {
        item: min(
            (ratings.get(item, Rating.UNKNOWN) for ratings in rated),
            key=lambda rating: WORST_FIRST.index(rating.value),
        )
        for item in Item
    }


def requirement(item: Item, role: Role) -> Requirement | None:
    return ROLE_MATRIX[item][ROLE_COLUMNS.index(role)]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Verdict(StrEnum):
    MET = "met"
    OPTIONAL = "optional"  #: the role does not ask for this item
    BELOW_MINIMUM = "below_minimum"  #: a warning: the role may still be taken
    KNOCKOUT = "knockout"  #: an error: the role may not be taken


@dataclass(frozen=True)
class ItemVerdict:
    item: Item
    rating: Rating
    requirement: Requirement | None
    verdict: Verdict

    @property
    def severity(self) -> Severity | None:
        return {Verdict.KNOCKOUT: Severity.ERROR, Verdict.BELOW_MINIMUM: Severity.WARNING}.get(
            self.verdict
        )


@dataclass(frozen=True)
class RoleVerdict:
    role: Role
    items: tuple[ItemVerdict, ...]

    @property
    def qualifies(self) -> bool:
        return not self.knockouts

    @property
    def knockouts(self) -> tuple[ItemVerdict, ...]:
        return tuple(v for v in self.items if v.verdict is Verdict.KNOCKOUT)

    @property
    def below_minimum(self) -> tuple[ItemVerdict, ...]:
        return tuple(v for v in self.items if v.verdict is Verdict.BELOW_MINIMUM)


def judge_item(item: Item, rating: Rating, req: Requirement | None) -> ItemVerdict:
    if req is None:
        verdict = Verdict.OPTIONAL
    elif rating is Rating.UNKNOWN or rating.level < req.minimum.level:
        # For a knock-out item, C and U are always fatal; both rank below any minimum.
        verdict = Verdict.KNOCKOUT if req.knockout else Verdict.BELOW_MINIMUM
    else:
        verdict = Verdict.MET
    return ItemVerdict(item, rating, req, verdict)


def evaluate_role(ratings: Mapping[Item, Rating], role: Role) -> RoleVerdict:
    """Judge one person's ratings against one role; a missing item counts as U."""
    return RoleVerdict(
        role,
        tuple(
            judge_item(item, ratings.get(item, Rating.UNKNOWN), requirement(item, role))
            for item in Item
        ),
    )


def evaluate_all_roles(ratings: Mapping[Item, Rating]) -> tuple[RoleVerdict, ...]:
    return tuple(evaluate_role(ratings, role) for role in Role)


# A non-parent anchor must reach strength where the child's bond is built.
ANCHOR_STRENGTH_ITEMS = (Item.SENSITIVITY, Item.SAFE_HAVEN, Item.COMMITMENT, Item.AVAILABILITY)


def anchor_shortfalls(ratings: Mapping[Item, Rating]) -> tuple[Item, ...]:
    """Items that keep a non-parent from being the anchor (anchor rule 2 of docs/domain.md)."""
    short = []
    for item in Item:
        rating = ratings.get(item, Rating.UNKNOWN)
        req = requirement(item, Role.FULL_TIME_STAY)
        if (
            (item in ANCHOR_STRENGTH_ITEMS and rating is not Rating.STRENGTH)
            or rating is Rating.CONCERN
            or (rating is Rating.UNKNOWN and req is not None and req.knockout)
        ):
            short.append(item)
    return tuple(short)
