"""Who is this Slack user in the CRM? Slack user ↔ CRM owner by email, cached in the store (`SlackUser`).

A Slack user maps to the owner whose email matches the Slack profile email (users.info needs `users:read.email`).
Managers are the emails in MANAGER_EMAILS, the members of the MANAGER_USER_GROUP user group, or owners whose CRM
role is `manager`. Answers are cached for `CACHE_TTL`, so a busy channel costs one users.info per user per day.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from store.models import Owner, utcnow
from store.slack_users import (
    cached_slack_user,
    link_owner_to_slack,
    owner_by_email,
    owner_slack_link,
    remember_slack_user,
)

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)
CACHE_TTL = timedelta(hours=24)


@dataclass(frozen=True)
class SlackIdentity:
    """A Slack user as Sales OS knows them."""

    slack_user_id: str
    email: str | None
    owner_id: int | None
    is_manager: bool
    owner_name: str | None = None


def unknown_owner_hint(identity: SlackIdentity) -> str | None:
    """What a Slack user who is no CRM owner must fix before "my deals" can mean theirs (None when they are one)."""
    if identity.owner_id is not None:
        return None
    if identity.email is None:
        return (
            "I couldn't read your Slack email, so I can't tell which deals are yours. Ask your Slack admin to "
            "reinstall Sales OS with the `users:read.email` scope. Meanwhile, name the owner: `deals for Dana`."
        )
    return (
        f"Your Slack email {identity.email} matches no owner in the CRM, so I can't tell which deals are yours. "
        "Ask your admin to give your HubSpot user that email (or change your Slack email to your HubSpot one); "
        "Sales OS picks it up within a day. Meanwhile, name the owner: `deals for Dana`."
    )


def _slack_error(exc: Exception) -> str:
    response = getattr(exc, "response", None)
    try:
        return str(response["error"]) if response is not None else str(exc)
    except (KeyError, TypeError):
        return str(exc)


def _fetch_email(client: Any, slack_user_id: str) -> str | None:
    try:
        user = client.users_info(user=slack_user_id)["user"]
    except Exception as exc:  # SlackApiError (user_not_found, missing_scope) or a network error
        log.warning("users.info %s failed: %s", slack_user_id, _slack_error(exc))
        return None
    email = (user.get("profile") or {}).get("email")
    return str(email).strip().lower() if email else None


def _group_members(client: Any, usergroup: str) -> set[str]:
    try:
        return set(client.usergroups_users_list(usergroup=usergroup)["users"])
    except Exception as exc:
        log.warning("usergroups.users.list %s failed: %s", usergroup, _slack_error(exc))
        return set()


def _is_manager(settings: Settings, client: Any, slack_user_id: str, email: str | None, owner: Owner | None) -> bool:
    manager_emails = {e.strip().lower() for e in getattr(settings, "manager_emails", []) or []}
    if email and email in manager_emails:
        return True
    if owner is not None and owner.role == "manager":
        return True
    group = getattr(settings, "manager_user_group", None)
    if not group:
        return False
    return slack_user_id in _group_members(client, group)


def resolve_identity(
    engine: Engine,
    client: Any,
    slack_user_id: str,
    *,
    settings: Settings,
    now: datetime | None = None,
    refresh: bool = False,
) -> SlackIdentity:
    """Map a Slack user to a CRM owner and manager flag, from the cache when fresh, else from Slack."""
    now = now or utcnow()
    cached = cached_slack_user(engine, slack_user_id)
    if cached is not None and not refresh and now - cached.fetched_at < CACHE_TTL:
        return SlackIdentity(slack_user_id, cached.email, cached.owner_id, cached.is_manager, cached.owner_name)
    email = _fetch_email(client, slack_user_id)
    owner = owner_by_email(engine, email)
    is_manager = _is_manager(settings, client, slack_user_id, email, owner)
    owner_id = owner.id if owner else None
    remember_slack_user(engine, slack_user_id, email=email, owner_id=owner_id, is_manager=is_manager, now=now)
    return SlackIdentity(slack_user_id, email, owner_id, is_manager, owner.name if owner else None)


def dm_channel_for_owner(engine: Engine, client: Any, owner_id: int) -> str | None:
    """The id of the bot's DM with a CRM owner (conversations.open), or None when the owner has no Slack user."""
    user = slack_user_for_owner(engine, client, owner_id)
    if user is None:
        return None
    try:
        return str(client.conversations_open(users=user)["channel"]["id"])
    except Exception as exc:
        log.warning("conversations.open with %s failed: %s", user, _slack_error(exc))
        return None


def slack_user_for_owner(engine: Engine, client: Any, owner_id: int) -> str | None:
    """The Slack user id of a CRM owner: the stored link, else users.lookupByEmail (then stored)."""
    link = owner_slack_link(engine, owner_id)
    if link is None:
        return None
    linked, email = link
    if linked:
        return linked
    try:
        user_id = str(client.users_lookupByEmail(email=email)["user"]["id"])
    except Exception as exc:
        log.warning("users.lookupByEmail for owner %s failed: %s", owner_id, _slack_error(exc))
        return None
    link_owner_to_slack(engine, owner_id, user_id)
    return user_id
