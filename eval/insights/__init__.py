"""Closed-won / closed-lost insights on REAL data: salvage, loss reasons and the objection map's core claim.

`python -m eval insights` prints three tables, each with the counts behind it:

1. crm-sales-opportunities (Maven Analytics' practice CRM): **salvage**. A lost deal is salvaged when, after the loss,
   the same agent engages the same account for the same product within 90 days and wins it (21 % of the 2,473 lost
   deals with an account). Scored at the moment of the loss from what was known then (the agent's and the account's
   history before the loss, the deal's length, product, sector, and how recently the agent had engaged the account);
   time split by close date (train on the older 70 %, test on the newer 30 %); losses in the last 90 days of the data
   are dropped (their outcome is censored). Compared by ROC-AUC with a **recency-only baseline**: how recently the
   same agent engaged the same account before the loss (more recent = more salvageable).
2. x-education-leads: **loss reasons**. `Tags` of non-converted leads as the rep-entered reason (tags with fewer than
   40 leads pooled as "other tag"); a logistic regression on form-time and on-site activity fields only (origin,
   source, visits, time on site, pages per visit, occupation, country, city, specialization, how they heard, the
   do-not-contact flags; never Last Activity, Lead Quality, Lead Profile or the Asymmetrique scores, which the sales
   team fills after contact) vs the majority class, by macro-F1 on a stratified 30 % hold-out (no timestamps).
3. persuasion-for-good (300 annotated dialogues): **answered vs not**. In dialogues where the persuadee reacts
   negatively to donating, is the donation rate different when every such reaction is followed by a persuasion
   strategy in the persuader's next turn than when at least one is not? With Fisher's exact test (an association,
   not a cause: persuaders who answer may differ in other ways).
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from eval import shared_data_dir

SALVAGE_DAYS = 90
TRAIN_SHARE = 0.7
MIN_TAG = 40
NEGATIVE = {"negative-reaction-to-donation", "disagree-donation", "disagree-donation-more"}
STRATEGIES = {
    "credibility-appeal",
    "donation-information",
    "logical-appeal",
    "emotion-appeal",
    "self-modeling",
    "foot-in-the-door",
    "personal-story",
    "source-related-inquiry",
    "ask-not-donate-reason",
}
FORM_CATEGORICAL = (
    "Lead Origin",
    "Lead Source",
    "What is your current occupation",
    "Country",
    "City",
    "Specialization",
    "How did you hear about X Education",
    "Do Not Email",
    "Do Not Call",
    "A free copy of Mastering The Interview",
)
FORM_NUMERIC = ("TotalVisits", "Total Time Spent on Website", "Page Views Per Visit")


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _day(text: str) -> datetime | None:
    return datetime.strptime(text, "%m/%d/%Y") if text else None


# --- 1. salvage on crm-sales-opportunities ---------------------------------------------------------------------------


@dataclass
class Loss:
    """A lost opportunity and what was known at its loss."""

    agent: str
    account: str
    product: str
    sector: str
    engaged: datetime
    closed: datetime
    salvaged: bool
    features: dict[str, float]
    recency_days: float | None


def losses(folder: Path) -> list[Loss]:
    """Lost deals with an account, their salvage label and features as of the loss (no look-ahead)."""
    rows = _csv(folder / "sales_pipeline.csv")
    sectors = {r["account"]: r["sector"] for r in _csv(folder / "accounts.csv")}
    end = max(_day(r["close_date"]) for r in rows if r["close_date"])
    by_key: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    by_pair: dict[tuple[str, str], list[dict]] = defaultdict(list)
    by_agent: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["account"] and r["engage_date"]:
            by_key[(r["sales_agent"], r["account"], r["product"])].append(r)
            by_pair[(r["sales_agent"], r["account"])].append(r)
        if r["engage_date"]:
            by_agent[r["sales_agent"]].append(r)
    out = []
    for r in rows:
        if r["deal_stage"] != "Lost" or not r["account"] or not r["close_date"]:
            continue
        closed, engaged = _day(r["close_date"]), _day(r["engage_date"])
        if (end - closed).days < SALVAGE_DAYS:
            continue  # censored: the 90-day window runs past the end of the data
        key = (r["sales_agent"], r["account"], r["product"])
        salvaged = any(
            o["deal_stage"] == "Won" and 0 < (_day(o["engage_date"]) - closed).days <= SALVAGE_DAYS for o in by_key[key]
        )
        # Only what was known at the loss: other deals engaged before it, and their outcomes if closed before it.
        pair = by_pair[(r["sales_agent"], r["account"])]
        before = [o for o in pair if o is not r and _day(o["engage_date"]) <= closed]
        closed_before = [o for o in before if o["close_date"] and _day(o["close_date"]) <= closed]
        won_before = sum(o["deal_stage"] == "Won" for o in closed_before)
        open_at_loss = [o for o in before if not o["close_date"] or _day(o["close_date"]) > closed]
        agent_closed = [o for o in by_agent[r["sales_agent"]] if o["close_date"] and _day(o["close_date"]) < closed]
        last_touch = max((_day(o["engage_date"]) for o in before), default=None)
        recency = (closed - last_touch).days if last_touch else None
        feats = {
            "prior deals with account": float(len(before)),
            "prior wins with account": float(won_before),
            "prior losses with account": float(len(closed_before) - won_before),
            "same product before": float(sum(o["product"] == r["product"] for o in before)),
            "open with account at loss": float(len(open_at_loss)),
            "open same product at loss": float(sum(o["product"] == r["product"] for o in open_at_loss)),
            "days engaged": float((closed - engaged).days if engaged else 0),
            "agent win rate before": (
                sum(o["deal_stage"] == "Won" for o in agent_closed) / len(agent_closed) if agent_closed else 0.5
            ),
            "days since last touch": float(recency if recency is not None else 999),
            "log1p days since last touch": math.log1p(recency if recency is not None else 999),
            f"product={r['product']}": 1.0,
            f"sector={sectors.get(r['account'], '?')}": 1.0,
        }
        out.append(
            Loss(
                r["sales_agent"],
                r["account"],
                r["product"],
                sectors.get(r["account"], "?"),
                engaged,
                closed,
                salvaged,
                feats,
                recency,
            )
        )
    out.sort(key=lambda x: (x.closed, x.agent, x.account))
    return out


def salvage_table(folder: Path) -> list[str]:
    """ROC-AUC of the salvage model vs the recency-only baseline on a time split."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    data = losses(folder)
    cut = int(len(data) * TRAIN_SHARE)
    train, test = data[:cut], data[cut:]
    model = make_pipeline(DictVectorizer(sparse=False), StandardScaler(), LogisticRegression(max_iter=3000, C=0.5))
    model.fit([x.features for x in train], [x.salvaged for x in train])
    y = [x.salvaged for x in test]
    auc = roc_auc_score(y, model.predict_proba([x.features for x in test])[:, 1])
    recency = roc_auc_score(y, [-(x.recency_days if x.recency_days is not None else 10_000) for x in test])
    verdict = "beats" if auc > recency else "does NOT beat"
    return [
        "| set | losses (salvaged) | closed | ROC-AUC |",
        "|---|---|---|---|",
        f"| train | {len(train)} ({sum(x.salvaged for x in train)}) | {train[0].closed:%Y-%m-%d} – "
        f"{train[-1].closed:%Y-%m-%d} | |",
        f"| test: salvage model (logistic regression) | {len(test)} ({sum(y)}) | {test[0].closed:%Y-%m-%d} – "
        f"{test[-1].closed:%Y-%m-%d} | **{auc:.3f}** |",
        f"| test: recency-only baseline | {len(test)} ({sum(y)}) | same | {recency:.3f} |",
        "",
        f"Salvage model {verdict} the recency-only baseline on the time split "
        f"({len(data)} losses with an account and an uncensored 90-day window; "
        f"{sum(x.salvaged for x in data)} salvaged, {100 * sum(x.salvaged for x in data) / len(data):.1f} %).",
    ]


