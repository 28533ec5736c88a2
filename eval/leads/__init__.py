"""Lead scoring accuracy: the learned, calibrated score against the budget-only baseline, on a LATER held-out slice.

Data: first the REAL X Education leads (../shared/data/x-education-leads, form-time fields only, stratified split:
`eval/leads/xeducation.py`), then the generated demo workspace (default size, seed 7, fixed as-of date; set
SALESOS_EVAL_LEADS_SIZE=large for ~20,000 leads), each table saying which data it is. Split by time: the decided leads
submitted first (70 %) train, the later 30 % test; nothing is tuned on the test slice (the model picks its
algorithm and regularisation by time-ordered folds of the TRAINING slice).

Metrics: ROC-AUC (ranking), PR-AUC (average precision: ranking where wins are rare), top-decile lift (win rate of the
top 10 % of scores over the base rate; ties at the cut count fractionally), Brier score (calibration; probability
models only). A paired bootstrap over test leads gives a 95 % interval for the ROC-AUC gain over budget-only.

The LLM notes feature ("GPT scoring") is measured as an extra row when OPENAI_API_KEY / OPENAI_BASE_URL is set; offline
the row says it was not measured.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from eval import generator_fingerprint

SIZE = os.environ.get("SALESOS_EVAL_LEADS_SIZE", "default")
"""`default` (~600 leads, the brief's workspace) or `large` (~20,000 leads: a far tighter estimate, slow to build)."""
AS_OF = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
SEED = 7
TRAIN_SHARE = 0.7
BOOTSTRAP = 500


def top_decile_lift(y: np.ndarray, scores: np.ndarray, share: float = 0.1) -> float:
    """Win rate among the top `share` of scores over the overall win rate; leads tied at the cut count fractionally."""
    n = len(y)
    k = share * n
    order = np.argsort(-scores, kind="stable")
    s_sorted = scores[order]
    cut = s_sorted[int(np.ceil(k)) - 1]
    above = scores > cut
    tied = scores == cut
    take_from_tied = k - above.sum()
    wins = y[above].sum() + (y[tied].mean() * take_from_tied if tied.any() else 0.0)
    return float((wins / k) / y.mean())


def metrics(y: np.ndarray, scores: np.ndarray, probabilities: bool) -> dict[str, float | None]:
    """ROC-AUC, PR-AUC, top-decile lift and (for probabilities) the Brier score."""
    from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

    return {
        "roc_auc": float(roc_auc_score(y, scores)),
        "pr_auc": float(average_precision_score(y, scores)),
        "lift": top_decile_lift(y, scores),
        "brier": float(brier_score_loss(y, scores)) if probabilities else None,
    }


def bootstrap_auc_gain(y: np.ndarray, a: np.ndarray, b: np.ndarray, reps: int = BOOTSTRAP) -> tuple[float, float]:
    """95 % interval of ROC-AUC(a) − ROC-AUC(b) over test leads resampled with replacement (fixed seed)."""
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(0)
    gains = []
    for _ in range(reps):
        idx = rng.integers(0, len(y), len(y))
        if 0 < y[idx].sum() < len(idx):
            gains.append(roc_auc_score(y[idx], a[idx]) - roc_auc_score(y[idx], b[idx]))
    return float(np.percentile(gains, 2.5)), float(np.percentile(gains, 97.5))


def real_lead_data() -> Path | None:
    """A real inbound-lead set with conversion labels under the shared data folder, if one was added."""
    from eval import shared_data_dir

    shared = shared_data_dir()
    if shared is None:
        return None
    for path in shared.iterdir():
        if path.is_dir() and "lead" in path.name.lower():
            return path
    return None


def demo_store():
    """The demo workspace (SIZE) at a fixed as-of date, generated once into var/eval/ and reused."""
    from settings import PROJECT_ROOT
    from store.db import open_engine, upgrade_schema

    path = PROJECT_ROOT / "var" / "eval" / f"leads-{SIZE}-seed{SEED}-{AS_OF:%Y%m%d}-{generator_fingerprint()}.db"
    if not path.exists():
        from store.demo import generate_workspace

        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        engine = open_engine(f"sqlite:///{partial}")
        upgrade_schema(engine)
        print(f"generating the demo workspace once (cached at {path}) ...", flush=True)
        generate_workspace(engine, size=SIZE, seed=SEED, as_of=AS_OF)  # type: ignore[arg-type]
        engine.dispose()
        partial.rename(path)
    engine = open_engine(f"sqlite:///{path}")
    upgrade_schema(engine)
    return engine


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def _fmt(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def main() -> None:
    """Print the lead-scoring table."""
    from settings import Settings
    from tools.leads.disqualify import LeadRules
    from tools.leads.model import budget_only_scores, lead_history, train_lead_model
    from tools.leads.score import rule_based_score

    started = time.perf_counter()
    real = real_lead_data()
    if real is not None and (real / "Leads.csv").is_file():
        from eval.leads.xeducation import evaluate

        real_rows, real_summary = evaluate(real)
        print("### Real leads: X Education, form-time fields only\n")
        print(real_summary + "\n")
        print(_table(["score (test slice)", "ROC-AUC", "top-decile conversion", "top-decile lift"], real_rows))
        print("\n### Generated demo workspace\n")
    else:
        print("note: the real X Education lead set is not under ../shared/data; the demo table only\n")
    engine = demo_store()
    history = lead_history(engine, as_of=AS_OF)
    cut = int(len(history) * TRAIN_SHARE)
    train, test = history[:cut], history[cut:]
    y_train = np.array([h.won for h in train], dtype=int)
    y = np.array([h.won for h in test], dtype=int)
    facts = [h.facts for h in test]

    model = train_lead_model(train)
    learned = model.probabilities(facts)
    baseline = budget_only_scores(facts)
    rules = LeadRules.from_settings(Settings())
    rule_scores = np.array([rule_based_score(f, rules).score for f in facts], dtype=float)

    rows: list[tuple[str, dict[str, float | None]]] = [
        ("budget only (baseline)", metrics(y, baseline, probabilities=False)),
        ("rule-based fallback (fixed points)", metrics(y, rule_scores, probabilities=False)),
        (f"learned: {model.algorithm}, calibrated", metrics(y, learned, probabilities=True)),
    ]
    settings = Settings()
    llm_line = "learned + LLM notes reading: not measured (no OPENAI_API_KEY / OPENAI_BASE_URL: offline)"
    if settings.llm_configured and settings.lead_llm_notes:
        from tools.leads.llm import notes_rater

        rate = notes_rater(settings)
        train_ratings = [rate(h.facts.notes) if h.facts.notes else None for h in train]
        test_ratings = [rate(f.notes) if f.notes else None for f in facts]
        with_llm = train_lead_model(train, llm_ratings=train_ratings)
        if with_llm.uses_llm:
            rows.append(
                (
                    f"learned + LLM notes ({settings.openai_model})",
                    metrics(y, with_llm.probabilities(facts, test_ratings), probabilities=True),
                )
            )
            llm_line = ""
        else:
            llm_line = "learned + LLM notes reading: not measured (every LLM call failed)"

    first, last = test[0].facts.submitted_at, test[-1].facts.submitted_at
    print(
        f"Data: GENERATED demo workspace ({SIZE} size, seed 7, as of "
        f"{AS_OF:%Y-%m-%d}); its budget/size/timeline fields are not in the real set above.\n"
        f"Split by time: train = {len(train)} decided leads submitted "
        f"{train[0].facts.submitted_at:%Y-%m-%d} … {train[-1].facts.submitted_at:%Y-%m-%d} "
        f"(won {y_train.mean():.1%}); test = the {len(test)} LATER leads {first:%Y-%m-%d} … {last:%Y-%m-%d} "
        f"(won {y.mean():.1%}).\n"
        f"Chosen by expanding-window time folds of the TRAINING slice: {model.algorithm} (mean validation ROC-AUC: "
        f"{', '.join(f'{k} {v:.3f}' for k, v in model.validation_auc.items()) or 'n/a'}).\n"
    )
    table_rows = [
        [name, _fmt(m["roc_auc"]), _fmt(m["pr_auc"]), _fmt(m["lift"], 2) + "×", _fmt(m["brier"])] for name, m in rows
    ]
    print(_table(["score (test slice)", "ROC-AUC", "PR-AUC", "top-decile lift", "Brier"], table_rows))
    if llm_line:
        print(f"\n{llm_line}")
    low, high = bootstrap_auc_gain(y, learned, baseline)
    base_auc, learned_auc = rows[0][1]["roc_auc"], rows[2][1]["roc_auc"]
    verdict = "YES" if learned_auc > base_auc else "NO"
    print(
        f"\nLearned beats budget-only on ROC-AUC: {verdict} ({learned_auc:.3f} vs {base_auc:.3f}; gain 95% bootstrap "
        f"interval {low:+.3f} … {high:+.3f}). PR-AUC base rate = {y.mean():.3f}. "
        f"({time.perf_counter() - started:.1f} s)"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
