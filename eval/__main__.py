"""Run every evaluation package (each has `main()`), or the ones named: `python -m eval leads calls`."""

import importlib
import pkgutil
import sys
from pathlib import Path

from rich.console import Console

SKIP = {"__main__", "common"}


def main(names: list[str]) -> int:
    """Run the named evaluation modules, or all of them; exit with the worst code a module returned.

    A module whose data is missing returns 2 rather than exiting, so the evaluations after it still run.
    """
    here = Path(__file__).parent
    available = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name not in SKIP)
    worst = 0
    for name in names or available:
        if name not in available:
            print(f"unknown evaluation {name!r}; available: {', '.join(available)}", file=sys.stderr)
            return 2
        print(f"\n## eval/{name}\n", flush=True)
        with Console(stderr=True).status(f"eval/{name} running…"):  # minutes of work: show that it is alive
            worst = max(worst, importlib.import_module(f"eval.{name}").main() or 0)
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
