"""Leave-one-set-out: the classifier's share of a blind set's first run, estimated on the sets already written.

For each blind-written set (`eval.copilot.sets.LOSO_SETS`) a classifier is trained without it (`training_set(
leave_out=...)`: no question of the set, wherever else it is repeated) and the set is scored by the normal evaluator
(`score`) with that classifier in place of the process's one (`serving`). The shipped classifier and its cache file
are neither used nor written. The regex rules that run before the classifier were themselves fitted to these sets
after their first runs, so this over-estimates a first run: it isolates what the classifier adds, not the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import Engine

from eval.copilot.questions import Case

RULES_CAVEAT = (
    "Caveat: the regex rules that run before the classifier were fitted to these very sets after their first runs, "
    "so leave-one-set-out over-estimates a new set's first run; it isolates the classifier, not the rules."
)


@dataclass(frozen=True)
class Guessed:
    """The classifier alone on one labelled question: the label, its top guess, confidence and margin."""

    label: str
    top: str
    confidence: float
    margin: float

    @property
    def right(self) -> bool:
        """Whether the top guess is the label."""
        return self.top == self.label


@dataclass(frozen=True)
class Fold:
    """One left-out set's scores with a classifier trained without it."""

    name: str
    questions: int
    capability_right: int
    both_right: int
    confident_wrong: int
    clarified: int
    misses: tuple[str, ...]
    guesses: tuple[Guessed, ...] = ()
    """The fold classifier's own reading of each question it has a label for, whatever the rules decided."""
    noted: tuple[Noted, ...] = ()
    """Each question's score parts and the argument-kind model's candidates (`bot.copilot.arg_keys`)."""

    @property
    def alone_right(self) -> int:
        """Questions whose label is the classifier's top guess."""
        return sum(g.right for g in self.guesses)

    @classmethod
    def pooled(cls, folds: Iterable[Fold]) -> Fold:
        """Every fold's questions counted together (each question once, so large sets weigh more)."""
        folds = list(folds)
        pooled = cls.of("pooled", [f.counts for f in folds], tuple(m for f in folds for m in f.misses))
        guesses = tuple(g for f in folds for g in f.guesses)
        return replace(pooled, guesses=guesses, noted=tuple(n for f in folds for n in f.noted))

    @property
    def counts(self) -> list[int]:
        """[questions, capability right, capability+args right, confident wrong, clarified]."""
        return [self.questions, self.capability_right, self.both_right, self.confident_wrong, self.clarified]

    @classmethod
    def of(cls, name: str, counts: Iterable[list[int]], misses: tuple[str, ...]) -> Fold:
        """A fold from per-group count lists (as `score` returns them), summed."""
        n, capability, both, wrong, clarified = (sum(column) for column in zip(*counts, strict=True))
        return cls(name, n, capability, both, wrong, clarified, misses)


@dataclass(frozen=True)
class Noted:
    """One scored question as the argument-kind notes change it: its score parts, labels and the model's candidates.

    The notes are re-scored for any threshold from these (`Noted.scored`), as the evaluator scores them (`score`): a
    note turns a confident-wrong answer safe only when the capability is right and every wrong argument is one left
    empty (`only_left_out`), and answers a question labelled "unsupported_filter".
    """

    question: str
    tool: str | None
    intent: str
    """The expected intent of a question labelled with no capability ("" for a capability's)."""
    got_tool: str | None
    tool_ok: bool
    args_ok: bool
    left_out: bool
    asked_which: bool
    ruled: bool
    """Whether the rules' own notes said something left out (the model's notes aside)."""
    kinds: frozenset[str]
    """The kinds the expected call specifies (`arg_keys.kinds_of`)."""
    candidates: tuple[tuple[str, float], ...]

    def notes(self, threshold: float | None) -> list[str]:
        """The kinds noted at `threshold` (None: the mechanism off)."""
        return [] if threshold is None else [k for k, p in self.candidates if p >= threshold]

    def scored(self, threshold: float | None) -> tuple[bool, bool]:
        """(capability+args right, confident wrong) with the notes of `threshold`."""
        said = self.ruled or bool(self.notes(threshold))
        if self.tool is None:
            right = self.args_ok or (self.intent == "unsupported_filter" and said)
            said_unapplied = said and self.intent == "unsupported_filter"
        else:
            right, said_unapplied = self.args_ok, said and self.tool_ok and self.left_out
        wrong = self.got_tool is not None and not right and not said_unapplied and not self.asked_which
        return right, wrong


