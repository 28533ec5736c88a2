"""A small CRM around the Acme discovery call (tests/data/calls/discovery_acme.*): the AE, the buyer, the deal."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine

from store.db import session_scope
from store.models import Company, Contact, Deal, DealContact, Owner

CALL_AT = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)  # Wednesday 10:00 in Los Angeles


def seed_acme(engine: Engine) -> dict[str, int]:
    """Dana Reyes (AE, Los Angeles), Jamie Chen at Acme Corp, and their open deal."""
    with session_scope(engine) as session:
        dana = Owner(name="Dana Reyes", email="dana@example.com", timezone="America/Los_Angeles")
        omar = Owner(name="Omar Haddad", email="omar@example.com")
        session.add_all([dana, omar])
        session.flush()
        acme = Company(name="Acme Corp", domain="acme.example", owner_id=dana.id)
        other = Company(name="Globex", domain="globex.example", owner_id=omar.id)
        session.add_all([acme, other])
        session.flush()
        jamie = Contact(company_id=acme.id, first_name="Jamie", last_name="Chen", email="jamie@acme.example")
        session.add(jamie)
        session.add(Contact(company_id=other.id, first_name="Jamie", last_name="Stone", email="js@globex.example"))
        session.flush()
        deal = Deal(
            name="Acme forecasting",
            company_id=acme.id,
            owner_id=dana.id,
            stage="presentationscheduled",
            amount=48_000,
            close_date=date(2027, 1, 15),
            created_at=CALL_AT - timedelta(days=20),
        )
        session.add(deal)
        session.flush()
        session.add(DealContact(deal_id=deal.id, contact_id=jamie.id, role="champion"))
        return {"dana": dana.id, "omar": omar.id, "acme": acme.id, "jamie": jamie.id, "deal": deal.id}
