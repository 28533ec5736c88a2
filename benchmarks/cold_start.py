"""Cold commands: `salesos ask`, `analyze-call`, `score-lead` and the first intake, each in a fresh process.

Each command runs as a person runs it (a new `salesos` process on the default demo workspace, the one `make demo`
builds), several times; the table gives the median and p95 beside the floor, `python -c "import sqlalchemy"` in a
fresh process, so the figures read as multiples of what any command that opens the store must pay on this machine at
this moment. The first run of a command whose model is not cached yet (trained, then written to LEAD_MODEL_DIR) is
reported on its own line. Each process's CPU time (user + system) is reported too, with its own floor: on a machine
shared with other work the wall time mostly measures waiting for a core, the CPU time what the command costs.
analyze-call and score-lead also get their warm in-process figure: the same call repeated in one process, what
`salesos serve` pays per request.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import BENCH_DIR, percentile, print_table
from settings import PROJECT_ROOT

RUNS = 7
WORK = BENCH_DIR / "cold-start"
DB = WORK / "demo.db"
LEAD = {
    "company": "Northwind Logistics",
    "contact_email": "ops@northwind.io",
    "budget": "60000",
    "timeline": "this quarter",
    "notes": "We forecast in spreadsheets and need to replace them before the Q3 board meeting.",
}
BAD_TRANSCRIPT = "WEBVTT\n\n00:00:01.000 --> garbage\nDana: hello\n"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "HUBSPOT_", "OPENAI_"))}
    # A person's install writes bytecode on the first run; with PYTHONDONTWRITEBYTECODE (set on some build machines)
    # every run would compile each project module from source (0.2-0.4 s), while the floor reads sqlalchemy's .pyc.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        DATABASE_URL=f"sqlite:///{DB}",
        CHROMA_PATH=str(WORK / "chroma"),
        LEAD_MODEL_DIR=str(WORK / "models"),
        LOG_LEVEL="WARNING",
    )
    return env


def _salesos() -> list[str]:
    return [str(Path(sys.executable).parent / "salesos")]


CPU: dict[str, list[float]] = {}
"""CPU time (user + system) of each run's process, in ms, by command: steadier than wall time on a busy machine."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def _run(argv: list[str]) -> float:
    """Wall time of one fresh process, in ms (its output is checked, then dropped); its CPU time goes to `CPU`."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=WORK, env=_env(), capture_output=True, text=True)
    elapsed = (time.perf_counter() - start) * 1000
    CPU.setdefault(" ".join(argv), []).append(_children_cpu() - cpu)
    if done.returncode not in (0, 2):
        raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed


def _series(argv: list[str], runs: int = RUNS) -> list[float]:
    CPU.pop(" ".join(argv), None)  # only this series' runs (not a first run of the same command)
    return [_run(argv) for _ in range(runs)]


def _first(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU time of one run (the first of a command: it may train a model or seed the library)."""
    wall = _run(argv)
    return wall, CPU[" ".join(argv)][-1]


def _cpu(argv: list[str]) -> float:
    return statistics.median(CPU[" ".join(argv)])


def _ensure_workspace() -> None:
    """The default demo workspace (`salesos demo`'s), built once into the benchmark folder."""
    WORK.mkdir(parents=True, exist_ok=True)
    if not DB.exists():
        print(f"building the default demo workspace once (cached at {DB}) ...", flush=True)
        subprocess.run([*_salesos(), "demo", "--no-tour"], cwd=WORK, env=_env(), check=True, capture_output=True)


def _closed_call_id() -> int:
    from sqlalchemy import text

    from store.db import open_engine

    engine = open_engine(f"sqlite:///{DB}")
    with engine.connect() as conn:
        found = conn.execute(
            text("SELECT c.id FROM call c JOIN deal d ON d.id = c.deal_id WHERE c.transcript IS NOT NULL ORDER BY c.id")
        ).scalar()
    engine.dispose()
    return int(found)


