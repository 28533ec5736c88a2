"""Evaluate call intelligence against ground truth: stages, objections, questions, commitments, outcome prediction.

Data: real labelled transcripts under ../shared/data/ when present (none today: its README lists only the CRM
opportunities set, which has no transcripts), otherwise the generated demo workspace (size "default", seed 7,
as_of fixed) whose `Call.labels` hold the generator's ground truth. The calls are split by date: the earliest 70 %
of deals (by their first call) train the outcome model, the latest 30 % are HELD OUT; every detection number below
is measured on the held-out calls only (the detectors are not trained, but the lexicons were written while looking at
the generator's phrasing, so the held-out split is the honest place to measure them).

Run: `python -m eval calls` (or `make eval`).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sklearn.metrics import brier_score_loss, roc_auc_score
from sqlalchemy import Engine
from sqlmodel import Session, select

from eval import generator_fingerprint
from settings import PROJECT_ROOT
from store.models import Call, Deal
from tools.calls.analyze import known_competitors, stored_call_metrics
from tools.calls.lexicon import STAGES
from tools.calls.metrics import CallMetrics, stage_of_turns
from tools.calls.parsers import parse_transcript
from tools.calls.predict import OutcomeModel, call_features, enough_history, rules_prediction

EVAL_DIR = PROJECT_ROOT / "var" / "eval"
AS_OF = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
HELD_OUT_SHARE = 0.3


def workspace(size: str = "default", seed: int = 7) -> Engine:
    """The demo workspace used for evaluation, generated once into var/eval/ and reused."""
    from store.db import open_engine, upgrade_schema
    from store.demo import generate_workspace

    path = EVAL_DIR / f"calls-{size}-seed{seed}-{AS_OF:%Y%m%d}-{generator_fingerprint()}.db"
    if not path.exists():
        EVAL_DIR.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        engine = open_engine(f"sqlite:///{partial}")
        upgrade_schema(engine)
        print(f"generating the {size} demo workspace (seed {seed}) into {path} ...", flush=True)
        generate_workspace(engine, size=size, seed=seed, as_of=AS_OF)
        engine.dispose()
        partial.rename(path)
    engine = open_engine(f"sqlite:///{path}")
    upgrade_schema(engine)
    return engine


def real_transcripts_available() -> bool:
    """True when ../shared/data holds labelled call transcripts (a folder with 'call' or 'transcript' in its name)."""
    from eval import shared_data_dir

    shared = shared_data_dir()
    if shared is None:
        return False
    return any(p.is_dir() and ("call" in p.name.lower() or "transcript" in p.name.lower()) for p in shared.iterdir())


class PRF:
    """Counts of true positives, false positives and false negatives."""

    def __init__(self) -> None:
        """Start at zero."""
        self.tp = self.fp = self.fn = 0

    def add(self, predicted: set, actual: set) -> None:
        """Count one call's predicted and actual items."""
        self.tp += len(predicted & actual)
        self.fp += len(predicted - actual)
        self.fn += len(actual - predicted)

    def row(self, name: str) -> list[object]:
        """Precision, recall, F1 and support as a table row."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return [name, f"{p:.2f}", f"{r:.2f}", f"{f:.2f}", self.tp + self.fn]


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Print a Markdown table."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    print(f"\n{title}\n")
    for k, row in enumerate(cells):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if k == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def _line_stages(metrics: CallMetrics, lines: list[int], n_turns: int) -> dict[int, str]:
    return dict(zip(lines, stage_of_turns(metrics, n_turns), strict=True))


def _label_stages(labels: dict) -> dict[int, str]:
    out = {}
    for seg in labels.get("segments") or []:
        for line in range(int(seg["start_line"]), int(seg["end_line"]) + 1):
            out[line] = seg["name"]
    return out


def split_calls(session: Session, *, closed_only: bool = False) -> tuple[list[int], list[int]]:
    """(train, held-out) call ids: deals ordered by their first call, the latest 30 % of deals held out."""
    stmt = select(Call).where(Call.transcript.is_not(None))  # type: ignore[union-attr]
    if closed_only:
        stmt = stmt.join(Deal, Deal.id == Call.deal_id).where(Deal.is_closed.is_(True))  # type: ignore[attr-defined]
    calls = session.exec(stmt.order_by(Call.started_at, Call.id)).all()
    first_call: dict[int | None, datetime] = {}
    for call in calls:
        first_call.setdefault(call.deal_id, call.started_at)
    deals = sorted(first_call, key=lambda d: (first_call[d], d or 0))
    cut = int(len(deals) * (1 - HELD_OUT_SHARE))
    held = set(deals[cut:])
    return [c.id for c in calls if c.deal_id not in held], [c.id for c in calls if c.deal_id in held]  # type: ignore[misc]


def main() -> None:
    """Run the evaluation and print its tables."""
    started = time.perf_counter()
    if real_transcripts_available():
        print(
            "note: labelled transcripts found under ../shared/data, but no reader for them exists yet; "
            "evaluating on the demo workspace instead"
        )
    engine = workspace()
    data_note = "demo workspace (default size, seed 7), held-out 30 % of deals by date"
    stage_prf = {s: PRF() for s in STAGES}
    stage_lines = stage_correct = 0
    objection_typed, objection_any = PRF(), PRF()
    per_category: dict[str, PRF] = defaultdict(PRF)
    questions, commitments = PRF(), PRF()
    question_kind_ok = question_kind_n = 0
    due_ok = due_n = 0
    rep_ok = rep_n = 0
    with Session(engine) as session:
        train_ids, held_ids = split_calls(session)
        competitors = known_competitors(session)
        held_calls = [session.get(Call, i) for i in held_ids]
        for call in held_calls:
            assert call is not None
            labels = call.labels or {}
            metrics = stored_call_metrics(session, call, competitors=competitors)
            if metrics is None or not labels:
                continue
            transcript = parse_transcript(call.transcript or "", call.transcript_format)
            lines = [t.line for t in transcript.turns]
            predicted = _line_stages(metrics, lines, len(lines))
            actual = _label_stages(labels)
            for stage in STAGES:
                stage_prf[stage].add(
                    {ln for ln, s in predicted.items() if s == stage}, {ln for ln, s in actual.items() if s == stage}
                )
            stage_lines += len(actual)
            stage_correct += sum(1 for ln, s in actual.items() if predicted.get(ln) == s)
            got = {(o.clip.line, o.category) for o in metrics.objections}
            want = {(int(o["line"]), str(o["category"])) for o in labels.get("objections") or []}
            objection_typed.add(got, want)
            objection_any.add({ln for ln, _ in got}, {ln for ln, _ in want})
            for category in {c for _, c in got | want}:
                per_category[category].add({x for x in got if x[1] == category}, {x for x in want if x[1] == category})
            discovery = {ln for ln, s in actual.items() if s == "discovery"}
            asked = {q.clip.line: q.kind for q in metrics.questions if q.clip.line in discovery}
            labelled_q = {int(q["line"]): q["kind"] for q in labels.get("discovery_questions") or []}
            questions.add(set(asked), set(labelled_q))
            for line in set(asked) & set(labelled_q):
                question_kind_n += 1
                question_kind_ok += asked[line] == labelled_q[line]
            got_c = {c.clip.line: c for c in metrics.commitments}
            want_c = {int(c["line"]): c for c in labels.get("commitments") or []}
            commitments.add(set(got_c), set(want_c))
            for line in set(got_c) & set(want_c):
                if not want_c[line].get("due_date"):
                    continue  # an undated promise ("I'll send over a recap"): nothing to compare
                due_n += 1
                due = got_c[line].due
                due_ok += due is not None and due.isoformat() == str(want_c[line].get("due_date"))
            rep = (labels.get("speakers") or {}).get("rep")
            if rep:
                rep_n += 1
                rep_ok += metrics.speakers.get(rep) == "rep"

        print(f"Data: {data_note}. Train calls {len(train_ids)}, held-out calls {len(held_ids)}.")
        rows = [stage_prf[s].row(s) for s in STAGES]
        rows.append(["line accuracy", "", "", f"{stage_correct / max(1, stage_lines):.2f}", stage_lines])
        print_table(
            "Stage segmentation vs labels (per transcript line, held-out calls)",
            ["stage", "precision", "recall", "F1", "support (lines)"],
            rows,
        )
        rows = [objection_typed.row("objection line + category"), objection_any.row("objection line (any category)")]
        rows += [per_category[c].row(f"  {c}") for c in sorted(per_category) if per_category[c].tp + per_category[c].fn]
        silent = [c for c in sorted(per_category) if not per_category[c].tp + per_category[c].fn]
        rows += [[f"  {c} (not in labels)", "0.00", "", "", f"{per_category[c].fp} predicted"] for c in silent]
        rows += [
            questions.row("rep question lines in discovery"),
            ["  open/closed agreement", "", "", f"{question_kind_ok / max(1, question_kind_n):.2f}", question_kind_n],
            commitments.row("commitment lines"),
            ["  due date exact (matched)", "", "", f"{due_ok / max(1, due_n):.2f}", due_n],
            ["rep identified (CRM names)", "", "", f"{rep_ok / max(1, rep_n):.2f}", rep_n],
        ]
        print_table(
            "Detection vs labels (held-out calls; objections by keyword + library similarity when wired)",
            ["what", "precision", "recall", "F1", "support"],
            rows,
        )

        x_train, y_train, x_test, y_test = [], [], [], []
        oracle_test: list[int] = []
        # Outcomes: the same rule (latest 30 % of deals by first call held out), applied to closed deals only.
        outcome_train, outcome_held = split_calls(session, closed_only=True)
        for ids, xs, ys in ((outcome_train, x_train, y_train), (outcome_held, x_test, y_test)):
            for call_id in ids:
                call = session.get(Call, call_id)
                deal = session.get(Deal, call.deal_id) if call and call.deal_id else None
                if call is None or deal is None or not deal.is_closed:
                    continue
                metrics = stored_call_metrics(session, call, competitors=competitors)
                if metrics is None:
                    continue
                xs.append(call_features(metrics, amount=deal.amount))
                ys.append(int(deal.is_won))
                if xs is x_test:
                    oracle_test.append(len((call.labels or {}).get("discovery_questions") or []))
    rows = []
    if enough_history(y_train) and len(set(y_test)) == 2:
        model = OutcomeModel.train(x_train, y_train)
        p_model = model.win_probabilities(x_test)
        base = sum(y_train) / len(y_train)
        p_rules = [rules_prediction(x, base_rate=base).win_probability for x in x_test]
        rows.append(
            [
                "calibrated logistic regression (Platt)",
                f"{roc_auc_score(y_test, p_model):.3f}",
                f"{brier_score_loss(y_test, p_model):.3f}",
                f"{sum(p_model) / len(p_model):.2f}",
            ]
        )
        rows.append(
            [
                "rules baseline (thin-history fallback)",
                f"{roc_auc_score(y_test, p_rules):.3f}",
                f"{brier_score_loss(y_test, p_rules):.3f}",
                f"{sum(p_rules) / len(p_rules):.2f}",
            ]
        )
        rows.append(
            [
                "reference: labelled discovery-question count",
                f"{roc_auc_score(y_test, oracle_test):.3f}",
                "",
                "",
            ]
        )
        rows.append(
            [
                "constant (train win rate)",
                "0.500",
                f"{brier_score_loss(y_test, [base] * len(y_test)):.3f}",
                f"{base:.2f}",
            ]
        )
        won = sum(y_test)
        print(
            f"\nOutcome data: {len(y_train)} train calls of closed deals, {len(y_test)} held-out "
            f"({won} won / {len(y_test) - won} lost, observed win rate {won / len(y_test):.2f})."
        )
    else:
        print(f"\nOutcome: not enough closed deals with calls (train {len(y_train)}, held-out {len(y_test)}).")
    print_table(
        "Outcome prediction on held-out calls of closed deals", ["model", "ROC-AUC", "Brier", "mean p(win)"], rows
    )
    real = _persuasion_folder()
    if real is not None:
        from eval.calls.persuasion import evaluate

        real_rows, real_summary = evaluate(real)
        print(f"\n{real_summary}")
        print_table(
            "Outcome prediction on REAL persuasion chats (not sales), held-out dialogues",
            ["model", "ROC-AUC", "Brier"],
            real_rows,
        )
    else:
        print("\nnote: ../shared/data/persuasion-for-good is not there; the real-conversation table is skipped")
    print(f"\n(eval/calls took {time.perf_counter() - started:.0f} s)")


def _persuasion_folder() -> Path | None:
    from eval import shared_data_dir

    shared = shared_data_dir()
    folder = shared / "persuasion-for-good" if shared else None
    return folder if folder is not None and (folder / "FullData_full_dialog.csv").is_file() else None


if __name__ == "__main__":
    main()
