"""The closed vocabularies of the case format `ecogram-case/1`.

Every enum's values are the exact strings of the exchange format, so
`Kind("parent")` parses a file and `kind.value` writes one. The order of
members is meaningful where noted (roles, rings, ratings).
"""

from __future__ import annotations

from enum import StrEnum


class PersonKind(StrEnum):
    """How a person stands to the child.

    Relatives (`FAMILY_KINDS`) are bound by family ties; everyone else is an
    informal or professional contact. Keeping the two apart mirrors Gramps,
    where family relationships and associations are different objects.
    """

    CHILD = "child"  #: the child the case is about; exactly one per case
    PARENT = "parent"  #: a legal or biological parent; may be the anchor without assessment
    SIBLING = "sibling"
    GRANDPARENT = "grandparent"
    AUNT_UNCLE = "aunt_uncle"
    OTHER_RELATIVE = "other_relative"
    PARTNER_OF_PARENT = (
        "partner_of_parent"  #: a step-parent figure; not a parent for the anchor rule
    )
    FRIEND = "friend"
    NEIGHBOUR = "neighbour"
    CHILDCARE = "childcare"  #: the childcare worker or school
    PROFESSIONAL = "professional"  #: a paid helper; never a candidate care figure by default
    OTHER = "other"


FAMILY_KINDS = frozenset(
    {
        PersonKind.CHILD,
        PersonKind.PARENT,
        PersonKind.SIBLING,
        PersonKind.GRANDPARENT,
        PersonKind.AUNT_UNCLE,
        PersonKind.OTHER_RELATIVE,
        PersonKind.PARTNER_OF_PARENT,
    }
)


class Sector(StrEnum):
    """The angular slices of the ecogram, in drawing order (clockwise from the top)."""

    FAMILY = "family"
    FRIENDS = "friends"
    NEIGHBOURHOOD = "neighbourhood"
    CHILDCARE_SCHOOL = "childcare_school"
    PROFESSIONAL = "professional"


class CandidateStatus(StrEnum):
    """Where a person stands in the search for care figures."""

    NONE = "none"  #: not considered yet
    TO_EXPLORE = "to_explore"
    IN_CONVERSATION = "in_conversation"
    ASSESSING = "assessing"
    SUITABLE = "suitable"
    NOT_SUITABLE = "not_suitable"
    DECLINED = "declined"  #: the person said no


class TieQuality(StrEnum):
    """Hartman's ecomap line styles."""

    STRONG = "strong"
    NORMAL = "normal"
    TENUOUS = "tenuous"
    STRESSFUL = "stressful"
    CONFLICT = "conflict"


class Flow(StrEnum):
    """Energy flow along a tie, relative to its `from` end."""

    NONE = "none"
    FORWARD = "forward"  #: from -> to
    BACK = "back"  #: to -> from
    BOTH = "both"


class Support(StrEnum):
    EMOTIONAL = "emotional"
    PRACTICAL = "practical"
    CHILDCARE = "childcare"
    ADVICE = "advice"
    FINANCIAL = "financial"
    HOUSING = "housing"


class Bond(StrEnum):
    """Whether a tie is a family tie or an informal one; derived, never stored."""

    FAMILY = "family"  #: both ends are relatives of the child
    INFORMAL = "informal"


class Role(StrEnum):
    """The continuum of care-figure roles, from lightest to heaviest.

    The definition order is the continuum; `Role.rank` exposes it.
    """

    BUDDY = "buddy"  #: support figure; contact mostly with a parent present
    PLAY_FAMILY = "play_family"  #: daytime care without a parent present
    RESPITE = "respite"  #: occasional nights
    PART_TIME_STAY = "part_time_stay"  #: structural nights every week
    FULL_TIME_STAY = "full_time_stay"  #: the child lives with the care figure, informally
    KINSHIP_FOSTER_CARE = "kinship_foster_care"  #: network foster care; needs an attestation

    @property
    def rank(self) -> int:
        return _ROLE_RANKS[self]

    @property
    def at_night(self) -> bool:
        """Respite and heavier: the child sleeps there, even when no nights a week are set."""
        return self.rank >= Role.RESPITE.rank


# Looked up for every role on every drawing and check, so counted once rather than per call.
_ROLE_RANKS = {role: rank for rank, role in enumerate(Role)}


