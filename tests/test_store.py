from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import Session, SQLModel, select

from store.db import upgrade_schema
from store.models import Company, Deal, JobClaim, Owner


def test_migrations_build_exactly_the_declared_tables(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == [], f"store/models.py and the migrations disagree; add a migration: {diff}"


def test_upgrade_is_idempotent_and_keeps_rows(engine):
    with Session(engine) as s:
        s.add(Company(name="Acme Corp", domain="acme.example"))
        s.commit()
    upgrade_schema(engine)
    with Session(engine) as s:
        assert s.exec(select(Company.name)).all() == ["Acme Corp"]


def test_timestamps_come_back_utc_aware(engine):
    paris = timezone(timedelta(hours=1))
    created = datetime(2026, 3, 29, 2, 30, tzinfo=paris)
    with Session(engine) as s:
        owner = Owner(name="Dana", email="dana@example.com")
        s.add(owner)
        s.flush()
        s.add(Deal(name="Acme renewal", stage="contractsent", owner_id=owner.id, created_at=created))
        s.commit()
    with Session(engine) as s:
        deal = s.exec(select(Deal)).one()
    assert deal.created_at == created
    assert deal.created_at.tzinfo is not None and deal.created_at.utcoffset() == timedelta(0)


def test_naive_timestamps_are_refused(engine):
    from sqlalchemy.exc import StatementError

    with Session(engine) as s:
        s.add(Deal(name="x", stage="closedwon", created_at=datetime(2026, 1, 1)))
        with pytest.raises(StatementError, match="naive datetime"):
            s.commit()


def test_job_claim_is_unique_per_slot(engine):
    from sqlalchemy.exc import IntegrityError

    now = datetime.now(UTC)
    with Session(engine) as s:
        s.add(JobClaim(job="digest", slot="team-a:2026-W48", claimed_by="a", claimed_at=now))
        s.commit()
    with Session(engine) as s:
        s.add(JobClaim(job="digest", slot="team-a:2026-W48", claimed_by="b", claimed_at=now))
        with pytest.raises(IntegrityError):
            s.commit()
