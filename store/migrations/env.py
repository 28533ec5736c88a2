"""Alembic environment: runs migrations on the connection `store.db.upgrade_schema` passes in."""

from alembic import context
from sqlmodel import SQLModel

import store.models  # noqa: F401

config = context.config
target_metadata = SQLModel.metadata


def run_migrations() -> None:
    """Run the migrations on the caller's connection (online mode only: the store always has a live engine)."""
    connection = config.attributes["connection"]
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
