"""A hand-made sales history for the deal-intelligence tests: closed deals whose outcome follows a known rule.

`build(engine, rule=...)` writes owners, companies, deals with stage moves, and email threads. With
`rule="engagement"` the buyer's replies decide the outcome (the learned model must find it); with `rule="owner"` only
the owner does (the owner's win rate is all there is to learn). Seeded: the same call writes the same rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from store.models import Company, Deal, DealStageChange, Engagement, Owner

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
START = NOW - timedelta(days=420)


@dataclass
class World:
    """Ids of what was written."""

    owners: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    open: list[int] = field(default_factory=list)
    engaged_open: list[int] = field(default_factory=list)
    quiet_open: list[int] = field(default_factory=list)


def _deal(
    s: Session, rng: random.Random, i: int, owner: int, created: datetime, engaged: bool, outcome: bool | None
) -> Deal:
    company = Company(id=i + 1, name=f"Company {i:03d}", industry=rng.choice(["Retail", "Health", "Software"]),
                      employees=300)  # fmt: skip
    s.add(company)
    closed_at = created + timedelta(days=rng.randint(30, 80)) if outcome is not None else None
    stage = "closedwon" if outcome else "closedlost" if outcome is False else "qualifiedtobuy"
    deal = Deal(
        id=i + 1,
        name=f"Company {i:03d} deal",
        company_id=company.id,
        owner_id=owner,
        stage=stage,
        amount=20_000.0 + 1_000 * (i % 7),
        product="Insight Growth",
        source="inbound",
        created_at=created,
        closed_at=closed_at,
        close_date=(closed_at or NOW + timedelta(days=20)).date(),
        is_closed=outcome is not None,
        is_won=bool(outcome),
    )
    s.add(deal)
    s.add(DealStageChange(deal_id=deal.id, from_stage=None, to_stage="appointmentscheduled", changed_at=created))
    s.add(
        DealStageChange(
            deal_id=deal.id,
            from_stage="appointmentscheduled",
            to_stage="qualifiedtobuy",
            changed_at=created + timedelta(days=10),
        )
    )
    if closed_at is not None:
        s.add(DealStageChange(deal_id=deal.id, from_stage="qualifiedtobuy", to_stage=stage, changed_at=closed_at))
    end = closed_at or NOW
    t = created + timedelta(days=2)
    while t < end - timedelta(days=1):
        s.add(Engagement(type="email", deal_id=deal.id, company_id=company.id, owner_id=owner,
                         direction="outbound", occurred_at=t))  # fmt: skip
        if rng.random() < (0.75 if engaged else 0.08):
            s.add(
                Engagement(type="email", deal_id=deal.id, company_id=company.id, owner_id=owner,
                           direction="inbound", occurred_at=t + timedelta(hours=20), buyer_engaged=True)
            )  # fmt: skip
        t += timedelta(days=6)
    return deal


def build(engine: Engine, *, rule: str = "engagement", closed: int = 260, open_deals: int = 20, seed: int = 3) -> World:
    """Write the history; return the ids."""
    rng = random.Random(seed)
    world = World()
    with Session(engine) as s:
        for n, (name, team) in enumerate([("Dana Reyes", "East"), ("Jamal Carter", "East"), ("Ana Ortiz", "West")]):
            o = Owner(name=name, email=f"ae{n}@example.com", team=team, role="ae")
            s.add(o)
            s.flush()
            world.owners.append(o.id)  # type: ignore[arg-type]
        for i in range(closed):
            owner = world.owners[i % 3]
            created = START + timedelta(days=i * 300 / closed)
            engaged = rng.random() < 0.5
            if rule == "engagement":
                won = rng.random() < (0.85 if engaged else 0.12)
            else:
                won = rng.random() < (0.8, 0.5, 0.15)[i % 3]
            world.closed.append(_deal(s, rng, i, owner, created, engaged, won).id)  # type: ignore[arg-type]
        for j in range(open_deals):
            engaged = j % 2 == 0
            created = NOW - timedelta(days=40)
            deal = _deal(s, rng, closed + j, world.owners[j % 3], created, engaged, None)
            world.open.append(deal.id)  # type: ignore[arg-type]
            (world.engaged_open if engaged else world.quiet_open).append(deal.id)  # type: ignore[arg-type]
        s.commit()
    return world


__all__ = ["NOW", "World", "build", "date"]
