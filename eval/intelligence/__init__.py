"""The win model on real data: does it beat the simple baselines, is it calibrated, and does its forecast hold?

`python -m eval intelligence` runs the shipped feature code (`tools.intelligence.features`) and model
(`tools.intelligence.model`) on two books:

1. **Real**: ../shared/data/crm-sales-opportunities (Maven Analytics' practice CRM, 8,800 opportunities). Time split
   by engage_date: the model is trained at the cutoff exactly as the product would have been then (closed deals that
   had closed before the cutoff, each looked at every 14 days of its life, with features as of each look), and tested
   on the won/lost opportunities engaged on or after it. Leakage traps handled: `close_value` is 0 for every lost deal,
   so the amount is the product's list price for every deal; the close date is never a feature (a test deal is looked
   at only before it closed). Censoring: late-engaged deals that are still open are unlabelled and left out, so the
   test set leans to quick closes; said in the output.
2. **Demo**: the generated default workspace, same protocol (cutoff 150 days before its `as_of`).

For each: ROC-AUC and Brier of the win probability (at engagement, and at every 14-day look while open) against three
baselines fitted on the same training deals — the product's win rate, the agent's, and sector × product — plus a
reliability table, a learning curve (how many closed deals the model needs: the rules-fallback threshold), and a
monthly forecast backtest (for the test deals that closed in each month: predicted won count and value against actual).
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from eval import shared_data_dir
from tools.intelligence.features import (
    DealHistory,
    FeatureContext,
    OwnerRecord,
    Snapshot,
    features_at,
    product_medians,
    snapshot_times,
    training_snapshots,
)
from tools.intelligence.model import WinModel, fit

DATASET = "crm-sales-opportunities"
REAL_CUTOFF = datetime(2017, 6, 1, tzinfo=UTC)
DEMO_CUTOFF_DAYS = 150
LEARNING_CURVE = (25, 50, 100, 200, 400, 800)
LEARNED = "learned model (logistic regression)"
BOOTSTRAP = 300
PRIOR = 2.0
"""Baselines' smoothing: a segment's rate is (won + PRIOR × overall rate) / (closed + PRIOR)."""


# --- books ---------------------------------------------------------------------------------------------------------


def real_histories(folder: Path) -> dict[int, DealHistory]:
    """The CSV export as deal histories (amount = list price for every deal: close_value leaks the outcome)."""
    from store.csv_import import product_key, read_crm_folder

    rows = read_crm_folder(folder, tz=ZoneInfo("America/New_York"))
    with (folder / "products.csv").open(newline="", encoding="utf-8-sig") as handle:
        prices = {product_key(r["product"]): float(r["sales_price"]) for r in csv.DictReader(handle)}
    companies = {c["id"]: c for c in rows.companies}
    out = {}
    for d in rows.deals:
        if d["created_at"] is None:
            continue
        company = companies.get(d["company_id"]) or {}
        out[d["id"]] = DealHistory(
            deal_id=d["id"],
            owner_id=d["owner_id"],
            stage=d["stage"],
            is_closed=d["is_closed"],
            is_won=d["is_won"],
            created_at=d["created_at"],
            closed_at=d["closed_at"],
            amount=prices.get(product_key(d["product"] or "")),
            product=d["product"],
            source=None,
            industry=company.get("industry"),
            employees=company.get("employees"),
        )
    return out


def demo_histories(path: Path) -> tuple[dict[int, DealHistory], datetime]:
    """The default demo workspace (generated into `path`) and its `as_of`."""
    from sqlmodel import Session

    from store.db import open_engine, upgrade_schema
    from store.demo import generate_workspace
    from store.meta import get_meta
    from tools.intelligence.features import load_histories

    new = not path.exists()
    engine = open_engine(f"sqlite:///{path}")
    upgrade_schema(engine)
    if new:
        generate_workspace(engine, size="default", as_of=datetime(2026, 12, 1, 15, tzinfo=UTC))
    with Session(engine) as session:
        as_of = datetime.fromisoformat(get_meta(session, "as_of") or "")
        return load_histories(session), as_of


# --- protocol ------------------------------------------------------------------------------------------------------


@dataclass
class Scored:
    """Predictions for the test deals: one probability per look, with the deal's outcome and weight."""

    deal_ids: list[int]
    won: np.ndarray
    weight: np.ndarray
    first: np.ndarray
    """True for each deal's look at engagement."""