def fold_arg_model(name: str, *, blind: bool | None = None) -> Any:
    """An argument-kind model trained without the blind set `name` (`bot.copilot.arg_keys`)."""
    from bot.copilot.arg_keys import ArgKindModel, training_cases

    return ArgKindModel.train(training_cases(leave_out=name, blind=blind))


def fold_classifier(name: str, embed: Any, *, blind: bool | None = None) -> Any:
    """A classifier trained without the blind set `name` (never cached: each fold trains its own).

    `blind`: trained on the other blind sets too (default: as the shipped classifier, `TRAIN_ON_BLIND_SETS`).
    """
    from bot.copilot.classifier import CapabilityClassifier, training_set

    return CapabilityClassifier(training_set(leave_out=name, blind=blind), embed)


def shared_embedding() -> Any:
    """The sentence embedder, each text embedded once for all folds (None when the model files are missing)."""
    from bot.copilot.classifier import RememberedEmbedding
    from store.library import embedding_model_installed, sentence_embedder

    return RememberedEmbedding(sentence_embedder()) if embedding_model_installed() else None


def run_folds(
    engine: Engine,
    now: datetime,
    names: Iterable[str],
    *,
    train: Callable[[str, Any], Any] = fold_classifier,
    embed: Any = None,
    train_kinds: Callable[[str], Any] = fold_arg_model,
) -> list[Fold]:
    """Score each named set with a classifier `train`ed without it; the process's classifier is left as it was.

    The argument-kind model of the set (`train_kinds`) is trained without it too.
    """
    from bot.copilot import arg_keys
    from bot.copilot.classifier import serving
    from eval.copilot import score
    from eval.copilot.sets import BLIND_SETS

    folds = []
    for name in names:
        record: list[dict[str, Any]] = []
        candidates: list[list[arg_keys.Candidate]] = []
        with serving(train(name, embed)) as model, arg_keys.serving(train_kinds(name)), arg_keys.recording():
            per, misses = score(engine, now, BLIND_SETS[name], decide=_recorded(candidates), record=record)
        fold = Fold.of(name, per.values(), tuple(m for m in misses if "CONFIDENT WRONG" in m))
        noted = tuple(_noted(r, c) for r, c in zip(record, candidates, strict=True))
        folds.append(replace(fold, guesses=classifier_alone(model, BLIND_SETS[name]), noted=noted))
    return folds


def _recorded(candidates: list[Any]) -> Any:
    """Understanding's decision (`route_offline`), keeping the argument-kind candidates of each decision."""
    from bot.copilot import arg_keys
    from eval.copilot import route_offline

    def decide(*args: Any) -> Any:
        arg_keys.RECORDED.clear()
        decided = route_offline(*args)
        candidates.append(list(arg_keys.RECORDED[-1]) if arg_keys.RECORDED else [])
        return decided

    decide.offline = True  # type: ignore[attr-defined]  # scored as understanding, not as the agent
    return decide


def _noted(record: dict[str, Any], candidates: list[Any]) -> Noted:
    from bot.copilot.arg_keys import SAID_AS, kinds_of

    model_said = set(SAID_AS.values())
    return Noted(
        question=record["question"],
        tool=record["tool"],
        intent=str(record["expected"].get("intent", "")) if record["tool"] is None else "",
        got_tool=record["got_tool"],
        tool_ok=record["tool_ok"],
        args_ok=record["args_ok"] if record["tool"] is not None else _right_without_notes(record, model_said),
        left_out=record["left_out"],
        asked_which=record["asked_which"],
        ruled=any(u not in model_said for u in record["unapplied"]),
        kinds=kinds_of(record["tool"], record["expected"]),
        candidates=tuple((c.kind, c.probability) for c in candidates),
    )


