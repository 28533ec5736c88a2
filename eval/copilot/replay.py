"""First-run replay: a blind set scored on the rules of the commit it was first run on, with two classifiers.

Leave-one-set-out (`loso.py`) scores every set on today's rules, which were fitted to those sets after their first
runs; this replays the first run itself. Run it with this checkout's Python from a detached worktree of the set's
first-run commit (its own rules, classifier code, demo workspace and evaluator); the question sets are this checkout's:

    git worktree add --detach ../replay-2815395 2815395 && cd ../replay-2815395 && mkdir -p var
    ../wt/.venv/bin/python ../wt/eval/copilot/replay.py heldout10

It prints one JSON line: for that commit's own classifier ("shipped") and for one of the same code trained also on
every other blind set ("blind", without any question of the replayed set), under each OVERRULE/DOUBT setting given,
the questions, capability right, capability+args right, confident wrong, clarified and the confident-wrong lines.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SETS = {"unseen": "UNSEEN", "unseen4": "UNSEEN_4", **{f"probe{i}": f"PROBE_{i}" for i in range(7, 22)}}
SETS |= {f"heldout{i}": "CASES" for i in range(5, 11)}
SETTINGS = [(0.70, 0.08), (0.50, 0.20)]
"""(OVERRULE, DOUBT) settings scored with the blind-trained classifier; the first is the old commits' own."""


def blind_sets() -> dict[str, list[Any]]:
    """This checkout's blind sets, loaded from their files (the replayed commit may not have them all)."""
    loaded = {}
    for name, variable in SETS.items():
        spec = importlib.util.spec_from_file_location(f"replayed_{name}", HERE / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        loaded[name] = getattr(module, variable)
    return loaded


def label_of(tool: str | None, expected: dict[str, Any]) -> str | None:
    """The label mapping of `bot.copilot.classifier.label_of` (the replayed commit has none)."""
    if tool is not None:
        return tool
    intent = expected.get("intent")
    return "none" if intent in ("unknown", "out_of_scope", "write") else ("help" if intent == "help" else None)


def main(scored_name: str) -> None:
    """Replay `scored_name` on the commit checked out in the working directory; print the JSON line."""
    sys.path.insert(0, str(Path.cwd()))
    import eval.copilot as evaluator
    from bot.copilot import classifier as clf
    from bot.copilot import decide
    from store.library import sentence_embedder

    assert Path(clf.__file__).resolve().is_relative_to(Path.cwd().resolve()), "run from the replayed commit's worktree"
    sets = blind_sets()
    cases = sets[scored_name]
    # the day the sets were written for (an older commit's evaluator has no LABELLED_ON: today, as it scored then)
    today = datetime.now(UTC).replace(hour=15, minute=0, second=0, microsecond=0)
    now = getattr(evaluator, "LABELLED_ON", today)
    engine = evaluator.open_workspace(None, now)
    scored = {clf._text(q) for q, _t, _e in cases}
    pairs = [(q, label) for q, label in clf.training_set() if clf._text(q) not in scored]
    others = [case for name, group in sets.items() if name != scored_name for case in group]
    pairs += [(q, lab) for q, t, e in others if (lab := label_of(t, e)) is not None and clf._text(q) not in scored]
    blind = clf.CapabilityClassifier(pairs, sentence_embedder())

    def run(model: Any, overrule: float, doubt: float) -> dict[str, Any]:
        clf._classifier = lambda: model  # type: ignore[assignment]  # the replayed process's classifier
        decide.OVERRULE, decide.DOUBT = overrule, doubt
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            evaluator.run(engine, now, cases, scored_name)
        _title, n, capability, both, wrong, asked = evaluator.SUMMARY[-1]
        lines = [line.strip() for line in out.getvalue().splitlines() if "CONFIDENT WRONG" in line]
        return {"n": n, "cap": capability, "both": both, "cw": wrong, "asked": asked, "cw_lines": lines}

    rows = {"shipped": run(clf.classifier(), decide.OVERRULE, decide.DOUBT)}
    rows |= {f"blind overrule={o} doubt={d}": run(blind, o, d) for o, d in SETTINGS}
    print(json.dumps({scored_name: rows}))


def dump(names: list[str], path: str) -> None:
    """Write the replayed commit's own decisions (its shipped classifier) on the named sets to `path` (JSON).

    Run from the first-run commit's worktree like `main`; `notes` then scores them in this checkout with and without
    the argument-kind notes (`bot.copilot.arg_keys`), which the replayed commit does not have.
    """
    sys.path.insert(0, str(Path.cwd()))
    import eval.copilot as evaluator
    from bot.copilot import classifier as clf
    from bot.copilot import decide

    assert Path(clf.__file__).resolve().is_relative_to(Path.cwd().resolve()), "run from the replayed commit's worktree"
    decided: dict[str, Any] = {}
    understand = decide.understand

    def recorded(question: str, **kwargs: Any) -> Any:
        decision = understand(question, **kwargs)
        decided[question] = {
            "intent": "clarify" if decision.choices else ("unknown" if decision.intent == "none" else decision.intent),
            "tool": None if decision.choices else decision.tool,
            "args": {} if decision.choices else decision.args,
            "unapplied": [] if decision.choices else [str(u) for u in decision.unapplied],
        }
        return decision

    decide.understand = recorded  # type: ignore[assignment]  # the evaluator imports it at each question
    sets = blind_sets()
    now = datetime.now(UTC).replace(hour=15, minute=0, second=0, microsecond=0)
    engine = evaluator.open_workspace(None, now)
    out = {}
    for name in names:
        decided.clear()
        with contextlib.redirect_stdout(io.StringIO()):
            evaluator.run(engine, now, sets[name], name)
        out[name] = {q: decided[q] for q, _t, _e in sets[name]}
    Path(path).write_text(json.dumps(out, default=str))


if __name__ == "__main__":
    if sys.argv[1] == "--dump":
        dump(sys.argv[3:], sys.argv[2])
    else:
        main(sys.argv[1])
