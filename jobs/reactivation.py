"""The monthly reactivation DM: each AE gets their lost deals worth reopening, with a plan and an email draft each.

Exactly once per AE and month: the run claims `reactivation:<owner id>:<YYYY-MM>` (team-local month) in `JobClaim`
before it posts, so two replicas (or a restart) never DM twice. Each email is a `Draft` keyed
`reactivation:<deal id>:<YYYY-MM>` and posted as its own message, so ✅ on it approves it and the usual approval path
writes it back once. The summary carries Snooze (30 days) and Dismiss buttons per deal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import select

from bot.copilot.draft_view import draft_reply
from bot.copilot.render import Renderer
from bot.copilot.reply import Actions, Button
from jobs.claims import run_claimed
from jobs.posting import Poster, Recipient, Unreachable, recipients_by_owner
from store.db import session_scope
from store.models import Owner
from tools.drafts import create_draft, get_draft, record_message
from tools.insights.salvage import ReactivationList, SalvageBook, reactivation_list, salvage_book

log = logging.getLogger(__name__)
JOB = "reactivation"
SNOOZE_ACTION = "reactivation_snooze"
DISMISS_ACTION = "reactivation_dismiss"


@dataclass
class Sent:
    """What one AE's run did."""

    owner_id: int
    slot: str
    ran: bool
    deals: list[int] = field(default_factory=list)
    drafts: list[int] = field(default_factory=list)
    held_back: str | None = None


def month_of(now: datetime, settings: object) -> str:
    """The team-local month of `now`, as the slot's `YYYY-MM`."""
    return now.astimezone(settings.tz).strftime("%Y-%m")  # type: ignore[attr-defined]


def _drafts_for(engine: Engine, result: ReactivationList, owner_id: int, month: str) -> list[int]:
    """One pending email draft per plan (idempotent by deal and month); the plans learn their draft ids."""
    ids = []
    with session_scope(engine) as session:
        for plan in result.plans:
            s = plan.salvage
            draft = create_draft(
                session,
                kind="email",
                owner_id=owner_id,
                deal_id=s.deal_id,
                company_id=s.company_id,
                idempotency_key=f"reactivation:{s.deal_id}:{month}",
                payload={
                    "to": plan.contact.email if plan.contact and plan.contact.email else "",
                    "subject": plan.email_subject,
                    "body": plan.email_body,
                    "purpose": "reactivation",
                },
            )
            plan.draft_id = draft.id
            ids.append(draft.id or 0)
    return ids


def _send(
    engine: Engine, settings: object, poster: Poster, owner_id: int, who: Recipient, now: datetime, book: SalvageBook
) -> Sent:
    month = month_of(now, settings)
    with session_scope(engine) as session:
        result = reactivation_list(session, now=now, owner_id=owner_id, book=book)
    sent = Sent(owner_id=owner_id, slot=f"{JOB}:{owner_id}:{month}", ran=True)
    if not result.plans:
        return sent
    sent.drafts = _drafts_for(engine, result, owner_id, month)
    sent.deals = [p.salvage.deal_id for p in result.plans]
    reply = Renderer(settings, engine).render(result, source="monthly reactivation list")  # type: ignore[arg-type]
    reply.fallback = f"{len(result.plans)} lost deals worth reopening this month"
    for p in result.plans:  # one row per deal: Slack wants action ids unique within a block
        name = p.salvage.company or f"#{p.salvage.deal_id}"
        reply.add(
            Actions(
                [
                    Button(f"Snooze {name}"[:75], SNOOZE_ACTION, str(p.salvage.deal_id)),
                    Button(f"Dismiss {name}"[:75], DISMISS_ACTION, str(p.salvage.deal_id), style="danger"),
                ]
            )
        )
    poster.dm(who, reply)
    for draft_id in sent.drafts:
        draft = get_draft(engine, draft_id)
        if draft is None or draft.status != "pending" or draft.slack_ts:
            continue
        channel, ts = poster.dm(who, draft_reply(engine, draft))
        record_message(engine, draft_id, channel=channel, ts=ts)
    return sent


def run_reactivation(
    engine: Engine, settings: object, poster: Poster, *, now: datetime, replica: str, retry: bool = False
) -> list[Sent]:
    """DM every active AE their reactivation list, once per AE and month."""
    month = month_of(now, settings)
    with session_scope(engine) as session:
        found = session.exec(select(Owner.id).where(Owner.role == "ae", Owner.active == True)).all()  # noqa: E712
        aes = [i for i in found if i is not None]
        recipients = recipients_by_owner(session, aes)
    out = []
    book: list[SalvageBook] = []  # scored once, on the first claim this replica wins

    def scored() -> SalvageBook:
        if not book:
            with session_scope(engine) as session:
                book.append(salvage_book(session, now=now))
        return book[0]

    def work_for(owner_id: int, who: Recipient) -> Callable[[], Sent]:
        return lambda: _send(engine, settings, poster, owner_id, who, now, scored())

    for owner_id in sorted(aes):
        slot = f"{JOB}:{owner_id}:{month}"
        who = recipients[owner_id]
        try:
            run = run_claimed(
                engine,
                JOB,
                slot,
                replica,
                work_for(owner_id, who),
                describe=lambda s: f"{len(s.deals)} deals, drafts {s.drafts}",
                retry=retry,
            )
        except Unreachable as exc:  # the claim is marked failed: `salesos jobs run reactivation --retry` resends it
            log.warning("reactivation for owner %s held back: %s", owner_id, exc)
            out.append(Sent(owner_id=owner_id, slot=slot, ran=False, held_back=str(exc)))
            continue
        out.append(run.result if run.ran else Sent(owner_id=owner_id, slot=slot, ran=False))  # type: ignore[arg-type]
    return out
