"""Handovers per client per day: when each client (a hashed address, or a Telegram chat) sent a
handover, so one address cannot flood Thurrock First (HANDOVERS_PER_ADDRESS_PER_DAY).

Revision ID: 0004
Revises: 0003
Created: 2026-12-03 20:22:35.520904
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "client_handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("client_handovers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_client_handovers_client_key"), ["client_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_client_handovers_created_at"), ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("client_handovers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_client_handovers_created_at"))
        batch_op.drop_index(batch_op.f("ix_client_handovers_client_key"))

    op.drop_table("client_handovers")
