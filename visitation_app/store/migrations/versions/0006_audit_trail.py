"""audit trail: every change to cases, the citizen's involvement, decisions, meetings and
approved minutes, append-only; the record of deletions after the retention period

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 10:00:00

The triggers make the two tables append-only in the database itself, whatever program
writes to the file: an UPDATE is always refused, and a DELETE of audit entries only for
the cases listed in audit_deletion_permit, which the retention service fills and empties
within its own transaction. A later migration that rebuilds audit_entry in batch mode
must create these triggers again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import visitation_app.store.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_UTC = visitation_app.store.types.UtcDateTime

_TRIGGERS = {
    "audit_entry_no_update": """
        CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
        BEGIN
            SELECT RAISE(ABORT, 'the audit trail is append-only: entries cannot be changed');
        END""",
    "audit_entry_no_delete": """
        CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
        WHEN OLD.case_id IS NULL
            OR OLD.case_id NOT IN (SELECT case_id FROM audit_deletion_permit)
        BEGIN
            SELECT RAISE(ABORT, 'the audit trail is append-only: entries are deleted only with a citizen''s data after the retention period');
        END""",
    "deletion_record_no_update": """
        CREATE TRIGGER deletion_record_no_update BEFORE UPDATE ON deletion_record
        BEGIN
            SELECT RAISE(ABORT, 'the record of deletions cannot be changed');
        END""",
    "deletion_record_no_delete": """
        CREATE TRIGGER deletion_record_no_delete BEFORE DELETE ON deletion_record
        BEGIN
            SELECT RAISE(ABORT, 'the record of deletions cannot be deleted');
        END""",
}


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _UTC(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("entity", sa.String(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("context", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("old_value", sa.String(), nullable=True),
        sa.Column("new_value", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_entry_case_id", "audit_entry", ["case_id"])
    op.create_index("ix_audit_entry_meeting_id", "audit_entry", ["meeting_id"])
    op.create_table(
        "audit_deletion_permit",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("case_id"),
    )
    op.create_table(
        "deletion_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _UTC(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("citizens", sa.Integer(), nullable=False),
        sa.Column("counts", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    for statement in _TRIGGERS.values():
        op.execute(statement)


def downgrade() -> None:
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("deletion_record")
    op.drop_table("audit_deletion_permit")
    op.drop_index("ix_audit_entry_meeting_id", table_name="audit_entry")
    op.drop_index("ix_audit_entry_case_id", table_name="audit_entry")
    op.drop_table("audit_entry")
