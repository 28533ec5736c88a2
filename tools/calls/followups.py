"""Turn a call's next steps into suggested tasks and a follow-up email, and file them as drafts to approve.

Tasks: a rep commitment with a date is due that day at `TASK_DUE_HOUR` in the AE's timezone (`Owner.timezone`); a
buyer commitment becomes a check-in task the next business day at `CHECK_IN_HOUR`; an undated rep commitment gets two
business days. The email is the offline template `prompts/call_followup_email.md`, or written by the LLM from the
same facts when one is configured. Each becomes one `Draft` (kinds `task`, `email`, `note`) with an idempotency key
derived from the call, so filing the same call twice creates nothing new; approval and the exactly-once write-back
are `tools.drafts`' job.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from sqlalchemy import Engine
from sqlmodel import Session

from prompts import load_prompt
from settings import Settings
from store.db import session_scope
from store.models import Contact
from tools.calls.analyze import CallAnalysis, llm_text
from tools.calls.metrics import Clip, Commitment, sentences
from tools.calls.scorecard import summary_facts
from tools.drafts import create_draft
from tools.parsing.dates import add_business_days

log = logging.getLogger(__name__)

TASK_DUE_HOUR = 17  # end of the AE's working day: "by Friday" means before Friday evening
CHECK_IN_HOUR = 10
UNDATED_BUSINESS_DAYS = 2


class SuggestedTask(BaseModel):
    """A task for the AE, due in their timezone."""

    title: str
    body: str
    due_at: datetime
    """UTC."""
    due_local: str
    """The same instant in the AE's timezone, ISO 8601."""
    who: str
    clip: Clip


class FollowUpEmail(BaseModel):
    """A follow-up email to the buyer."""

    to: str | None
    subject: str
    body: str
    source: str
    """`template` or `llm`."""


def _at(day: date, hour: int, tz: ZoneInfo) -> tuple[datetime, str]:
    local = datetime.combine(day, time(hour, 0), tzinfo=tz)
    return local.astimezone(UTC), local.isoformat()


def _title(what: str, limit: int = 90) -> str:
    what = re.sub(r"\s+", " ", what).strip()
    what = what[:1].upper() + what[1:]
    return what if len(what) <= limit else what[: limit - 1].rstrip() + "…"


def suggest_tasks(analysis: CallAnalysis) -> list[SuggestedTask]:
    """The AE's tasks from the call's commitments, due dates in the AE's timezone."""
    tz = ZoneInfo(analysis.timezone)
    company = analysis.context.company_name
    tasks: list[SuggestedTask] = []
    seen: set[str] = set()
    for c in analysis.metrics.commitments:
        key = c.what.lower()
        if key in seen:
            continue
        seen.add(key)
        quote = f'Said on the call [{c.clip.stamp}]: "{c.clip.text}"'
        if c.side == "rep":
            day = c.due or add_business_days(analysis.call_day, UNDATED_BUSINESS_DAYS)
            due_at, local = _at(day, TASK_DUE_HOUR, tz)
            title = _title(re.sub(r"^(send|share|forward) you\b", r"\1", without_when(c.what, c.when_text)))
            body = quote + ("" if c.due else f"\nNo date was agreed: due in {UNDATED_BUSINESS_DAYS} business days.")
        else:
            day = add_business_days(c.due or analysis.call_day, 1)
            due_at, local = _at(day, CHECK_IN_HOUR, tz)
            title = _title(f"Check in: {c.who} to {without_when(c.what, c.when_text)}")
            body = quote + (f"\nThey committed to {c.due:%a %b %-d}." if c.due else "")
        if company:
            body += f"\nAccount: {company}."
        tasks.append(SuggestedTask(title=title, body=body, due_at=due_at, due_local=local, who=c.who, clip=c.clip))
    return tasks


def _pains(analysis: CallAnalysis, limit: int = 3) -> list[str]:
    """Buyer sentences from discovery that name a problem (what they said matters)."""
    m = analysis.metrics
    discovery = next((s for s in m.stages if s.stage == "discovery" and not s.skipped), None)
    turns = [analysis.transcript.turns[i] for i in (discovery.turns if discovery else [])]
    found = []
    for turn in turns:
        if m.speakers.get(turn.speaker) != "prospect":
            continue
        for sentence in sentences(turn.text):
            if (
                re.search(
                    r"problem|hours|manual|spreadsheet|slow|trust|miss|frustrat|struggl|pain|cost|waste", sentence, re.I
                )
                and len(sentence.split()) >= 4
            ):
                found.append(sentence)
    return found[:limit]


def without_when(what: str, when_text: str | None) -> str:
    """The commitment's words without its date phrase ("send the proposal by Friday" → "send the proposal")."""
    if not when_text:
        return what
    pattern = r"\s*(?:by|on|before|until|for|this|next)?\s*" + re.escape(when_text) + r"\b"
    return re.sub(r"\s+", " ", re.sub(pattern, " ", what, count=1, flags=re.I)).strip(" ,")


def _next_step_line(commitment: Commitment) -> str:
    when = f" by {commitment.due:%A, %B %-d}" if commitment.due else ""
    what = without_when(commitment.what, commitment.when_text)
    if commitment.side == "prospect" and commitment.clip.speaker == commitment.who:
        # The buyer said it to us: their "you" is the rep writing this email.
        what = re.sub(r"\byour\b", "my", re.sub(r"\byou\b", "me", what, flags=re.I), flags=re.I)
    return f"• {'I' if commitment.side == 'rep' else 'You'}'ll {what}{when}"


