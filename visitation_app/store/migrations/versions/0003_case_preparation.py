"""case preparation for the legal steps

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 16:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_type", sa.String(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column("legal_basis_key", sa.String(), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("expected_annual_cost_ore", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("contact", sa.String(), server_default="", nullable=False))
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("citizen_invited_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_column("citizen_invited_on")
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_column("contact")
        batch_op.drop_column("expected_annual_cost_ore")
        batch_op.drop_column("legal_basis_key")
        batch_op.drop_column("case_type")