def _right_without_notes(record: dict[str, Any], model_said: set[str]) -> bool:
    """A no-capability question's score with the rules' notes only (`no_tool_right`)."""
    from eval.copilot import no_tool_right

    ruled = [u for u in record["unapplied"] if u not in model_said]
    return no_tool_right(record["expected"]["intent"], record["intent"], record["got_tool"], ruled, offline=True)


def print_notes(noted: tuple[Noted, ...]) -> None:
    """The argument-kind notes pooled over the folds, by threshold: what they save and how often they mislead.

    A false note names a kind the expected call does not specify (the evaluator does not count it, a user would be
    misled); its rate is over the answers given with a capability.
    """
    from benchmarks.common import print_table
    from bot.copilot import arg_keys

    answered = sum(n.got_tool is not None for n in noted)
    rows = []
    for threshold in (None, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97):
        scored = [n.scored(threshold) for n in noted]
        notes = [(n, k) for n in noted if n.got_tool is not None for k in n.notes(threshold)]
        false = [(n, k) for n, k in notes if n.tool is not None and k not in n.kinds]
        untold = [(n, k) for n, k in notes if n.tool is None]
        noted_answers = len({id(n) for n, _k in notes})
        rows.append(
            ("off" if threshold is None else threshold, sum(r for r, _w in scored), sum(w for _r, w in scored),
             noted_answers, len(notes), len(false), len(untold),
             f"{100 * len({id(n) for n, _k in false}) / max(answered, 1):.2f}%",
             "shipped" if threshold == arg_keys.THRESHOLD else "")
        )  # fmt: skip
    print_table(
        f"Argument-kind notes, pooled over the folds ({len(noted)} questions, {answered} answered with a capability)",
        ["threshold", "capability+args right", "confident wrong", "answers noted", "notes", "false notes",
         "notes on no-capability labels", "answers with a false note", ""],
        rows,
    )  # fmt: skip
    threshold = arg_keys.THRESHOLD
    by_kind = []
    for kind in arg_keys.KINDS:
        said = [n for n in noted if n.got_tool is not None and kind in n.notes(threshold)]
        misled = [n for n in said if n.tool is not None and kind not in n.kinds]
        saved = [n for n in said if n.scored(None)[1] and not n.scored(threshold)[1]]
        by_kind.append((kind, len(said), len(misled), len(saved)))
    print_table(
        f"Argument-kind notes by kind at the shipped threshold {threshold}",
        ["kind", "notes", "false notes", "confident wrong it made safe (with the others)"],
        by_kind,
    )
    for n in noted:
        kinds = n.notes(threshold) if n.got_tool is not None else []
        wrong_kinds = [k for k in kinds if n.tool is not None and k not in n.kinds]
        if n.scored(None)[1] and not n.scored(threshold)[1]:
            print(f"  made safe ({', '.join(kinds)}): {n.question!r}")
        elif wrong_kinds:
            print(f"  false note ({', '.join(wrong_kinds)}): {n.question!r} (expected kinds: {sorted(n.kinds)})")
        elif n.scored(threshold)[1] and n.candidates:
            best = max(n.candidates, key=lambda c: c[1])
            print(f"  still confident wrong (best candidate {best[0]} {best[1]:.2f}): {n.question!r}")


def classifier_alone(model: Any, cases: list[Case]) -> tuple[Guessed, ...]:
    """The classifier's own top guess on every case it has a label for (`label_of`), rules aside."""
    from bot.copilot.classifier import label_of

    guessed = []
    for question, tool, expected in cases:
        label = label_of(tool, expected)
        if label is not None:
            guess = model.guess(question)
            guessed.append(Guessed(label, guess.top, guess.confidence, guess.margin))
    return tuple(guessed)


