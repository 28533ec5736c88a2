"""The jobs' Slack edge: post a Reply to a channel, DM a user, upload a file (files_upload_v2).

`SlackPoster` wraps a `slack_sdk.WebClient`; `TerminalPoster` prints the same Replies when Slack is not configured
(`salesos jobs run ...` without keys). Reply → Block Kit goes through `bot.blocks.reply_to_blocks` when the Slack app
has landed, else through the minimal converter below, which also keeps Slack's limits (50 blocks, 3,000 characters
per section, 150 per header, 10 context elements, 10 fields).
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TextIO

from bot.copilot.reply import Actions, Context, Divider, Fields, Header, Reply, Section, to_text

log = logging.getLogger(__name__)

MAX_BLOCKS, MAX_SECTION, MAX_HEADER, MAX_CONTEXT, MAX_FIELDS = 50, 3000, 150, 10, 10


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


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def minimal_blocks(reply: Reply) -> list[dict[str, Any]]:
    """Render a Reply as Block Kit within Slack's limits (used until `bot.slack.blocks` is available)."""
    blocks: list[dict[str, Any]] = []
    for part in reply.parts:
        if isinstance(part, Header):
            blocks.append({"type": "header", "text": {"type": "plain_text", "text": _cut(part.text, MAX_HEADER)}})
        elif isinstance(part, Section):
            for i in range(0, max(len(part.text), 1), MAX_SECTION):
                blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": part.text[i : i + MAX_SECTION]}})
        elif isinstance(part, Fields):
            for i in range(0, len(part.pairs), MAX_FIELDS):
                fields = [
                    {"type": "mrkdwn", "text": _cut(f"*{label}*\n{value}", 2000)}
                    for label, value in part.pairs[i : i + MAX_FIELDS]
                ]
                blocks.append({"type": "section", "fields": fields})
        elif isinstance(part, Context):
            elements = [{"type": "mrkdwn", "text": _cut(e, 2000)} for e in part.elements[:MAX_CONTEXT]]
            blocks.append({"type": "context", "elements": elements})
        elif isinstance(part, Divider):
            blocks.append({"type": "divider"})
        elif isinstance(part, Actions):
            buttons = []
            for b in part.buttons[:25]:
                button: dict[str, Any] = {
                    "type": "button",
                    "text": {"type": "plain_text", "text": _cut(b.text, 75)},
                    "action_id": b.action_id,
                    "value": b.value,
                }
                if b.url:
                    button["url"] = b.url
                if b.style:
                    button["style"] = b.style
                buttons.append(button)
            blocks.append({"type": "actions", "elements": buttons})
    if len(blocks) > MAX_BLOCKS:
        blocks = blocks[: MAX_BLOCKS - 1] + [
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "_(truncated: run `salesos digest` for all)_"}]}
        ]
    return blocks


def reply_blocks(reply: Reply) -> list[dict[str, Any]]:
    """Block Kit for a Reply: the Slack app's renderer when present, else `minimal_blocks`."""
    try:
        from bot.slack.blocks import reply_to_blocks  # type: ignore[import-not-found]
    except ImportError:
        return minimal_blocks(reply)
    return reply_to_blocks(reply)


class SlackPoster:
    """Posts through a real `slack_sdk.WebClient` (pointed at Slack, or at a loopback fake in tests)."""

    def __init__(self, client: Any) -> None:
        """Wrap a WebClient."""
        self.client = client
        self._ids_by_email: dict[str, str] = {}

    def post(self, channel: str, reply: Reply) -> tuple[str, str]:
        """Post to a channel by id or #name; return (channel id, ts)."""
        resp = self.client.chat_postMessage(
            channel=channel,
            text=reply.fallback or to_text(reply)[:3000],
            blocks=reply_blocks(reply),
            unfurl_links=False,
        )
        return str(resp["channel"]), str(resp["ts"])

    def slack_id(self, recipient: Recipient) -> str:
        """The recipient's Slack user id: as stored, else looked up by email (cached for this poster)."""
        if recipient.slack_user_id:
            return recipient.slack_user_id
        email = (recipient.email or "").lower()
        if not email:
            raise Unreachable(f"{recipient.name}: no Slack id and no email")
        if email not in self._ids_by_email:
            from slack_sdk.errors import SlackApiError

            try:
                self._ids_by_email[email] = self.client.users_lookupByEmail(email=email)["user"]["id"]
            except SlackApiError as exc:
                if exc.response.get("error") == "users_not_found":
                    raise Unreachable(f"{recipient.name}: no Slack user with email {email}") from exc
                raise
        return self._ids_by_email[email]

    def dm(self, recipient: Recipient, reply: Reply) -> tuple[str, str]:
        """Open (or reuse) the DM with the recipient and post there."""
        channel = self.client.conversations_open(users=self.slack_id(recipient))["channel"]["id"]
        return self.post(channel, reply)

    def upload(self, channel_id: str, path: Path, *, title: str, thread_ts: str | None = None) -> str:
        """Upload with files_upload_v2 (getUploadURLExternal → upload → completeUploadExternal)."""
        kwargs: dict[str, Any] = {"channel": channel_id, "file": str(path), "filename": path.name, "title": title}
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        resp = self.client.files_upload_v2(**kwargs)
        files = resp.get("files") or [resp.get("file") or {}]
        return str(files[0].get("id", ""))


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


def poster_from_settings(settings: Any, slack_client: Any | None = None) -> Poster:
    """A SlackPoster when a bot token (or a client) is given, else a TerminalPoster."""
    if slack_client is not None:
        return SlackPoster(slack_client)
    if settings.slack_bot_token is None:
        return TerminalPoster()
    from slack_sdk import WebClient

    return SlackPoster(WebClient(token=settings.slack_bot_token.get_secret_value(), base_url=settings.slack_api_url))


def recipients_by_owner(session: Any, owner_ids: list[int] | None = None) -> dict[int, Recipient]:
    """Each owner as a Recipient: Slack id from the owner row, else from the Slack identity cache, else email only."""
    from sqlalchemy import select

    from store.models import Owner, SlackUser

    stmt = select(Owner.id, Owner.name, Owner.email, Owner.slack_user_id)
    if owner_ids is not None:
        stmt = stmt.where(Owner.id.in_(owner_ids))
    cached = dict(
        session.execute(
            select(SlackUser.owner_id, SlackUser.slack_user_id).where(SlackUser.owner_id.is_not(None))
        ).all()
    )
    return {
        owner_id: Recipient(name=name, email=email, slack_user_id=slack_id or cached.get(owner_id))
        for owner_id, name, email, slack_id in session.execute(stmt).all()
    }
