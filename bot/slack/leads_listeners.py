"""Scored inbound leads in Slack: the post (score, tier, reasons, flags, buttons) and the buttons' listeners.

- `lead_reply` builds the render-neutral `Reply`; `bot.slack.blocks` turns it into Block Kit within Slack's limits.
- `make_intake_notifier` is what `handle_intake` calls after a new lead is stored: it posts to the owner (when the
  lead has one and they are linked to Slack) or to INBOUND_CHANNEL, then writes the score back to HubSpot when
  configured.
- `register(app)` adds the buttons: Assign to me, Disqualify, Open in HubSpot (a link; its click is only acked).
  Each change is a conditional UPDATE, so a double click or a Slack retry changes the lead once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlmodel import Session

from bot.copilot.reply import Actions, Button, Context, Fields, Header, Reply, Section
from store.models import InboundLead, Owner
from tools.formatting import money
from tools.leads.actions import assign_lead, disqualify_lead, may_act_on_lead
from tools.leads.hubspot import write_score_to_hubspot
from tools.leads.intake import IntakeResult

if TYPE_CHECKING:
    from slack_bolt import App

    from bot.slack.deps import BotDeps
    from settings import Settings

log = logging.getLogger(__name__)

ASSIGN_ACTION = "lead_assign"
DISQUALIFY_ACTION = "lead_disqualify"
OPEN_HUBSPOT_ACTION = "lead_open_hubspot"


def _budget_field(lead: InboundLead) -> str:
    """The budget as given when it was not plain dollars (range, other currency, unreadable), with the USD scored."""
    given = lead.budget_given
    if not given or (lead.budget_currency == "USD" and lead.budget_low == lead.budget_high):
        return money(lead.budget, missing="not given")
    scored = f" (scored as {money(lead.budget)})" if lead.budget is not None else " (not scored)"
    return given + scored  # typed by a visitor: escaped where every reply is, at the Block Kit boundary


def hubspot_contact_url(settings: Settings, hubspot_id: str | None) -> str | None:
    """Link to the lead's HubSpot contact, when both the contact and the portal are known."""
    if not hubspot_id or not settings.hubspot_portal_id:
        return None
    return f"https://app.hubspot.com/contacts/{settings.hubspot_portal_id}/record/0-1/{hubspot_id}"


def lead_reply(
    lead: InboundLead,
    *,
    settings: Settings,
    method_note: str = "",
    status_line: str | None = None,
) -> Reply:
    """The Slack post of a scored lead: who, the score and tier, why, any disqualification flags, and the buttons."""
    tier = lead.tier or "?"
    score = f"{lead.score:.0f}" if lead.score is not None else "?"
    contact = " · ".join(p for p in (lead.contact_name, lead.contact_title, lead.contact_email) if p)
    reply = Reply(fallback=f"New inbound lead: {lead.company_name}, tier {tier} ({score}/100)")
    reply.add(Header(f"Inbound lead: {lead.company_name} · tier {tier} ({score}/100)"))
    if contact:
        reply.add(Section(contact))
    size = " / ".join(
        p for p in (lead.company_size, f"{lead.employee_count:,} employees" if lead.employee_count else "") if p
    )
    reply.add(
        Fields(
            [
                ("Score", f"*{score}*/100"),
                ("Tier", f"*{tier}*"),
                ("Budget", _budget_field(lead)),
                ("Company size", size or "not given"),
                ("Timeline", lead.timeline or "not given"),
                ("Interest", lead.interest_area or "not given"),
            ]
        )
    )
    if lead.score_reasons:
        reply.add(Section("*Why*\n" + "\n".join(f"• {r}" for r in lead.score_reasons)))
    if lead.disqualifiers:
        reply.add(Section(":warning: *Early disqualification*\n" + "\n".join(f"• {d}" for d in lead.disqualifiers)))
    if lead.notes:
        notes = lead.notes if len(lead.notes) <= 600 else lead.notes[:600] + "…"
        reply.add(Section("*Notes*\n> " + notes.replace("\n", "\n> ")))
    small = [f"{lead.domain or 'no domain'}", f"via {lead.source}"]
    if lead.submitted_at:
        small.append(f"submitted {lead.submitted_at.astimezone(settings.tz):%a %d %b %H:%M %Z}")
    if method_note:
        small.append(method_note)
    reply.add(Context(small))
    if status_line:
        reply.add(Section(status_line))
    if lead.status in ("new", "assigned"):
        buttons = [Button("Assign to me", ASSIGN_ACTION, value=str(lead.id), style="primary")]
        buttons.append(Button("Disqualify", DISQUALIFY_ACTION, value=str(lead.id), style="danger"))
        url = hubspot_contact_url(settings, lead.hubspot_id)
        if url:
            buttons.append(Button("Open in HubSpot", OPEN_HUBSPOT_ACTION, value=str(lead.id), url=url))
        reply.add(Actions(buttons))
    return reply


def recipient_for(engine: Engine, lead: InboundLead, settings: Settings) -> str:
    """Where a new lead is posted: its owner's Slack user (DM) when known, else INBOUND_CHANNEL."""
    if lead.owner_id is not None:
        with Session(engine) as session:
            owner = session.get(Owner, lead.owner_id)
        if owner is not None and owner.slack_user_id:
            return owner.slack_user_id
    return settings.inbound_channel


