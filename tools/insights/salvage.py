"""Salvage likelihood of lost deals and the per-AE reactivation list, each deal with a tailored plan and an email draft.

A lost deal is *salvaged* when its company wins a new deal created within `REWIN_DAYS` of the loss. The score starts
from rules that always say why (the loss reason: timing, budget and no decision come back, a competitor only at its
renewal window; time since the loss; how engaged the buyer was before it; the champion writing in lately; how often
lost deals with the same reason were won back here). When the history holds at least `MIN_REWINS` salvaged deals
whose window has passed, a logistic regression on what was known at the loss is fitted instead, and the rules' points
become its reasons. The reactivation list keeps each AE's best candidates (lost 30+ days ago, no open deal at the
company, not dismissed or snoozed) and drafts a re-engagement email that goes through the usual ✅ approval.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pydantic import BaseModel, Field
from sqlmodel import Session, select

from store.models import OPEN_STAGES, Contact, Deal, Engagement, Owner, ReactivationDecision
from tools.capabilities import Capability, Example, Subcommand, ToolContext
from tools.insights.battlecards import talk_tracks
from tools.insights.common import QuotedLine, quoted
from tools.insights.history import ClosedDeal, History, load_history, utc
from tools.insights.loss import REASON_LABELS, DealEngagement, engagement_by_deal, reason_category

REWIN_DAYS = 180
MIN_REWINS = 20
COOL_OFF_DAYS = 30
MAX_AGE_DAYS = 540
INBOUND_DAYS = 60
TOP_PER_AE = 5
REASON_POINTS = {
    "timing": (25, "lost on timing: postponed, not rejected"),
    "budget": (20, "lost on budget: budgets reset each fiscal year"),
    "no_decision": (15, "no decision was made: the need may still be open"),
    "price": (12, "lost on price: a smaller starting package may fit"),
    "champion_left": (10, "the champion left: a new contact may re-open it"),
    "competitor": (8, "went with a competitor"),
    "product_gap": (5, "a product gap: check whether it is closed now"),
    "build_in_house": (3, "chose to build in-house"),
    "other": (8, "no clear reason recorded"),
}


class SalvageReason(BaseModel):
    """One reason behind a salvage score, with its points."""

    text: str
    points: int


class Contactable(BaseModel):
    """Someone to reach at the lost account."""

    name: str
    title: str
    role: str
    email: str | None = None


class Salvage(BaseModel):
    """A lost deal's salvage likelihood and why."""

    deal_id: int
    deal: str
    company: str
    company_id: int | None
    owner_id: int | None
    owner: str
    amount: float | None
    product: str | None
    lost_on: date
    days_since_loss: int
    close_reason: str | None
    category: str
    score: int
    reasons: list[SalvageReason]
    method: str


class ReactivationPlan(BaseModel):
    """What to do about one lost deal worth reopening."""

    salvage: Salvage
    why_lost: str
    what_changed: list[str]
    angle: QuotedLine | None = None
    angle_persona: str | None = None
    contact: Contactable | None = None
    lost_call_quote: QuotedLine | None = None
    email_subject: str
    email_body: str
    draft_id: int | None = None


class ReactivationList(BaseModel):
    """An AE's (or everyone's) lost deals worth reopening now."""

    owner: str | None
    plans: list[ReactivationPlan]
    candidates: int
    """Lost deals that passed the filters (cool-off, no open deal, not re-won, not dismissed or snoozed)."""
    method: str
    history_rewins: int
    history_lost: int


@dataclass(frozen=True)
class _Context:
    now: datetime
    rewon: dict[int, bool]
    reason_rate: dict[str, tuple[int, int]]
    inbound: dict[int, datetime]
    eng: dict[int, DealEngagement]
    open_companies: set[int]


def rewon_deals(session: Session, lost: list[ClosedDeal], *, days: int = REWIN_DAYS) -> dict[int, bool]:
    """For each lost deal: did its company win a deal created within `days` after the loss?"""
    wins: dict[int, list[datetime]] = defaultdict(list)
    for company_id, created_at in session.exec(
        select(Deal.company_id, Deal.created_at).where(Deal.is_won == True, Deal.company_id.is_not(None))  # type: ignore[union-attr]  # noqa: E712
    ).all():
        if created_at is not None and company_id is not None:
            wins[company_id].append(utc(created_at))
    out = {}
    for d in lost:
        window_end = d.closed_at + timedelta(days=days)
        out[d.id] = any(d.closed_at < w <= window_end for w in wins.get(d.company_id or -1, []))
    return out


