"""Slack listeners for calls: a transcript shared with the bot in a DM, and the "Draft follow-ups" button.

`register(app, deps)` is a registrar for `create_app(..., registrars=[calls_listeners.register])`.

- `file_shared` in a DM (durable work, `bot/slack/work.py`: stored before the ack, resumed after a crash):
  `files.info` → download `url_private_download` with the bot token (only from Slack's own
  host or the configured API host, so the token never leaves for a stranger's URL) → store the call → post the
  scorecard with a "Draft follow-ups" button. A malformed file gets the parser's line-numbered reason.
- `calls_draft_followups` button: file the call's tasks, email and note as drafts (`tools.calls.followups`) and post
  each one with Approve / Edit / Discard (`bot.approvals.post_draft`); approval, the exactly-once write-back and the
  ✅ reaction are handled by the Slack app's own draft listeners.
"""

from __future__ import annotations

import logging
import urllib.request
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from bot.copilot.calls_reply import analysis_reply
from bot.slack.blocks import Posted, post_reply, text_reply
from store.calls import store_shared_call as store_call
from tools.calls.analyze import CallAnalysis, analyze_stored_call, analyze_text
from tools.calls.parsers import TranscriptError

if TYPE_CHECKING:
    from slack_bolt import App

    from bot.copilot.reply import Reply
    from bot.slack.deps import BotDeps
    from bot.slack.work import WorkRef

log = logging.getLogger(__name__)

DRAFT_FOLLOWUPS_ACTION = "calls_draft_followups"
FILE_SHARED_WORK = "file_shared"
"""The durable work kind of a transcript shared in a DM."""
MAX_TRANSCRIPT_BYTES = 2_000_000
TRANSCRIPT_TYPES = ("vtt", "srt", "json", "text", "txt", "plain")
SLACK_FILE_HOSTS = ("files.slack.com", "slack-files.com")


def file_shared_key(channel: str, file_id: str) -> str:
    """The durable-work key of a file shared in a DM: the DM and the file, not the delivery's event id.

    Slack's retries carry the same event id, but the same file can also arrive as several `file_shared` deliveries
    with different ids (shared again, at once, or from two clients): one piece of work, so one scorecard in the DM.
    """
    return f"file_shared:{channel}:{file_id}"


def _allowed_host(url: str, api_url: str) -> bool:
    host = urlparse(url).hostname or ""
    return host in SLACK_FILE_HOSTS or host == (urlparse(api_url).hostname or "")


def download_file(client: Any, url: str, *, api_url: str, limit: int = MAX_TRANSCRIPT_BYTES) -> bytes:
    """Fetch a Slack-hosted private file with the bot token (refuses other hosts and files over `limit`)."""
    if not _allowed_host(url, api_url):
        raise PermissionError(f"refusing to send the bot token to {urlparse(url).hostname}")
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - host checked above
        data = response.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"the file is larger than {limit // 1_000_000} MB")
    return data


def store_shared_call(deps: BotDeps, analysis: CallAnalysis, text: str, *, started_at: datetime) -> int:
    """Keep a transcript shared in Slack as a `Call` row, so its scorecard and follow-ups can be found again.

    The same owner's same transcript is one call, however often and however concurrently it is shared: the store's
    unique share key decides (`store.calls`), so its scorecard and follow-up drafts stay the same.
    """
    ctx = analysis.context
    return store_call(
        deps.engine,
        transcript=text,
        transcript_format=analysis.transcript.format,
        owner_id=ctx.owner_id,
        deal_id=ctx.deal_id,
        company_id=ctx.company_id,
        started_at=started_at,
        duration_seconds=int(analysis.metrics.duration_seconds),
    )


def post_once(client: Any, channel: str, kind: str, reply: Reply, work: WorkRef | None) -> Posted | None:
    """Post one of the work's messages once across attempts (`WorkRef.post_once`); plainly when not durable work."""
    if work is None:
        return post_reply(client, channel, reply)
    return work.post_once(client, channel, kind, reply)


def handle_shared_transcript(
    deps: BotDeps, client: Any, *, file_id: str, channel: str, user: str, work: WorkRef | None = None
) -> None:
    """Analyze a transcript file shared in a DM and answer in that DM.

    With `work` (the durable row it runs for), every message it posts (a warning or the scorecard) is posted once
    however many attempts run (`WorkRef.post_once`), and the call is stored once (`store.calls`): a run resumed after
    a crash redoes the reading and the scoring but repeats nothing the user saw.
    """
    if work is not None and work.resumed and work.find_placeholder(client) is not None:
        # a row begun before message records existed (an upgrade mid-run): its scorecard was posted
        log.info("work %s: the scorecard for %s was posted before the crash; nothing to redo", work.id, file_id)
        return
    info = client.files_info(file=file_id)["file"]
    name = str(info.get("name") or "transcript")
    if str(info.get("filetype", "")).lower() not in TRANSCRIPT_TYPES and not name.lower().endswith(
        (".vtt", ".srt", ".json", ".txt")
    ):
        reply = text_reply(f"I can score call transcripts (WebVTT, SRT, JSON or text); *{name}* doesn't look like one.")
        post_once(client, channel, "not_a_transcript", reply, work)
        return
    url = str(info.get("url_private_download") or info.get("url_private") or "")
    try:
        text = download_file(client, url, api_url=deps.settings.slack_api_url).decode("utf-8-sig")
    except (OSError, ValueError, PermissionError) as exc:
        log.warning("could not download %s: %s", file_id, exc)
        post_once(client, channel, "unreadable", text_reply(f":warning: I couldn't read *{name}*: {exc}"), work)
        return
    now = deps.now()
    try:
        analysis = analyze_text(text, filename=name, engine=deps.engine, settings=deps.settings, started_at=now)
    except TranscriptError as exc:
        reply = text_reply(f":warning: *{name}* is not a transcript I can read: {exc}")
        post_once(client, channel, "not_parsed", reply, work)
        return
    if analysis.context.owner_id is None:
        # No deal matched: the AE who shared the transcript owns its follow-ups.
        from bot.slack.identity import resolve_identity

        identity = resolve_identity(deps.engine, client, user, settings=deps.settings, now=now)
        analysis.context = replace(analysis.context, owner_id=identity.owner_id)
    analysis.call_id = store_shared_call(deps, analysis, text, started_at=now)  # the same file twice: one call
    post_once(client, channel, "scorecard", analysis_reply(analysis, with_actions=True), work)


