"""Lead scoring on REAL leads: X Education (../shared/data/x-education-leads), form-time fields only.

9,237 real (anonymised) inbound leads of an online-education company with the real outcome `Converted`. B2C-ish
(professionals buying courses), not B2B, and said so in the table.

Leakage: `Tags`, `Lead Quality`, `Lead Profile`, `Last Activity`, `Last Notable Activity` and the Asymmetrique
indices/scores are filled in by the sales team after contact; the form-time score never sees them. They are used in
one extra row only, labelled a ceiling (what a score that peeks at the rep's notes would get), never as a result.

Form-time fields (the data README's list): Lead Origin, Lead Source, TotalVisits, Total Time Spent on Website, Page
Views Per Visit, What is your current occupation, Country, City. "Select" means "not chosen" and counts as missing;
"Google"/"google" are one source. There are no timestamps, so the split is random and stratified (70/30, seed 7).

Model: a standardised logistic regression over one-hot categories and log numbers with missing indicators, fixed
settings (nothing tuned on the test slice). Baselines: the single field chosen in advance as the analogue of
"budget only" (time spent on the website: a number the form back-end always has), and the single form-time field that
ranks best on the TRAINING slice.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np

LEADS_FILE = "Leads.csv"
LABEL = "Converted"
CATEGORICAL = ("Lead Origin", "Lead Source", "What is your current occupation", "Country", "City")
NUMERIC = ("TotalVisits", "Total Time Spent on Website", "Page Views Per Visit")
FORM_FIELDS = CATEGORICAL + NUMERIC
LEAKY = (
    "Tags",
    "Lead Quality",
    "Lead Profile",
    "Last Activity",
    "Last Notable Activity",
    "Asymmetrique Activity Index",
    "Asymmetrique Profile Index",
)
BASELINE_FIELD = "Total Time Spent on Website"
SEED = 7
TEST_SHARE = 0.3


def read_leads(path: Path) -> tuple[list[dict[str, str]], np.ndarray]:
    """Rows (field → cleaned text; "Select" and blanks become "") and the 0/1 `Converted` labels."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    cleaned = [{k: ("" if (v or "").strip() == "Select" else (v or "").strip()) for k, v in r.items()} for r in rows]
    labels = np.array([int(r[LABEL]) for r in cleaned], dtype=int)
    return cleaned, labels


def features(row: dict[str, str], fields: tuple[str, ...]) -> dict[str, float]:
    """One lead's features: `field=value` one-hots for categories, log1p numbers and a missing flag for each."""
    out: dict[str, float] = {}
    for field in fields:
        value = row.get(field, "")
        if field in NUMERIC or field.startswith("Asymmetrique") and field.endswith("Score"):
            try:
                out[field] = math.log1p(max(0.0, float(value)))
            except ValueError:
                out[f"{field}:missing"] = 1.0
        else:
            out[f"{field}={value.lower() or 'missing'}"] = 1.0
    return out


def _model():  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(
        DictVectorizer(sparse=False), StandardScaler(), LogisticRegression(C=1.0, max_iter=5000, random_state=SEED)
    )


def fit_score(train: list[dict[str, str]], y_train: np.ndarray, test: list[dict[str, str]], fields: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """Train on `train` with `fields`, return the test rows' conversion probabilities."""
    model = _model().fit([features(r, fields) for r in train], y_train)
    return model.predict_proba([features(r, fields) for r in test])[:, 1]


def evaluate(folder: Path) -> tuple[list[list[str]], str]:
    """The table rows and a summary line for the X Education set in `folder`."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import train_test_split

    from eval.leads import top_decile_lift

    rows, y = read_leads(folder / LEADS_FILE)
    idx_train, idx_test = train_test_split(np.arange(len(rows)), test_size=TEST_SHARE, stratify=y, random_state=SEED)
    train, test = [rows[i] for i in idx_train], [rows[i] for i in idx_test]
    y_train, y_test = y[idx_train], y[idx_test]
    base = y_test.mean()

    def row(name: str, scores: np.ndarray) -> list[str]:
        lift = top_decile_lift(y_test, scores)
        return [name, f"{roc_auc_score(y_test, scores):.3f}", f"{lift * base:.1%}", f"{lift:.2f}×"]

    by_train_auc = {field: roc_auc_score(y_train, fit_score(train, y_train, train, (field,))) for field in FORM_FIELDS}
    best_field = max(by_train_auc, key=lambda f: by_train_auc[f])
    learned = fit_score(train, y_train, test, FORM_FIELDS)
    table = [
        row("constant (every lead alike)", np.zeros(len(test))),
        row(f"single field, chosen in advance: {BASELINE_FIELD}", fit_score(train, y_train, test, (BASELINE_FIELD,))),
        row(f"single field, best on the training slice: {best_field}", fit_score(train, y_train, test, (best_field,))),
        row(f"learned: logistic regression on {len(FORM_FIELDS)} form-time fields", learned),
        row(
            "CEILING, leaky: + fields the sales team fills after contact",
            fit_score(train, y_train, test, FORM_FIELDS + LEAKY),
        ),
    ]
    summary = (
        f"Data: REAL leads, {folder}/{LEADS_FILE}: {len(rows)} leads, converted {y.mean():.1%} (B2C-ish online "
        f"education, not B2B). Stratified random split (no timestamps), seed {SEED}: train {len(train)}, test "
        f"{len(test)} (converted {base:.1%}). Top-decile conversion = conversion rate of the 10 % best-scored test "
        "leads. The ceiling row uses post-contact fields (Tags, Lead Quality, ...): leakage, not a result."
    )
    return table, summary


__all__ = ["FORM_FIELDS", "LEAKY", "evaluate", "features", "read_leads"]
