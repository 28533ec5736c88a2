"""The jobs' Slack poster: post a Reply to a channel, DM a user, upload a file (files_upload_v2).

Jobs see only the `jobs.posting.Poster` protocol; `app.py` builds this one when a bot token is set.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.copilot.reply import Reply
from bot.slack.blocks import fallback_text, reply_to_blocks
from jobs.hubspot_leads import Notify
from jobs.posting import Poster, Recipient, TerminalPoster, Unreachable

if TYPE_CHECKING:
    from settings import Settings


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
            text=fallback_text(reply),
            blocks=reply_to_blocks(reply),
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


def poster_from_settings(settings: Settings, slack_client: WebClient | None = None) -> Poster:
    """A SlackPoster when a bot token (or a client) is given, else a TerminalPoster."""
    if slack_client is not None:
        return SlackPoster(slack_client)
    if settings.slack_bot_token is None:
        return TerminalPoster()

    return SlackPoster(WebClient(token=settings.slack_bot_token.get_secret_value(), base_url=settings.slack_api_url))


def lead_notifier(engine: Engine, settings: Settings, slack_client: WebClient | None = None) -> Notify | None:
    """The `/intake` route's notifier (Slack post + HubSpot write-back) for leads a sync found; None without Slack."""
    if slack_client is None:
        if settings.slack_bot_token is None:
            return None
        from bot.slack.deps import build_web_client

        slack_client = build_web_client(settings)
    from bot.slack.leads_listeners import make_intake_notifier

    return make_intake_notifier(slack_client, engine, settings)
