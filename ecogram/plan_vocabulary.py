"""The closed vocabularies of a network's year: its self-scan, action plan and budget.

Kept apart from `ecogram.vocabulary`, which is the case format's: none of these
ever travels in a case file. Their words are in `ecogram.labels`.
"""

from __future__ import annotations

from enum import StrEnum


class SelfScanTheme(StrEnum):
    """The themes of the self-scan, in the order of the call (docs/domain.md)."""

    FINDING_CARE_FIGURES = "finding_care_figures"  #: how the network works on finding them
    METHODS_AND_EXPERTISE = "methods_and_expertise"  #: methods it has, expertise to strengthen
    CARE_PLAN_QUALITY = "care_plan_quality"  #: the IMH frame, and the child's perspective heard
    CANDIDATES_AND_PARENTS = "candidates_and_parents"  #: IMH basics of candidates; parents involved
    ENGAGEMENT_AND_TRUST = "engagement_and_trust"  #: who engages, partners' roles, enough trust
    GOALS = "goals"  #: goals and intermediate goals
    GOVERNANCE = "governance"  #: mandates, roles, direction and agenda


class PlanStatus(StrEnum):
    """Where an action plan stands; it only moves forward, except a plan sent back."""

    DRAFT = "draft"
    SUBMITTED = "submitted"  #: waiting for Opgroeien's decision; not editable
    APPROVED = "approved"  #: the plan year runs from the approval date; changes are amendments
    CLOSED = "closed"  #: the year is over and accounted for; read only


class ActivityKind(StrEnum):
    """How expertise is built."""

    TRAINING = "training"
    SUPERVISION = "supervision"
    INTERVISION = "intervision"


class BudgetLineCategory(StrEnum):
    """What the €90,000 is spent on, in the plan's budget."""

    EXPERTISE = "expertise"  #: training, supervision and intervision
    TRAJECTORIES = "trajectories"  #: searching for and guiding care figures, case by case
    COORDINATION = "coordination"  #: coordination of the network and the fund holder's work
    OTHER = "other"
