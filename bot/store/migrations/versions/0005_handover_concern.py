"""Handovers carry the concern: every risk or safeguarding disclosure, in the person's own words.

Revision ID: 0005
Revises: 0004
Created: 2026-12-03 20:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("handovers") as batch:
        batch.add_column(sa.Column("concern", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("handovers") as batch:
        batch.drop_column("concern")