def test_looks(
    histories: dict[int, DealHistory], ctx: FeatureContext, cutoff: datetime, end: datetime
) -> tuple[list[Snapshot], Scored]:
    """Every won/lost deal engaged on or after `cutoff`, looked at every 14 days while open (features as of then)."""
    snaps: list[Snapshot] = []
    for h in sorted(histories.values(), key=lambda x: x.deal_id):
        if h.created_at < cutoff or not h.is_closed or h.closed_at is None or h.closed_at > end:
            continue
        times = snapshot_times(h, until=end)
        for t in times:
            f = features_at(h, t, owners=ctx.owners, medians=ctx.medians, current=False)
            snaps.append(Snapshot(h.deal_id, t, f, won=h.is_won, weight=1.0 / len(times)))
    first = np.array([i == 0 or snaps[i - 1].deal_id != s.deal_id for i, s in enumerate(snaps)])
    scored = Scored(
        [s.deal_id for s in snaps],
        np.array([int(bool(s.won)) for s in snaps]),
        np.array([s.weight for s in snaps]),
        first,
    )
    return snaps, scored


def segment_rate(train: Sequence[DealHistory], key: Callable[[DealHistory], object]) -> Callable[[DealHistory], float]:
    """A baseline: the smoothed win rate of the deal's segment among the training deals."""
    overall = sum(h.is_won for h in train) / max(len(train), 1)
    won: dict[object, int] = defaultdict(int)
    closed: dict[object, int] = defaultdict(int)
    for h in train:
        won[key(h)] += h.is_won
        closed[key(h)] += 1

    def rate(h: DealHistory) -> float:
        k = key(h)
        return (won[k] + PRIOR * overall) / (closed[k] + PRIOR)

    return rate


def auc(y: np.ndarray, p: np.ndarray, w: np.ndarray) -> float:
    """Weighted ROC-AUC."""
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, p, sample_weight=w))


def brier(y: np.ndarray, p: np.ndarray, w: np.ndarray) -> float:
    """Weighted Brier score (lower is better)."""
    return float(np.average((p - y) ** 2, weights=w))


