"""Experience and money on characters.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("characters") as batch:
        batch.add_column(sa.Column("xp", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("money", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("characters") as batch:
        batch.drop_column("money")
        batch.drop_column("xp")
