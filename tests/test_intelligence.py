"""Deal intelligence: features as of a time, the model and its fallbacks, stored scores, odds in every answer."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from bot.copilot.answer import answer
from bot.copilot.render import Renderer
from bot.copilot.reply import to_text
from bot.copilot.understanding import route
from settings import Settings
from store.db import open_engine, upgrade_schema
from store.models import CloseDateChange, Deal, DealWinScore, Engagement
from tests import intelligence_world as w
from tools.briefs import build_brief
from tools.deals import latest_on
from tools.intelligence import model as model_mod
from tools.intelligence.features import feature_context, features_at, load_histories, training_snapshots
from tools.intelligence.model import RulesModel, WinModel, auc_score, fit
from tools.intelligence.scores import refresh_scores, score_open_deals, trained_model, win_scores


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(chroma_path=tmp_path / "chroma", team_timezone="America/New_York")


@pytest.fixture
def world(sqlite_engine):
    return sqlite_engine, w.build(sqlite_engine)


@pytest.fixture(scope="module")
def shared_world(tmp_path_factory):
    """One history for the tests that only read it (building and training cost a few seconds)."""
    engine = open_engine(f"sqlite:///{tmp_path_factory.mktemp('intel') / 'store.db'}")
    upgrade_schema(engine)
    yield engine, w.build(engine)
    engine.dispose()


def test_auc_matches_scikit_learn():
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 300)
    p = np.round(rng.random(300), 1)  # ties
    weights = rng.random(300)
    assert auc_score(y, p, weights) == pytest.approx(roc_auc_score(y, p, sample_weight=weights))


def test_features_read_only_what_was_known_then(world):
    engine, ids = world
    deal_id = ids.closed[0]
    with Session(engine) as s:
        deal = s.get(Deal, deal_id)
        closed_at = deal.closed_at
        # A push recorded after the look, and activity after it, must not show.
        s.add(CloseDateChange(deal_id=deal_id, old_date=w.date(2026, 1, 1), new_date=w.date(2026, 3, 1),
                              changed_at=closed_at - timedelta(days=1)))  # fmt: skip
        s.commit()
        histories = load_histories(s)
        ctx = feature_context(s)
    h = histories[deal_id]
    at = h.created_at + timedelta(days=15)
    f = features_at(h, at, owners=ctx.owners, medians=ctx.medians, current=False)
    assert f["stage"] == "qualifiedtobuy"  # not the final closedwon/closedlost move
    assert f["close_date_pushes"] == 0.0
    late = features_at(h, closed_at - timedelta(hours=1), owners=ctx.owners, medians=ctx.medians, current=False)
    assert late["close_date_pushes"] == 1.0 and late["stage"] == "qualifiedtobuy"
    outbound_by_then = sum(1 for e in h.engagements if e[0] <= at and e[2] == "outbound")
    assert f["age_days"] == pytest.approx(15.0)
    assert outbound_by_then >= 2 and f["outbound_28d"] == outbound_by_then
    # The owner's record then counts only deals closed before the look.
    closed_before = [x for x in histories.values() if x.is_closed and x.closed_at < at and x.owner_id == h.owner_id]
    team_before = [x for x in histories.values() if x.is_closed and x.closed_at < at]
    team_rate = (sum(x.is_won for x in team_before) + 1) / (len(team_before) + 2)
    expected = (sum(x.is_won for x in closed_before) + 10 * team_rate) / (len(closed_before) + 10)
    assert f["owner_win_rate"] == pytest.approx(expected)


def test_training_looks_stop_before_each_deal_closed(shared_world):
    engine, _ids = shared_world
    with Session(engine) as s:
        histories = load_histories(s)
        rows = training_snapshots(histories, feature_context(s), closed_before=w.NOW)
    assert rows
    for r in rows:
        assert r.at < histories[r.deal_id].closed_at
        assert r.features["stage"] not in ("closedwon", "closedlost")
    per_deal: dict[int, float] = {}
    for r in rows:
        per_deal[r.deal_id] = per_deal.get(r.deal_id, 0) + r.weight
    assert all(v == pytest.approx(1.0) for v in per_deal.values())


def test_learned_model_finds_the_signal_and_says_why(shared_world):
    engine, ids = shared_world
    with Session(engine) as s:
        model, validation = trained_model(s, now=w.NOW)
        preds = {p.deal_id: p for p in score_open_deals(s, now=w.NOW)}
    assert isinstance(model, WinModel) and validation is not None and validation.chosen == "model"
    engaged = [preds[d].probability for d in ids.engaged_open]
    quiet = [preds[d].probability for d in ids.quiet_open]
    assert min(engaged) > max(quiet)
    top = preds[ids.quiet_open[0]].factors
    assert top and any("buyer" in f.text for f in top)
    assert all(("lowers" in f.text) == (f.effect < 0) for f in top)


def test_same_history_same_scores(shared_world):
    engine, _ids = shared_world
    with Session(engine) as s:
        histories = load_histories(s)
        rows = training_snapshots(histories, feature_context(s), closed_before=w.NOW)
    a, _ = fit(rows)
    b, _ = fit(rows)
    assert [p.probability for p in a.predict(rows[:50])] == [p.probability for p in b.predict(rows[:50])]


def test_history_that_only_knows_the_owner_ships_the_baseline(sqlite_engine):
    w.build(sqlite_engine, rule="owner", seed=5)
    with Session(sqlite_engine) as s:
        model, validation = trained_model(s, now=w.NOW)
        preds = score_open_deals(s, now=w.NOW)
    assert validation is not None
    assert model.method.startswith("baseline:"), validation
    assert all(p.method == model.method and "did not beat" in p.factors[0].text for p in preds)


def test_thin_history_uses_stage_priors(sqlite_engine):
    ids = w.build(sqlite_engine, closed=60, open_deals=4)
    with Session(sqlite_engine) as s:
        model, validation = trained_model(s, now=w.NOW)
        preds = score_open_deals(s, now=w.NOW)
    assert isinstance(model, RulesModel) and validation is None
    assert {p.deal_id for p in preds} == set(ids.open)
    assert all(p.probability == model_mod.STAGE_PRIORS["qualifiedtobuy"] for p in preds)
    assert "Qualified to buy" in preds[0].factors[0].text


def test_refresh_writes_only_what_changed(world):
    engine, ids = world
    first = refresh_scores(engine, now=w.NOW)
    assert first.scored == len(ids.open) == first.changed
    again = refresh_scores(engine, now=w.NOW)
    assert again.skipped == "unchanged" and again.changed == 0
    with Session(engine) as s:
        before = {r.deal_id: r.assessed_at for r in s.exec(select(DealWinScore)).all()}
        deal = s.get(Deal, ids.quiet_open[0])
        s.add(Engagement(type="email", deal_id=deal.id, company_id=deal.company_id, direction="inbound",
                         occurred_at=w.NOW - timedelta(hours=1), buyer_engaged=True))  # fmt: skip
        s.commit()
    later = w.NOW + timedelta(minutes=5)
    third = refresh_scores(engine, now=later)
    assert third.skipped is None and 1 <= third.changed < len(ids.open)
    with Session(engine) as s:
        rows = {r.deal_id: r for r in s.exec(select(DealWinScore)).all()}
        assert rows[ids.quiet_open[0]].assessed_at == later
        unchanged = [d for d in ids.open if rows[d].assessed_at == before[d]]
        assert len(unchanged) == len(ids.open) - third.changed
        assert s.exec(select(func.count()).select_from(DealWinScore)).one() == len(ids.open)


def test_stored_scores_serve_latest_on_the_brief_and_new_deals_are_scored_live(world, settings):
    engine, ids = world
    refresh_scores(engine, now=w.NOW)
    with Session(engine) as s:
        deal = s.get(Deal, ids.open[0])
        company = deal.company_id
        name = f"Company {ids.open.index(deal.id) + 260:03d}"
        latest = latest_on(s, name, now=w.NOW)
        brief = build_brief(s, name, now=w.NOW, settings=settings)
        stored = s.get(DealWinScore, deal.id)
        s.delete(stored)
        s.commit()
        live = win_scores(s, [deal.id], now=w.NOW)
    shown = next(d for d in latest.deals if d.id == deal.id)
    assert latest.company.id == company
    assert shown.win is not None and shown.win.probability == pytest.approx(stored.probability)
    assert shown.win.factors == [f["text"] for f in stored.factors]
    assert live[deal.id].probability == pytest.approx(stored.probability, abs=1e-4)
    assert brief.primary_deal.win == shown.win
    brief_text = to_text(Renderer(settings, engine).render(brief))
    assert f"Win probability: {stored.probability:.0%} (learned" in brief_text
    assert stored.factors[0]["text"] in brief_text
    latest_text = to_text(Renderer(settings, engine).render(latest))
    assert f"win {stored.probability:.0%}" in latest_text and stored.factors[0]["text"] in latest_text


@pytest.mark.parametrize(
    ("question", "company"),
    [("what are the odds on the Company 261 deal?", "Company 261"), ("will we win Company 262?", "Company 262")],
)
def test_odds_question_end_to_end(world, settings, question, company):
    engine, ids = world
    refresh_scores(engine, now=w.NOW)
    with Session(engine) as s:
        understood = route(question, session=s, now=w.NOW, tz="America/New_York")
    assert understood.tool == "get_deal_odds" and understood.args["company"].lower() == company.lower()
    reply = answer(question, engine=engine, settings=settings, asker_owner_id=ids.owners[0], now=w.NOW)
    text = to_text(reply.reply)
    with Session(engine) as s:
        deal_id = s.exec(select(Deal.id).where(Deal.name == f"{company} deal")).one()
        stored = s.get(DealWinScore, deal_id)
    assert f"win {stored.probability:.0%}" in text
    assert stored.factors[0]["text"] in text
