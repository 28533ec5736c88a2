"""The win model's feature context is built once per state of the deals it reads, and again after any change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from store.db import open_engine, session_scope, upgrade_schema
from store.demo import generate_workspace
from store.models import Deal
from tools.intelligence.features import _build_context, feature_context

AS_OF = datetime(2026, 11, 25, 19, 50, tzinfo=UTC)


@pytest.fixture
def demo(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path / 'store.db'}")
    upgrade_schema(engine)
    generate_workspace(engine, size="small", seed=7, as_of=AS_OF)
    yield engine
    engine.dispose()


def _same(a, b) -> bool:
    return a.medians == b.medians and a.owners.__dict__ == b.owners.__dict__


def _both(engine):
    with Session(engine) as s:
        return feature_context(s), _build_context(s)


def test_reused_while_unchanged_and_rebuilt_after_a_change(demo) -> None:
    first, fresh = _both(demo)
    assert _same(first, fresh)
    again, _ = _both(demo)
    assert again is first
    with session_scope(demo) as s:  # a deal closes: the owners' records change
        deal = s.exec(select(Deal).where(Deal.is_closed == False).order_by(Deal.id)).first()  # noqa: E712
        deal.is_closed, deal.is_won, deal.closed_at = True, True, AS_OF - timedelta(hours=1)
        s.add(deal)
    closed, fresh = _both(demo)
    assert closed is not first and _same(closed, fresh) and not _same(closed, first)
    with session_scope(demo) as s:  # an amount changes, nothing else: the product medians may move
        deal = s.exec(select(Deal).where(Deal.amount.is_not(None)).order_by(Deal.id)).first()
        deal.amount = deal.amount * 40
        s.add(deal)
    priced, fresh = _both(demo)
    assert priced is not closed and _same(priced, fresh)
