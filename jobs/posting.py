"""Where the jobs' messages go: the `Poster` protocol, its recipients, and the terminal poster.

Jobs never import Slack: `app.py` hands them a poster. With Slack configured that is `bot.slack.posting.SlackPoster`
(Block Kit through the Slack room's one renderer); without it, `TerminalPoster` prints the same Replies
(`salesos jobs run ...` with no keys).
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TextIO

from bot.copilot.reply import Reply, to_text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recipient:
    """Whom a DM is for: a CRM owner, reached by Slack user id when known, else by email (users.lookupByEmail)."""

    name: str
    email: str | None = None
    slack_user_id: str | None = None


class Unreachable(Exception):
    """The recipient has no Slack account we can find: hold the message back, do not fail the job."""


class Poster(Protocol):
    """Where the jobs' messages go."""

    def post(self, channel: str, reply: Reply) -> tuple[str, str]:
        """Post to a channel; return (channel id, message ts)."""
        ...

    def dm(self, recipient: Recipient, reply: Reply) -> tuple[str, str]:
        """Send a direct message; return (channel id, message ts). Raises Unreachable when there is no one to DM."""
        ...

    def upload(self, channel_id: str, path: Path, *, title: str, thread_ts: str | None = None) -> str:
        """Upload a file into a channel (and thread); return the file id."""
        ...


class TerminalPoster:
    """Prints what would be posted: `salesos jobs run` with no Slack credentials."""

    def __init__(self, out: TextIO | None = None) -> None:
        """Print to `out` (default stdout)."""
        self.out = out or sys.stdout
        self._n = 0

    def _emit(self, where: str, reply: Reply) -> tuple[str, str]:
        self._n += 1
        print(f"--- to {where} ---\n{to_text(reply)}", file=self.out)
        return where, f"local.{self._n}"

    def post(self, channel: str, reply: Reply) -> tuple[str, str]:
        """Print a channel post."""
        return self._emit(channel, reply)

    def dm(self, recipient: Recipient, reply: Reply) -> tuple[str, str]:
        """Print a DM."""
        return self._emit(f"DM {recipient.name} <{recipient.email or recipient.slack_user_id or '?'}>", reply)

    def upload(self, channel_id: str, path: Path, *, title: str, thread_ts: str | None = None) -> str:
        """Say where the file is."""
        print(f"--- file for {channel_id}: {title}: {path} ---", file=self.out)
        return str(path)


def recipients_by_owner(session: Any, owner_ids: list[int] | None = None) -> dict[int, Recipient]:
    """Each owner as a Recipient: Slack id from the owner row, else from the Slack identity cache, else email only."""
    from sqlmodel import col, select

    from store.models import Owner, SlackUser

    stmt = select(col(Owner.id), col(Owner.name), col(Owner.email), col(Owner.slack_user_id))
    if owner_ids is not None:
        stmt = stmt.where(col(Owner.id).in_(owner_ids))
    cached = dict(
        session.execute(
            select(col(SlackUser.owner_id), col(SlackUser.slack_user_id)).where(col(SlackUser.owner_id).is_not(None))
        ).all()
    )
    return {
        owner_id: Recipient(name=name, email=email, slack_user_id=slack_id or cached.get(owner_id))
        for owner_id, name, email, slack_id in session.execute(stmt).all()
    }