# --- 2. loss reasons on x-education-leads -----------------------------------------------------------------------------


def tags_table(folder: Path) -> list[str]:
    """Macro-F1 of the loss-reason model vs the majority class, on non-converted leads with a Tag."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    rows = [r for r in _csv(folder / "Leads.csv") if r["Converted"] == "0" and r["Tags"].strip()]
    counts = Counter(r["Tags"].strip() for r in rows)
    label = [t if counts[t] >= MIN_TAG else "other tag" for t in (r["Tags"].strip() for r in rows)]

    def features(r: dict) -> dict[str, float]:
        out: dict[str, float] = {}
        for col in FORM_CATEGORICAL:
            value = (r.get(col) or "").strip().lower()
            out[f"{col}={'(none)' if value in ('', 'select') else value}"] = 1.0
        for col in FORM_NUMERIC:
            try:
                out[col] = math.log1p(float(r.get(col) or 0))
            except ValueError:
                out[col] = 0.0
            out[f"{col} missing"] = float(not (r.get(col) or "").strip())
        return out

    x = [features(r) for r in rows]
    x_tr, x_te, y_tr, y_te = train_test_split(x, label, test_size=0.3, random_state=7, stratify=label)
    model = make_pipeline(
        DictVectorizer(sparse=False),
        StandardScaler(),
        LogisticRegression(max_iter=3000, C=0.3, class_weight="balanced"),
    )
    model.fit(x_tr, y_tr)
    pred = model.predict(x_te)
    majority = Counter(y_tr).most_common(1)[0][0]
    labels = sorted(set(label))
    f1 = f1_score(y_te, pred, average="macro", labels=labels, zero_division=0)
    base = f1_score(y_te, [majority] * len(y_te), average="macro", labels=labels, zero_division=0)
    per_class = f1_score(y_te, pred, average=None, labels=labels, zero_division=0)
    verdict = "beats" if f1 > base else "does NOT beat"
    lines = [
        "| model | macro-F1 | leads (train / test) | classes |",
        "|---|---|---|---|",
        f"| loss-reason model (logistic regression, form-time + on-site activity) | **{f1:.3f}** | "
        f"{len(y_tr)} / {len(y_te)} | {len(labels)} |",
        f"| majority class (“{majority}”) | {base:.3f} | same | same |",
        "",
        "| tag | leads | test F1 |",
        "|---|---|---|",
    ]
    lines += [f"| {t} | {Counter(label)[t]} | {score:.2f} |" for t, score in zip(labels, per_class, strict=True)]
    lines += ["", f"The loss-reason model {verdict} the majority baseline on macro-F1."]
    return lines


# --- 3. answered vs not on persuasion-for-good ------------------------------------------------------------------------


def persuasion_table(folder: Path) -> list[str]:
    """Donation rate when the persuadee's negative reactions are answered with a strategy vs not."""
    from scipy.stats import fisher_exact

    from eval.insights.xlsx import read_rows

    turns: dict[str, dict[int, dict[int, list[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for r in read_rows(folder / "AnnotatedData_300_dialog.xlsx"):
        act = r.get("er_label_1") or r.get("ee_label_1") or ""
        second = r.get("er_label_2") or r.get("ee_label_2") or ""
        turns[r["B2"]][int(r["Turn"])][int(r["B4"])] += [a for a in (act, second) if a]
    donated: dict[str, float] = {}
    for r in read_rows(folder / "AnnotatedData_300_info.xlsx"):
        if r.get("B4") == "1":
            donated[r["B2"]] = min(max(float(r.get("B6") or 0), 0.0), 2.0)
    groups: dict[str, list[float]] = {"answered": [], "not answered": [], "no negative reaction": []}
    reactions = Counter()
    for dialogue, by_turn in turns.items():
        if dialogue not in donated:
            continue
        negative = [t for t, roles in by_turn.items() if NEGATIVE & set(roles.get(1, []))]
        if not negative:
            groups["no negative reaction"].append(donated[dialogue])
            continue
        answered = [bool(STRATEGIES & set(by_turn.get(t + 1, {}).get(0, []))) for t in negative]
        reactions["answered"] += sum(answered)
        reactions["not answered"] += len(answered) - sum(answered)
        groups["answered" if all(answered) else "not answered"].append(donated[dialogue])
    a, b = groups["answered"], groups["not answered"]
    table = [[sum(x > 0 for x in a), sum(x == 0 for x in a)], [sum(x > 0 for x in b), sum(x == 0 for x in b)]]
    _odds, p = fisher_exact(table)
    lines = [
        "| dialogues | n | donated | donation rate | mean donation ($, clipped 0–2) |",
        "|---|---|---|---|---|",
    ]
    for name, values in groups.items():
        n = len(values)
        gave = sum(x > 0 for x in values)
        rate = f"{100 * gave / n:.1f} % | {sum(values) / n:.2f}" if n else "— | —"
        lines.append(f"| {name} | {n} | {gave} | {rate} |")
    lines += [
        "",
        f"Negative reactions: {reactions['answered']} followed by a persuasion strategy in the next persuader turn, "
        f"{reactions['not answered']} not. Answered vs not answered: Fisher's exact p = {p:.3f}.",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the three tables."""
    parser = argparse.ArgumentParser(prog="python -m eval insights", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default: ../shared/data)")
    args = parser.parse_args(argv if argv is not None else [])
    root = args.data or shared_data_dir()
    if root is None or not (root / "crm-sales-opportunities").is_dir():
        print("shared data not found: pass --data FOLDER", file=sys.stderr)
        return 2
    for title, build, folder in (
        ("Salvage on crm-sales-opportunities (time split)", salvage_table, "crm-sales-opportunities"),
        ("Loss reasons on x-education-leads (Tags of non-converted leads)", tags_table, "x-education-leads"),
        ("Objection answered vs not on persuasion-for-good", persuasion_table, "persuasion-for-good"),
    ):
        print(f"### {title}\n")
        print("\n".join(build(root / folder)) + "\n", flush=True)
    return 0
