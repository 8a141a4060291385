"""Storage model: SQLAlchemy 2.x typed declarative classes.

These classes are also the domain objects the rules read. A case parsed from
a JSON file to be stored is a tree of *transient* instances (never added to a session);
`ecogram check FILE` reads its file into `ecogram.casetree`'s plain stand-ins instead,
which spares it mapping these classes. Each editable row carries a `version`
column that SQLAlchemy checks on every UPDATE, so a stale write fails instead
of silently overwriting (docs/security.md, "No lost updates").

Dates are half-open periods: `end`/`to` is the first day a role or anchor
period no longer holds, so a hand-over on one day never counts two anchors.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from ecogram.imh_checklist import Item, Rating
from ecogram.plan_vocabulary import PlanStatus
from ecogram.vocabulary import (
    AttestationStatus,
    BudgetCategory,
    CandidateStatus,
    Flow,
    NetworkSlug,
    Outcome,
    PersonKind,
    Referrer,
    Role,
    RoleEndReason,
    Sector,
    StayKind,
    TieQuality,
    TrajectoryKind,
)

if TYPE_CHECKING:
    from ecogram.plan_models import BudgetLine, ExpertiseActivity, PlanRevision, SelfScan

# Stable constraint names keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _enum(cls: type) -> Enum:
    # Store the format's strings, not Python member names, and skip native
    # PostgreSQL enum types so vocabularies can grow without type migrations.
    return Enum(
        cls,
        values_callable=lambda e: [m.value for m in e],
        native_enum=False,
        validate_strings=True,
        length=32,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Versioned:
    """Mixin: optimistic locking for every editable row."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


# --- Networks ----------------------------------------------------------------------------


