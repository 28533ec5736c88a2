"""The insights' history is read once per state of the store: reused while nothing changed, read again after a change.

Each check compares the cached history (and an answer built on it) with a fresh read of the store (`_load_history`),
so a cache that kept a stale history fails here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from settings import Settings
from store.db import open_engine, session_scope, upgrade_schema
from store.demo import generate_workspace
from store.models import Call, Contact, Deal, DealContact
from tools.insights.history import _load_history, load_history
from tools.insights.objections import build_objection_map

AS_OF = datetime(2026, 11, 25, 19, 50, tzinfo=UTC)


@pytest.fixture
def demo(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path / 'store.db'}")
    upgrade_schema(engine)
    generate_workspace(engine, size="small", seed=7, as_of=AS_OF)
    yield engine
    engine.dispose()


def _cached_and_fresh(engine):
    with Session(engine) as s:
        return load_history(s), _load_history(s)


def test_a_repeat_answer_reuses_the_history(demo) -> None:
    first, fresh = _cached_and_fresh(demo)
    again, _ = _cached_and_fresh(demo)
    assert again is first
    assert first == fresh
    assert build_objection_map(again) == build_objection_map(fresh)


def test_a_newly_closed_deal_is_read(demo) -> None:
    before, _ = _cached_and_fresh(demo)
    with session_scope(demo) as s:
        deal = s.exec(select(Deal).where(Deal.is_closed == False).order_by(Deal.id)).first()  # noqa: E712
        deal.is_closed, deal.is_won, deal.stage = True, True, "closedwon"
        deal.closed_at = deal.updated_at = AS_OF - timedelta(hours=1)
        s.add(deal)
        closed_id = deal.id
    after, fresh = _cached_and_fresh(demo)
    assert after is not before and closed_id not in before.deals
    assert after == fresh and closed_id in after.deals


def test_an_edited_transcript_is_read(demo) -> None:
    before, _ = _cached_and_fresh(demo)
    with session_scope(demo) as s:
        call = s.exec(select(Call).where(Call.deal_id.in_(list(before.deals))).order_by(Call.id)).first()
        speaker = call.transcript.splitlines()[1].split(":")[0].split("] ")[-1]
        call.transcript += f"\n[00:59:00] {speaker}: Honestly the price is too expensive for our budget this year."
        s.add(call)
    after, fresh = _cached_and_fresh(demo)
    assert after is not before
    assert after == fresh
    assert build_objection_map(after) == build_objection_map(fresh)


def test_a_changed_buying_group_is_read(demo) -> None:
    before, _ = _cached_and_fresh(demo)
    deal_id = next(iter(before.deals))
    with session_scope(demo) as s:
        in_group = select(DealContact.contact_id).where(DealContact.deal_id == deal_id)
        member = s.exec(select(Contact).where(Contact.id.in_(in_group))).first()
        member.title, member.function, member.seniority = "CFO", "finance", "c_level"
        member.updated_at = AS_OF
        s.add(member)
    after, fresh = _cached_and_fresh(demo)
    assert after is not before
    assert after == fresh


def test_a_repeat_question_reuses_the_answer_and_a_change_recomputes_it(demo) -> None:
    from tools.capabilities import ToolContext
    from tools.insights.objections import ObjectionMapArgs, _map
    from tools.insights.personas import PersonaArgs, _personas, build_personas

    ctx = ToolContext(engine=demo, settings=Settings(_env_file=None), now=AS_OF)
    with Session(demo) as s:
        first = _personas(ctx, s, PersonaArgs())
        assert _personas(ctx, s, PersonaArgs()) is first  # the same answer object: not recomputed
        assert first == build_personas(_load_history(s))
        pricing = _map(ctx, s, ObjectionMapArgs(category="pricing"))
        assert _map(ctx, s, ObjectionMapArgs(category="pricing")) is pricing
        assert _map(ctx, s, ObjectionMapArgs()) != pricing  # arguments are part of the key
    with session_scope(demo) as s:  # a won deal's champion turns out to be the CFO
        history = load_history(s)
        deal = next(d for d in history.deals.values() if d.is_won and d.members)
        member = s.get(Contact, deal.members[0].contact_id)
        member.function, member.seniority, member.updated_at = "finance", "c_level", AS_OF
        s.add(member)
    with Session(demo) as s:
        after = _personas(ctx, s, PersonaArgs())
        assert after is not first
        assert after == build_personas(_load_history(s))
