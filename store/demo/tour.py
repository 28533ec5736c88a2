"""The tour's memorable accounts ("Acme Corp", "Globex", ...): fixed companies and scripted deals at every size."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from store.demo.deals import DealsBuilder
from store.demo.plans import CompanyPlan, DealPlan
from store.models import OPEN_STAGES

# The tour's accounts. Their deals are scripted; everything else about them (activity, text) is generated.
MEMORABLE: tuple[dict[str, Any], ...] = (
    {
        "name": "Acme Corp",
        "domain": "acme.com",
        "industry": "Software",
        "employees": 1200,
        "region": "NA-East",
        "owner": "Dana Whitfield",
        "contacts": (
            ("Priya", "Raman", "VP Revenue Operations", "vp"),
            ("Marcus", "Bell", "CFO", "c_level"),
            ("Tom", "Alvarez", "Director of Data Engineering", "director"),
            ("Jenna", "Park", "Sales Operations Manager", "manager"),
        ),
        "deal": {
            "outcome": "open",
            "state": "active",
            "stage": "contractsent",
            "product": "Insight Enterprise",
            "amount": 120_000.0,
            "age_days": 78,
            "roles": ("champion", "economic_buyer", "technical_evaluator", "user"),
            "reply_rate": 0.8,
            "discovery": 10,
            "budget_fit": 0.7,
            "urgency": 1,
            "competitor": "DataPilot",
            "last_buyer_days_ago": 1,
            "meeting_in_days": 1,
            "close_in_days": 14,
            "transcript": True,
            "transcript_days_ago": 3,
            "objections": ["pricing", "competitor"],
            "next_step": "CFO review of the order form at tomorrow's meeting; send revised pricing",
        },
    },
    {
        "name": "Globex",
        "domain": "globex.com",
        "industry": "Manufacturing",
        "employees": 3400,
        "region": "NA-West",
        "owner": "Kenji Watanabe",
        "deal": {
            "outcome": "open",
            "state": "silent",
            "stage": "presentationscheduled",
            "product": "Insight Growth",
            "amount": 48_000.0,
            "age_days": 55,
            "roles": ("champion", "user"),
            "reply_rate": 0.4,
            "last_buyer_days_ago": 9,
            "chase": 2,
            "close_in_days": 20,
            "next_step": "Get the demo follow-up back on the calendar",
        },
    },
    {
        "name": "Initech",
        "domain": "initech.com",
        "industry": "Software",
        "employees": 2600,
        "region": "NA-Central",
        "owner": "Emily Nakamura",
        "deal": {
            "outcome": "open",
            "state": "active",
            "stage": "decisionmakerboughtin",
            "product": "Insight Enterprise",
            "amount": 250_000.0,
            "age_days": 120,
            "roles": ("champion",),
            "reply_rate": 0.5,
            "last_buyer_days_ago": 3,
            "pushes": 2,
            "close_in_days": 30,
            "next_step": "Get an introduction to the economic buyer",
        },
    },
    {
        "name": "Umbrella Corporation",
        "domain": "umbrellacorp.com",
        "industry": "Biotech",
        "employees": 8000,
        "region": "NA-East",
        "owner": "Jamal Carter",
        "deal": {
            "outcome": "won",
            "closed": "last_quarter",
            "product": "Insight Enterprise",
            "amount": 90_000.0,
            "age_days": 95,
            "roles": ("economic_buyer", "champion", "technical_evaluator", "user"),
            "reply_rate": 0.7,
            "close_reason": "Strong champion and clear ROI on forecasting",
        },
    },
    {
        "name": "Hooli",
        "domain": "hooli.com",
        "industry": "Software",
        "employees": 5200,
        "region": "NA-West",
        "owner": "Aisha Rahman",
        "deal": {
            "outcome": "lost",
            "closed_days_ago": 40,
            "lost_at": 3,
            "product": "Insight Enterprise",
            "amount": 140_000.0,
            "age_days": 70,
            "roles": ("economic_buyer", "champion"),
            "reply_rate": 0.45,
            "competitor": "Metricly",
            "close_reason": "Lost to competitor: Metricly",
            "transcript": True,
            "transcript_days_ago": 55,
            "objections": ["competitor", "pricing"],
        },
    },
    {
        "name": "Stark Industries",
        "domain": "starkindustries.com",
        "industry": "Manufacturing",
        "employees": 15000,
        "region": "NA-West",
        "owner": "Megan Foster",
        "deal": {
            "outcome": "open",
            "state": "active",
            "stage": "qualifiedtobuy",
            "product": "Insight Enterprise",
            "amount": 96_000.0,
            "age_days": 21,
            "roles": ("economic_buyer", "champion", "technical_evaluator"),
            "reply_rate": 0.7,
            "last_buyer_days_ago": 2,
            "meeting_in_days": 3,
            "close_in_days": 60,
        },
    },
    {
        "name": "Wayne Enterprises",
        "domain": "wayneenterprises.com",
        "industry": "Financial Services",
        "employees": 9000,
        "region": "NA-East",
        "owner": "Grace Okafor",
        "deal": {
            "outcome": "open",
            "state": "new",
            "stage": "appointmentscheduled",
            "product": "Insight Growth",
            "amount": 60_000.0,
            "age_days": 2,
            "roles": ("champion",),
            "reply_rate": 0.5,
            "close_in_days": 75,
            "next_step": "Book the discovery call",
        },
    },
    {
        "name": "Soylent",
        "domain": "soylent.com",
        "industry": "Consumer Goods",
        "employees": 700,
        "region": "NA-West",
        "owner": "Tyler Nguyen",
        "deal": {
            "outcome": "open",
            "state": "silent",
            "stage": "presentationscheduled",
            "product": "Insight Growth",
            "amount": 42_000.0,
            "age_days": 90,
            "roles": ("champion", "user"),
            "reply_rate": 0.3,
            "last_buyer_days_ago": 21,
            "chase": 1,
            "pushes": 1,
            "close_in_days": -6,
        },
    },
    {
        "name": "Cyberdyne Systems",
        "domain": "cyberdyne.com",
        "industry": "Manufacturing",
        "employees": 4100,
        "region": "NA-Central",
        "owner": "Luis Ortega",
        "deal": {
            "outcome": "won",
            "closed_days_ago": 240,
            "product": "Insight Enterprise",
            "amount": 180_000.0,
            "age_days": 110,
            "roles": ("economic_buyer", "champion", "technical_evaluator", "user"),
            "reply_rate": 0.75,
            "close_reason": "Executive sponsor pushed it through",
        },
    },
    {
        "name": "Vandelay Industries",
        "domain": "vandelay.com",
        "industry": "Logistics",
        "employees": 450,
        "region": "NA-East",
        "owner": "Grace Okafor",
        "deal": {
            "outcome": "lost",
            "closed_days_ago": 150,
            "lost_at": 2,
            "product": "Insight Growth",
            "amount": 36_000.0,
            "age_days": 45,
            "roles": ("champion",),
            "reply_rate": 0.2,
            "budget_fit": 0.2,
            "close_reason": "No budget",
            "pushes": 2,
        },
    },
)


class TourBuilder(DealsBuilder):
    """Plans the memorable companies and their deals, dated relative to `as_of`."""

    def _memorable_companies(self) -> list[CompanyPlan]:
        plans = []
        for cid, spec in enumerate(MEMORABLE, start=1):
            self.used_names.add(spec["name"])
            self.used_domains.add(spec["domain"])
            owner = self.owner_by_name[spec["owner"]]
            plans.append(
                CompanyPlan(
                    id=cid,
                    name=spec["name"],
                    domain=spec["domain"],
                    industry=spec["industry"],
                    employees=spec["employees"],
                    revenue=spec["employees"] * 210_000.0,
                    region=spec["region"],
                    owner_id=owner["id"],
                    created_at=self.start - timedelta(days=200),
                    memorable=True,
                    scripted_contacts=list(spec.get("contacts", ())),
                )
            )
        return plans

    def _memorable_deals(self, companies: list[CompanyPlan]) -> list[DealPlan]:
        """The tour's deals: fixed shapes, dated relative to `as_of`, drawn from their own seeded stream."""
        main_rng = self.rng
        self.rng = random.Random(f"{self.seed}-memorable")
        try:
            by_name = {c.name: c for c in companies if c.memorable}
            return [self._memorable_deal(by_name[spec["name"]], spec["deal"]) for spec in MEMORABLE]
        finally:
            self.rng = main_rng

    def _memorable_deal(self, company: CompanyPlan, spec: dict[str, Any]) -> DealPlan:
        """One tour deal: its scripted latents, then its outcome and dates relative to `as_of`."""
        d = DealPlan(
            company=company,
            owner_id=company.owner_id,
            product=spec["product"],
            amount=spec["amount"],
            source=spec.get("source", "outbound"),
            created_at=self.as_of - timedelta(days=spec["age_days"]),
            outcome="open",
            stage_idx=0,
            n_contacts=len(spec["roles"]),
            reply_rate=spec["reply_rate"],
            discovery_depth=spec.get("discovery", 7),
            budget_fit=spec.get("budget_fit", 0.6),
            urgency=spec.get("urgency", 0),
            competitor=spec.get("competitor"),
            contact_roles=list(spec["roles"]),
            transcript=spec.get("transcript", False),
            transcript_objections=spec.get("objections"),
        )
        if spec["outcome"] in ("won", "lost"):
            self._script_closed(d, spec)
        else:
            self._script_open(d, spec)
        if d.transcript:
            d.transcript_at = self._work_time(
                self.as_of - timedelta(days=spec["transcript_days_ago"]),
                latest=d.cutoff or self.as_of,
                earliest=d.created_at,
            )
        return d

    def _script_closed(self, d: DealPlan, spec: dict[str, Any]) -> None:
        """A won or lost tour deal: closed `closed_days_ago` (or 20 days before this quarter), at the given stage."""
        outcome = spec["outcome"]
        if spec.get("closed") == "last_quarter":
            q_start = date(self.as_of.year, 3 * ((self.as_of.month - 1) // 3) + 1, 1)
            closed = datetime(q_start.year, q_start.month, q_start.day, 18, tzinfo=UTC) - timedelta(days=20)
        else:
            closed = self.as_of - timedelta(days=spec["closed_days_ago"])
        d.created_at = closed - timedelta(days=spec["age_days"])
        self._make_closed(d, outcome == "won", closed_at=closed)
        d.closed_at = closed
        d.cutoff = closed
        d.stage_idx = spec.get("lost_at", d.stage_idx) if outcome == "lost" else len(OPEN_STAGES) - 1
        d.close_reason = spec.get("close_reason", d.close_reason)
        d.pushes = spec.get("pushes", 0)

    def _script_open(self, d: DealPlan, spec: dict[str, Any]) -> None:
        """An open tour deal: its stage, when the buyer last engaged, chases, a booked meeting, the expected close."""
        state = spec["state"]
        self._make_open(d, state)
        d.stage_idx = OPEN_STAGES.index(spec["stage"])
        if state != "new":
            d.cutoff = self.as_of - timedelta(days=spec["last_buyer_days_ago"], hours=2)
            d.force_buyer_kind = spec.get("last_buyer_kind", "email")
        d.chase_emails = spec.get("chase", 0)
        d.future_meeting_at = None
        if "meeting_in_days" in spec:
            d.future_meeting_at = self._local_meeting(d.company.owner_id, spec["meeting_in_days"], 10)
        d.pushes = spec.get("pushes", 0)
        d.final_expected = (self.as_of + timedelta(days=spec["close_in_days"])).date()
        d.next_step = spec.get("next_step", d.next_step)

    def _local_meeting(self, owner_id: int, days_ahead: int, hour: int) -> datetime:
        """A meeting at `hour` o'clock in the owner's timezone, `days_ahead` calendar days from `as_of` there."""
        zone = ZoneInfo(self.owners[owner_id - 1]["timezone"])
        local_day = self.as_of.astimezone(zone).date() + timedelta(days=days_ahead)
        return datetime(local_day.year, local_day.month, local_day.day, hour, tzinfo=zone).astimezone(UTC)
