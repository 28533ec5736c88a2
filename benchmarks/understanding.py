"""What understanding costs per question: the rules alone (`route`) against the two-step understanding (`understand`:
rules, newer capabilities' rules, the classifier, slot parsers), on every labelled question of `eval/copilot`.

Run on the default demo workspace the copilot eval uses (cached per day). The classifier is loaded (from its cache,
or trained) before timing, as a long-running server has it; the first-question cost is reported on its own row.
The floor of the two steps is the rules alone; the question's embedding (computed when the lexical model is unsure)
is printed beside raw onnxruntime running the same model on the same one-question batches.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from benchmarks.common import Measured, percentile, print_measured, print_table, raw_onnx_runner

TARGET_MS = 30.0


def main() -> None:
    """Time route() and understand() on every labelled question; print p50/p95 and the added time."""
    from bot.copilot.classifier import classifier
    from bot.copilot.decide import understand
    from bot.copilot.understanding import route
    from eval.copilot import TIMEZONE, open_workspace
    from eval.copilot.phrasings import PHRASINGS
    from eval.copilot.questions import CASES, FRESH, HELDOUT
    from eval.copilot.unseen import UNSEEN
    from eval.copilot.unseen4 import UNSEEN_4

    now = datetime.now(UTC).replace(hour=15, minute=0, second=0, microsecond=0)
    engine = open_workspace(None, now)
    tz = ZoneInfo(TIMEZONE)
    started = time.perf_counter()
    classifier()
    load_ms = (time.perf_counter() - started) * 1000
    questions = [q for q, _t, _a in [*CASES, *HELDOUT, *FRESH, *UNSEEN, *UNSEEN_4, *PHRASINGS]]
    rules: list[float] = []
    full: list[float] = []
    added: list[float] = []
    with Session(engine) as session:
        for q in questions[:10]:  # warm the name caches
            understand(q, session=session, now=now, tz=tz)
        for q in questions:
            t0 = time.perf_counter()
            route(q, session=session, now=now, tz=tz)
            t1 = time.perf_counter()
            understand(q, session=session, now=now, tz=tz)
            t2 = time.perf_counter()
            rules.append((t1 - t0) * 1000)
            full.append((t2 - t1) * 1000)
            added.append(((t2 - t1) - (t1 - t0)) * 1000)
    p95 = percentile(added, 95)
    load = os.getloadavg()[0]
    print_table(
        f"Understanding per question ({len(questions)} labelled questions; default demo workspace; SQLite, 1 process;"
        f" machine load average {load:.1f} on {os.cpu_count()} cores)",
        ["step", "p50 ms", "p95 ms", "target", "met"],
        [
            ["rules only (route, before issue 14)", percentile(rules, 50), percentile(rules, 95), "", ""],
            ["two-step understanding (understand)", percentile(full, 50), percentile(full, 95), "", ""],
            ["added by the two steps", percentile(added, 50), p95, f"p95 ≤ {TARGET_MS:.0f}", "yes" if p95 <= TARGET_MS
             else "NO"],
            ["load the classifier once per process (cache or train)", load_ms, "", "", ""],
        ],
    )  # fmt: skip
    embedding_floor(questions)


def embedding_floor(questions: list[str]) -> None:
    """One question's embedding (the library's function, as the classifier calls it) against raw onnxruntime."""
    from store.library import embedding_function

    ef = embedding_function()
    raw = raw_onnx_runner(ef.model_path, ef.tokenizer_path, threads=ef.threads)
    ours: list[float] = []
    floor: list[float] = []
    for q in questions[:10]:  # warm both sessions
        ef([q])
        raw([q])
    for q in questions:
        t0 = time.perf_counter()
        ef([q])
        t1 = time.perf_counter()
        raw([q])
        t2 = time.perf_counter()
        ours.append((t1 - t0) * 1000)
        floor.append((t2 - t1) * 1000)
    print_measured(
        f"Embedding one question ({len(questions)} questions, one per call, as the classifier does)",
        [
            Measured("embed one question, p50", percentile(ours, 50), floor_ms=percentile(floor, 50),
                     floor_label="raw onnxruntime, same model and batch"),
            Measured("embed one question, p95", percentile(ours, 95), floor_ms=percentile(floor, 95),
                     floor_label="raw onnxruntime, same model and batch"),
        ],
    )  # fmt: skip


if __name__ == "__main__":
    main()
