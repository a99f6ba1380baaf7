"""package identities: a uid on every record a meeting package carries, and the last
package exchanged per meeting (the common ancestor of a three-way merge)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 10:00:00

Existing rows get a random UUID4 each; the column is then made NOT NULL and unique.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

import visitation_app.store.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = (
    "meeting",
    "participant",
    "case",
    "agenda_item",
    "decision",
    "action_item",
    "meeting_event",
    "item_timing",
    "conflict",
    "involvement_note",
    "assessment",
    "approved_minutes",
)


def _backfill(table: str) -> None:
    connection = op.get_bind()
    rows = sa.table(table, sa.column("id", sa.Integer()), sa.column("uid", sa.String()))
    ids = connection.execute(sa.select(rows.c.id)).scalars().all()
    for row_id in ids:
        connection.execute(rows.update().where(rows.c.id == row_id).values(uid=str(uuid.uuid4())))


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("uid", sa.String(), nullable=True))
        _backfill(table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("uid", existing_type=sa.String(), nullable=False)
            batch_op.create_index(f"ix_{table}_uid", ["uid"], unique=True)
    op.create_table(
        "package_base",
        sa.Column(
            "meeting_id",
            sa.Integer(),
            sa.ForeignKey("meeting.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("exchanged_at", visitation_app.store.types.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("meeting_id"),
    )


def downgrade() -> None:
    op.drop_table("package_base")
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_uid")
            batch_op.drop_column("uid")
