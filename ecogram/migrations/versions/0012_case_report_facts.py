"""The network report's facts per case, each with the case revision it was computed from.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06

Derived data (ecogram/report_facts.py): the report refreshes the rows whose case has
another revision and counts from the rest. So the table gets no revision trigger, and
it starts empty: the first report computes every case's row.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | None = None
depends_on: str | None = None

# As the vocabularies stood when this table was made; a later migration adds a role's column.
ROLES = (
    "buddy",
    "play_family",
    "respite",
    "part_time_stay",
    "full_time_stay",
    "kinship_foster_care",
)
KINDS = ("care_figure_search", "care_guarantee")
OUTCOMES = (
    "home",
    "care_figure",
    "kinship_foster_care",
    "foster_care",
    "residential_group",
    "hospital",
    "other",
)
FUNNEL = [
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
    *(f"role_{role}" for role in ROLES),
]
STAYS = [
    "trajectory_id",
    "network_id",
    "referred",
    "kind",
    "care_table",
    "ended",
    "first_figure_start",
    "first_night_start",
    "last_night_start",
]
YEAR = [
    "network_id",
    "kind",
    "care_table",
    "outcome",
    "referred",
    "ended",
    "first_figure_start",
    "first_night_start",
]


def _enum(name: str, values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade() -> None:
    op.create_table(
        "case_report_facts",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.Column("trajectory_id", sa.Integer(), nullable=True),
        sa.Column("network_id", sa.Integer(), nullable=True),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("kind", _enum("trajectorykind", KINDS), nullable=True),
        sa.Column("referred", sa.Date(), nullable=True),
        sa.Column("month", sa.String(length=7), nullable=True),
        sa.Column("extended", sa.Integer(), nullable=False),
        sa.Column("ended", sa.Date(), nullable=True),
        sa.Column("outcome", _enum("outcome", OUTCOMES), nullable=True),
        sa.Column("care_table", sa.Integer(), nullable=False),
        sa.Column("budget_item", sa.Integer(), nullable=False),
        sa.Column("budget_cents", sa.BigInteger(), nullable=False),
        sa.Column("care_figures_found", sa.Integer(), nullable=False),
        sa.Column("non_parent_anchor", sa.Integer(), nullable=False),
        *(sa.Column(f"role_{role}", sa.Integer(), nullable=False) for role in ROLES),
        sa.Column("first_figure_start", sa.Date(), nullable=True),
        sa.Column("first_night_start", sa.Date(), nullable=True),
        sa.Column("last_night_start", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case.id"],
            name=op.f("fk_case_report_facts_case_id_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_report_facts")),
    )
    op.create_index("ix_case_report_facts_funnel", "case_report_facts", FUNNEL, unique=False)
    op.create_index("ix_case_report_facts_stays", "case_report_facts", STAYS, unique=False)
    op.create_index("ix_case_report_facts_year", "case_report_facts", YEAR, unique=False)


def downgrade() -> None:
    op.drop_index("ix_case_report_facts_year", table_name="case_report_facts")
    op.drop_index("ix_case_report_facts_stays", table_name="case_report_facts")
    op.drop_index("ix_case_report_facts_funnel", table_name="case_report_facts")
    op.drop_table("case_report_facts")
