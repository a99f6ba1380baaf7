"""legal steps on decisions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 16:20:16.498294
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import visitation_app.store.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("legal_basis_key", sa.String(), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("consultation", sa.String(), server_default="not_recorded", nullable=False)
        )
        batch_op.add_column(sa.Column("consulted_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "consultation_not_needed_reason", sa.String(), server_default="", nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("missing_information", sa.String(), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("missing_by", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("override_reason", sa.String(), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("finalised_at", visitation_app.store.types.UtcDateTime(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_column("finalised_at")
        batch_op.drop_column("override_reason")
        batch_op.drop_column("missing_by")
        batch_op.drop_column("missing_information")
        batch_op.drop_column("consultation_not_needed_reason")
        batch_op.drop_column("consulted_on")
        batch_op.drop_column("consultation")
        batch_op.drop_column("legal_basis_key")
