"""Covering indexes for the network report's one statement.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06

The report's query plans (ecogram/report.py) read the trajectories in scope by
network and referral date, with every column they count, from one index; and
find the suitable candidates by status rather than by reading every person.
"""

from __future__ import annotations

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None

SCOPE_COLUMNS = ["network_id", "referred", "region_id", "kind", "extended", "ended", "outcome"]


def upgrade() -> None:
    with op.batch_alter_table("trajectory", schema=None) as batch_op:
        batch_op.create_index("ix_trajectory_report_scope", SCOPE_COLUMNS, unique=False)
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index("ix_person_candidate_case", ["candidate", "case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index("ix_person_candidate_case")
    with op.batch_alter_table("trajectory", schema=None) as batch_op:
        batch_op.drop_index("ix_trajectory_report_scope")