class Network(Versioned, Base):
    __tablename__ = "network"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[NetworkSlug] = mapped_column(_enum(NetworkSlug), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    regions: Mapped[list[Region]] = relationship(back_populates="network", order_by="Region.id")
    organisations: Mapped[list[Organisation]] = relationship(
        back_populates="network", order_by="Organisation.id"
    )
    action_plan: Mapped[ActionPlan | None] = relationship(back_populates="network")


class Region(Versioned, Base):
    """A 1G1P ("one family one plan") region: the reference regions within a network."""

    __tablename__ = "region"
    __table_args__ = (UniqueConstraint("network_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("network.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    network: Mapped[Network] = relationship(back_populates="regions")


class Organisation(Versioned, Base):
    __tablename__ = "organisation"
    __table_args__ = (UniqueConstraint("network_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("network.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    network: Mapped[Network] = relationship(back_populates="organisations")


class ActionPlan(Versioned, Base):
    """The network's plan van aanpak; approval starts its one-year period."""

    __tablename__ = "action_plan"
    __table_args__ = (
        CheckConstraint("committed >= 0", name="committed_not_negative"),
        CheckConstraint("budget >= 0", name="budget_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        ForeignKey("network.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[PlanStatus] = mapped_column(_enum(PlanStatus), default=PlanStatus.DRAFT)
    self_scan_id: Mapped[int | None] = mapped_column(ForeignKey("self_scan.id"))
    submitted: Mapped[dt.date | None] = mapped_column(Date)
    approved: Mapped[dt.date | None] = mapped_column(Date)
    closed: Mapped[dt.date | None] = mapped_column(Date)
    #: 0 until approved; 1 as approved; each amendment adds one (`revisions` keeps them all)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    committed: Mapped[int] = mapped_column(Integer, default=0)
    #: the sum of the budget lines, kept so the report reads one column
    budget: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0.00"))
    fund_holder_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    #: the network coordinator's proposal to make the work permanent, for the year report
    sustainability: Mapped[str] = mapped_column(Text, default="")
    network: Mapped[Network] = relationship(back_populates="action_plan")
    self_scan: Mapped[SelfScan | None] = relationship()
    fund_holder: Mapped[Organisation | None] = relationship()
    region_commitments: Mapped[list[RegionCommitment]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="RegionCommitment.id"
    )
    #: the expertise the network needs, in words; `activities` plan how to build it
    expertise_needs: Mapped[str] = mapped_column(Text, default="")
    activities: Mapped[list[ExpertiseActivity]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="ExpertiseActivity.id"
    )
    budget_lines: Mapped[list[BudgetLine]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="BudgetLine.id"
    )
    revisions: Mapped[list[PlanRevision]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanRevision.number"
    )


class RegionCommitment(Versioned, Base):
    __tablename__ = "region_commitment"
    __table_args__ = (
        UniqueConstraint("plan_id", "region_id"),
        CheckConstraint("committed >= 0", name="committed_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plan.id", ondelete="CASCADE"))
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"))
    committed: Mapped[int] = mapped_column(Integer, default=0)
    plan: Mapped[ActionPlan] = relationship(back_populates="region_commitments")
    region: Mapped[Region] = relationship()


# --- The case and the child's context ----------------------------------------------------


class Case(Versioned, Base):
    """One child's case. The child is the case's person of kind `child`."""

    __tablename__ = "case"
    __table_args__ = (
        CheckConstraint(
            "birth_date IS NOT NULL OR expected_date IS NOT NULL", name="child_has_a_date"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    opened: Mapped[dt.date] = mapped_column(Date)
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    expected_date: Mapped[dt.date | None] = mapped_column(Date)
    trusted_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL", use_alter=True)
    )

    persons: Mapped[list[Person]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="Person.id",
        foreign_keys="Person.case_id",
    )
    ties: Mapped[list[Tie]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Tie.id"
    )
    anchors: Mapped[list[AnchorPeriod]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="AnchorPeriod.id"
    )
    trusted_person: Mapped[Person | None] = relationship(
        foreign_keys=[trusted_person_id], post_update=True
    )
    trajectory: Mapped[Trajectory | None] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )
    # Set when the case is closed; the retention period runs from this day.
    closed: Mapped[dt.date | None] = mapped_column(Date)
    # Changed by database triggers (the case-revision migration) on every write to the case
    # or anything in it, whoever writes: the key of the ecogram's cached read model
    # (ecogram/readmodel.py). Read it with a query; an object loaded earlier may hold an old value.
    revision: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    sessions: Mapped[list[EcogramSession]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="EcogramSession.number"
    )
    # Loaded only by the pages that show findings, on first use.
    finding_reasons: Mapped[list[FindingReason]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="FindingReason.id"
    )

    @property
    def child(self) -> Person | None:
        return next((p for p in self.persons if p.kind is PersonKind.CHILD), None)


class Person(Versioned, Base):
    __tablename__ = "person"
    __table_args__ = (
        UniqueConstraint("case_id", "ref"),
        CheckConstraint("ring BETWEEN 0 AND 3", name="ring_range"),
        # The network report counts the suitable candidates without reading every person.
        Index("ix_person_candidate_case", "candidate", "case_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    ref: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[PersonKind] = mapped_column(_enum(PersonKind))
    sector: Mapped[Sector] = mapped_column(_enum(Sector))
    ring: Mapped[int] = mapped_column(Integer)
    household: Mapped[str | None] = mapped_column(String(64))
    candidate: Mapped[CandidateStatus] = mapped_column(
        _enum(CandidateStatus), default=CandidateStatus.NONE
    )

    case: Mapped[Case] = relationship(back_populates="persons", foreign_keys=[case_id])
    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Assessment.id"
    )
    roles: Mapped[list[RoleAssignment]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="RoleAssignment.id"
    )


class Tie(Versioned, Base):
    __tablename__ = "tie"
    __table_args__ = (CheckConstraint("from_person_id <> to_person_id", name="not_a_loop"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    from_person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    to_person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    quality: Mapped[TieQuality] = mapped_column(_enum(TieQuality))
    flow: Mapped[Flow] = mapped_column(_enum(Flow), default=Flow.NONE)
    # Kept in the order given so that import then export returns the same document.
    support: Mapped[list[str]] = mapped_column(JSON, default=list)

    case: Mapped[Case] = relationship(back_populates="ties")
    from_person: Mapped[Person] = relationship(foreign_keys=[from_person_id])
    to_person: Mapped[Person] = relationship(foreign_keys=[to_person_id])


class Assessment(Versioned, Base):
    """An IMH assessment of one person: a rating and a note per item."""

    __tablename__ = "assessment"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    final: Mapped[bool] = mapped_column(Boolean, default=False)
    assessor: Mapped[str] = mapped_column(String(200), default="")

    person: Mapped[Person] = relationship(back_populates="assessments")
    entries: Mapped[list[AssessmentEntry]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="AssessmentEntry.id"
    )

    @property
    def ratings(self) -> dict[Item, Rating]:
        """Rated items only; callers treat a missing item as U."""
        return {e.item: e.rating for e in self.entries if e.rating is not None}


class AssessmentEntry(Versioned, Base):
    """One item of an assessment. A note may stand without a rating and vice versa."""

    __tablename__ = "assessment_entry"
    __table_args__ = (UniqueConstraint("assessment_id", "item"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"))
    item: Mapped[Item] = mapped_column(_enum(Item))
    rating: Mapped[Rating | None] = mapped_column(_enum(Rating))
    note: Mapped[str | None] = mapped_column(Text)

    assessment: Mapped[Assessment] = relationship(back_populates="entries")


class RoleAssignment(Versioned, Base):
    __tablename__ = "role_assignment"
    __table_args__ = (
        CheckConstraint("nights_per_week BETWEEN 0 AND 7", name="nights_range"),
        CheckConstraint('"end" IS NULL OR "end" > start', name="end_after_start"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(_enum(Role))
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)
    nights_per_week: Mapped[int] = mapped_column(Integer, default=0)
    attestation_status: Mapped[AttestationStatus | None] = mapped_column(_enum(AttestationStatus))
    attestation_date: Mapped[dt.date | None] = mapped_column(Date)
    #: why it ended; None while it runs, and for roles ended before reasons were recorded
    end_reason: Mapped[RoleEndReason | None] = mapped_column(_enum(RoleEndReason))

    person: Mapped[Person] = relationship(back_populates="roles")

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


class AnchorPeriod(Versioned, Base):
    """Who is the child's safe haven from `start` until (not including) `end`."""

    __tablename__ = "anchor_period"
    __table_args__ = (CheckConstraint('"end" IS NULL OR "end" > start', name="end_after_start"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)

    case: Mapped[Case] = relationship(back_populates="anchors")
    person: Mapped[Person] = relationship()

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


# --- The trajectory ----------------------------------------------------------------------


class Trajectory(Versioned, Base):
    __tablename__ = "trajectory"
    __table_args__ = (
        # The network report reads the trajectories in scope (a network, a referral period)
        # and what it counts of them from this index alone, never visiting the table.
        Index(
            "ix_trajectory_report_scope",
            "network_id",
            "referred",
            "region_id",
            "kind",
            "extended",
            "ended",
            "outcome",
            "case_id",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), unique=True)
    network_id: Mapped[int | None] = mapped_column(ForeignKey("network.id"), index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id", ondelete="SET NULL"))
    kind: Mapped[TrajectoryKind] = mapped_column(_enum(TrajectoryKind))
    referred: Mapped[dt.date] = mapped_column(Date, index=True)
    referrer: Mapped[Referrer] = mapped_column(_enum(Referrer))
    mandated_service: Mapped[bool] = mapped_column(Boolean, default=False)
    extended: Mapped[bool] = mapped_column(Boolean, default=False)
    ended: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[Outcome | None] = mapped_column(_enum(Outcome))

    case: Mapped[Case] = relationship(back_populates="trajectory")
    network: Mapped[Network | None] = relationship()
    region: Mapped[Region | None] = relationship()
    care_tables: Mapped[list[CareTable]] = relationship(
        back_populates="trajectory", cascade="all, delete-orphan", order_by="CareTable.id"
    )
    evaluations: Mapped[list[Evaluation]] = relationship(
        back_populates="trajectory", cascade="all, delete-orphan", order_by="Evaluation.id"
    )
    budget_items: Mapped[list[BudgetItem]] = relationship(
        back_populates="trajectory", cascade="all, delete-orphan", order_by="BudgetItem.id"
    )
    stays: Mapped[list[Stay]] = relationship(
        back_populates="trajectory", cascade="all, delete-orphan", order_by="Stay.id"
    )
    actions: Mapped[list[CarePlanAction]] = relationship(
        back_populates="trajectory", cascade="all, delete-orphan", order_by="CarePlanAction.id"
    )


class CareTable(Versioned, Base):
    __tablename__ = "care_table"
    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(
        ForeignKey("trajectory.id", ondelete="CASCADE"), index=True
    )
    date: Mapped[dt.date] = mapped_column(Date)
    # CareTableParty values, in the order given (like Tie.support).
    present: Mapped[list[str]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    #: The child's perspective, in its own words: the child's explicit voice at the table.
    child_perspective: Mapped[str] = mapped_column(Text, default="", server_default="")
    trajectory: Mapped[Trajectory] = relationship(back_populates="care_tables")


class CarePlanAction(Versioned, Base):
    """One engagement of the care plan: who does what, and by when."""

    __tablename__ = "care_plan_action"
    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(
        ForeignKey("trajectory.id", ondelete="CASCADE"), index=True
    )
    what: Mapped[str] = mapped_column(String(300))
    who: Mapped[str] = mapped_column(String(200), default="")
    due: Mapped[dt.date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The care table whose decision this action is, when it came from one.
    care_table_id: Mapped[int | None] = mapped_column(
        ForeignKey("care_table.id", ondelete="SET NULL")
    )
    trajectory: Mapped[Trajectory] = relationship(back_populates="actions")
    # Many-to-one only: the care tables are loaded with the trajectory, so this costs no query.
    care_table: Mapped[CareTable | None] = relationship()


class Evaluation(Versioned, Base):
    __tablename__ = "evaluation"
    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(
        ForeignKey("trajectory.id", ondelete="CASCADE"), index=True
    )
    date: Mapped[dt.date] = mapped_column(Date)
    trajectory: Mapped[Trajectory] = relationship(back_populates="evaluations")


class BudgetItem(Versioned, Base):
    """Case-bound budget (casusgebonden middelen) spent on one thing."""

    __tablename__ = "budget_item"
    __table_args__ = (CheckConstraint("amount >= 0", name="amount_not_negative"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(
        ForeignKey("trajectory.id", ondelete="CASCADE"), index=True
    )
    date: Mapped[dt.date] = mapped_column(Date)
    category: Mapped[BudgetCategory] = mapped_column(_enum(BudgetCategory))
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    what: Mapped[str] = mapped_column(String(200), default="")
    trajectory: Mapped[Trajectory] = relationship(back_populates="budget_items")


class Stay(Versioned, Base):
    """A short stay the trajectory tries to avoid or shorten."""

    __tablename__ = "stay"
    __table_args__ = (CheckConstraint('"end" IS NULL OR "end" >= start', name="end_after_start"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(
        ForeignKey("trajectory.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[StayKind] = mapped_column(_enum(StayKind))
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)
    trajectory: Mapped[Trajectory] = relationship(back_populates="stays")


# --- History -----------------------------------------------------------------------------


class EcogramSession(Versioned, Base):
    """A meeting with the family (or a desk session) in which the ecogram changed.

    Every change to persons, ties, roles and anchors belongs to one session.
    `snapshot` holds the case as it stood at the end of the session, in the
    canonical `ecogram-case/1` JSON, so an earlier state is read back exactly
    rather than replayed from a change log that could drift from the rules.
    """

    __tablename__ = "ecogram_session"
    __table_args__ = (UniqueConstraint("case_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)  #: 1, 2, ... within the case
    date: Mapped[dt.date] = mapped_column(Date)
    present: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(Integer)  #: who opened it; no FK, like audit
    snapshot: Mapped[str] = mapped_column(Text, default="")
    case: Mapped[Case] = relationship(back_populates="sessions")


# --- Findings saved despite an error -----------------------------------------------------


class FindingReason(Versioned, Base):
    """Why a change was saved although it causes an error finding: the professionals decide.

    The row names its finding as `ecogram.ahead.finding_key` does (code, person ref,
    role, item and the subject the finding is about), so the reason stands next to that
    finding from then on, today and ahead. `held_from` is the day from which the finding held
    when the change was saved. Who saved it is kept by id and by name, like an audit row;
    the audit row of the save has the exact time.
    """

    __tablename__ = "finding_reason"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    person: Mapped[str] = mapped_column(String(64), default="")
    role: Mapped[str] = mapped_column(String(32), default="")
    item: Mapped[str] = mapped_column(String(32), default="")
    subject: Mapped[str] = mapped_column(String(200), default="")
    held_from: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    saved_on: Mapped[dt.date] = mapped_column(Date)  #: the app's day, as every page sees it
    user_id: Mapped[int | None] = mapped_column(Integer)  #: no FK, like the audit table
    user_name: Mapped[str] = mapped_column(String(120), default="")
    case: Mapped[Case] = relationship(back_populates="finding_reasons")


class SessionChange(Versioned, Base):
    """One change of the ecogram within a session, kept so it can be undone and redone.

    `patch` holds, for each person, tie and the trusted-person link the change
    touched, how it stood before and after (`ecogram.history.steps`). The
    session's changes form a stack: undone ones are its top, and a new change
    drops them. `removed` names the persons the change took off the ecogram,
    so their refs are never given to someone new.
    """

    __tablename__ = "session_change"
    __table_args__ = (UniqueConstraint("session_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("ecogram_session.id", ondelete="CASCADE"), index=True
    )
    #: The session's case, so a case's removals are found without a join.
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)  #: 1, 2, ... within the session
    user_id: Mapped[int | None] = mapped_column(Integer)  #: who made it; no FK, like audit
    patch: Mapped[str] = mapped_column(Text)
    removed: Mapped[str] = mapped_column(Text, default="")  #: refs, separated by spaces
    undone: Mapped[bool] = mapped_column(Boolean, default=False)


# The network year's tables and the report's facts per case live in their own modules;
# importing them here registers them with every user of the models, so the relationships
# above resolve and the migrations' check sees every table.
from ecogram import plan_models, report_facts  # noqa: E402, F401
