"""The deal-health rules: one small function each, in one table, each returning its reason or None.

A reason carries the rule's points, the evidence in words, the next best action and the records behind it.

Each rule is published with its threshold from Settings and quotes its evidence (dates, counts and record ids), so
an AE can check every alert against the CRM:

- `buyer_silent` (20, +2 per extra business day, max 30): no buyer engagement (inbound email, held meeting,
  connected call) for ≥ `silent_business_days` business days on the team calendar (Mon–Fri);
- `champion_silent` (15): the deal's champion has not engaged for ≥ `champion_silent_days` days;
- `stage_age` (10; 15 at ≥ 2× the median): in the current stage ≥ `stage_age_days` days and longer than the median
  time WON deals spent there;
- `close_date_slipped` (15 for pushes, +5 if also past; 10 if only past): close date pushed later
  ≥ `close_date_pushes` times (CloseDateChange), or already in the past;
- `single_threaded` (10): amount > `single_thread_amount` and at most one buyer contact;
- `reply_rate_drop` (10): buyer reply rate to our emails, last 4 weeks vs the 4 before, fell by half or more;
- `meeting_cadence_drop` (10): held meetings, last 4 weeks vs the 8 before (per 4 weeks), fell by half or more;
- `no_next_step` (10): no meeting booked and no open task due from now on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from store.meta import StoreInputs
from store.models import STAGE_LABELS
from tools.deals import DealRow
from tools.formatting import money, plural
from tools.health.inputs import Activity, DealInputs, utc
from tools.health.model import MIN_EMAILS, MIN_PRIOR_MEETINGS, PLAYBOOK, RiskReason, Thresholds
from tools.parsing.dates import business_days_between


@dataclass
class RuleContext:
    """What every rule needs besides the deal: the instant, the team calendar, thresholds and won-deal medians."""

    now: datetime
    tz: ZoneInfo
    thresholds: Thresholds
    medians: dict[str, tuple[float, int]]
    store: StoreInputs
    """Which kinds of data the store holds: a rule whose input is missing is off, not a false claim."""
    stage_then: dict[int, str]
    """Each deal's stage at `now` from stage history, when assessing a past book (else empty: today's stage)."""
    _business_days: dict[date, int]

    @property
    def today(self) -> date:
        """The team-local date of the assessment."""
        return self.now.astimezone(self.tz).date()

    def business_days_since(self, day: date) -> int:
        """Business days from `day` to today; deals share their last-engagement dates, so each date counts once."""
        if day not in self._business_days:
            self._business_days[day] = business_days_between(day, self.today)
        return self._business_days[day]

    def stage_of(self, deal: DealRow) -> str:
        """The deal's stage at the assessment's instant."""
        return self.stage_then.get(deal.id, deal.stage)

    def local(self, at: datetime, fmt: str) -> str:
        """An instant in the team's timezone, formatted."""
        return at.astimezone(self.tz).strftime(fmt)


def _reason(
    code: str, points: int, evidence: str, facts: dict[str, Any], records: dict[str, list[int]] | None = None
) -> RiskReason:
    return RiskReason(code, points, evidence, PLAYBOOK[code], facts, records or {})


def buyer_silent(deal: DealRow, inputs: DealInputs, ctx: RuleContext) -> RiskReason | None:
    """No buyer engagement for the silence threshold (business days), counted from the deal's creation if never."""
    if not ctx.store.activity:
        return None
    last_buyer = inputs.activity.last_buyer if inputs.activity else None
    since = last_buyer or _created(deal, ctx)
    silent = ctx.business_days_since(since.astimezone(ctx.tz).date())
    threshold = ctx.thresholds.silent_business_days
    if silent < threshold:
        return None
    if last_buyer:
        what = f"last buyer engagement {ctx.local(since, '%a %d %b')}"
    else:
        what = f"no buyer engagement yet since the deal was created {ctx.local(since, '%d %b')}"
    return _reason(
        "buyer_silent",
        min(30, 20 + 2 * (silent - threshold)),
        f"{silent} business days without a buyer reply, call or held meeting ({what})",
        {"business_days": silent, "since": since.isoformat(), "threshold": threshold},
    )


def champion_silent(deal: DealRow, inputs: DealInputs, ctx: RuleContext) -> RiskReason | None:
    """The first champion who has not engaged for the champion threshold (days)."""
    if not ctx.store.activity:
        return None
    threshold = ctx.thresholds.champion_silent_days
    for contact_id, seen, name in inputs.champions:
        since = seen or _created(deal, ctx)
        days = (ctx.now - since).days
        if days >= threshold:
            who = f"champion {name or 'on this deal'}"
            return _reason(
                "champion_silent",
                15,
                f"{who} silent for {days} days (last engaged {ctx.local(since, '%d %b')})"
                if seen
                else f"{who} has not engaged once in the {days} days since the deal was created",
                {"days": days, "threshold": threshold},
                {"contact": [contact_id]},
            )
    return None


