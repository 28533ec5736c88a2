"""Run every benchmark module (each has `main()`), then the summary table; or the ones named.

python -m benchmarks                          # every module, then `summary` (what `make bench` runs)
python -m benchmarks queries slack_ack        # just these
python -m benchmarks queries --dialect sqlite # one module with its own options (after its name)
python -m benchmarks summary                  # only the issue's table: where a person waits | before | now | floor
"""

import importlib
import inspect
import pkgutil
import sys
from pathlib import Path

SKIP = {"common", "__main__", "summary"}
MEASURED_BY_SUMMARY = {"build_workspace"}
"""Modules the full run leaves to the summary, which runs them once as a child process (and prints their table)."""


def _run(name: str, options: list[str]) -> None:
    print(f"\n## benchmarks/{name}.py\n", flush=True)
    entry = importlib.import_module(f"benchmarks.{name}").main
    if inspect.signature(entry).parameters:
        entry(options)
    else:
        if options:
            sys.exit(f"benchmarks/{name}.py takes no options: {' '.join(options)}")
        entry()


def main(args: list[str]) -> int:
    """Run the named benchmark modules (options after a single name go to it), or all of them and the summary."""
    here = Path(__file__).parent
    available = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name not in SKIP)
    options: list[str] = []
    names = list(args)
    if any(a.startswith("-") for a in args):  # `NAME --opt value ...`: everything after NAME is its own
        if args[0].startswith("-"):
            print("options go after a single benchmark's name: python -m benchmarks NAME --option", file=sys.stderr)
            return 2
        names, options = args[:1], args[1:]
    for name in names:
        if name not in [*available, "summary"]:
            print(f"unknown benchmark {name!r}; available: {', '.join([*available, 'summary'])}", file=sys.stderr)
            return 2
    if names:
        for name in names:
            _run(name, options)
        return 0
    for name in available:
        if name not in MEASURED_BY_SUMMARY:
            _run(name, [])
    _run("summary", ["--build"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
