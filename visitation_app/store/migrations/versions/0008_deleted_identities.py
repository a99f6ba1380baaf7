"""deleted identities: the uids of cases deleted after the retention period, so that a
meeting package from another computer cannot bring the citizen's data back

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 21:30:00

A uid is a random UUID4: it says nothing about the citizen by itself.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deleted_uid",
        sa.Column("uid", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("uid"),
    )


def downgrade() -> None:
    op.drop_table("deleted_uid")
