"""A revision for every case, changed by the database on every write to the case's tree.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

The ecogram's read model is cached per (case, revision). Triggers set a fresh random
revision whenever a row of the case, or of anything hanging from it, is inserted,
updated or deleted: whichever process writes, through the ORM or plain SQL, the next
reader sees another revision. Random rather than counted, so that a restored backup
or a case re-created under the same id never brings back a revision that once meant
other content. A later migration that rebuilds one of these tables (SQLite's batch
mode copies and drops it) must create its trigger again; tests/test_revision.py
fails otherwise.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None

# How each table reaches its case, written for a trigger's NEW or OLD row ({row}): every
# table with a foreign key that leads to the case, the team and the findings' reasons too,
# so no write to what the case holds can leave a cached view in place. (The audit trail
# has no such key: reading a case must not change its revision.)
_TRAJECTORY = "(SELECT case_id FROM trajectory WHERE id = {row}.trajectory_id)"
_PERSON = "(SELECT case_id FROM person WHERE id = {row}.person_id)"
CASE_OF = {
    "person": "{row}.case_id",
    "tie": "{row}.case_id",
    "anchor_period": "{row}.case_id",
    "trajectory": "{row}.case_id",
    "ecogram_session": "{row}.case_id",
    "session_change": "{row}.case_id",
    "finding_reason": "{row}.case_id",
    "case_assignment": "{row}.case_id",
    "role_assignment": _PERSON,
    "assessment": _PERSON,
    "assessment_entry": (
        "(SELECT p.case_id FROM assessment a JOIN person p ON p.id = a.person_id"
        " WHERE a.id = {row}.assessment_id)"
    ),
    "care_table": _TRAJECTORY,
    "evaluation": _TRAJECTORY,
    "budget_item": _TRAJECTORY,
    "stay": _TRAJECTORY,
    "care_plan_action": _TRAJECTORY,
}
# 53 random bits: all a double from random() holds.
PG_RANDOM = "floor(random() * 9007199254740991)::bigint"


def _dialect() -> str:
    return str(op.get_context().dialect.name)


def upgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("revision", sa.BigInteger(), server_default=sa.text("0"), nullable=False)
        )
    if _dialect() == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def _sqlite_triggers() -> None:
    touch = 'UPDATE "case" SET revision = random() WHERE id IN ({ids})'
    op.execute(
        'CREATE TRIGGER revision_case_insert AFTER INSERT ON "case" BEGIN '
        + touch.format(ids="NEW.id")
        + "; END"
    )
    # Only when the write left the revision alone: the trigger's own update ends here.
    op.execute(
        'CREATE TRIGGER revision_case_update AFTER UPDATE ON "case" '
        "WHEN NEW.revision IS OLD.revision BEGIN " + touch.format(ids="NEW.id") + "; END"
    )
    for table, case_of in CASE_OF.items():
        new, old = case_of.format(row="NEW"), case_of.format(row="OLD")
        for event, ids in (("INSERT", new), ("UPDATE", f"{old}, {new}"), ("DELETE", old)):
            op.execute(
                f"CREATE TRIGGER revision_{table}_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN {touch.format(ids=ids)}; END"
            )


def _postgresql_triggers() -> None:
    op.execute(
        "CREATE FUNCTION revision_case() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP = 'INSERT' OR NEW.revision IS NOT DISTINCT FROM OLD.revision THEN "
        f"NEW.revision := {PG_RANDOM}; END IF; RETURN NEW; END $$"
    )
    op.execute(
        'CREATE TRIGGER revision_case BEFORE INSERT OR UPDATE ON "case" '
        "FOR EACH ROW EXECUTE FUNCTION revision_case()"
    )
    # Built from this module's constants only; no value from outside reaches the SQL.
    touch = f'UPDATE "case" SET revision = {PG_RANDOM} WHERE id IN ({{ids}});'  # noqa: S608  # nosec B608
    for table, case_of in CASE_OF.items():
        new, old = case_of.format(row="NEW"), case_of.format(row="OLD")
        op.execute(
            f"CREATE FUNCTION revision_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP = 'INSERT' THEN {touch.format(ids=new)} "
            f"ELSIF TG_OP = 'UPDATE' THEN {touch.format(ids=f'{old}, {new}')} "
            f"ELSE {touch.format(ids=old)} END IF; RETURN NULL; END $$"
        )
        op.execute(
            f"CREATE TRIGGER revision_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION revision_{table}()"
        )


def downgrade() -> None:
    if _dialect() == "postgresql":
        op.execute('DROP TRIGGER revision_case ON "case"')
        op.execute("DROP FUNCTION revision_case()")
        for table in CASE_OF:
            op.execute(f"DROP TRIGGER revision_{table} ON {table}")
            op.execute(f"DROP FUNCTION revision_{table}()")
    else:
        for name in ("revision_case_insert", "revision_case_update"):
            op.execute(f"DROP TRIGGER {name}")
        for table in CASE_OF:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER revision_{table}_{event}")
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_column("revision")