def make_intake_notifier(
    client: Any,
    engine: Engine,
    settings: Settings,
    *,
    hubspot_writer: Callable[..., str] | None = write_score_to_hubspot,
) -> Callable[[IntakeResult], None]:
    """What to do after a new lead is stored: post it to Slack, then write its score back to HubSpot."""
    from bot.slack.blocks import post_reply

    def notify(result: IntakeResult) -> None:
        with Session(engine) as session:
            lead = session.get(InboundLead, result.lead_id)
        if lead is None:
            return
        note = result.score.model_note if result.score else ""
        post_reply(client, recipient_for(engine, lead, settings), lead_reply(lead, settings=settings, method_note=note))
        if hubspot_writer is not None:
            try:
                log.info("lead %s: %s", lead.id, hubspot_writer(engine, settings, lead))
            except Exception:
                log.exception("lead %s: HubSpot write-back failed; the score stays in Sales OS", lead.id)

    return notify


# --- buttons --------------------------------------------------------------------------------------------------------


def _lead_id(body: dict[str, Any]) -> int | None:
    try:
        return int(body["actions"][0]["value"])
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def register(app: App, deps: BotDeps) -> None:
    """Add the lead buttons' listeners to the Bolt app (settings and store come in `deps`)."""
    from bot.slack.blocks import respond_reply
    from bot.slack.identity import resolve_identity

    def just_ack(ack: Callable[..., Any]) -> None:
        ack()

    def refreshed(lead_id: int, status_line: str) -> Reply | None:
        with Session(deps.engine) as session:
            lead = session.get(InboundLead, lead_id)
        return None if lead is None else lead_reply(lead, settings=deps.settings, status_line=status_line)

    def tell(respond: Callable[..., Any], text: str) -> None:
        respond(text=text, response_type="ephemeral", replace_original=False)

    def owner_user(owner_id: int | None) -> str:
        with Session(deps.engine) as session:
            owner = session.get(Owner, owner_id) if owner_id is not None else None
        if owner is None:
            return "another AE"
        return f"<@{owner.slack_user_id}>" if owner.slack_user_id else owner.name or "another AE"

    def on_assign(body: dict[str, Any], client: Any, respond: Callable[..., Any]) -> None:
        lead_id, user = _lead_id(body), body.get("user", {}).get("id", "")
        if lead_id is None:
            return
        who = resolve_identity(deps.engine, client, user, settings=deps.settings)
        if who.owner_id is None:
            tell(
                respond,
                "I can't find you among the CRM owners (matched by your Slack email), so I can't assign this "
                "lead to you. Ask an admin to add you as a HubSpot owner.",
            )
            return
        if not assign_lead(deps.engine, lead_id, who.owner_id, take_over=who.is_manager):
            with Session(deps.engine) as session:
                lead = session.get(InboundLead, lead_id)
            if lead is not None and lead.status in ("new", "assigned"):
                tell(
                    respond,
                    f"This lead is already assigned to {owner_user(lead.owner_id)}. Ask them or a manager to "
                    "reassign it; I did not change it.",
                )
            else:
                tell(respond, "This lead is already closed out (disqualified or converted).")
            return
        reply = refreshed(lead_id, f":white_check_mark: Assigned to <@{user}>")
        if reply is not None:
            respond_reply(respond, reply)

    def on_disqualify(body: dict[str, Any], client: Any, respond: Callable[..., Any]) -> None:
        lead_id, user = _lead_id(body), body.get("user", {}).get("id", "")
        if lead_id is None:
            return
        with Session(deps.engine) as session:
            lead = session.get(InboundLead, lead_id)
        if lead is None:
            tell(respond, "That lead no longer exists.")
            return
        who = resolve_identity(deps.engine, client, user, settings=deps.settings)
        if not may_act_on_lead(lead, who.owner_id, is_manager=who.is_manager):
            tell(
                respond,
                "Only the lead's owner or a manager can disqualify it"
                + ("" if who.owner_id is not None else " (and I can't find you among the CRM owners)")
                + ". Nothing was changed.",
            )
            return
        if not disqualify_lead(deps.engine, lead_id):
            tell(respond, "This lead was already disqualified or converted.")
            return
        reply = refreshed(lead_id, f":no_entry: Disqualified by <@{user}>")
        if reply is not None:
            respond_reply(respond, reply)

    from slack_bolt.context.respond import Respond

    from bot.slack.actions import action_key

    def durable(kind: str, work: Callable[[dict[str, Any], Any, Callable[..., Any]], None]) -> Callable[..., None]:
        """The click is stored before its ack and answered through its response_url, even after a restart."""
        deps.work_handlers[kind] = lambda body, client, _work: work(
            body, client, Respond(response_url=body.get("response_url"))
        )

        def listener(ack: Callable[..., Any], body: dict[str, Any], client: Any) -> None:
            deps.submit(kind, action_key(body), body, client)
            ack()

        return listener

    app.action(ASSIGN_ACTION)(durable(ASSIGN_ACTION, on_assign))
    app.action(DISQUALIFY_ACTION)(durable(DISQUALIFY_ACTION, on_disqualify))
    app.action(OPEN_HUBSPOT_ACTION)(just_ack)  # the button is a link; Slack still sends the click
