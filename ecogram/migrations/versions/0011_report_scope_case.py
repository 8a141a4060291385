"""The report's scope index also holds each trajectory's case.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06

The report's one statement (ecogram/report_query.py) asks whether each trajectory
of its scope has a care figure, by the trajectory's case. Without the case in the
index, SQLite read every trajectory's row besides its index entry, in referral
order: a random page per trajectory, and twice the time of the index alone.
"""

from __future__ import annotations

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None

BEFORE = ["network_id", "referred", "region_id", "kind", "extended", "ended", "outcome"]
AFTER = [*BEFORE, "case_id"]


def upgrade() -> None:
    _scope_index(AFTER)


def downgrade() -> None:
    _scope_index(BEFORE)


def _scope_index(columns: list[str]) -> None:
    with op.batch_alter_table("trajectory", schema=None) as batch_op:
        batch_op.drop_index("ix_trajectory_report_scope")
        batch_op.create_index("ix_trajectory_report_scope", columns, unique=False)
