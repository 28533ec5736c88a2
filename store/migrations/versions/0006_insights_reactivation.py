"""insights: reactivation decisions (snooze / dismiss a lost deal offered for reactivation)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 06:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import store.types


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('reactivationdecision',
    sa.Column('deal_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('decided_at', store.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('deal_id')
    )
    with op.batch_alter_table('reactivationdecision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reactivationdecision_owner_id'), ['owner_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('reactivationdecision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reactivationdecision_owner_id'))
    op.drop_table('reactivationdecision')
