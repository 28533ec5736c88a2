"""Learned models cached by their training data: loaded (not retrained) by a new process, retrained when the history
changes, rebuilt from a corrupt file; kept as numpy arithmetic that matches scikit-learn's own predictions."""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import text

from settings import PROJECT_ROOT, Settings
from store.db import head_revisions, open_engine, schema_is_current, session_scope, stored_revisions, upgrade_schema
from store.models import Call, Deal
from tests.calls_fixture import seed_acme
from tests.lead_history import add_history
from tools import model_cache
from tools.calls.analyze import outcome_model
from tools.linear_models import CalibratedScorer, DictFeatures

DATA = Path(__file__).parent / "data" / "calls"


@pytest.fixture(autouse=True)
def _fresh_memory():
    model_cache.forget_memory()
    model_cache.BUILDS.clear()
    yield
    model_cache.forget_memory()


# --- the cache itself ----------------------------------------------------------------------------------------------


def test_a_cached_value_is_built_once_then_read_from_disk(tmp_path):
    calls = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"weights": len(calls)}

    assert model_cache.cached("toy", "sig1", build, directory=tmp_path) == {"weights": 1}
    assert model_cache.cached("toy", "sig1", build, directory=tmp_path) == {"weights": 1}  # memory
    model_cache.forget_memory()
    assert model_cache.cached("toy", "sig1", build, directory=tmp_path) == {"weights": 1}  # disk
    assert len(calls) == 1 and model_cache.BUILDS["toy"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["toy--sig1.pkl"]


def test_a_new_signature_rebuilds_and_prunes_the_old_files_of_every_variant(tmp_path):
    model_cache.cached("toy", "old", lambda: 1, directory=tmp_path)
    model_cache.cached("toy", "old", lambda: 2, directory=tmp_path, variant="without-deal-3")
    model_cache.cached("other", "old", lambda: 3, directory=tmp_path)
    assert model_cache.cached("toy", "new", lambda: 4, directory=tmp_path) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other--old.pkl", "toy--new.pkl"]


def test_a_corrupt_cache_file_is_ignored_and_rebuilt(tmp_path):
    model_cache.cached("toy", "sig", lambda: [1, 2, 3], directory=tmp_path)
    path = tmp_path / "toy--sig.pkl"
    path.write_bytes(path.read_bytes()[:5])  # torn write
    model_cache.forget_memory()
    assert model_cache.cached("toy", "sig", lambda: [4, 5, 6], directory=tmp_path) == [4, 5, 6]
    assert model_cache.BUILDS["toy"] == 2
    model_cache.forget_memory()
    assert model_cache.cached("toy", "sig", lambda: [7], directory=tmp_path) == [4, 5, 6]  # the rebuilt file reads


def test_a_separator_in_a_name_is_refused(tmp_path):
    with pytest.raises(ValueError, match="separates"):
        model_cache.cached("a--b", "sig", lambda: 1, directory=tmp_path)


# --- the lead model, across processes ------------------------------------------------------------------------------

_SCORE_IN_A_NEW_PROCESS = """
import json, sys
from datetime import datetime
from settings import Settings
from store.db import open_engine
from tools import model_cache
from tools.leads.scorer import load_scorer
engine = open_engine(sys.argv[1])
scorer = load_scorer(engine, Settings(lead_model_dir=sys.argv[2]), as_of=datetime.fromisoformat(sys.argv[3]))
print(json.dumps({"builds": model_cache.BUILDS["lead"], "n_train": scorer.model.n_train,
                  "sklearn": "sklearn" in sys.modules}))
"""


def _score_in_a_new_process(db: Path, models: Path, as_of: datetime) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "LEAD_MODEL_DIR"}
    out = subprocess.run(
        [sys.executable, "-c", _SCORE_IN_A_NEW_PROCESS, f"sqlite:///{db}", str(models), as_of.isoformat()],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_new_process_loads_the_lead_model_and_a_changed_history_retrains_it(tmp_path):
    db, models = tmp_path / "store.db", tmp_path / "models"
    engine = open_engine(f"sqlite:///{db}")
    upgrade_schema(engine)
    add_history(engine, n=120)
    as_of = datetime(2026, 3, 1, tzinfo=UTC)
    first = _score_in_a_new_process(db, models, as_of)
    assert first == {"builds": 1, "n_train": 120, "sklearn": True}
    second = _score_in_a_new_process(db, models, as_of)
    assert second == {"builds": 0, "n_train": 120, "sklearn": False}  # loaded: no training, no scikit-learn
    add_history(engine, n=10, seed=9, start=datetime(2025, 6, 1, tzinfo=UTC), prefix="late")
    third = _score_in_a_new_process(db, models, as_of)
    assert third["builds"] == 1 and third["n_train"] == 130
    assert len(list(models.glob("lead--*.pkl"))) == 1  # the older history's model is pruned
    engine.dispose()


def test_a_new_undecided_lead_keeps_the_cached_lead_model(sqlite_engine, tmp_path):
    from store.models import InboundLead
    from tools.leads.model import learned_model_for

    add_history(sqlite_engine, n=120)
    settings = Settings(lead_model_dir=tmp_path / "models")
    as_of = datetime(2026, 3, 1, tzinfo=UTC)
    first = learned_model_for(sqlite_engine, settings, as_of=as_of)
    with session_scope(sqlite_engine) as session:  # as an intake stores it: new, no deal, days old
        session.add(
            InboundLead(dedupe_key="fresh", submitted_at=as_of - timedelta(days=3), company_name="Fresh Co", budget=9e4)
        )
    model_cache.forget_memory()
    assert learned_model_for(sqlite_engine, settings, as_of=as_of).n_train == first.n_train
    assert model_cache.BUILDS["lead"] == 1
    with sqlite_engine.begin() as conn:  # disqualified: now it is history, and the model learns from it
        conn.execute(text("UPDATE inboundlead SET status = 'disqualified' WHERE dedupe_key = 'fresh'"))
    assert learned_model_for(sqlite_engine, settings, as_of=as_of).n_train == first.n_train + 1
    assert model_cache.BUILDS["lead"] == 2


# --- the call outcome model --------------------------------------------------------------------------------------


def _closed_call(engine, ids: dict[str, int], *, won: bool, day: int) -> None:
    with session_scope(engine) as session:
        deal = Deal(
            name=f"Acme deal {day}",
            company_id=ids["acme"],
            owner_id=ids["dana"],
            stage="closedwon" if won else "closedlost",
            amount=20_000,
            is_closed=True,
            is_won=won,
            close_date=date(2026, 10, day),
            closed_at=datetime(2026, 10, day, tzinfo=UTC),
        )
        session.add(deal)
        session.flush()
        session.add(
            Call(
                deal_id=deal.id,
                company_id=ids["acme"],
                owner_id=ids["dana"],
                started_at=datetime(2026, 9, day, 15, tzinfo=UTC),
                transcript=(DATA / "discovery_acme.txt").read_text(),
                transcript_format="speaker_lines",
            )
        )


def test_outcome_history_is_measured_once_and_again_only_when_calls_change(sqlite_engine, tmp_path):
    ids = seed_acme(sqlite_engine)
    _closed_call(sqlite_engine, ids, won=True, day=1)
    cache = tmp_path / "models"
    model, labelled = outcome_model(sqlite_engine, cache_dir=cache)
    assert model is None and labelled == 1  # thin history: rules, but the measured history is still cached
    model_cache.forget_memory()  # as a new process would start
    assert outcome_model(sqlite_engine, cache_dir=cache)[1] == 1
    assert model_cache.BUILDS["call-outcome-history"] == 1
    _closed_call(sqlite_engine, ids, won=False, day=2)
    assert outcome_model(sqlite_engine, cache_dir=cache)[1] == 2
    assert model_cache.BUILDS["call-outcome-history"] == 2
    with sqlite_engine.begin() as conn:  # an edited transcript changes the history too
        conn.execute(text("UPDATE call SET transcript = transcript || ' ' WHERE id = (SELECT MIN(id) FROM call)"))
    outcome_model(sqlite_engine, cache_dir=cache)
    assert model_cache.BUILDS["call-outcome-history"] == 3
    assert len(list(cache.glob("call-outcome-history--*.pkl"))) == 1


# --- numpy arithmetic == scikit-learn ------------------------------------------------------------------------------


def test_calibrated_linear_arithmetic_matches_scikit_learn():
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    rng = np.random.default_rng(4)
    x = rng.normal(size=(200, 6))
    y = (x[:, 0] + 0.5 * x[:, 1] + rng.normal(size=200) > 0).astype(int)
    x[rng.random(200) < 0.2, 2] = math.nan
    x[:150, 5] = math.nan  # empty in some folds' training rows: the imputer drops it there
    probe = rng.normal(size=(50, 6))
    probe[::3, 2] = math.nan
    for steps in (
        (SimpleImputer(strategy="median"), StandardScaler(), LogisticRegression(C=0.1)),
        (StandardScaler(), LogisticRegression(C=0.3, solver="newton-cholesky")),
    ):
        data = x if len(steps) == 3 else np.nan_to_num(x)
        test = probe if len(steps) == 3 else np.nan_to_num(probe)
        fitted = CalibratedClassifierCV(make_pipeline(*steps), method="sigmoid", cv=StratifiedKFold(5)).fit(data, y)
        ours = CalibratedScorer.from_calibrated(fitted).predict_proba(test)
        np.testing.assert_allclose(ours, fitted.predict_proba(test), rtol=0, atol=1e-12)


def test_gradient_boosting_is_not_taken_for_a_linear_model():
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(120, 3)), np.arange(120) % 2
    fitted = CalibratedClassifierCV(HistGradientBoostingClassifier(max_iter=5), method="sigmoid", cv=3).fit(x, y)
    with pytest.raises(TypeError):
        CalibratedScorer.from_calibrated(fitted)


