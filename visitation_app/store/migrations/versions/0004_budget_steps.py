"""budget steps: tariff and extent on decisions, budget frames, delivered hours; which
gaps an override covers and when a delay was told to the citizen

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 17:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import visitation_app.store.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tariff_key", sa.String(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column("extent_quantity", visitation_app.store.types.DecimalText(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("extent_frequency", sa.String(), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("previous_quantity", visitation_app.store.types.DecimalText(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("provider_unit", sa.String(), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("cost_override_ore", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("override_keys", sa.String(), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("delay_notified_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("cost_override_reason", sa.String(), server_default="", nullable=False)
        )
    op.create_table(
        "budget_frame",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount_ore", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("area", "year", name="uq_budget_frame_area_year"),
    )
    op.create_table(
        "delivered_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("hours", visitation_app.store.types.DecimalText(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("imported_at", visitation_app.store.types.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("unit", "month", name="uq_delivered_hours_unit_month"),
    )


def downgrade() -> None:
    op.drop_table("delivered_hours")
    op.drop_table("budget_frame")
    with op.batch_alter_table("decision", schema=None) as batch_op:
        for column in (
            "delay_notified_on",
            "override_keys",
            "cost_override_reason",
            "cost_override_ore",
            "provider_unit",
            "previous_quantity",
            "extent_frequency",
            "extent_quantity",
            "tariff_key",
        ):
            batch_op.drop_column(column)
