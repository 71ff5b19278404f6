"""People records: the caller's organisation and area, and the person the help is for (name,
postcode, area, phone) apart from the caller's; contact wishes can name several ways.

Revision ID: 0003
Revises: 0002
Created: 2026-12-03 20:09:24.433815
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("organisation", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("area", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("cared_for_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("cared_for_postcode", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("cared_for_area", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("cared_for_phone", sa.String(length=40), nullable=True))
        batch_op.alter_column(
            "contact_preference",
            existing_type=sa.VARCHAR(length=60),
            type_=sa.String(length=120),
            existing_nullable=True,
        )


def downgrade() -> None:
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.alter_column(
            "contact_preference",
            existing_type=sa.String(length=120),
            type_=sa.VARCHAR(length=60),
            existing_nullable=True,
        )
        batch_op.drop_column("cared_for_phone")
        batch_op.drop_column("cared_for_area")
        batch_op.drop_column("cared_for_postcode")
        batch_op.drop_column("cared_for_name")
        batch_op.drop_column("area")
        batch_op.drop_column("organisation")
