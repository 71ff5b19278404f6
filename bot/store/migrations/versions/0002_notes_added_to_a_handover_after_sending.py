"""Notes a resident adds to a handover after it was sent, and their follow-up deliveries.

Revision ID: 0002
Revises: 0001
Created: 2026-12-03 20:07:27.092466
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handover_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handover_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["handover_id"], ["handovers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("handover_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handover_notes_handover_id"), ["handover_id"], unique=False)

    op.create_table(
        "handover_note_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["note_id"], ["handover_notes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("handover_note_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_handover_note_deliveries_next_attempt_at"), ["next_attempt_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_handover_note_deliveries_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("handover_note_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handover_note_deliveries_status"))
        batch_op.drop_index(batch_op.f("ix_handover_note_deliveries_next_attempt_at"))

    op.drop_table("handover_note_deliveries")
    with op.batch_alter_table("handover_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handover_notes_handover_id"))

    op.drop_table("handover_notes")