def _last_inbound(session: Session, since: datetime) -> dict[int, datetime]:
    """Each company's latest buyer engagement since `since` (an email in, a held meeting, a connected call)."""
    out: dict[int, datetime] = {}
    for company_id, at in session.exec(
        select(Engagement.company_id, Engagement.occurred_at).where(
            Engagement.buyer_engaged == True,  # noqa: E712
            Engagement.occurred_at >= since,
        )
    ).all():
        if company_id is not None:
            at = utc(at)
            if company_id not in out or at > out[company_id]:
                out[company_id] = at
    return out


def _context(session: Session, history: History, now: datetime) -> _Context:
    lost = [d for d in history.deals.values() if not d.is_won]
    rewon = rewon_deals(session, lost)
    matured = [d for d in lost if d.closed_at + timedelta(days=REWIN_DAYS) <= now]
    by_reason: dict[str, list[bool]] = defaultdict(list)
    for d in matured:
        by_reason[reason_category(d.close_reason)].append(rewon[d.id])
    open_companies = set(
        session.exec(select(Deal.company_id).where(Deal.is_closed == False, Deal.company_id.is_not(None))).all()  # type: ignore[union-attr]  # noqa: E712
    )
    return _Context(
        now=now,
        rewon=rewon,
        reason_rate={r: (sum(v), len(v)) for r, v in by_reason.items()},
        inbound=_last_inbound(session, now - timedelta(days=INBOUND_DAYS)),
        eng=engagement_by_deal(session, {d.id for d in lost}),
        open_companies={c for c in open_companies if c is not None},
    )


def rule_reasons(d: ClosedDeal, ctx: _Context) -> list[SalvageReason]:
    """The rules' points for a lost deal, each with its reason in plain words."""
    category = reason_category(d.close_reason)
    points, text = REASON_POINTS[category]
    out = [SalvageReason(text=text + (f' ("{d.close_reason}")' if d.close_reason else ""), points=points)]
    days = (ctx.now - d.closed_at).days
    if days < COOL_OFF_DAYS:
        out.append(SalvageReason(text=f"lost only {days} days ago", points=-20))
    elif days <= 240:
        out.append(SalvageReason(text=f"lost {days} days ago: long enough for things to change", points=10))
    elif days > MAX_AGE_DAYS:
        out.append(SalvageReason(text=f"lost {days} days ago: the trail is cold", points=-15))
    if category == "competitor" and 300 <= days <= 420:
        out.append(SalvageReason(text="about a year since they chose a competitor: its renewal is coming", points=15))
    eng = ctx.eng.get(d.id, DealEngagement())
    if eng.meetings >= 2 or (eng.outbound_emails and eng.inbound_emails / eng.outbound_emails >= 0.5):
        out.append(
            SalvageReason(
                text=f"engaged before the loss: {eng.meetings} meetings held, {eng.inbound_emails} replies", points=10
            )
        )
    stage = OPEN_STAGES.index(d.stage_reached) if d.stage_reached in OPEN_STAGES else 0
    if stage >= 2:
        out.append(SalvageReason(text=f"got as far as {d.stage_reached}", points=10))
    seen = ctx.inbound.get(d.company_id or -1)
    if seen is not None and seen > d.closed_at:
        out.append(SalvageReason(text=f"the buyer engaged again on {seen:%b %-d, %Y}", points=20))
    won_back, total = ctx.reason_rate.get(category, (0, 0))
    if total:
        out.append(
            SalvageReason(
                text=f"{won_back} of {total} past deals lost for this reason were won back within {REWIN_DAYS} days",
                points=round(30 * won_back / total),
            )
        )
    return out


def _features(d: ClosedDeal, ctx: _Context) -> list[float]:
    """What was known at the loss: reason category, stage reached, engagement, amount, competitor."""
    category = reason_category(d.close_reason)
    eng = ctx.eng.get(d.id, DealEngagement())
    stage = OPEN_STAGES.index(d.stage_reached) if d.stage_reached in OPEN_STAGES else 0
    return [float(category == c) for c in REASON_POINTS] + [
        float(stage),
        float(min(eng.meetings, 10)),
        float(min(eng.inbound_emails, 20)),
        math.log10(max(d.amount or 1000.0, 1000.0)),
        float(bool(d.competitors)),
    ]


