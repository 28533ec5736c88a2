"""The call outcome model on REAL conversations: Persuasion-for-Good (../shared/data/persuasion-for-good).

1,017 real human-human chats (Wang et al., ACL 2019) in which a persuader asks a persuadee to donate to Save the
Children, with the donation actually made afterwards. NOT sales: a persuasion task between crowd workers. It tests
whether the outcome model (`tools.calls.predict`) learns from real conversations, not only from our generator.

Each dialogue becomes a transcript (persuader = rep, persuadee = prospect; a chat has no times, so timing is
"estimated" for every chat alike, and patience, which needs real pauses, is unknown). The
features are the model's own conversation features (`call_features`: talk share, questions, monologue, switches,
objections, tone, ...); no demographics or personality scores from the info file. Label: the persuadee donated
(`B6` > 0). Split by dialogue, stratified, 70/30, seed 7. Baselines: a constant, and the single feature that ranks
best on the TRAINING dialogues.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np

DIALOG_FILE = "FullData_full_dialog.csv"
INFO_FILE = "FullData_full_info.csv"
ROLES = {"0": "Persuader", "1": "Persuadee"}
SEED = 7
TEST_SHARE = 0.3
CHAT_DAY = date(2018, 9, 4)  # the dialogues' ids carry their 2018 dates; only "next Tuesday"-style phrases use it


def read_dialogues(folder: Path) -> tuple[dict[str, list[tuple[str, str]]], dict[str, int]]:
    """Dialogue id → [(role, text)] in order, and dialogue id → donated (1/0) for dialogues with a persuadee row."""
    dialogues: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with (folder / DIALOG_FILE).open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            text = " ".join((row["Unit"] or "").split())
            if text and row["B4"] in ROLES:
                dialogues[row["B2"]].append((ROLES[row["B4"]], text))
    donated: dict[str, int] = {}
    with (folder / INFO_FILE).open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["B4"] == "1" and row["B6"].strip():
                donated[row["B2"]] = int(float(row["B6"]) > 0)
    return dict(dialogues), donated


def dialogue_features(utterances: list[tuple[str, str]]) -> dict[str, float]:
    """The outcome model's conversation features of one chat (no deal amount: there is none)."""
    from tools.calls.metrics import compute_metrics
    from tools.calls.parsers import Transcript, Turn, words_seconds
    from tools.calls.predict import call_features
    from tools.calls.roles import SpeakerRole

    turns: list[Turn] = []
    clock = 0.0
    for line, (speaker, text) in enumerate(utterances, start=1):
        if turns and turns[-1].speaker == speaker:  # one person's consecutive messages are one turn
            prev = turns[-1]
            end = prev.end + words_seconds(text)
            turns[-1] = Turn(speaker, f"{prev.text} {text}", prev.start, end, prev.line)
            clock = end + 0.5
            continue
        end = clock + words_seconds(text)
        turns.append(Turn(speaker, text, clock, end, line))
        clock = end + 0.5
    transcript = Transcript(turns, "speaker_lines", "estimated")
    roles = {
        "Persuader": SpeakerRole("Persuader", "rep", "label"),
        "Persuadee": SpeakerRole("Persuadee", "prospect", "label"),
    }
    for name in transcript.speakers:
        roles.setdefault(name, SpeakerRole(name, "prospect", "label"))
    metrics = compute_metrics(transcript, roles, call_day=CHAT_DAY)
    return call_features(metrics)  # no amount: `log_amount` is NaN, a constant column for the model


def evaluate(folder: Path) -> tuple[list[list[str]], str]:
    """The table rows and a summary line for Persuasion-for-Good in `folder`."""
    from sklearn.metrics import brier_score_loss, roc_auc_score
    from sklearn.model_selection import train_test_split

    from tools.calls.predict import OutcomeModel

    dialogues, donated = read_dialogues(folder)
    ids = sorted(d for d in dialogues if d in donated)
    y = np.array([donated[d] for d in ids], dtype=int)
    x = [dialogue_features(dialogues[d]) for d in ids]
    idx_train, idx_test = train_test_split(np.arange(len(ids)), test_size=TEST_SHARE, stratify=y, random_state=SEED)
    y_train, y_test = y[idx_train], y[idx_test]
    x_train, x_test = [x[i] for i in idx_train], [x[i] for i in idx_test]

    model = OutcomeModel.train(x_train, list(y_train))
    p_model = np.array(model.win_probabilities(x_test))

    def column(rows: list[dict[str, float]], name: str) -> np.ndarray:
        return np.nan_to_num(np.array([r.get(name, np.nan) for r in rows], dtype=float), nan=0.0)

    usable = [f for f in x_train[0] if len(set(column(x_train, f))) > 1]
    train_auc = {f: roc_auc_score(y_train, column(x_train, f)) for f in usable}
    best = max(train_auc, key=lambda f: abs(train_auc[f] - 0.5))
    sign = 1.0 if train_auc[best] >= 0.5 else -1.0
    base = float(y_train.mean())
    table = [
        ["constant (train donation rate)", "0.500", f"{brier_score_loss(y_test, [base] * len(y_test)):.3f}"],
        [
            f"single feature, best on training dialogues: {best} ({'higher' if sign > 0 else 'lower'} = donates)",
            f"{roc_auc_score(y_test, sign * column(x_test, best)):.3f}",
            "",
        ],
        [
            f"outcome model (tools.calls.predict), {len(usable)} conversation features",
            f"{roc_auc_score(y_test, p_model):.3f}",
            f"{brier_score_loss(y_test, p_model):.3f}",
        ],
    ]
    summary = (
        f"Data: REAL chats, Persuasion-for-Good ({folder}): {len(ids)} dialogues, {y.mean():.1%} of persuadees "
        f"donated. NOT SALES: persuasion to donate to a charity, between crowd workers. Split by dialogue, stratified, "
        f"seed {SEED}: train {len(idx_train)}, test {len(idx_test)} ({y_test.mean():.1%} donated). Chats have no "
        "times: every chat's timing features come from word counts alike (estimated against estimated)."
    )
    return table, summary


__all__ = ["dialogue_features", "evaluate", "read_dialogues"]
