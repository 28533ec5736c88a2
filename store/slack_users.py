"""Remember Slack users: the cached link from a Slack user to a CRM owner, and each owner's Slack user id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from store.db import session_scope
from store.models import Owner, SlackUser


@dataclass(frozen=True)
class CachedSlackUser:
    """A remembered Slack user: their email, CRM owner (with name) and manager flag, and when that was looked up."""

    email: str | None
    owner_id: int | None
    owner_name: str | None
    is_manager: bool
    fetched_at: datetime


def cached_slack_user(engine: Engine, slack_user_id: str) -> CachedSlackUser | None:
    """What the store remembers of a Slack user, if anything."""
    with session_scope(engine) as session:
        row = session.get(SlackUser, slack_user_id)
        if row is None:
            return None
        owner = session.get(Owner, row.owner_id) if row.owner_id else None
        return CachedSlackUser(row.email, row.owner_id, owner.name if owner else None, row.is_manager, row.fetched_at)


def owner_by_email(engine: Engine, email: str | None) -> Owner | None:
    """The CRM owner with this email (case-insensitive), if any."""
    if not email:
        return None
    with session_scope(engine) as session:
        return session.exec(select(Owner).where(func.lower(col(Owner.email)) == email.lower())).first()


def remember_slack_user(
    engine: Engine, slack_user_id: str, *, email: str | None, owner_id: int | None, is_manager: bool, now: datetime
) -> None:
    """Upsert the cache row, and link the owner to the Slack user (two racing resolvers: last write wins, same data)."""
    for _attempt in range(2):
        try:
            with session_scope(engine) as session:
                row = session.get(SlackUser, slack_user_id) or SlackUser(slack_user_id=slack_user_id, fetched_at=now)
                row.email, row.owner_id, row.is_manager, row.fetched_at = email, owner_id, is_manager, now
                session.add(row)
                if owner_id is not None:
                    owner = session.get(Owner, owner_id)
                    if owner is not None and owner.slack_user_id != slack_user_id:
                        owner.slack_user_id = slack_user_id
                        session.add(owner)
            return
        except IntegrityError:  # another thread inserted the same user first: retry as an update
            continue


def owner_slack_link(engine: Engine, owner_id: int) -> tuple[str | None, str] | None:
    """(Slack user id if linked, email) of a CRM owner; None when there is no such owner."""
    with session_scope(engine) as session:
        owner = session.get(Owner, owner_id)
        return None if owner is None else (owner.slack_user_id, owner.email)


def link_owner_to_slack(engine: Engine, owner_id: int, slack_user_id: str) -> None:
    """Remember a CRM owner's Slack user id."""
    with session_scope(engine) as session:
        owner = session.get(Owner, owner_id)
        if owner is not None:
            owner.slack_user_id = slack_user_id
            session.add(owner)
