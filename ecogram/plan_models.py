"""Storage of a network's year: its self-scan versions, the plan's expertise, budget and history.

The action plan itself (`ecogram.models.ActionPlan`) sits with the network; these
are the rows it owns, and the self-scan it is linked to.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ecogram.models import ActionPlan, Base, Versioned, _enum
from ecogram.plan_vocabulary import ActivityKind, BudgetLineCategory, SelfScanTheme


class SelfScan(Versioned, Base):
    """One version of a network's self-scan; a new save is a new version, never an edit."""

    __tablename__ = "self_scan"
    __table_args__ = (UniqueConstraint("network_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("network.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)  #: 1, 2, ... within the network
    facilitator: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[dt.date] = mapped_column(Date)  #: when the scan was held
    summary: Mapped[str] = mapped_column(Text, default="")
    recorded_on: Mapped[dt.date] = mapped_column(Date)  #: when this version was saved
    answers: Mapped[list[SelfScanAnswer]] = relationship(
        back_populates="scan", cascade="all, delete-orphan", order_by="SelfScanAnswer.id"
    )


class SelfScanAnswer(Versioned, Base):
    __tablename__ = "self_scan_answer"
    __table_args__ = (UniqueConstraint("scan_id", "theme"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("self_scan.id", ondelete="CASCADE"))
    theme: Mapped[SelfScanTheme] = mapped_column(_enum(SelfScanTheme))
    strengths: Mapped[str] = mapped_column(Text, default="")
    weaknesses: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    scan: Mapped[SelfScan] = relationship(back_populates="answers")


class ExpertiseActivity(Versioned, Base):
    """An activity planned to meet an expertise need: so many sessions, at a cost."""

    __tablename__ = "expertise_activity"
    __table_args__ = (
        CheckConstraint("planned >= 1", name="planned_at_least_one"),
        CheckConstraint("done >= 0", name="done_not_negative"),
        CheckConstraint("cost >= 0", name="cost_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plan.id", ondelete="CASCADE"))
    need: Mapped[str] = mapped_column(String(300))  #: the need it meets; activities group by it
    kind: Mapped[ActivityKind] = mapped_column(_enum(ActivityKind))
    planned: Mapped[int] = mapped_column(Integer, default=1)  #: sessions planned
    done: Mapped[int] = mapped_column(Integer, default=0)  #: sessions held so far
    cost: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0.00"))
    plan: Mapped[ActionPlan] = relationship(back_populates="activities")


class BudgetLine(Versioned, Base):
    __tablename__ = "budget_line"
    __table_args__ = (CheckConstraint("amount >= 0", name="amount_not_negative"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plan.id", ondelete="CASCADE"))
    category: Mapped[BudgetLineCategory] = mapped_column(_enum(BudgetLineCategory))
    what: Mapped[str] = mapped_column(String(200), default="")
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    plan: Mapped[ActionPlan] = relationship(back_populates="budget_lines")


class PlanRevision(Versioned, Base):
    """The plan as approved (number 1) and after each amendment: kept, never changed."""

    __tablename__ = "plan_revision"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plan.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    recorded_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")  #: why it was amended; "" at approval
    #: the plan's figures as JSON (`ecogram.action_plans.plan_document`)
    document: Mapped[str] = mapped_column(Text)
    plan: Mapped[ActionPlan] = relationship(back_populates="revisions")
