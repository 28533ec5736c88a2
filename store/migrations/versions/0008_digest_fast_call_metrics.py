"""digest-fast: stored call metrics (measured once per call and transcript, read by the digest's call coaching)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 10:00:00

Rows are filled lazily on first read (a derived cache keyed to its inputs), so the migration itself moves no data.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import store.types

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'callmetricsrow',
        sa.Column('call_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('input_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('metrics', sa.Text(), nullable=True),
        sa.Column('computed_at', store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('call_id'),
    )


def downgrade() -> None:
    op.drop_table('callmetricsrow')
