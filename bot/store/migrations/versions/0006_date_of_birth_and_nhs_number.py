"""The person the help is for: their date of birth and NHS number, as a professional gives them.

Revision ID: 0006
Revises: 0005
Created: 2026-12-06 19:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("date_of_birth", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("nhs_number", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.drop_column("nhs_number")
        batch_op.drop_column("date_of_birth")