def score_lost_deals(session: Session, history: History, *, now: datetime) -> tuple[list[Salvage], str, int, int]:
    """Score every lost deal; returns (scores, method, re-won deals in history, matured lost deals)."""
    ctx = _context(session, history, now)
    lost = sorted((d for d in history.deals.values() if not d.is_won), key=lambda d: d.id)
    matured = [d for d in lost if d.closed_at + timedelta(days=REWIN_DAYS) <= now]
    rewins = sum(ctx.rewon[d.id] for d in matured)
    model = None
    method = "rules (reason, time since loss, engagement, recent buyer activity, past win-backs)"
    if rewins >= MIN_REWINS and len(matured) - rewins >= MIN_REWINS:
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(max_iter=2000, C=0.5)
        model.fit([_features(d, ctx) for d in matured], [ctx.rewon[d.id] for d in matured])
        method = f"logistic regression on {len(matured)} past losses ({rewins} won back), plus recent buyer activity"
    out = []
    for d in lost:
        reasons = rule_reasons(d, ctx)
        if model is not None:
            p = float(model.predict_proba([_features(d, ctx)])[0][1])
            recent = sum(r.points for r in reasons if r.text.startswith("the buyer engaged again"))
            score = round(100 * p) + recent
        else:
            score = sum(r.points for r in reasons)
        out.append(
            Salvage(
                deal_id=d.id,
                deal=d.name,
                company=d.company,
                company_id=d.company_id,
                owner_id=d.owner_id,
                owner=d.owner,
                amount=d.amount,
                product=d.product,
                lost_on=d.closed_at.date(),
                days_since_loss=(now - d.closed_at).days,
                close_reason=d.close_reason,
                category=reason_category(d.close_reason),
                score=max(0, min(100, score)),
                reasons=sorted(reasons, key=lambda r: -abs(r.points)),
                method=method,
            )
        )
    return out, method, rewins, len(matured)


def _blocked(session: Session, now: datetime) -> set[int]:
    """Deals dismissed for good, or snoozed until after today."""
    out = set()
    for decision in session.exec(select(ReactivationDecision)).all():
        if decision.action == "dismissed" or (decision.until is not None and decision.until > now.date()):
            out.add(decision.deal_id)
    return out


def _contact(session: Session, d: ClosedDeal) -> Contactable | None:
    order = {"champion": 0, "economic_buyer": 1, "technical_evaluator": 2, "user": 3}
    members = sorted(d.members, key=lambda m: (order.get(m.role, 9), m.contact_id))
    if not members:
        return None
    m = members[0]
    email = session.exec(select(Contact.email).where(Contact.id == m.contact_id)).first()
    return Contactable(name=m.name, title=m.title, role=m.role.replace("_", " "), email=email)


def build_plan(session: Session, history: History, s: Salvage, tracks: list) -> ReactivationPlan:  # noqa: ANN001
    """The plan for one lost deal: why it was lost, what changed, the angle, who to contact, an email."""
    d = history.deals[s.deal_id]
    contact = _contact(session, d)
    persona = next((m.persona for m in d.members if contact and m.name == contact.name), None)
    angle = next((t for t in tracks if t.persona == persona and t.segment.startswith(d.size_band)), None) or next(
        (t for t in tracks if t.persona == persona), None
    )
    raised = [o for o in history.objections if o.deal_id == d.id]
    lost_quote = quoted(history, raised[0]) if raised else None
    changed = [r.text for r in s.reasons if r.points > 0 and not r.text.startswith(REASON_POINTS[s.category][1])] or [
        "nothing recorded has changed yet: a light check-in"
    ]
    first = contact.name.split()[0] if contact else "there"
    why = REASON_LABELS.get(s.category, s.category)
    body = (
        f"Hi {first},\n\n"
        f"When we last spoke about {d.product or 'Sales OS'} in {d.closed_at:%B %Y}, the timing wasn't right"
        + (f" ({why})" if s.category not in ("other", "competitor") else "")
        + ". A lot has changed on our side since, and teams like yours have been getting value quickly.\n\n"
        + (f"One thing that resonated with similar teams: {angle.line.text}\n\n" if angle else "")
        + "Would a 20-minute call in the next couple of weeks be useful to see whether it fits now?\n\n"
        + f"Best,\n{d.owner.split()[0] if d.owner else ''}"
    )
    return ReactivationPlan(
        salvage=s,
        why_lost=f"{why}" + (f': "{d.close_reason}"' if d.close_reason else ""),
        what_changed=changed[:3],
        angle=angle.line if angle else None,
        angle_persona=persona,
        contact=contact,
        lost_call_quote=lost_quote,
        email_subject=f"{d.company}: worth another look?",
        email_body=body,
    )


@dataclass
class SalvageBook:
    """Everything the reactivation lists need, computed once for all AEs (history, scores, talk tracks)."""

    history: History
    scores: list[Salvage]
    method: str
    rewins: int
    matured: int
    tracks: list
    open_companies: set[int | None]
    rewon_ever: dict[int, bool]


