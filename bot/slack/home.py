"""The App Home tab: my open deals, my silent deals, and the drafts waiting for me (published on app_home_opened)."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from bot.copilot.reply import Actions, Button, Context, Divider, Header, Reply, Section
from bot.slack.approvals import APPROVE_ACTION, DISCARD_ACTION, KIND_LABELS
from bot.slack.blocks import truncate, view_blocks
from bot.slack.identity import SlackIdentity, resolve_identity
from store.db import session_scope
from tools.deals import find_deals, silent_deals, with_win_odds
from tools.drafts import pending_drafts
from tools.formatting import money
from tools.insights.objections import objections_in_window

if TYPE_CHECKING:
    from slack_bolt import App

    from bot.slack.deps import BotDeps

log = logging.getLogger(__name__)
DEALS_SHOWN = 10
DRAFTS_SHOWN = 10


def home_reply(deps: BotDeps, identity: SlackIdentity) -> Reply:
    """What the Home tab shows this user (render-neutral, so it is testable without Slack)."""
    now = deps.now()
    reply = Reply(fallback="Sales OS home")
    reply.add(Header("Sales OS"))
    if identity.owner_id is None:
        reply.add(
            Section(
                "I could not match your Slack email to a CRM owner, so there are no deals to show yet. "
                "Ask your admin to check that your HubSpot user uses the same email as Slack."
            )
        )
        return reply
    drafts = pending_drafts(deps.engine, owner_id=identity.owner_id, limit=DRAFTS_SHOWN)
    reply.add(Header(f"Drafts waiting for you ({len(drafts)})"))
    if not drafts:
        reply.add(Section("_Nothing to approve._"))
    for draft in drafts:
        payload = draft.payload or {}
        label = KIND_LABELS.get(draft.kind, draft.kind)
        summary = str(payload.get("subject") or payload.get("title") or payload.get("body") or "")
        reply.add(
            Section(f"*{label}*: {truncate(summary, 300)}"),
            Actions(
                [
                    Button("Approve", APPROVE_ACTION, str(draft.id), style="primary"),
                    Button("Discard", DISCARD_ACTION, str(draft.id), style="danger"),
                ]
            ),
        )
    with session_scope(deps.engine) as session:
        deals = with_win_odds(
            session, find_deals(session, owner_ids=[identity.owner_id], open_only=True, limit=DEALS_SHOWN)
        )
        silent = silent_deals(
            session, days=deps.settings.silent_business_days, now=now, owner_ids=[identity.owner_id], limit=DEALS_SHOWN
        )
    reply.add(Divider(), Header("Your open deals"))
    lines = [
        f"• *{d.name}* · {d.stage_label} · {money(d.amount, missing='no amount')}"
        + (f" · closes {d.close_date:%b %d}" if d.close_date else "")
        + (f" · win {d.win.probability:.0%}" if d.win else "")
        + (f"\n    _{d.win.factors[0]}_" if d.win and d.win.factors else "")
        for d in deals
    ]
    reply.add(Section("\n".join(lines) if lines else "_No open deals._"))
    reply.add(Divider(), Header(f"Silent {deps.settings.silent_business_days}+ days"))
    lines = [
        f"• *{s.deal.name}* · {s.days_silent} days since the buyer engaged"
        + (f" · our last touch: {s.last_outbound_type}" if s.last_outbound_type else " · no follow-up sent")
        for s in silent
    ]
    reply.add(Section("\n".join(lines) if lines else "_None: every buyer engaged recently._"))
    reply.add(Divider(), Header("Objections on your calls this week"))
    with session_scope(deps.engine) as session:
        week = objections_in_window(session, now - timedelta(days=7), now, owner_ids=[identity.owner_id])
    lines = [
        f"• {c.category.replace('_', ' ')}: {c.raised}× on {c.deals} deals" + (" · new" if c.new else "")
        for c in week.categories
    ]
    reply.add(Section("\n".join(lines) if lines else f"_None on your {week.calls} recorded calls._"))
    reply.add(Context(["Reactivation emails for lost deals arrive monthly in your DMs and wait above as drafts."]))
    local = now.astimezone(deps.settings.tz)
    reply.add(Context([f"As of {local:%a %b %d, %H:%M} ({deps.settings.team_timezone}) · `/salesos help` for more"]))
    return reply


def publish_home(deps: BotDeps, client: Any, user: str) -> None:
    """Render and publish the Home tab of one user."""
    identity = resolve_identity(deps.engine, client, user, settings=deps.settings, now=deps.now())
    reply = home_reply(deps, identity)
    client.views_publish(user_id=user, view={"type": "home", "blocks": view_blocks(reply)})


def register(app: App, deps: BotDeps) -> None:
    """Add the app_home_opened listener."""

    def handle_app_home_opened(event: dict[str, Any], client: Any) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        publish_home(deps, client, event["user"])

    @app.event("app_home_opened")
    def on_app_home_opened(ack: Any, event: dict[str, Any], client: Any) -> None:
        ack()
        deps.defer(handle_app_home_opened, event, client)
