"""Deals: latent behaviour and fit, the outcome drawn from them, the timeline, stages and close-date pushes."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from store.demo import insights
from store.demo import text as words
from store.demo.people import PeopleBuilder
from store.demo.plans import DAY, HORIZON_DAYS, CompanyPlan, DealPlan, clamp, poisson, sigmoid
from store.demo.writer import BATCH
from store.models import CLOSED_STAGES, OPEN_STAGES, CloseDateChange, Deal, DealContact, DealStageChange

DEAL_SOURCES = (("outbound", 45.0), ("inbound", 12.0), ("referral", 12.0), ("partner", 10.0), ("expansion", 15.0))
SOURCE_LIFT = {"outbound": 0.0, "inbound": 0.1, "referral": 0.4, "partner": 0.2, "expansion": 0.5}

WON_REASONS = (
    "Strong champion and clear ROI on forecasting",
    "Fastest time to value; connectors worked out of the box",
    "Executive sponsor pushed it through",
    "Best fit for security and SSO requirements",
    "Pricing and packaging fit their rollout plan",
)
NEXT_STEPS = {
    "appointmentscheduled": ("Run discovery call", "Confirm attendees for the first call", "Send pre-call agenda"),
    "qualifiedtobuy": ("Schedule product demo", "Map the buying committee", "Book technical deep dive"),
    "presentationscheduled": ("Deliver tailored demo", "Send proposal after demo", "Security review with IT"),
    "decisionmakerboughtin": ("Send proposal and pricing", "Executive alignment call", "Share mutual action plan"),
    "contractsent": ("Chase signature on order form", "Finalize legal redlines", "Procurement review"),
}

OPEN_SHARE = 0.22
"""Share of generated deals still open at `as_of`."""


def win_logit(d: DealPlan, extra: float = 0.0) -> float:
    """The deal's odds of winning: behaviour and fit, before noise."""
    size = math.log10(max(10, d.company.employees))
    return (
        -1.25
        + 0.55 * (d.n_contacts - 2.5)
        + 3.4 * (d.reply_rate - 0.45)
        + 0.2 * (d.discovery_depth - 6)
        + 1.3 * (d.budget_fit - 0.5)
        - 0.25 * (size - 2.6)
        + 0.35 * d.urgency
        - 0.45 * (d.competitor is not None)
        + SOURCE_LIFT.get(d.source, 0.0)
        - 0.15 * math.log(max(d.amount, 1000) / 30_000)
        + extra
    )


def behaviour_logit(d: DealPlan) -> float:
    """The buyer-behaviour and fit terms of `win_logit` (same weights), centred on an average deal."""
    return 0.55 * (d.n_contacts - 2.5) + 3.4 * (d.reply_rate - 0.45) + 1.3 * (d.budget_fit - 0.5) + 0.35 * d.urgency