def salvage_book(session: Session, *, now: datetime) -> SalvageBook:
    """Score every lost deal once (the reactivation job reuses this for each AE)."""
    history = load_history(session)
    scores, method, rewins, matured = score_lost_deals(session, history, now=now)
    open_companies = set(session.exec(select(Deal.company_id).where(Deal.is_closed == False)).all())  # noqa: E712
    rewon = rewon_deals(session, [history.deals[s.deal_id] for s in scores], days=10_000)
    return SalvageBook(history, scores, method, rewins, matured, talk_tracks(history), open_companies, rewon)


def reactivation_list(
    session: Session,
    *,
    now: datetime,
    owner_id: int | None = None,
    limit: int = TOP_PER_AE,
    book: SalvageBook | None = None,
) -> ReactivationList:
    """The lost deals worth reopening now (for one AE, or everyone), best first, each with its plan."""
    book = book or salvage_book(session, now=now)
    blocked_deals = _blocked(session, now)
    # A snooze or dismissal is about the account: its other lost deals stay out too.
    blocked = {s.company_id for s in book.scores if s.deal_id in blocked_deals}
    candidates = [
        s
        for s in book.scores
        if (owner_id is None or s.owner_id == owner_id)
        and COOL_OFF_DAYS <= s.days_since_loss <= MAX_AGE_DAYS
        and s.company_id not in book.open_companies
        and not book.rewon_ever[s.deal_id]
        and s.company_id not in blocked
    ]
    # One plan per company: its most salvageable lost deal.
    best: dict[int | None, Salvage] = {}
    for s in sorted(candidates, key=lambda s: (-s.score, -(s.amount or 0), s.deal_id)):
        best.setdefault(s.company_id, s)
    top = sorted(best.values(), key=lambda s: (-s.score, -(s.amount or 0), s.deal_id))[:limit]
    owner = session.get(Owner, owner_id) if owner_id is not None else None
    return ReactivationList(
        owner=owner.name if owner else None,
        plans=[build_plan(session, book.history, s, book.tracks) for s in top],
        candidates=len(best),
        method=book.method,
        history_rewins=book.rewins,
        history_lost=book.matured,
    )


def decide_reactivation(session: Session, *, deal_id: int, owner_id: int | None, action: str, now: datetime) -> str:
    """Snooze a lost deal for 30 days or dismiss it from the reactivation list (idempotent: the last decision holds)."""
    if action not in ("snoozed", "dismissed"):
        raise ValueError(f"unknown reactivation decision {action!r}")
    until = (now + timedelta(days=30)).date() if action == "snoozed" else None
    row = session.get(ReactivationDecision, deal_id)
    if row is None:
        row = ReactivationDecision(deal_id=deal_id, owner_id=owner_id, action=action, until=until, decided_at=now)
    else:
        row.action, row.until, row.decided_at = action, until, now
    session.add(row)
    session.commit()
    return f"snoozed until {until:%b %-d, %Y}" if until else "dismissed from the reactivation list"


def salvage_summary(scores: list[Salvage]) -> Counter[str]:
    """How many lost deals fall in each reason category (for reports)."""
    return Counter(s.category for s in scores)


# --- capability ------------------------------------------------------------------------------------------------------


class ReviveArgs(BaseModel):
    """Arguments of get_reactivation_list."""

    owner: str | None = Field(default=None, description="Only this AE's lost deals ('me' for the asker).")
    limit: int = Field(default=TOP_PER_AE, ge=1, le=20, description="How many deals to show.")


def _revive(ctx: ToolContext, session: Session, a: ReviveArgs) -> BaseModel:
    from tools.insights.loss import _owner_id

    return reactivation_list(session, now=ctx.now, owner_id=_owner_id(ctx, session, a.owner), limit=a.limit)


CAPABILITIES = (
    Capability(
        name="get_reactivation_list",
        summary="lost deals worth reviving, with a plan",
        description="Lost deals worth reopening now, best first: each with its salvage score and reasons (loss "
        "reason, time since loss, engagement before it, the buyer engaging again, past win-backs), why it was "
        "lost, what changed, the angle from won talk tracks, who to contact and a drafted email. Use for 'which "
        "lost deals should we revive', 'reactivation list', 'lost deals to reopen'.",
        args_schema=ReviveArgs,
        run=_revive,
        result_types=(ReactivationList,),
        examples=(
            Example("which lost deals should we revive?", {}),
            Example("which of my lost deals should I reopen?", {"owner": "me"}),
            Example("lost deals worth reviving", {}),
            Example("which lost deals could we win back?", {}),
            Example("reactivation list for Carlos", {"owner": "Carlos Mendes"}),
            Example("closed lost deals worth a second try", {}),
            Example("3 lost deals worth re-engaging", {"limit": 3}),
            Example("old lost opportunities we should revisit", {}),
        ),
        subcommand=Subcommand("revive", "revive [AE]", "lost deals worth reopening", arg="owner"),
    ),
)