_WARM = """
import json, sys, time
from pathlib import Path
from datetime import UTC, datetime
from settings import get_settings
from store.db import open_engine
from tools.calls.analyze import analyze_stored_call
from tools.leads.form import LeadIn
from tools.leads.scorer import score_lead
settings = get_settings()
engine = open_engine(settings.database_url)
lead = LeadIn.model_validate(json.loads(sys.argv[2]))
def timed(fn, n):
    out = []
    for _ in range(n):
        t = time.perf_counter(); fn(); out.append((time.perf_counter() - t) * 1000)
    return out
first_intake = timed(lambda: score_lead(lead, engine=engine, settings=settings), 1)
analyze = timed(lambda: analyze_stored_call(engine, int(sys.argv[1]), settings=settings), 6)
score = timed(lambda: score_lead(lead, engine=engine, settings=settings), 11)
print(json.dumps({"first_score": first_intake[0], "analyze": analyze[1:], "score": score[1:]}))
"""


def main() -> None:
    """Time the cold commands against the `import sqlalchemy` floor."""
    _ensure_workspace()
    models = WORK / "models"
    shutil.rmtree(models, ignore_errors=True)  # the first runs below train and cache, as on a new install
    lead_file, bad_file = WORK / "lead.json", WORK / "bad.vtt"
    lead_file.write_text(json.dumps(LEAD))
    bad_file.write_text(BAD_TRANSCRIPT)
    call_id = _closed_call_id()
    salesos = _salesos()
    silent = [*salesos, "ask", "which deals are silent 5+ days?"]
    objection = [*salesos, "ask", "how do I handle the objection that it's too expensive?"]
    analyze = [*salesos, "analyze-call", "--call", str(call_id)]
    score = [*salesos, "score-lead", str(lead_file)]
    malformed = [*salesos, "analyze-call", str(bad_file)]

    floor_argv = [sys.executable, "-c", "import sqlalchemy"]
    floor = _series(floor_argv)
    first = {
        "analyze-call (model not cached: trains once)": _first(analyze),
        "score-lead (model not cached: trains once)": _first(score),
        "ask objection (library seeded on first use)": _first(objection),
    }
    series = {
        'ask "which deals are silent 5+ days?"': (_series(silent), silent, 500.0),
        "ask objection library": (_series(objection), objection, 1000.0),
        f"analyze-call --call {call_id}": (_series(analyze), analyze, 1000.0),
        "analyze-call malformed file": (_series(malformed), malformed, 300.0),
        "score-lead": (_series(score), score, 300.0),
    }
    floor_median, floor_cpu = statistics.median(floor), _cpu(floor_argv)
    rows: list[list[object]] = [
        ['floor: python -c "import sqlalchemy"', len(floor), floor_median, percentile(floor, 95), 1.0, floor_cpu,
         1.0, "—"]
    ]  # fmt: skip
    for name, (ms, cpu) in first.items():
        rows.append([name, 1, ms, ms, ms / floor_median, cpu, cpu / floor_cpu, "—"])
    for name, (ms_list, argv, goal) in series.items():
        median, cpu = statistics.median(ms_list), _cpu(argv)
        rows.append([name, len(ms_list), median, percentile(ms_list, 95), median / floor_median, cpu,
                     cpu / floor_cpu, f"< {goal:.0f} ms"])  # fmt: skip
    warm_out = subprocess.run(
        [sys.executable, "-c", _WARM, str(call_id), json.dumps(LEAD)],
        cwd=PROJECT_ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    warm = json.loads(warm_out.stdout.strip().splitlines()[-1])
    rows.append(["first score in a process (first POST /intake)", 1, warm["first_score"], warm["first_score"], "—",
                 "—", "—", "< 200 ms"])  # fmt: skip
    for key, label in (("analyze", "analyze-call, warm in-process"), ("score", "score-lead, warm in-process")):
        rows.append([label, len(warm[key]), statistics.median(warm[key]), percentile(warm[key], 95), "—", "—", "—",
                     "—"])  # fmt: skip
    load = os.getloadavg()
    print_table(
        f"Cold commands, fresh process each (ms; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f})",
        ("command", "runs", "median", "p95", "× floor", "CPU median", "CPU × floor", "goal"),
        rows,
    )


if __name__ == "__main__":
    main()
