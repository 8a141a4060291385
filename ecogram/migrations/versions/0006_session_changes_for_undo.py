"""The changes of each session, one by one, so the last ones can be undone and redone.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

Existing sessions keep their snapshots and start with no recorded changes:
nothing made before this revision can be undone.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "session_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("patch", sa.Text(), nullable=False),
        sa.Column("removed", sa.Text(), nullable=False),
        sa.Column("undone", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case.id"],
            name=op.f("fk_session_change_case_id_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["ecogram_session.id"],
            name=op.f("fk_session_change_session_id_ecogram_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_change")),
        sa.UniqueConstraint(
            "session_id", "number", name=op.f("uq_session_change_session_id_number")
        ),
    )
    with op.batch_alter_table("session_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_change_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_session_change_session_id"), ["session_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("session_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_change_session_id"))
        batch_op.drop_index(batch_op.f("ix_session_change_case_id"))

    op.drop_table("session_change")