def print_folds(folds: list[Fold], title: str) -> None:
    """The per-set table with the pooled row, the caveat, then every confident-wrong miss by set."""
    from benchmarks.common import print_table

    def pct(k: int, n: int) -> str:
        return f"{k} ({100 * k / n:.1f}%)"

    rows = [
        (f.name, f.questions, pct(f.capability_right, f.questions), pct(f.both_right, f.questions),
         f.confident_wrong, f.clarified, pct(f.alone_right, len(f.guesses)) if f.guesses else "")
        for f in [*folds, Fold.pooled(folds)]
    ]  # fmt: skip
    print_table(
        title, ["left-out set", "questions", "capability right", "capability+args right", "confident wrong",
                "clarified", "classifier alone: top guess right"], rows
    )  # fmt: skip
    print(RULES_CAVEAT)
    print(
        "'classifier alone' is the fold classifier's top guess on the questions it has a label for (a capability, "
        "none or help), whatever the rules decided: what it would answer if it decided alone."
    )
    print_alone_curve(Fold.pooled(folds).guesses)
    print_notes(Fold.pooled(folds).noted)
    for f in folds:
        if f.misses:
            print(f"\nConfident wrong in {f.name} ({len(f.misses)}):")
            print("\n".join(f.misses))


def print_alone_curve(guesses: tuple[Guessed, ...]) -> None:
    """The classifier alone, answering only from a confidence and margin: how many it answers, right and wrong."""
    from benchmarks.common import print_table

    rows = []
    for margin in (0.0, 0.25):
        for sure in (0.0, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95):
            answered = [g for g in guesses if g.confidence >= sure and g.margin >= margin]
            right = sum(g.right for g in answered)
            rows.append((sure, margin, len(answered), right, len(answered) - right, len(guesses) - len(answered)))
    print_table(
        f"Classifier alone, pooled over the folds ({len(guesses)} labelled questions): answer when confidence and "
        "margin reach the threshold, else ask",
        ["confidence ≥", "margin ≥", "answered", "right", "wrong", "asked"],
        rows,
    )


def main(
    engine: Engine, now: datetime, only: str | None = None, *, thresholds: bool = False, blind: bool | None = None
) -> None:
    """`python -m eval copilot --loso [--only NAME] [--sweep] [--blind]`: every fold (or those named like `only`).

    With `thresholds`, the threshold sweep's curve instead (`sweep`); `blind` trains the folds on the other blind sets
    too (default: as the shipped classifier).
    """
    from eval.copilot.sets import LOSO_SETS

    names = [n for n in LOSO_SETS if only is None or only.lower() in n]
    if thresholds:
        print_sweep(sweep(engine, now, names, grid(), blind=blind))
        return
    folds = run_folds(engine, now, names, embed=shared_embedding(), train=partial(fold_classifier, blind=blind))
    print_folds(folds, f"Leave-one-set-out: {len(folds)} blind sets, each scored by a classifier trained without it")


@dataclass(frozen=True)
class Thresholds:
    """The classifier thresholds of `bot.copilot.decide` that decide between answering and asking."""

    sure: float
    """SURE: confidence from which a capability no rule found is answered."""
    margin: float
    """SURE_MARGIN: lead over the second capability needed as well."""
    overrule: float
    """OVERRULE: confidence in another capability from which a rule's reading is put to the asker..."""
    doubt: float
    """DOUBT: ...when the classifier gives the rule's capability less than this."""

    @classmethod
    def shipped(cls) -> Thresholds:
        """The values `decide` has now."""
        from bot.copilot import decide

        return cls(decide.SURE, decide.SURE_MARGIN, decide.OVERRULE, decide.DOUBT)

    @contextmanager
    def applied(self) -> Iterator[None]:
        """Understanding uses these values inside the block (module constants, read at each decision)."""
        from bot.copilot import decide

        before = Thresholds.shipped()
        decide.SURE, decide.SURE_MARGIN, decide.OVERRULE, decide.DOUBT = (
            self.sure,
            self.margin,
            self.overrule,
            self.doubt,
        )
        try:
            yield
        finally:
            decide.SURE, decide.SURE_MARGIN, decide.OVERRULE, decide.DOUBT = (
                before.sure,
                before.margin,
                before.overrule,
                before.doubt,
            )