def ephemeral_once(client: Any, channel: str, user: str, kind: str, text: str, work: WorkRef | None) -> None:
    """Post an ephemeral notice once across attempts (`WorkRef.ephemeral_once`); plainly when not durable work."""
    if work is None:
        client.chat_postEphemeral(channel=channel, user=user, text=text)
    else:
        work.ephemeral_once(client, channel, user, kind, text)


def post_followup_drafts(
    deps: BotDeps,
    client: Any,
    *,
    call_id: int,
    channel: str | None,
    slack_user: str | None = None,
    work: WorkRef | None = None,
) -> list[int]:
    """File the call's follow-up drafts and post each one for approval, to the call's owner.

    With `slack_user` (a click), only the call's owner or a manager may ask; the drafts go to the owner's DM (the
    clicker's channel only when the clicker is the owner), so a manager's click never keeps them from the owner.
    """
    from bot.slack.approvals import post_draft
    from bot.slack.identity import resolve_identity
    from tools.calls.followups import create_followup_drafts
    from tools.drafts import get_draft

    analysis = analyze_stored_call(deps.engine, call_id, settings=deps.settings, now=deps.now(), predict=False)
    owner_id = analysis.context.owner_id
    if slack_user is not None:
        who = resolve_identity(deps.engine, client, slack_user, settings=deps.settings, now=deps.now())
        is_owner = owner_id is not None and who.owner_id == owner_id
        if not (is_owner or who.is_manager):
            if channel:
                refusal = "Only the call's owner or a manager can draft its follow-ups. Nothing was drafted."
                ephemeral_once(client, channel, slack_user, "not_allowed", refusal, work)
            return []
        channel = channel if is_owner else None
    draft_ids = create_followup_drafts(deps.engine, analysis, settings=deps.settings)
    for draft_id in draft_ids:
        draft = get_draft(deps.engine, draft_id)
        if draft is not None and draft.slack_ts is None and draft.status == "pending":
            post_draft(deps, client, draft_id, channel=channel)  # already posted drafts are not posted again
    return draft_ids


def register(app: App, deps: BotDeps) -> None:
    """Add the calls listeners to the Sales OS Bolt app."""
    from bot.slack.actions import action_key

    def shared_file(event: dict[str, Any]) -> tuple[str, str] | None:
        """(channel, file id) of a file shared with the bot in a DM; None for anything else."""
        channel = str(event.get("channel_id") or "")
        if not channel.startswith("D"):
            return None  # transcripts are scored when shared with the bot directly, not in every channel
        file_id = event.get("file_id") or (event.get("file") or {}).get("id")
        return (channel, str(file_id)) if file_id else None

    def on_file_shared(event: dict[str, Any], client: Any, work: WorkRef | None = None) -> None:
        shared = shared_file(event)
        if shared is None:
            return
        channel, file_id = shared
        try:
            handle_shared_transcript(
                deps, client, file_id=file_id, channel=channel, user=str(event.get("user_id")), work=work
            )
        except Exception:
            log.exception("scoring shared file %s failed", file_id)
            reply = text_reply(":warning: Sorry, scoring that transcript failed; the error is logged.")
            post_once(client, channel, "failed", reply, work)

    def on_draft_followups(body: dict[str, Any], client: Any, work: WorkRef | None = None) -> None:
        action = (body.get("actions") or [{}])[0]
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        try:
            call_id = int(action.get("value", ""))
        except ValueError:
            return
        try:
            post_followup_drafts(
                deps, client, call_id=call_id, channel=channel, slack_user=body["user"]["id"], work=work
            )
        except Exception:
            log.exception("drafting follow-ups for call %s failed", call_id)
            if channel:
                failed = ":warning: Sorry, drafting the follow-ups failed; the error is logged."
                ephemeral_once(client, channel, body["user"]["id"], "failed", failed, work)

    def on_file_shared_ack(ack: Any, body: dict[str, Any], event: dict[str, Any], client: Any) -> None:
        shared = shared_file(event)
        if shared is not None:  # stored before the ack: a crash after it cannot lose the transcript
            deps.submit(FILE_SHARED_WORK, file_shared_key(*shared), event, client)
        ack()

    deps.work_handlers[FILE_SHARED_WORK] = on_file_shared
    app.event("file_shared")(on_file_shared_ack)

    def on_draft_followups_click(ack: Any, body: dict[str, Any], client: Any) -> None:
        deps.submit(DRAFT_FOLLOWUPS_ACTION, action_key(body), body, client)  # stored before the ack
        ack()

    deps.work_handlers[DRAFT_FOLLOWUPS_ACTION] = on_draft_followups
    app.action(DRAFT_FOLLOWUPS_ACTION)(on_draft_followups_click)
