"""provenance: lead budgets kept as given (text, currency, range, note) and owners' managers

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 07:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("inboundlead", schema=None) as batch_op:
        batch_op.add_column(sa.Column("budget_given", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("budget_currency", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("budget_low", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("budget_high", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("budget_note", sa.String(), nullable=True))
    with op.batch_alter_table("owner", schema=None) as batch_op:
        batch_op.add_column(sa.Column("manager_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_owner_manager_id"), ["manager_id"], unique=False)
        batch_op.create_foreign_key("fk_owner_manager_id_owner", "owner", ["manager_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("owner", schema=None) as batch_op:
        batch_op.drop_constraint("fk_owner_manager_id_owner", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_owner_manager_id"))
        batch_op.drop_column("manager_id")
    with op.batch_alter_table("inboundlead", schema=None) as batch_op:
        batch_op.drop_column("budget_note")
        batch_op.drop_column("budget_high")
        batch_op.drop_column("budget_low")
        batch_op.drop_column("budget_currency")
        batch_op.drop_column("budget_given")