def bootstrap_gap(y: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """AUC(a) − AUC(b) with a 90 % interval from resampling deals (seeded: the same run prints the same numbers)."""
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(17)
    point = float(roc_auc_score(y, a) - roc_auc_score(y, b))
    gaps = []
    for _ in range(BOOTSTRAP):
        i = rng.integers(0, len(y), len(y))
        if len(set(y[i])) == 2:
            gaps.append(roc_auc_score(y[i], a[i]) - roc_auc_score(y[i], b[i]))
    low, high = np.percentile(gaps, [5, 95])
    return point, float(low), float(high)


def reliability(y: np.ndarray, p: np.ndarray, w: np.ndarray, bins: int = 10) -> list[tuple[str, float, float, float]]:
    """(bin, deals, mean predicted, observed win rate) for probability bins of width 1/bins."""
    out = []
    idx = np.minimum((p * bins).astype(int), bins - 1)
    for b in range(bins):
        m = idx == b
        if w[m].sum() < 1:
            continue
        out.append(
            (
                f"{b / bins:.1f}–{(b + 1) / bins:.1f}",
                float(w[m].sum()),
                float(np.average(p[m], weights=w[m])),
                float(np.average(y[m], weights=w[m])),
            )
        )
    return out


@dataclass
class BookResult:
    """Everything printed for one book."""

    name: str
    train_deals: tuple[int, int]
    test_deals: tuple[int, int]
    table: list[tuple[str, float, float, float, float]]
    """(method, AUC at engagement, Brier at engagement, AUC all looks, Brier all looks)."""
    reliability: list[tuple[str, float, float, float]]
    curve: list[tuple[int, float, float]]
    """(training deals, model AUC, best baseline AUC) at engagement."""
    forecast: list[tuple[str, int, float, int, float, float, float, float]]
    """(month, deals closed, predicted won, actual won, predicted value, actual value, best baseline's and shipped
    model's predicted won)."""
    best: str
    gap: tuple[float, float, float]
    """Learned model AUC − best baseline AUC at engagement: point estimate and 90 % paired-bootstrap interval."""
    validation: dict[str, float]
    """fit()'s held-out AUCs on the training deals (how it chose what ships)."""
    shipped: str


def evaluate_book(
    name: str,
    histories: dict[int, DealHistory],
    cutoff: datetime,
    end: datetime,
    actual_value: dict[int, float] | None = None,
) -> BookResult:
    """Train at `cutoff` as the product would, test on deals engaged after it; baselines on the same training deals."""
    ctx = FeatureContext(
        OwnerRecord.from_histories(histories), product_medians((h.product, h.amount) for h in histories.values())
    )
    rows = training_snapshots(histories, ctx, closed_before=cutoff)
    train_ids = {r.deal_id for r in rows}
    train = [histories[i] for i in sorted(train_ids)]
    model = WinModel(rows)
    shipped, validation = fit(rows)
    snaps, scored = test_looks(histories, ctx, cutoff, end)
    hist = [histories[i] for i in scored.deal_ids]
    preds = {LEARNED: np.array([p.probability for p in model.predict(snaps, top=0)])}
    baselines = {
        "baseline: product win rate": segment_rate(train, lambda h: h.product),
        "baseline: agent win rate": segment_rate(train, lambda h: h.owner_id),
        "baseline: sector × product": segment_rate(train, lambda h: (h.industry, h.product)),
    }
    for label, fn in baselines.items():
        preds[label] = np.array([fn(h) for h in hist])
    preds[f"shipped by fit(): {shipped.method}"] = np.array([p.probability for p in shipped.predict(snaps, top=0)])
    y, w, first = scored.won, scored.weight, scored.first
    table = [
        (
            label,
            auc(y[first], p[first], np.ones(first.sum())),
            brier(y[first], p[first], np.ones(first.sum())),
            auc(y, p, w),
            brier(y, p, w),
        )
        for label, p in preds.items()
    ]
    best = max((t for t in table if t[0].startswith("baseline")), key=lambda t: t[1])[0]
    gap = bootstrap_gap(y[first], preds[LEARNED][first], preds[best][first])

    curve = []
    by_close = sorted(train, key=lambda h: h.closed_at)  # type: ignore[arg-type, return-value]
    for n in LEARNING_CURVE:
        if n >= len(by_close):
            break
        keep = {h.deal_id for h in by_close[-n:]}  # the most recent n closed deals, as a young team would have
        sub = [r for r in rows if r.deal_id in keep]
        if len({r.won for r in sub}) < 2:
            continue
        p_model = np.array(
            [p.probability for p in WinModel(sub).predict([snaps[i] for i in np.flatnonzero(first)], top=0)]
        )
        base_fn = {"baseline: product win rate": lambda h: h.product, "baseline: agent win rate": lambda h: h.owner_id}
        key = base_fn.get(best, lambda h: (h.industry, h.product))
        p_base = np.array(
            [
                segment_rate([histories[i] for i in sorted(keep)], key)(histories[d])
                for d in np.array(scored.deal_ids)[first]
            ]
        )
        ones = np.ones(first.sum())
        curve.append((n, auc(y[first], p_model, ones), auc(y[first], p_base, ones)))

    forecast = []
    first_ids = np.array(scored.deal_ids)[first]
    p_first = preds[LEARNED][first]
    p_best = preds[best][first]
    p_shipped = preds[f"shipped by fit(): {shipped.method}"][first]
    by_month: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(first_ids):
        by_month[histories[d].closed_at.strftime("%Y-%m")].append(i)  # type: ignore[union-attr]
    for month in sorted(by_month):
        idx = by_month[month]
        deals = [histories[first_ids[i]] for i in idx]
        value = actual_value or {}
        forecast.append(
            (
                month,
                len(idx),
                float(p_first[idx].sum()),
                sum(h.is_won for h in deals),
                float(sum(p_first[i] * (histories[first_ids[i]].amount or 0) for i in idx)),
                float(sum(value.get(h.deal_id, h.amount or 0) for h in deals if h.is_won)),
                float(p_best[idx].sum()),
                float(p_shipped[idx].sum()),
            )
        )
    return BookResult(
        name=name,
        train_deals=(sum(h.is_won for h in train), sum(not h.is_won for h in train)),
        test_deals=(int(y[first].sum()), int((1 - y[first]).sum())),
        table=table,
        reliability=reliability(y, preds[LEARNED], w),
        best=best,
        gap=gap,
        validation=validation.auc if validation else {},
        shipped=shipped.method,
        curve=curve,
        forecast=forecast,
    )


# --- output --------------------------------------------------------------------------------------------------------


def print_book(r: BookResult, cutoff: date) -> None:
    """Print one book's tables as Markdown."""
    print(f"### {r.name}: time split at {cutoff} (engaged before → train, on/after → test)\n")
    print(
        f"Training: {r.train_deals[0]} won + {r.train_deals[1]} lost deals closed before the cutoff. "
        f"Test: {r.test_deals[0]} won + {r.test_deals[1]} lost deals engaged on/after it.\n"
    )
    print("| method | AUC at engagement | Brier at engagement | AUC, every 14-day look | Brier, every look |")
    print("|---|---|---|---|---|")
    for label, a1, b1, a2, b2 in r.table:
        print(f"| {label} | {a1:.3f} | {b1:.3f} | {a2:.3f} | {b2:.3f} |")
    point, low, high = r.gap
    print(
        f"\nLearned model − best baseline ({r.best.removeprefix('baseline: ')}), AUC at engagement: {point:+.3f} "
        f"(90% paired bootstrap {low:+.3f} to {high:+.3f})."
    )
    held = ", ".join(f"{k} {v:.3f}" for k, v in r.validation.items())
    print(
        f"What the product ships for this book (`fit`, choosing on the most recent quarter of training deals, AUC "
        f"{held}): **{r.shipped}**."
    )
    print("\nReliability of the learned model (every look, each deal weighing 1):\n")
    print("| predicted | deals | mean predicted | observed win rate |")
    print("|---|---|---|---|")
    for label, n, mp, obs in r.reliability:
        print(f"| {label} | {n:.0f} | {mp:.2f} | {obs:.2f} |")
    print("\nLearning curve (AUC at engagement on the same test deals; trained on the most recent N closed deals):\n")
    print("| closed deals in training | win model AUC | best baseline AUC |")
    print("|---|---|---|")
    for n, am, ab in r.curve:
        print(f"| {n} | {am:.3f} | {ab:.3f} |")
    print("\nForecast backtest (test deals that closed in each month; probabilities at engagement):\n")
    print(
        "| month | closed | learned: won | actual won | learned: value | actual value | baseline: won | shipped: won |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for m, n, pw, aw, pv, av, bw, sw in r.forecast:
        print(f"| {m} | {n} | {pw:.1f} | {aw} | ${pv:,.0f} | ${av:,.0f} | {bw:.1f} | {sw:.1f} |")
    total_p = sum(f[2] for f in r.forecast)
    total_a = sum(f[3] for f in r.forecast)
    mape = np.mean([abs(f[2] - f[3]) / f[3] for f in r.forecast if f[3]]) if r.forecast else math.nan
    mape_b = np.mean([abs(f[6] - f[3]) / f[3] for f in r.forecast if f[3]]) if r.forecast else math.nan
    mape_s = np.mean([abs(f[7] - f[3]) / f[3] for f in r.forecast if f[3]]) if r.forecast else math.nan
    print(
        f"\nTotal won: learned predicts {total_p:.0f}, actual {total_a}. Mean absolute monthly error of the won count: "
        f"learned {mape:.1%}, best baseline {mape_b:.1%}, shipped {mape_s:.1%}.\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Run both books and print their tables."""
    parser = argparse.ArgumentParser(prog="python -m eval intelligence")
    parser.add_argument("--data", type=Path, default=None, help="folder holding crm-sales-opportunities/")
    parser.add_argument("--skip-demo", action="store_true")
    args = parser.parse_args(argv if argv is not None else [])
    base = args.data or shared_data_dir()
    folder = base / DATASET if base else None
    if folder is None or not folder.is_dir():
        print(f"{DATASET} not found (pass --data): nothing evaluated", file=sys.stderr)
        return 2
    real = real_histories(folder)
    end = max(h.closed_at for h in real.values() if h.closed_at) + timedelta(days=1)  # type: ignore[type-var]
    values = _close_values(folder)
    result = evaluate_book("Real: crm-sales-opportunities", real, REAL_CUTOFF, end, values)
    print_book(result, REAL_CUTOFF.date())
    print(
        "Censoring: opportunities engaged after the cutoff that are still open (Engaging/Prospecting) have no "
        "outcome and are left out, so the test set leans to quick closes.\n"
    )
    if not args.skip_demo:
        with tempfile.TemporaryDirectory() as tmp:
            demo, as_of = demo_histories(Path(tmp) / "demo.db")
        cutoff = as_of - timedelta(days=DEMO_CUTOFF_DAYS)
        print_book(evaluate_book("Demo workspace (default size)", demo, cutoff, as_of), cutoff.date())
    return 0


def _close_values(folder: Path) -> dict[int, float]:
    """Won deals' close_value by store id (row order, as the importer numbers them), for the value backtest."""
    from store.csv_import import read_crm_folder

    rows = read_crm_folder(folder, tz=ZoneInfo("America/New_York"))
    return {d["id"]: float(d["amount"] or 0) for d in rows.deals if d["is_won"]}
