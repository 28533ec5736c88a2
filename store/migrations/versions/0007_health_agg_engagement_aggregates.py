"""health-agg: per-deal engagement aggregates (`deal_engagement_agg`), backfilled; the health cache's basis column

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 10:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import store.types


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('deal_engagement_agg',
    sa.Column('deal_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('events', sa.LargeBinary(), nullable=False),
    sa.Column('valid_from', store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_buyer_at', store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_outbound_at', store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('buyer_contacts', sa.Integer(), nullable=False),
    sa.Column('contacts', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('deal_id')
    )
    with op.batch_alter_table('deal', schema=None) as batch_op:
        batch_op.create_index('ix_deal_won', ['is_won'], unique=False)
        batch_op.create_index(
            'ix_deal_open_scan',
            ['is_closed', 'id', 'owner_id', 'company_id', 'amount', 'close_date', 'created_at', 'stage'],
            unique=False,
        )
    with op.batch_alter_table('dealhealthscore', schema=None) as batch_op:
        batch_op.add_column(sa.Column('basis', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    # The backfill runs the same function every write path uses, so a migrated store equals a freshly built one.
    from store.engagement_agg import refresh_engagement_aggregates

    refresh_engagement_aggregates(op.get_bind(), None)


def downgrade() -> None:
    with op.batch_alter_table('deal', schema=None) as batch_op:
        batch_op.drop_index('ix_deal_open_scan')
        batch_op.drop_index('ix_deal_won')
    with op.batch_alter_table('dealhealthscore', schema=None) as batch_op:
        batch_op.drop_column('basis')
    op.drop_table('deal_engagement_agg')
