"""call-dedupe: a unique share key on calls shared in Slack; messages durable work posted, once per (work, kind)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 10:45:00

Backfill: a call kept from a Slack share has no engagement (synced and demo calls do). Each such call gets the key
of its owner and text (`store.calls.share_key`); where several rows already share one (the race this fixes), only the
oldest gets it, which is the one a new share then finds. The others stay as they are, key NULL: their scorecards and
follow-up drafts point at them, so no row is deleted.
"""

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import store.types


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 500


def _share_key(owner_id: int | None, transcript: str) -> str:
    # a copy of store.calls.share_key at the time of writing: a migration must not change when the code does
    owner = "" if owner_id is None else str(owner_id)
    return hashlib.sha256(f"{owner}\n{transcript}".encode()).hexdigest()


def _backfill_share_keys() -> None:
    call = sa.table(
        'call',
        sa.column('id', sa.Integer()),
        sa.column('owner_id', sa.Integer()),
        sa.column('engagement_id', sa.Integer()),
        sa.column('transcript', sa.Text()),
        sa.column('share_key', sa.String()),
    )
    conn = op.get_bind()
    shared = sa.and_(call.c.engagement_id.is_(None), call.c.transcript.is_not(None))
    seen: set[str] = set()
    after = 0
    while True:  # in id batches: the transcripts of a large store are not all held at once
        rows = conn.execute(
            sa.select(call.c.id, call.c.owner_id, call.c.transcript)
            .where(shared, call.c.id > after)
            .order_by(call.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        for call_id, owner_id, transcript in rows:
            key = _share_key(owner_id, transcript)
            if key not in seen:  # the oldest of the same owner's same transcript keeps the key
                seen.add(key)
                conn.execute(sa.update(call).where(call.c.id == call_id).values(share_key=key))
        after = rows[-1][0]


def upgrade() -> None:
    with op.batch_alter_table('call', schema=None) as batch_op:
        batch_op.add_column(sa.Column('share_key', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    _backfill_share_keys()
    with op.batch_alter_table('call', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_call_share_key'), ['share_key'], unique=True)
    op.create_table('slackworkmessage',
    sa.Column('work_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('ts', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('created_at', store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['work_id'], ['slackwork.id'], ),
    sa.PrimaryKeyConstraint('work_id', 'kind')
    )


def downgrade() -> None:
    op.drop_table('slackworkmessage')
    with op.batch_alter_table('call', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_call_share_key'))
        batch_op.drop_column('share_key')
