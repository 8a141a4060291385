"""Accounts made in the app choose their own password at their first sign-in.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

An admin who creates an account, or gives it a new password, sees that password
once; the flag then sends its user to the password page until they chose one of
their own. Existing accounts keep the password they have.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")