def test_dict_features_match_dict_vectorizer():
    from sklearn.feature_extraction import DictVectorizer

    rng = random.Random(2)
    rows = [
        {"budget": rng.random(), f"interest:{rng.choice('abc')}": 1.0, "size": rng.choice(["s", "m"])}
        for _ in range(30)
    ]
    vectorizer = DictVectorizer(sparse=False, sort=True).fit(rows)
    probe = [*rows[:5], {"budget": 2.0, "interest:z": 1.0, "size": "xl", "unknown": 3.0}]
    np.testing.assert_array_equal(
        DictFeatures.from_vectorizer(vectorizer).transform(probe), vectorizer.transform(probe)
    )


# --- the schema check ----------------------------------------------------------------------------------------------


def test_head_revision_from_the_files_is_alembics_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from store.db import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert head_revisions() == frozenset(ScriptDirectory.from_config(cfg).get_heads())


def test_a_store_behind_the_head_is_upgraded_and_a_current_one_is_only_read(tmp_path):
    from alembic import command
    from alembic.config import Config

    from store.db import MIGRATIONS_DIR

    engine = open_engine(f"sqlite:///{tmp_path / 'store.db'}")
    assert stored_revisions(engine) is None and not schema_is_current(engine)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    previous = sorted(head_revisions())[0]
    older = next(r for r in ("0001", "0002", "0003", "0004", "0005") if r < previous)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, older)
    assert stored_revisions(engine) == {older} and not schema_is_current(engine)
    upgrade_schema(engine)
    assert schema_is_current(engine) and stored_revisions(engine) == head_revisions()
    upgrade_schema(engine)  # current: one read, and still current
    assert schema_is_current(engine)
    engine.dispose()


def test_the_win_model_is_loaded_the_same_day_and_retrained_the_next(sqlite_engine, tmp_path):
    from sqlmodel import Session

    from tests import intelligence_world as w
    from tools.intelligence.scores import trained_model

    engine = sqlite_engine
    w.build(engine)
    with Session(engine) as session:
        trained_model(session, now=w.NOW, cache_dir=tmp_path / "m")
        model_cache.forget_memory()
        trained_model(session, now=w.NOW, cache_dir=tmp_path / "m")
        assert model_cache.BUILDS["win-probability"] == 1
        trained_model(session, now=w.NOW + timedelta(days=1), cache_dir=tmp_path / "m")
        assert model_cache.BUILDS["win-probability"] == 2
