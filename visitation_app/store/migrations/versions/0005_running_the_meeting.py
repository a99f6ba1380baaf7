"""running the meeting: time per item, arrival and leaving, conflicts of interest, the
citizen's involvement and view, conversation answers, functional assessments

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 17:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import visitation_app.store.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_UTC = visitation_app.store.types.UtcDateTime


def _item_fk() -> sa.ForeignKey:
    return sa.ForeignKey("agenda_item.id", ondelete="CASCADE")


def upgrade() -> None:
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("arrived_at", _UTC(), nullable=True))
        batch_op.add_column(sa.Column("left_at", _UTC(), nullable=True))
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        for name in ("citizen_absence_reason", "citizen_view", "citizen_view_words"):
            batch_op.add_column(sa.Column(name, sa.String(), server_default="", nullable=False))
    op.create_table(
        "item_timing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), _item_fk(), nullable=False),
        sa.Column("started_at", _UTC(), nullable=False),
        sa.Column("ended_at", _UTC(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_item_timing_agenda_item_id", "item_timing", ["agenda_item_id"])
    op.create_table(
        "conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), _item_fk(), nullable=False),
        sa.Column(
            "participant_id",
            sa.Integer(),
            sa.ForeignKey("participant.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("reason", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "agenda_item_id", "participant_id", name="uq_conflict_item_participant"
        ),
    )
    op.create_index("ix_conflict_agenda_item_id", "conflict", ["agenda_item_id"])
    op.create_index("ix_conflict_participant_id", "conflict", ["participant_id"])
    op.create_table(
        "involvement_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), _item_fk(), nullable=False),
        sa.Column("phase", sa.String(), nullable=False),
        sa.Column("prompt", sa.String(), nullable=False),
        sa.Column("answer", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_involvement_note_agenda_item_id", "involvement_note", ["agenda_item_id"])
    op.create_table(
        "assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "case_id", sa.Integer(), sa.ForeignKey("case.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("scheme", sa.String(), nullable=False),
        sa.Column("domain_key", sa.String(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("support_need", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "scheme", "domain_key", name="uq_assessment_case_domain"),
    )
    op.create_index("ix_assessment_case_id", "assessment", ["case_id"])


def downgrade() -> None:
    op.drop_table("assessment")
    op.drop_table("involvement_note")
    op.drop_table("conflict")
    op.drop_table("item_timing")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        for name in ("citizen_view_words", "citizen_view", "citizen_absence_reason"):
            batch_op.drop_column(name)
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_column("left_at")
        batch_op.drop_column("arrived_at")