def buyer_email(session: Session, analysis: CallAnalysis) -> tuple[str | None, str]:
    """The first buyer's email address (when the CRM knows it) and first name."""
    for speaker, role in analysis.roles.items():
        if role.side != "prospect":
            continue
        contact = session.get(Contact, role.contact_id) if role.contact_id else None
        first = (contact.first_name if contact and contact.first_name else speaker.split()[0]) or "there"
        return (contact.email if contact else None), first
    return None, "there"


def follow_up_email(
    analysis: CallAnalysis, *, engine: Engine | None = None, settings: Settings | None = None
) -> FollowUpEmail:
    """Draft the follow-up email: the offline template, or the LLM from the same facts when configured."""
    to, first_name = None, "there"
    if engine is not None:
        with Session(engine) as session:
            to, first_name = buyer_email(session, analysis)
    else:
        prospect = next((s for s, r in analysis.roles.items() if r.side == "prospect"), None)
        first_name = prospect.split()[0] if prospect else "there"
    company = analysis.context.company_name
    subject = f"Recap and next steps{' · ' + company if company else ''} ({analysis.call_day:%b %-d})"
    rep_name = analysis.owner_name or next((s for s, r in analysis.roles.items() if r.side == "rep"), "")
    recap = "\n".join(f'• You mentioned: "{p}"' for p in _pains(analysis)) or "• Your goals for the project"
    steps = "\n".join(_next_step_line(c) for c in analysis.metrics.commitments[:5])
    body = load_prompt("call_followup_email").format(
        subject=subject,
        first_name=first_name,
        when_phrase="today",
        recap=recap,
        next_steps=steps or "• Let's agree on a time for our next conversation.",
        closing="Let me know if I missed anything.",
        rep_name=rep_name,
    )
    body = body.split("\n", 2)[2] if body.startswith("Subject:") else body  # the subject travels separately
    if settings is not None and settings.llm_configured:
        facts = summary_facts(analysis.metrics, analysis.scorecard, company=company) | {
            "rep_name": rep_name,
            "buyer_first_name": first_name,
            "buyer_pains": _pains(analysis),
        }
        try:
            written = llm_text(
                settings, "call_followup_email_llm", facts, today=analysis.call_day, timezone=analysis.timezone
            )
            return FollowUpEmail(to=to, subject=subject, body=written, source="llm")
        except Exception:  # the LLM is an edge: fall back to the template, never lose the draft
            log.exception("LLM follow-up email failed; using the template")
    return FollowUpEmail(to=to, subject=subject, body=body.strip(), source="template")


def call_key(analysis: CallAnalysis) -> str:
    """A stable key for the call: its store id, else a hash of the transcript text."""
    if analysis.call_id is not None:
        return f"call{analysis.call_id}"
    text = "\n".join(f"{t.speaker}|{t.start}|{t.text}" for t in analysis.transcript.turns)
    return "t" + hashlib.sha256(text.encode()).hexdigest()[:20]


def create_followup_drafts(engine: Engine, analysis: CallAnalysis, *, settings: Settings | None = None) -> list[int]:
    """File the call's tasks, follow-up email and scorecard note as drafts for the AE; idempotent per call."""
    ctx = analysis.context
    base = f"calls:{call_key(analysis)}"
    tasks = suggest_tasks(analysis)
    email = follow_up_email(analysis, engine=engine, settings=settings)
    note_body = (
        analysis.summary
        + "\n\n"
        + "\n".join(
            f"{i.label}: {i.value if i.measured else 'n/a'} ({i.points:g}/{i.max_points:g})"
            for i in analysis.scorecard.items
        )
    )
    ids: list[int] = []
    with session_scope(engine) as session:
        for task in tasks:
            digest = hashlib.sha256(task.title.lower().encode()).hexdigest()[:12]
            draft = create_draft(
                session,
                kind="task",
                owner_id=ctx.owner_id,
                deal_id=ctx.deal_id,
                company_id=ctx.company_id,
                payload={
                    "title": task.title,
                    "subject": task.title,
                    "body": task.body,
                    "due_at": task.due_at.isoformat(),
                    "due_local": task.due_local,
                    "call_id": analysis.call_id,
                    "source": "call",
                },
                idempotency_key=f"{base}:task:{digest}",
            )
            ids.append(int(draft.id))  # type: ignore[arg-type]
        draft = create_draft(
            session,
            kind="email",
            owner_id=ctx.owner_id,
            deal_id=ctx.deal_id,
            company_id=ctx.company_id,
            payload={
                "to": email.to,
                "subject": email.subject,
                "body": email.body,
                "written_by": email.source,
                "call_id": analysis.call_id,
                "source": "call",
            },
            idempotency_key=f"{base}:email",
        )
        ids.append(int(draft.id))  # type: ignore[arg-type]
        draft = create_draft(
            session,
            kind="note",
            owner_id=ctx.owner_id,
            deal_id=ctx.deal_id,
            company_id=ctx.company_id,
            payload={
                "subject": f"Call scorecard {analysis.scorecard.score}/100 ({analysis.call_day.isoformat()})",
                "body": note_body,
                "call_id": analysis.call_id,
                "source": "call",
            },
            idempotency_key=f"{base}:note",
        )
        ids.append(int(draft.id))  # type: ignore[arg-type]
    return ids
