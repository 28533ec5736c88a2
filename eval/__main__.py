"""Run every evaluation package (each has `main()`), or the ones named: `python -m eval leads calls`.

Options after the names go to each named evaluation that takes them: `python -m eval copilot --only "set 9"`.
"""

import importlib
import inspect
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
    first_option = next((i for i, n in enumerate(names) if n.startswith("-")), len(names))
    names, options = names[:first_option], names[first_option:]
    worst = 0
    for name in names or available:
        if name not in available:
            print(f"unknown evaluation {name!r}; available: {', '.join(available)}", file=sys.stderr)
            return 2
        print(f"\n## eval/{name}\n", flush=True)
        with Console(stderr=True).status(f"eval/{name} running…"):  # minutes of work: show that it is alive
            run = importlib.import_module(f"eval.{name}").main
            takes_options = bool(inspect.signature(run).parameters)
            if options and not takes_options:
                print(f"eval/{name} takes no options; ignored: {' '.join(options)}", file=sys.stderr)
            worst = max(worst, (run(options) if takes_options else run()) or 0)
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
