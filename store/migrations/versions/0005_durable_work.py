"""durable work: acknowledged Slack work stored before the ack; job claims get a heartbeat (lease)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 06:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import store.types


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('slackwork',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('claimed_by', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('lease_until', store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('placeholder_channel', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('placeholder_ts', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('created_at', store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    with op.batch_alter_table('slackwork', schema=None) as batch_op:
        batch_op.create_index('ix_slackwork_status_lease', ['status', 'lease_until'], unique=False)
    with op.batch_alter_table('jobclaim', schema=None) as batch_op:
        batch_op.add_column(sa.Column('heartbeat_at', store.types.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('jobclaim', schema=None) as batch_op:
        batch_op.drop_column('heartbeat_at')
    with op.batch_alter_table('slackwork', schema=None) as batch_op:
        batch_op.drop_index('ix_slackwork_status_lease')
    op.drop_table('slackwork')
