"""deal intelligence: win scores and the Sales OS deal properties last written to HubSpot

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import store.types

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dealwinscore",
        sa.Column("deal_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("factors", sa.JSON(), nullable=True),
        sa.Column("assessed_at", store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("deal_id"),
    )
    with op.batch_alter_table("dealwinscore", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dealwinscore_owner_id"), ["owner_id"], unique=False)
    op.create_table(
        "dealpropertysync",
        sa.Column("hubspot_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("values", sa.JSON(), nullable=True),
        sa.Column("sent_at", store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("hubspot_id"),
    )


def downgrade() -> None:
    op.drop_table("dealpropertysync")
    with op.batch_alter_table("dealwinscore", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dealwinscore_owner_id"))
    op.drop_table("dealwinscore")
