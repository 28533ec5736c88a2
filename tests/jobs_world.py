"""A small hand-made sales book for the jobs tests, with every number the tests expect worked out by hand.

`NOW` is Monday 30 Nov 2026 09:00 in New York (14:00 UTC), the digest's fire time; "last week" is Mon 23 – Sun 29 Nov
2026 (ISO 2026-W48); the trailing 8 weeks start Mon 28 Sep 2026.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Engine
from sqlmodel import Session

from store.models import (
    Call,
    CloseDateChange,
    Company,
    Deal,
    DealContact,
    DealStageChange,
    Engagement,
    InboundLead,
    Owner,
    is_buyer_engagement,
)

NOW = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)


def at(month: int, day: int, hour: int = 15) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


@dataclass
class World:
    owners: dict[str, int] = field(default_factory=dict)
    companies: dict[str, int] = field(default_factory=dict)
    deals: dict[str, int] = field(default_factory=dict)
    leads: dict[str, int] = field(default_factory=dict)
    engagements: dict[str, list[int]] = field(default_factory=dict)


def engagement(s: Session, w: World, tag: str, **kw) -> Engagement:
    e = Engagement(buyer_engaged=is_buyer_engagement(kw["type"], kw.get("direction"), kw.get("status")), **kw)
    s.add(e)
    s.flush()
    w.engagements.setdefault(tag, []).append(e.id)
    return e


def build_world(engine: Engine) -> World:
    w = World()
    with Session(engine) as s:
        for key, name, team, role, slack in (
            ("ann", "Ann Archer", "east", "ae", "UANN"),
            ("bob", "Bob Baker", "east", "ae", "UBOB"),
            ("meg", "Meg Manager", "east", "manager", "UMEG"),
            ("zed", "Zed Zimmer", "west", "ae", "UZED"),
        ):
            o = Owner(name=name, email=f"{key}@example.com", team=team, role=role, slack_user_id=slack)
            s.add(o)
            s.flush()
            w.owners[key] = o.id
        for key, name, industry, employees in (
            ("acme", "Acme Corp", "manufacturing", 120),
            ("globex", "Globex", "finance", 2000),
            ("initech", "Initech", "software", 30),
            ("hooli", "Hooli", "software", 40),
            ("umbrella", "Umbrella", "health", 500),
        ):
            c = Company(name=name, industry=industry, employees=employees)
            s.add(c)
            s.flush()
            w.companies[key] = c.id
        o, c = w.owners, w.companies

        def deal(key: str, **kw) -> Deal:
            d = Deal(**kw)
            s.add(d)
            s.flush()
            w.deals[key] = d.id
            return d

        # 1. open, high risk (85): silent since 2 Nov, 59 days in Contract sent, 2 pushes and overdue, $80k alone
        d1 = deal(
            "acme_expansion",
            name="Acme expansion",
            company_id=c["acme"],
            owner_id=o["ann"],
            stage="contractsent",
            amount=80_000,
            close_date=date(2026, 11, 20),
            created_at=at(8, 1),
            source="outbound",
        )
        s.add(
            DealStageChange(
                deal_id=d1.id, from_stage="decisionmakerboughtin", to_stage="contractsent", changed_at=at(10, 1)
            )
        )
        s.add(
            CloseDateChange(
                deal_id=d1.id, old_date=date(2026, 10, 1), new_date=date(2026, 10, 30), changed_at=at(9, 20)
            )
        )
        s.add(
            CloseDateChange(
                deal_id=d1.id, old_date=date(2026, 10, 30), new_date=date(2026, 11, 20), changed_at=at(10, 25)
            )
        )
        engagement(
            s,
            w,
            "d1_last_buyer",
            type="email",
            direction="inbound",
            deal_id=d1.id,
            company_id=c["acme"],
            owner_id=o["ann"],
            occurred_at=at(11, 2),
        )
        # 2. open, healthy, created last week
        d2 = deal(
            "globex_platform",
            name="Globex platform",
            company_id=c["globex"],
            owner_id=o["bob"],
            stage="qualifiedtobuy",
            amount=30_000,
            created_at=at(11, 24),
            source="inbound",
        )
        s.add(DealStageChange(deal_id=d2.id, from_stage=None, to_stage="appointmentscheduled", changed_at=at(11, 24)))
        s.add(
            DealStageChange(
                deal_id=d2.id, from_stage="appointmentscheduled", to_stage="qualifiedtobuy", changed_at=at(11, 26)
            )
        )
        engagement(
            s,
            w,
            "bob_reply",
            type="email",
            direction="inbound",
            deal_id=d2.id,
            owner_id=o["bob"],
            company_id=c["globex"],
            occurred_at=at(11, 27),
        )
        engagement(
            s,
            w,
            "d2_booked",
            type="meeting",
            status="scheduled",
            deal_id=d2.id,
            owner_id=o["bob"],
            company_id=c["globex"],
            occurred_at=at(12, 1),
            subject="Globex demo",
        )
        # 3. and 6. won last week (software, referral, 1-49 employees)
        d3 = deal(
            "initech_renewal",
            name="Initech renewal",
            company_id=c["initech"],
            owner_id=o["ann"],
            stage="closedwon",
            amount=20_000,
            created_at=at(9, 1),
            closed_at=at(11, 25),
            is_closed=True,
            is_won=True,
            close_reason="champion drove it",
            source="referral",
        )
        s.add(
            DealStageChange(
                deal_id=d3.id, from_stage="decisionmakerboughtin", to_stage="contractsent", changed_at=at(11, 15)
            )
        )
        s.add(DealStageChange(deal_id=d3.id, from_stage="contractsent", to_stage="closedwon", changed_at=at(11, 25)))
        d6 = deal(
            "initech_addon",
            name="Initech add-on",
            company_id=c["initech"],
            owner_id=o["bob"],
            stage="closedwon",
            amount=5_000,
            created_at=at(10, 1),
            closed_at=at(11, 27),
            is_closed=True,
            is_won=True,
            close_reason="champion drove it",
            source="referral",
        )
        s.add(
            DealStageChange(
                deal_id=d6.id, from_stage="decisionmakerboughtin", to_stage="contractsent", changed_at=at(11, 20)
            )
        )
        s.add(DealStageChange(deal_id=d6.id, from_stage="contractsent", to_stage="closedwon", changed_at=at(11, 27)))
        # 4. lost last week
        d4 = deal(
            "acme_pilot",
            name="Acme pilot",
            company_id=c["acme"],
            owner_id=o["bob"],
            stage="closedlost",
            amount=15_000,
            created_at=at(9, 15),
            closed_at=at(11, 26),
            is_closed=True,
            is_won=False,
            close_reason="price",
            source="inbound",
        )
        s.add(
            DealStageChange(
                deal_id=d4.id, from_stage="presentationscheduled", to_stage="closedlost", changed_at=at(11, 26)
            )
        )
        # 7-10. lost in the trailing 8 weeks: software, 1-49 employees, outbound
        for i, day in enumerate((5, 12, 19, 26)):
            deal(
                f"hooli_{i}",
                name=f"Hooli {i}",
                company_id=c["hooli"],
                owner_id=o["ann"],
                stage="closedlost",
                amount=10_000,
                created_at=at(9, 1),
                closed_at=at(10, day),
                is_closed=True,
                is_won=False,
                close_reason="no decision",
                source="outbound",
            )
        # 11. open, moved backwards last week, buyer never engaged: risk 40 (below the alert score)
        d11 = deal(
            "globex_backslide",
            name="Globex backslide",
            company_id=c["globex"],
            owner_id=o["bob"],
            stage="decisionmakerboughtin",
            amount=40_000,
            created_at=at(9, 1),
            source="outbound",
        )
        s.add(
            DealStageChange(
                deal_id=d11.id, from_stage="contractsent", to_stage="decisionmakerboughtin", changed_at=at(11, 24)
            )
        )
        # west: must never show in east's digest
        dz = deal(
            "umbrella_west",
            name="Umbrella west",
            company_id=c["umbrella"],
            owner_id=o["zed"],
            stage="contractsent",
            amount=90_000,
            created_at=at(11, 24),
            close_date=date(2026, 11, 1),
            source="inbound",
        )
        s.add(DealStageChange(deal_id=dz.id, from_stage=None, to_stage="contractsent", changed_at=at(11, 24)))

        # AE activity last week. Ann: 10 calls (2 connected), 10 emails sent, 1 reply, 0 meetings.
        for i in range(10):
            engagement(
                s,
                w,
                "ann_calls",
                type="call",
                direction="outbound",
                status="connected" if i < 2 else "no_answer",
                owner_id=o["ann"],
                occurred_at=at(11, 23 + i % 5, 14),
            )
        for i in range(10):
            engagement(
                s,
                w,
                "ann_emails",
                type="email",
                direction="outbound",
                owner_id=o["ann"],
                occurred_at=at(11, 23 + i % 5, 16),
            )
        engagement(
            s,
            w,
            "ann_reply",
            type="email",
            direction="inbound",
            owner_id=o["ann"],
            deal_id=d3.id,
            occurred_at=at(11, 24, 18),
        )
        # Bob: 2 calls (both connected), 4 emails sent, 3 replies (one above: bob_reply), 1 meeting held.
        for i in range(2):
            engagement(
                s,
                w,
                "bob_calls",
                type="call",
                direction="outbound",
                status="connected",
                owner_id=o["bob"],
                deal_id=d2.id,
                occurred_at=at(11, 24 + i, 14),
            )
        for i in range(4):
            engagement(
                s,
                w,
                "bob_emails",
                type="email",
                direction="outbound",
                owner_id=o["bob"],
                deal_id=d2.id,
                occurred_at=at(11, 23 + i, 16),
            )
        # two in-week replies on d4 (a closed deal: activity still counts for coaching)
        for i in range(2):
            engagement(
                s,
                w,
                "bob_reply",
                type="email",
                direction="inbound",
                owner_id=o["bob"],
                deal_id=d4.id,
                occurred_at=at(11, 23 + i, 20),
            )
        engagement(
            s,
            w,
            "bob_meeting",
            type="meeting",
            status="completed",
            owner_id=o["bob"],
            deal_id=d2.id,
            occurred_at=at(11, 25, 17),
        )
        # activity outside the week and of the other team: never counted
        engagement(
            s,
            w,
            "noise",
            type="call",
            direction="outbound",
            status="connected",
            owner_id=o["ann"],
            occurred_at=at(
                11,
                30,
                13,
            ),
        )  # Monday 08:00 New York: this week, not last week
        engagement(
            s,
            w,
            "noise",
            type="call",
            direction="outbound",
            status="connected",
            owner_id=o["zed"],
            occurred_at=at(11, 25, 14),
        )
        # recorded calls of Ann: 10 and 20 minutes
        for seconds, day in ((600, 23), (1200, 24)):
            s.add(Call(owner_id=o["ann"], deal_id=d1.id, started_at=at(11, day, 14), duration_seconds=seconds))

        # inbound leads (none scored yet → the budget rule)
        for key, budget, submitted, status, owner in (
            ("big", 120_000, at(11, 24), "new", None),
            ("mid", 60_000, at(11, 25), "assigned", o["bob"]),
            ("small", 10_000, at(11, 26), "new", None),
            ("junk", 500_000, at(11, 26), "disqualified", None),
            ("old", 200_000, at(11, 20), "new", None),
            ("west", 300_000, at(11, 25), "assigned", o["zed"]),
        ):
            lead = InboundLead(
                dedupe_key=key,
                submitted_at=submitted,
                company_name=f"{key.title()} Inc",
                budget=budget,
                status=status,
                owner_id=owner,
            )
            s.add(lead)
            s.flush()
            w.leads[key] = lead.id
        s.commit()
    return w


def add_contact(engine: Engine, deal_id: int, role: str | None = None) -> int:
    from store.models import Contact

    with Session(engine) as s:
        contact = Contact(first_name="Pat", last_name=f"Buyer{deal_id}")
        s.add(contact)
        s.flush()
        s.add(DealContact(deal_id=deal_id, contact_id=contact.id, role=role))
        s.commit()
        return contact.id