def stage_age(deal: DealRow, inputs: DealInputs, ctx: RuleContext) -> RiskReason | None:
    """In the current stage past the threshold and longer than won deals' median there."""
    move = inputs.last_move
    entered = move[1] if move else _created(deal, ctx)
    days = (ctx.now - entered).days
    stage = ctx.stage_of(deal)
    median = ctx.medians.get(stage)
    if days < ctx.thresholds.stage_age_days or (median is not None and days <= median[0]):
        return None
    ratio = days / median[0] if median and median[0] > 0 else None
    versus = (
        f"won deals' median there: {median[0]:.0f} days over {median[1]} deals ({ratio:.1f}×)"
        if median and ratio
        else "no won deal has passed this stage yet"
        if ctx.store.stage_history
        else "no stage history in this store to compare with won deals"
    )
    return _reason(
        "stage_age",
        15 if ratio and ratio >= 2 else 10,
        f"{days} days in {STAGE_LABELS.get(stage, stage)} since {ctx.local(entered, '%d %b')} ({versus})",
        {"days": days, "median_won_days": round(median[0], 1) if median else None},
        {"dealstagechange": [move[0]]} if move else {},
    )


def close_date_slipped(deal: DealRow, inputs: DealInputs, ctx: RuleContext) -> RiskReason | None:
    """The close date was pushed later often enough, or has already passed."""
    pushed = len(inputs.pushes) >= ctx.thresholds.close_date_pushes
    overdue = deal.close_date is not None and deal.close_date < ctx.today
    if not (pushed or overdue):
        return None
    parts, points = [], 0
    if pushed:
        parts.append(f"close date pushed {len(inputs.pushes)} times ({inputs.pushes[0][1]} → {deal.close_date})")
        points += 15
    if overdue:
        parts.append(f"close date {deal.close_date} has passed")
        points += 5 if points else 10
    return _reason(
        "close_date_slipped",
        points,
        "; ".join(parts),
        {"pushes": len(inputs.pushes), "overdue": overdue},
        {"closedatechange": [p[0] for p in inputs.pushes]} if inputs.pushes else {},
    )


def single_threaded(deal: DealRow, inputs: DealInputs, ctx: RuleContext) -> RiskReason | None:
    """A deal over the amount threshold with at most one buyer contact."""
    floor = ctx.thresholds.single_thread_amount
    if not (ctx.store.contacts or ctx.store.activity) or deal.amount is None or deal.amount <= floor:
        return None
    people = max(inputs.contacts, inputs.activity.buyer_contacts if inputs.activity else 0)
    if people > 1:
        return None
    return _reason(
        "single_threaded",
        10,
        f"{money(deal.amount)} deal with {plural(people, 'buyer contact')} (over {money(floor)} needs more than one)",
        {"contacts": people, "amount": deal.amount},
    )


def reply_rate_drop(deal: DealRow, inputs: DealInputs, ctx: RuleContext) -> RiskReason | None:
    """The buyer's reply rate to our emails halved, last 4 weeks against the 4 before (enough emails in both)."""
    act = inputs.activity or Activity()
    if act.out_recent < MIN_EMAILS or act.out_prior < MIN_EMAILS:
        return None
    rate_recent = min(1.0, act.in_recent / act.out_recent)
    rate_prior = min(1.0, act.in_prior / act.out_prior)
    if rate_prior < 0.2 or rate_recent > rate_prior / 2:
        return None
    return _reason(
        "reply_rate_drop",
        10,
        f"buyer replies to {rate_recent:.0%} of our emails in the last 4 weeks ({act.in_recent}/{act.out_recent}) "
        f"vs {rate_prior:.0%} the 4 weeks before ({act.in_prior}/{act.out_prior})",
        {"recent": [act.in_recent, act.out_recent], "prior": [act.in_prior, act.out_prior]},
    )


def meeting_cadence_drop(deal: DealRow, inputs: DealInputs, ctx: RuleContext) -> RiskReason | None:
    """Held meetings halved: last 4 weeks against the 8 before (per 4 weeks), when there was a cadence."""
    act = inputs.activity or Activity()
    if act.meet_prior < MIN_PRIOR_MEETINGS or act.meet_recent > (act.meet_prior / 2) / 2:
        return None
    return _reason(
        "meeting_cadence_drop",
        10,
        f"{act.meet_recent} meetings held in the last 4 weeks vs {act.meet_prior} in the 8 weeks before",
        {"recent": act.meet_recent, "prior_8_weeks": act.meet_prior},
    )


def no_next_step(deal: DealRow, inputs: DealInputs, ctx: RuleContext) -> RiskReason | None:
    """No meeting booked and no open task due from now on."""
    act = inputs.activity or Activity()
    if not ctx.store.activity or act.booked or act.open_tasks:
        return None
    tail = (
        f"; last meeting held {ctx.local(act.last_meeting, '%d %b')}" if act.last_meeting else "; no meeting held yet"
    )
    return _reason(
        "no_next_step", 10, "no meeting booked and no open task" + tail, {"booked_meetings": 0, "open_tasks": 0}
    )


def _created(deal: DealRow, ctx: RuleContext) -> datetime:
    return utc(deal.created_at) or ctx.now


Rule = Callable[[DealRow, DealInputs, RuleContext], RiskReason | None]

RULES: tuple[Rule, ...] = (
    buyer_silent,
    champion_silent,
    stage_age,
    close_date_slipped,
    single_threaded,
    reply_rate_drop,
    meeting_cadence_drop,
    no_next_step,
)
"""Every rule, in the order reasons of equal points are listed."""