class RoleEndReason(StrEnum):
    """Why a role ended. Only `AS_PLANNED` is a planned ending; the others are breakdowns.

    A role ended before this was recorded has none: it reads "not recorded" and is
    counted apart, never guessed.
    """

    AS_PLANNED = "as_planned"  #: the role had done what it was for
    NEEDS_CHANGED = "needs_changed"  #: the child's needs changed
    CARE_FIGURE_STOPPED = "care_figure_stopped"
    PARENTS_STOPPED = "parents_stopped"
    SAFETY_CONCERN = "safety_concern"

    @property
    def planned(self) -> bool:
        return self is RoleEndReason.AS_PLANNED


class AttestationStatus(StrEnum):
    PENDING = "pending"
    GRANTED = "granted"
    REFUSED = "refused"


class TrajectoryKind(StrEnum):
    CARE_FIGURE_SEARCH = "care_figure_search"  #: the 2024 call's trajectory
    CARE_GUARANTEE = "care_guarantee"


class Referrer(StrEnum):
    HOSPITAL = "hospital"
    MIDWIFE = "midwife"
    CHILD_AND_FAMILY = "child_and_family"
    MENTAL_HEALTH = "mental_health"
    YOUTH_CARE = "youth_care"
    MANDATED_SERVICE = "mandated_service"
    OTHER = "other"


class Outcome(StrEnum):
    HOME = "home"
    CARE_FIGURE = "care_figure"
    KINSHIP_FOSTER_CARE = "kinship_foster_care"
    FOSTER_CARE = "foster_care"
    RESIDENTIAL_GROUP = "residential_group"
    HOSPITAL = "hospital"
    OTHER = "other"


class BudgetCategory(StrEnum):
    GUIDANCE = "guidance"
    RESIDENCE = "residence"  #: capped at half of the case's budget


class StayKind(StrEnum):
    RESIDENTIAL_GROUP = "residential_group"
    CRISIS_FOSTER_FAMILY = "crisis_foster_family"
    HOSPITAL = "hospital"


class Phase(StrEnum):
    """Where a trajectory stands (`ecogram.deadlines.phase`)."""

    REFERRED = "referred"  #: waiting for the first care table
    UNDER_WAY = "under_way"  #: the care plan is being carried out
    EXTENDED = "extended"  #: in its one extension of 3 months
    ENDED = "ended"


class DeadlineKind(StrEnum):
    """What falls due in a trajectory (`ecogram.deadlines.deadlines`)."""

    CARE_TABLE = "care_table"
    EVALUATION = "evaluation"
    TERM_END = "term_end"
    CARE_PLAN_ACTION = "care_plan_action"  #: an open action of the care plan with a due date


class CareTableParty(StrEnum):
    """Who sat at a care table (docs/domain.md, "The trajectory"): all of them should be there."""

    FAMILY = "family"
    NETWORK = "network"  #: the family's own network: relatives, friends, neighbours
    REFERRER = "referrer"
    EXPERTS = "experts"  #: two experts from the network's pool
    MANDATED_SERVICE = "mandated_service"
    CASE_COORDINATOR = "case_coordinator"


class NetworkSlug(StrEnum):
    """The five provincial care-guarantee networks (Vlaams-Brabant and Brussel are one)."""

    ANTWERPEN = "antwerpen"
    LIMBURG = "limburg"
    OOST_VLAANDEREN = "oost-vlaanderen"
    VLAAMS_BRABANT_BRUSSEL = "vlaams-brabant-brussel"
    WEST_VLAANDEREN = "west-vlaanderen"


NETWORK_NAMES: dict[NetworkSlug, str] = {
    NetworkSlug.ANTWERPEN: "Antwerpen",
    NetworkSlug.LIMBURG: "Limburg",
    NetworkSlug.OOST_VLAANDEREN: "Oost-Vlaanderen",
    NetworkSlug.VLAAMS_BRABANT_BRUSSEL: "Vlaams-Brabant en Brussel",
    NetworkSlug.WEST_VLAANDEREN: "West-Vlaanderen",
}


class UserRole(StrEnum):
    """What an account may do (`ecogram.capabilities`); kept here with the other vocabularies
    so the command line lists the roles without loading the account tables."""

    CONTEXT_WORKER = "context_worker"
    FOSTER_CARE_ASSESSOR = "foster_care_assessor"
    CASE_COORDINATOR = "case_coordinator"  #: sees every case of their network
    NETWORK_COORDINATOR = "network_coordinator"  #: aggregates only, never names
    ADMIN = "admin"  #: manages accounts; sees no case unless assigned