class DealsBuilder(PeopleBuilder):
    """Plans deals (latents, outcome, dates) and writes them with their contacts, stage history and pushes."""

    def _product_and_amount(self, employees: int) -> tuple[str, float]:
        rng = self.rng
        options: tuple[tuple[str, float], ...]
        if employees < 150:
            options = (("Insight Starter", 6), ("Insight Growth", 3), ("Connectors Add-on", 1))
        elif employees < 1500:
            options = (
                ("Insight Growth", 5),
                ("Insight Enterprise", 2),
                ("Connectors Add-on", 1.5),
                ("Forecasting Add-on", 1.5),
            )
        else:
            options = (("Insight Enterprise", 6), ("Insight Growth", 2), ("Forecasting Add-on", 2))
        product = rng.choices([p for p, _ in options], [w for _, w in options])[0]
        spread = (0.9, 2.6) if product == "Insight Enterprise" else (0.8, 1.6)
        return product, round(words.PRODUCT_LIST_PRICES[product] * rng.uniform(*spread), -2)

    def _latent_deal(self, company: CompanyPlan, created_at: datetime, source: str) -> DealPlan:
        rng = self.rng
        product, amount = self._product_and_amount(company.employees)
        owner_id = company.owner_id if rng.random() < 0.9 else self._owner_for_region(company.region)
        return DealPlan(
            company=company,
            owner_id=owner_id,
            product=product,
            amount=amount,
            source=source,
            created_at=created_at,
            outcome="open",
            stage_idx=0,
            n_contacts=rng.choices((1, 2, 3, 4, 5), (30, 25, 20, 15, 10))[0],
            reply_rate=min(0.95, max(0.03, rng.betavariate(2.0, 2.4))),
            discovery_depth=min(15, 1 + poisson(rng, 5.0)),
            budget_fit=rng.betavariate(2.0, 2.0),
            urgency=rng.choices((1, 0, -1), (30, 40, 30))[0],
            competitor=rng.choice(words.COMPETITORS) if rng.random() < 0.4 else None,
        )

    def _cycle_days(self, d: DealPlan) -> float:
        size = math.log10(max(10, d.company.employees))
        median = 45 * (1 + 0.3 * (size - 2.5)) * (1.25 if d.product == "Insight Enterprise" else 1.0)
        return min(300.0, max(7.0, self.rng.lognormvariate(math.log(max(median, 15)), 0.45)))

    def _random_deal(self, company: CompanyPlan) -> DealPlan:
        rng = self.rng
        source = rng.choices([s for s, _ in DEAL_SOURCES], [w for _, w in DEAL_SOURCES])[0]
        deal = self._latent_deal(company, self.as_of, source)
        if rng.random() < OPEN_SHARE:
            state = rng.choices(("new", "active", "silent"), (12, 48, 40))[0]
            # Open deals thin out down the funnel; later stages have been open longer.
            stage = 0 if state == "new" else rng.choices(range(len(OPEN_STAGES)), (30, 25, 20, 15, 10))[0]
            age = rng.uniform(0.2, 6.0) if state == "new" else max(8.0, (stage + 1) * rng.uniform(7, 28))
            deal.created_at = self.as_of - timedelta(days=age)
            self._make_open(deal, state, stage=stage)
        else:
            self._make_closed(deal, rng.random() < sigmoid(win_logit(deal) + rng.gauss(0, 0.5)))
        return deal

    def _make_closed(self, d: DealPlan, won: bool, *, closed_at: datetime | None = None) -> None:
        """Set a closed deal's outcome, stage reached and dates; `created_at` is kept when `closed_at` is given."""
        rng = self.rng
        d.outcome = "won" if won else "lost"
        d.stage_idx = len(OPEN_STAGES) - 1 if won else rng.choices(range(len(OPEN_STAGES)), (30, 25, 20, 15, 10))[0]
        cycle = self._cycle_days(d) * (1.0 if won else 0.35 + 0.15 * d.stage_idx)
        if closed_at is None:
            cycle = min(cycle, HORIZON_DAYS - 2)
            d.created_at = self.start + timedelta(days=rng.uniform(0, HORIZON_DAYS - 1 - cycle))
            closed_at = d.created_at + timedelta(days=cycle)
        d.closed_at = self._work_time(closed_at, latest=self.as_of - timedelta(hours=12), earliest=d.created_at)
        d.cutoff = d.closed_at
        d.final_expected = (d.closed_at + timedelta(days=rng.uniform(-10, 10))).date()
        d.pushes = rng.choices((0, 1, 2, 3), (60, 25, 10, 5) if won else (40, 30, 20, 10))[0]
        if won:
            d.close_reason = self._won_reason(d)
            d.next_step = "Kickoff with onboarding team"
        else:
            d.close_reason = self._lost_reason(d)

    def _make_open(self, d: DealPlan, state: str, *, stage: int | None = None) -> None:
        """Set an open deal's stage, engagement state (active / silent / new) and upcoming dates."""
        rng = self.rng
        age = (self.as_of - d.created_at).total_seconds() / DAY
        d.outcome, d.open_state = "open", state
        if state == "new":
            d.stage_idx = 0
            d.cutoff = d.created_at - timedelta(seconds=1)  # the buyer has not engaged at all yet
            if rng.random() < 0.5:
                d.future_meeting_at = self._future_meeting(rng.uniform(0.5, 6))
        else:
            d.stage_idx = stage if stage is not None else min(len(OPEN_STAGES) - 1, int(age / rng.uniform(15, 40)))
            if state == "active":
                d.cutoff = self.as_of - timedelta(days=rng.uniform(0.3, 4.0))
                if rng.random() < 0.4:
                    d.future_meeting_at = self._future_meeting(rng.uniform(0.3, 7))
            else:
                silent = rng.randint(5, 30) if rng.random() < 0.9 else rng.randint(31, 45)
                silent = min(silent, max(5, int(age) - 3))
                d.cutoff = self.as_of - timedelta(days=silent + rng.uniform(0.05, 0.9))
                d.chase_emails = rng.choices((0, 1, 2), (30, 45, 25))[0]
                if rng.random() < 0.08:
                    d.future_meeting_at = self._future_meeting(rng.uniform(1, 7))
            d.cutoff = max(d.cutoff, d.created_at + timedelta(hours=2))
            d.force_buyer = True
        d.pushes = rng.choices((0, 1, 2, 3), (50, 30, 15, 5))[0] if age > 20 else 0
        d.final_expected = (self.as_of + timedelta(days=rng.uniform(-12, 90))).date()
        d.next_step = rng.choice(NEXT_STEPS[OPEN_STAGES[d.stage_idx]])

    def _won_reason(self, d: DealPlan) -> str:
        if d.competitor and self.rng.random() < 0.5:
            return f"Won against {d.competitor}: faster setup and better connectors"
        if d.n_contacts >= 3 and self.rng.random() < 0.4:
            return "Executive sponsor pushed it through"
        return self.rng.choice(WON_REASONS)

    def _lost_reason(self, d: DealPlan) -> str:
        options: list[tuple[str, float]] = [
            ("Chose to build in-house", 0.5),
            ("Missing feature: Salesforce CPQ integration", 0.4),
            ("Champion left the company", 0.3),
            ("No decision: went dark", 0.6 + 2.0 * (d.reply_rate < 0.3)),
            ("Timing: project postponed", 0.4 + 1.6 * (d.urgency < 0)),
            ("No budget", 0.3 + 2.0 * (d.budget_fit < 0.35)),
            ("Price too high", 0.4 + 1.2 * (d.budget_fit < 0.5)),
        ]
        if d.competitor:
            options.append((f"Lost to competitor: {d.competitor}", 3.0))
        return self.rng.choices([o for o, _ in options], [w for _, w in options])[0]

    def _future_meeting(self, days_ahead: float) -> datetime:
        t = self.as_of + timedelta(days=days_ahead)
        if t.weekday() >= 5:
            t += timedelta(days=7 - t.weekday())
        t = t.replace(hour=self.rng.choice((14, 15, 16, 17, 18, 19, 20)), minute=self.rng.choice((0, 30)), second=0)
        t = t.replace(microsecond=0)
        return t if t > self.as_of + timedelta(minutes=30) else t + timedelta(days=1)

    def _mark_expansions(self, deals: list[DealPlan]) -> None:
        """Label a deal `expansion` only when its company already won one before it was created."""
        won_at: dict[int, datetime] = {}
        for d in deals:
            first_win = won_at.get(d.company.id)
            if d.source == "expansion" and (first_win is None or first_win > d.created_at):
                d.source = "outbound"
            elif d.source == "outbound" and first_win is not None and first_win < d.created_at and d.company.id % 2:
                d.source = "expansion"
            if d.outcome == "won" and d.closed_at is not None:
                won_at[d.company.id] = min(won_at.get(d.company.id, d.closed_at), d.closed_at)

    def _pick_transcripts(self, deals: list[DealPlan]) -> None:
        forced = sum(1 for d in deals if d.transcript)
        eligible = [d for d in deals if not d.transcript and d.open_state != "new"]
        for d in self.rng.sample(eligible, k=max(0, min(len(eligible), self.spec.transcripts - forced))):
            d.transcript = True

    def _write_deals(self, deals: list[DealPlan]) -> None:
        rows = []
        for d in deals:
            stage = OPEN_STAGES[d.stage_idx] if d.outcome == "open" else CLOSED_STAGES[d.outcome == "lost"]
            assert d.final_expected is not None
            rows.append(
                {
                    "id": d.id,
                    "hubspot_id": None,
                    "name": f"{d.company.name} - {d.product}",
                    "company_id": d.company.id,
                    "owner_id": d.owner_id,
                    "pipeline": "default",
                    "stage": stage,
                    "amount": d.amount,
                    "currency": "USD",
                    "product": d.product,
                    "source": d.source,
                    "close_date": d.closed_at.date() if d.closed_at else d.final_expected,
                    "created_at": d.created_at,
                    "closed_at": d.closed_at,
                    "is_closed": d.outcome != "open",
                    "is_won": d.outcome == "won",
                    "close_reason": d.close_reason,
                    "next_step": d.next_step,
                    "updated_at": d.closed_at or max(d.cutoff or d.created_at, d.created_at),
                }
            )
            if len(rows) == BATCH:
                self.writer.write(Deal, rows, "deals")
                self._tick("deals", self.stats.deals, len(deals))
                rows = []
        self.writer.write(Deal, rows, "deals")
        self._tick("deals", self.stats.deals, len(deals))

    # -- per-deal rows: buying group, stage history, close-date pushes --

    def _emit_deal_contacts(self, d: DealPlan) -> None:
        rng = self.rng
        pool = d.company.contact_ids
        if d.contact_roles is not None:  # scripted: the first contacts of the company, in order
            chosen = pool[: len(d.contact_roles)]
            roles = list(d.contact_roles)
        else:
            chosen = rng.sample(pool, k=min(d.n_contacts, len(pool)))
            chosen = insights.tilt_buying_group(d, chosen, pool, self.contacts, self.insights_rng)
            order = {"c_level": 0, "vp": 1, "director": 2, "manager": 3, "individual": 4}
            chosen.sort(key=lambda cid: order.get(self.contacts[cid]["seniority"], 5))
            if len(chosen) == 1:
                roles = [rng.choice(("champion", "user"))]
            else:
                # The most senior person is the economic buyer; the champion is next; then evaluators and users.
                roles = ["economic_buyer", "champion", "technical_evaluator"] + ["user"] * len(chosen)
                roles = roles[: len(chosen)]
        d.contact_ids = chosen
        for cid, role in zip(chosen, roles, strict=True):
            self.writer.buffer(DealContact, "deal_contacts", {"deal_id": d.id, "contact_id": cid, "role": role})

    def _emit_stage_history(self, d: DealPlan) -> None:
        rng = self.rng
        path = list(OPEN_STAGES[: d.stage_idx + 1])
        if d.outcome == "won" and rng.random() < 0.2:
            path.pop(rng.randint(1, len(path) - 2))  # some wins skip a middle stage
        if d.outcome != "open":
            path.append("closedwon" if d.outcome == "won" else "closedlost")
        end = (
            d.closed_at
            if d.closed_at
            else max(d.created_at + timedelta(minutes=5), min(d.cutoff or self.as_of, self.as_of))
        )
        span = (end - d.created_at).total_seconds()
        moments = sorted(rng.uniform(0.05, 0.95) * span for _ in range(len(path) - 1))
        times = [d.created_at] + [d.created_at + timedelta(seconds=s) for s in moments]
        if d.closed_at:
            times[-1] = d.closed_at
        prev = None
        for stage, at in zip(path, times, strict=True):
            self.ids["stage"] += 1
            self.writer.buffer(
                DealStageChange,
                "stage_changes",
                {"id": self.ids["stage"], "deal_id": d.id, "from_stage": prev, "to_stage": stage, "changed_at": at},
            )
            prev = stage

    def _emit_close_date_changes(self, d: DealPlan) -> None:
        """Write `pushes` moves of the expected close date, built backwards from the final expected date."""
        if not d.pushes:
            return
        rng = self.rng
        assert d.final_expected is not None
        new_dates = [d.final_expected]
        for _ in range(d.pushes):
            new_dates.insert(0, new_dates[0] - timedelta(days=rng.randint(14, 35)))
        end = d.closed_at or self.as_of
        lo, hi = d.created_at + timedelta(hours=1), end - timedelta(hours=1)
        times = []
        for old in new_dates[:-1]:
            moment = datetime(old.year, old.month, old.day, 15, tzinfo=UTC) - timedelta(days=rng.uniform(0, 6))
            times.append(clamp(moment, lo, max(lo, hi)))
        times.sort()
        for i, at in enumerate(times):
            self.ids["push"] += 1
            self.writer.buffer(
                CloseDateChange,
                "close_date_changes",
                {
                    "id": self.ids["push"],
                    "deal_id": d.id,
                    "old_date": new_dates[i],
                    "new_date": new_dates[i + 1],
                    "changed_at": at,
                },
            )
