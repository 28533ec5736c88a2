"""The digest's forecast and call coaching on the generated small demo workspace, against independent SQL.

The SQL is written from the tables' meaning (won amounts in the quarter, Σ probability × amount of open deals closing
by its end, an AE's calls in the quarter), not from `tools/intelligence`.
"""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session

from bot.copilot.reply import to_text
from jobs.render import digest_reply
from tools.digest import build_digest
from tools.health import Thresholds
from tools.intelligence.scores import refresh_scores

AS_OF = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)  # Monday 09:00 in New York
QUARTER_START = "2026-10-01 04:00:00.000000"  # Oct 1 00:00 in New York, as SQLite stores UTC instants
QUARTER_END_DAY = "2026-12-31"
TZ = "America/New_York"


@pytest.fixture(scope="module")
def digest(tmp_path_factory):
    from zoneinfo import ZoneInfo

    from store.db import open_engine, upgrade_schema
    from store.demo import generate_workspace

    engine = open_engine(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'small.db'}")
    upgrade_schema(engine)
    generate_workspace(engine, size="small", seed=7, as_of=AS_OF)
    refresh_scores(engine, now=AS_OF)
    with Session(engine) as s:
        d = build_digest(s, now=AS_OF, tz=ZoneInfo(TZ), thresholds=Thresholds(), risk_floor=50)
    yield engine, d
    engine.dispose()


def test_forecast_equals_independent_sql(digest):
    engine, d = digest
    f = d.forecast
    with engine.connect() as conn:
        won = conn.execute(
            text("SELECT COALESCE(SUM(amount), 0), COUNT(*) FROM deal WHERE is_won = 1 AND closed_at >= :s"),
            {"s": QUARTER_START},
        ).one()
        weighted, n_open, pipeline = conn.execute(
            text(
                "SELECT SUM(w.probability * COALESCE(d.amount, 0)), COUNT(*), SUM(COALESCE(d.amount, 0)) FROM deal d "
                "JOIN dealwinscore w ON w.deal_id = d.id WHERE d.is_closed = 0 AND d.close_date <= :e"
            ),
            {"e": QUARTER_END_DAY},
        ).one()
    assert f.total.won_amount == pytest.approx(won[0]) and len(f.total.won_deal_ids) == won[1]
    assert f.total.open_deals == n_open > 0 and f.total.pipeline_amount == pytest.approx(pipeline)
    assert f.total.expected_amount == pytest.approx(won[0] + weighted, abs=0.01)
    assert f.total.low <= f.total.expected_amount <= f.total.high
    assert sum(o.expected_amount for o in f.by_owner) == pytest.approx(f.total.expected_amount, abs=0.05)
    assert sum(t.expected_amount for t in f.by_team) == pytest.approx(f.total.expected_amount, abs=0.05)


def test_forecast_change_adds_up_and_names_its_deals(digest):
    engine, d = digest
    c = d.forecast_change
    assert c.since == d.window[0] and c.after == d.forecast.total.expected_amount
    assert c.before + sum(c.by_kind.values()) == pytest.approx(c.after, abs=0.05)
    assert c.before + sum(m.delta for m in c.moves) == pytest.approx(c.after, abs=0.05)
    with engine.connect() as conn:
        won_in_week = conn.execute(
            text("SELECT id FROM deal WHERE is_won = 1 AND closed_at > :a AND closed_at <= :b AND closed_at >= :s"),
            {"a": c.since.strftime("%Y-%m-%d %H:%M:%S.%f"), "b": AS_OF.strftime("%Y-%m-%d %H:%M:%S.%f"),
             "s": QUARTER_START},
        ).scalars().all()  # fmt: skip
    assert sorted(m.deal_id for m in c.moves if m.kind == "won") == sorted(won_in_week)


def test_coaching_cites_the_aes_own_calls_this_quarter(digest):
    engine, d = digest
    assert d.call_coaching, "the small demo has recorded calls: some AE differs from the winners"
    with engine.connect() as conn:
        for c in d.call_coaching:
            owner, started = conn.execute(
                text("SELECT owner_id, started_at FROM call WHERE id = :i"), {"i": c.evidence.call_id}
            ).one()
            calls_this_quarter = conn.execute(
                text("SELECT COUNT(*) FROM call WHERE owner_id = :o AND started_at >= :s AND started_at < :n"),
                {"o": c.owner_id, "s": QUARTER_START, "n": AS_OF.strftime("%Y-%m-%d %H:%M:%S.%f")},
            ).scalar_one()
            assert owner == c.owner_id and started >= QUARTER_START
            assert 3 <= c.calls <= calls_this_quarter
            assert abs(c.gap_sd) >= 0.5 and c.name in c.text and f"call #{c.evidence.call_id}" in c.text


def test_the_digest_shows_the_forecast_and_coaching(digest):
    _engine, d = digest
    text_ = to_text(digest_reply(d))
    total = d.forecast.total.expected_amount
    shown = f"${total / 1000:.0f}k" if total < 1_000_000 else f"${total / 1_000_000:.1f}M"
    assert f"expected {shown}" in text_
    assert f"since {d.forecast_change.since:%b %-d}" in text_
    assert d.call_coaching[0].text in text_
    assert (AS_OF - timedelta(days=8)) < d.forecast_change.since < AS_OF
