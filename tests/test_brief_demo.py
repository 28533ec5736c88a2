"""Brief v1 and the tour questions on the generated demo workspace, checked against independent queries."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from bot.copilot.answer import answer
from bot.copilot.reply import to_text
from settings import Settings
from store.models import Company, Contact, Deal, DealContact, Engagement

demo = pytest.importorskip("store.demo", reason="store.demo (the generator) is not merged into this branch yet")

AS_OF = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    from store.db import open_engine, upgrade_schema

    folder = tmp_path_factory.mktemp("demo")
    engine = open_engine(f"sqlite:///{folder / 'store.db'}")
    upgrade_schema(engine)
    demo.generate_workspace(engine, size="small", seed=7, as_of=AS_OF)
    yield engine, Settings(chroma_path=folder / "chroma")
    engine.dispose()


def test_brief_acme_matches_the_store(workspace):
    engine, settings = workspace
    result = answer("brief Acme", engine=engine, settings=settings, now=AS_OF)
    brief = result.data[0]
    with Session(engine) as s:
        acme = s.exec(select(Company).where(Company.name == "Acme Corp")).one()
        open_deals = s.exec(
            select(Deal).where(Deal.company_id == acme.id, Deal.is_closed == False)  # noqa: E712
        ).all()
        biggest = max(open_deals, key=lambda d: d.amount or 0)
        people = s.exec(
            select(Contact, DealContact.role)
            .join(DealContact, DealContact.contact_id == Contact.id)
            .where(DealContact.deal_id == brief.primary_deal.id)
        ).all()
        next_meeting = s.exec(
            select(Engagement)
            .where(
                Engagement.company_id == acme.id,
                Engagement.type == "meeting",
                Engagement.status == "scheduled",
                Engagement.occurred_at > AS_OF,
            )
            .order_by(Engagement.occurred_at)
        ).first()
        open_tasks = s.exec(
            select(Engagement).where(
                Engagement.company_id == acme.id, Engagement.type == "task", Engagement.status == "open"
            )
        ).all()
        won_companies = set(
            s.exec(select(Company.name).join(Deal, Deal.company_id == Company.id).where(Deal.is_won == True)).all()  # noqa: E712
        )
    assert brief.company.name == "Acme Corp"
    assert brief.primary_deal.id in {d.id for d in open_deals}
    assert brief.primary_deal.amount == biggest.amount
    assert {(f"{c.first_name} {c.last_name}".strip(), role) for c, role in people} == {
        (p.name, p.role) for p in brief.stakeholders
    }
    assert (brief.next_meeting.id if brief.next_meeting else None) == (next_meeting.id if next_meeting else None)
    assert len(brief.open_tasks) == min(len(open_tasks), 5)
    assert len(brief.social_proof) == 3
    assert all(c.company.name in won_companies and c.company.name != "Acme Corp" for c in brief.social_proof)
    assert [c.similarity for c in brief.social_proof] == sorted(
        (c.similarity for c in brief.social_proof), reverse=True
    )
    assert all(c.why for c in brief.social_proof)
    assert all(t.calls <= brief.similar_calls_read for t in brief.themes)
    assert brief.discovery_questions
    text = to_text(result.reply)
    assert "Brief: Acme Corp" in text and "Social proof" in text and "Discovery questions" in text


def test_tour_questions_answer(workspace):
    engine, settings = workspace
    silent = answer("which deals are silent 5+ days?", engine=engine, settings=settings, now=AS_OF)
    assert silent.tool_calls == [("list_silent_deals", {"days": 5})]
    assert silent.data[0].total > 0 and all(d.days_silent >= 5 for d in silent.data[0].deals)
    latest = answer("what's the latest on Acme Corp?", engine=engine, settings=settings, now=AS_OF)
    assert latest.data[0].company.name == "Acme Corp"
    unknown = answer("latest on Zzyzx Quantum Widgets", engine=engine, settings=settings, now=AS_OF)
    assert unknown.data[0].company is None and unknown.data[0].status in ("unknown", "ambiguous")
    assert "don't know a company called" in to_text(unknown.reply) or "Did you mean" in to_text(unknown.reply)
