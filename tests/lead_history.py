"""Hand-made lead history for tests: leads whose won/lost outcome follows budget, size, timeline and notes."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from store.models import Deal, InboundLead
from tools.leads.form import dedupe_key

GOOD_NOTES = "We run renewals in spreadsheets and must replace them; budget approved, go-live this quarter."
PLAIN_NOTES = "Interested in a demo."
SPAM_NOTES = "BEST SEO SERVICES!!! rank your website, click here http://cheap-seo.biz"


def add_history(
    engine: Engine, n: int = 150, *, seed: int = 3, start: datetime | None = None, prefix: str = "c"
) -> None:
    """Insert `n` decided leads (about a third won) submitted over the year before `start`."""
    rng = random.Random(seed)
    start = start or datetime(2026, 1, 1, tzinfo=UTC)
    with Session(engine) as session:
        for i in range(n):
            budget = rng.choice([2_000, 10_000, 25_000, 60_000, 150_000])
            employees = rng.choice([5, 40, 150, 800, 3000])
            timeline = rng.choice(["this quarter", "3-6 months", "next year"])
            notes = rng.choice([GOOD_NOTES, PLAIN_NOTES, SPAM_NOTES])
            odds = (
                (budget >= 25_000) * 1.2
                + (employees >= 150) * 1.0
                + (timeline == "this quarter") * 1.0
                + (notes == GOOD_NOTES) * 1.0
                - (notes == SPAM_NOTES) * 2.0
                - 2.0
            )
            won = rng.random() < 1 / (1 + 2.718**-odds)
            submitted = start - timedelta(days=365 - i * 365 // n)
            deal = Deal(name=f"Lead {i}", stage="closedwon" if won else "closedlost", is_closed=True, is_won=won)
            session.add(deal)
            session.flush()
            email = f"buyer{i}@{prefix}{i}.com"
            session.add(
                InboundLead(
                    dedupe_key=dedupe_key(email, f"{prefix}{i}.com"),
                    submitted_at=submitted,
                    company_name=f"Company {i}",
                    domain=f"{prefix}{i}.com",
                    employee_count=employees,
                    budget=float(budget),
                    interest_area=rng.choice(["forecasting", "pipeline"]),
                    timeline=timeline,
                    notes=notes,
                    contact_email=email,
                    deal_id=deal.id,
                    status="converted",
                )
            )
        session.commit()