def grid() -> list[Thresholds]:
    """The settings the sweep scores: the shipped one, the answering threshold moved, then overrule x doubt."""
    shipped = Thresholds.shipped()
    settings = [shipped] + [Thresholds(s, shipped.margin, shipped.overrule, shipped.doubt) for s in (0.45, 0.65, 0.75)]
    settings += [
        Thresholds(shipped.sure, shipped.margin, o, d)
        for o in (0.7, 0.6, 0.5, 0.4)
        for d in (0.08, 0.2, 0.3)
        if (o, d) != (shipped.overrule, shipped.doubt)
    ]
    return settings


def sweep(
    engine: Engine, now: datetime, names: Iterable[str], settings: list[Thresholds], *, blind: bool | None = None
) -> dict[Thresholds, Fold]:
    """Each setting's pooled fold scores: every fold classifier trained once, then scored under each setting.

    The thresholds are chosen on the pooled counts, never on single questions.
    """
    from bot.copilot.classifier import serving
    from eval.copilot import score
    from eval.copilot.sets import BLIND_SETS

    embed = shared_embedding()
    counts: dict[Thresholds, list[list[int]]] = {s: [] for s in settings}
    from bot.copilot import arg_keys

    for name in names:
        with serving(fold_classifier(name, embed, blind=blind)), arg_keys.serving(fold_arg_model(name)):
            for setting in settings:
                with setting.applied():
                    per, _misses = score(engine, now, BLIND_SETS[name])
                counts[setting].extend(per.values())
    return {s: Fold.of(f"{s.sure}/{s.margin}/{s.overrule}/{s.doubt}", c, ()) for s, c in counts.items()}


def print_sweep(pooled: dict[Thresholds, Fold]) -> None:
    """The curve: each setting's pooled capability+args right, confident wrong and clarified."""
    from benchmarks.common import print_table

    shipped = Thresholds.shipped()
    rows = [
        (s.sure, s.margin, s.overrule, s.doubt, f"{100 * f.both_right / f.questions:.2f}%", f.confident_wrong,
         f.clarified, "shipped" if s == shipped else "")
        for s, f in pooled.items()
    ]  # fmt: skip
    print_table(
        "Leave-one-set-out threshold sweep (pooled over the sets)",
        ["SURE", "SURE_MARGIN", "OVERRULE", "DOUBT", "capability+args right", "confident wrong", "clarified", ""],
        rows,
    )
    print(RULES_CAVEAT)


RULE_NOTE_KINDS = {"stage": "stage", "amount": "amount", "period": "period", "date": "date", "owner": "owner",
                   "company": "company", "segment": "segment", "days": "days", "breakdown": "breakdown"}  # fmt: skip
"""Words of an older commit's plain-text notes and the kind each says (its notes carried no kind)."""


def replayed_notes(engine: Engine, now: datetime, path: str) -> None:
    """The argument-kind notes on first-run decisions: `replay.py --dump` wrote each set's decisions at its first-run
    commit; each set is re-scored here by today's evaluator, with and without the notes of a model trained without it.
    """
    import json
    from pathlib import Path

    from bot.copilot import arg_keys
    from bot.copilot.understanding import Unapplied
    from eval.copilot import score
    from eval.copilot.sets import BLIND_SETS

    dumped: dict[str, dict[str, Any]] = json.loads(Path(path).read_text())
    noted: list[Noted] = []
    for name, decisions in dumped.items():
        record: list[dict[str, Any]] = []
        candidates: list[list[arg_keys.Candidate]] = []

        def replayed(
            _session: Any, question: str, *_args: Any, decisions: dict[str, Any] = decisions, out: list = candidates
        ) -> tuple:
            d = decisions[question]
            said = [Unapplied(u, next((k for w, k in RULE_NOTE_KINDS.items() if w in u), None)) for u in d["unapplied"]]
            out.append(arg_keys.candidates(d["tool"], d["args"], said, question) if d["tool"] else [])
            return d["intent"], d["tool"], d["args"], said

        replayed.offline = True  # type: ignore[attr-defined]
        with arg_keys.serving(fold_arg_model(name)):
            score(engine, now, BLIND_SETS[name], decide=replayed, record=record)
        noted += [_noted(r, c) for r, c in zip(record, candidates, strict=True)]
        print(f"{name}: {len(record)} questions re-scored")
    print_notes(tuple(noted))
