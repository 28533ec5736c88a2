"""Call intelligence: parse transcripts, measure calls, score and coach, predict outcomes, draft follow-ups.

Modules: `parsers` (formats → turns), `roles` (rep vs prospect), `metrics`, `dates` (commitment dates),
`scorecard` (rubric, coaching, summary), `predict` (outcome model), `analyze` (the pipeline),
`stored` (metrics kept in the store), `followups`.

The copilot's call summaries (`latest_call_summary`, ...) were written as a module `tools/calls.py`, which this
package shadows; merged in as `tools/calls/summary.py`, its names stay importable from `tools.calls` through
`__getattr__` below.
"""

from __future__ import annotations

import importlib
from typing import Any


def __getattr__(name: str) -> Any:
    """Resolve names of the copilot's call-summary module (`tools.calls.summary`) on first use."""
    try:
        summary = importlib.import_module("tools.calls.summary")
    except ModuleNotFoundError as exc:
        if exc.name != "tools.calls.summary":
            raise  # the summary module exists but something it imports does not: say so
        raise AttributeError(f"module 'tools.calls' has no attribute {name!r}") from exc
    try:
        return getattr(summary, name)
    except AttributeError:
        raise AttributeError(f"module 'tools.calls' has no attribute {name!r}") from None
