"""Per-case report facts: what the network report counts of a case, whatever the period.

The network report (`ecogram.report`) counts over every trajectory of a network. Asking the
trajectories, persons, roles, anchors, care tables and budget items anew for every report
cost the databases some eight visits of each of those rows: about a second at 100,000
trajectories. Most of what it asks of a case does not depend on the report's period, so
this table keeps it, one row per case, beside the case revision it was computed from:

- the trajectory's own fields: network, region, kind, referral day and month, extension,
  end and outcome;
- whether it has a care table and a budget item, and the money spent;
- the care figures found: the case's suitable candidates, plus the persons of any other
  status who hold a role;
- whether an anchor period names someone other than a parent;
- the case's roles, counted per role, whoever holds them and whenever;
- the first day a person other than a parent began a role, and a night role: "had a care
  figure by the period's last day" is `first_figure_start <= end`; and the last day one
  began a night role, so that a stay no night role began during or just after is passed
  over without looking at the roles.

A case without a trajectory has a row too, in no network, so that it is never stale.

**Derived, never a source.** Every write to a case's tree gives the case a new revision
(database triggers, migration 0009), from any process. A row whose revision differs from
its case's is stale; `refresh_facts` recomputes the stale rows, whoever made them stale.
The table itself has no revision trigger and is not among the case's tables: writing it
never changes a case's revision, and reading a report never invalidates a cached ecogram.
A deleted case takes its row with it (the foreign key cascades). A restored backup
brings back the rows with the revisions they were computed from, and any row that no
longer matches its case is recomputed by the next report.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    ColumnElement,
    Date,
    ForeignKey,
    Index,
    Integer,
    Select,
    SQLColumnExpression,
    String,
    Table,
    and_,
    any_,
    bindparam,
    func,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ecogram.models import (
    AnchorPeriod,
    Base,
    BudgetItem,
    CareTable,
    Case,
    Person,
    RoleAssignment,
    Trajectory,
    _enum,
)
from ecogram.report_rows import flag
from ecogram.vocabulary import CandidateStatus, Outcome, PersonKind, Role, TrajectoryKind

NIGHT_ROLES = tuple(role for role in Role if role.at_night)
#: The column that counts each role's assignments.
ROLE_COLUMNS = {role: f"role_{role.value}" for role in Role}

case_report_facts = Table(
    "case_report_facts",
    Base.metadata,
    Column("case_id", ForeignKey("case.id", ondelete="CASCADE"), primary_key=True),
    #: the case's revision when the row was computed
    Column("revision", BigInteger, nullable=False),
    Column("trajectory_id", Integer),
    Column("network_id", Integer),
    Column("region_id", Integer),
    Column("kind", _enum(TrajectoryKind)),
    Column("referred", Date),
    Column("month", String(7)),  #: 'YYYY-MM' of the referral
    Column("extended", Integer, nullable=False),
    Column("ended", Date),
    Column("outcome", _enum(Outcome)),
    Column("care_table", Integer, nullable=False),
    Column("budget_item", Integer, nullable=False),
    Column("budget_cents", BigInteger, nullable=False),  #: the money spent, in cents
    Column("care_figures_found", Integer, nullable=False),
    Column("non_parent_anchor", Integer, nullable=False),
    *(Column(name, Integer, nullable=False) for name in ROLE_COLUMNS.values()),
    Column("first_figure_start", Date),
    Column("first_night_start", Date),
    Column("last_night_start", Date),
    # Each index holds every column its part of the report reads, in the order it groups
    # them: SQLite then reads the index alone, in order, without a sort or a table lookup.
    Index(
        "ix_case_report_facts_funnel",
        "network_id",
        "month",
        "region_id",
        "referred",
        "kind",
        "care_table",
        "budget_item",
        "extended",
        "care_figures_found",
        "non_parent_anchor",
        "budget_cents",
        *ROLE_COLUMNS.values(),
    ),
    Index(
        "ix_case_report_facts_year",
        "network_id",
        "kind",
        "care_table",
        "outcome",
        "referred",
        "ended",
        "first_figure_start",
        "first_night_start",
    ),
    Index(
        "ix_case_report_facts_stays",
        "trajectory_id",
        "network_id",
        "referred",
        "kind",
        "care_table",
        "ended",
        "first_figure_start",
        "first_night_start",
        "last_night_start",
    ),
    info={"derived": "the network report's facts per case revision; see ecogram.report_facts"},
)
facts = case_report_facts.c


def refresh_facts(session: Session) -> None:
    """Recompute every stale row: a case with no row, or whose revision is not the row's.

    Two statements: one pass over the cases' revisions lists the stale ones, then one
    statement computes and writes their rows. Listed first, so that the databases plan the
    second for the cases it gets (a handful after a few writes, every case at the first
    report), not for a guess. The rows are written in case order, so two refreshes at once
    on PostgreSQL lock them in the same order: the second waits for the first and then
    writes the same facts over them, where another order could deadlock.
    """
    stale = session.scalars(
        select(Case.id)
        .outerjoin(case_report_facts, facts.case_id == Case.id)
        .where(facts.revision.is_distinct_from(Case.revision))
        .order_by(Case.id)
    ).all()
    if not stale:
        return
    roles = _roles(_listed(session, Person.case_id, stale))
    source = (
        select(
            Case.id,
            Case.revision,
            Trajectory.id,
            Trajectory.network_id,
            Trajectory.region_id,
            Trajectory.kind,
            Trajectory.referred,
            referral_month(session, Trajectory.referred),
            flag(Trajectory.extended.is_(True)),
            Trajectory.ended,
            Trajectory.outcome,
            _any(select(func.count()).where(CareTable.trajectory_id == Trajectory.id)),
            _any(select(func.count()).where(BudgetItem.trajectory_id == Trajectory.id)),
            # Whole cents, which both databases add exactly and fast.
            select(func.coalesce(func.round(func.sum(BudgetItem.amount) * 100), 0))
            .where(BudgetItem.trajectory_id == Trajectory.id)
            .scalar_subquery(),
            # Found: the suitable candidates, and the holders of a role of any other status.
            _suitable(Case.id) + func.coalesce(roles.c.holders, 0),
            _any(_non_parent_anchors(Case.id)),
            *(func.coalesce(roles.c[name], 0) for name in ROLE_COLUMNS.values()),
            roles.c.first_figure_start,
            roles.c.first_night_start,
            roles.c.last_night_start,
        )
        .select_from(Case)
        # The trajectories by the same list: PostgreSQL would otherwise hash all of them.
        .outerjoin(
            Trajectory,
            and_(Trajectory.case_id == Case.id, _listed(session, Trajectory.case_id, stale)),
        )
        .outerjoin(roles, roles.c.case_id == Case.id)
        # Also the WHERE clause that keeps SQLite from reading the upsert's ON as a join's.
        .where(_listed(session, Case.id, stale))
        .order_by(Case.id)
    )
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(case_report_facts).from_select(list(facts), source)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[facts.case_id],
            set_={column.name: statement.excluded[column.name] for column in facts},
        )
    )


def _listed(
    session: Session, column: SQLColumnExpression[int], ids: Sequence[int]
) -> ColumnElement[bool]:
    """`column` is one of `ids`, given as one parameter whatever their number (every case's
    id, at the first report, would pass the databases' limits on parameters)."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=postgresql.ARRAY(Integer)))
    listed = func.json_each(bindparam(None, json.dumps(list(ids)))).table_valued("value")
    return column.in_(select(listed.c.value))


def _roles(listed: ColumnElement[bool]) -> Any:
    """Per case that `listed` names: each role's count, the holders who are not suitable
    candidates, the first start of a role held by someone other than a parent, and the
    first and last start of such a night role. One visit of the listed cases' persons and
    their roles."""
    others = Person.kind != PersonKind.PARENT
    night = and_(others, RoleAssignment.role.in_(NIGHT_ROLES))
    return (
        select(
            Person.case_id,
            *(
                func.count().filter(RoleAssignment.role == role).label(name)
                for role, name in ROLE_COLUMNS.items()
            ),
            func.count(func.distinct(Person.id))
            .filter(Person.candidate != CandidateStatus.SUITABLE)
            .label("holders"),
            func.min(RoleAssignment.start).filter(others).label("first_figure_start"),
            func.min(RoleAssignment.start).filter(night).label("first_night_start"),
            func.max(RoleAssignment.start).filter(night).label("last_night_start"),
        )
        .select_from(RoleAssignment)
        .join(Person, RoleAssignment.person_id == Person.id)
        .where(listed)
        .group_by(Person.case_id)
        .subquery("roles")
    )


def referral_month(session: Session, referred: SQLColumnExpression[Any]) -> ColumnElement[str]:
    """'YYYY-MM' of the referral."""
    if session.get_bind().dialect.name == "sqlite":
        return func.substr(referred, 1, 7)  # SQLite stores dates as ISO text
    return func.to_char(referred, "YYYY-MM")


def _suitable(case_id: Any) -> ColumnElement[int]:
    return (
        select(func.count())
        .where(Person.case_id == case_id, Person.candidate == CandidateStatus.SUITABLE)
        .scalar_subquery()
    )


def _non_parent_anchors(case_id: Any) -> Select[Any]:
    # By the anchor period's case, so that its index finds them; the person's case too.
    return select(func.count()).where(
        AnchorPeriod.case_id == case_id,
        Person.id == AnchorPeriod.person_id,
        Person.case_id == case_id,
        Person.kind != PersonKind.PARENT,
    )


def _any(count: Select[Any]) -> ColumnElement[int]:
    """1 when `count` counts a row, else 0. A count rather than EXISTS: PostgreSQL may
    answer an EXISTS for a thousand cases by hashing the whole table it asks."""
    return flag(count.scalar_subquery() > 0)
