"""Run every benchmark module (each has `main()`), or the ones named: `python -m benchmarks queries slack_ack`."""

import importlib
import pkgutil
import sys
from pathlib import Path

SKIP = {"common", "__main__"}


def main(names: list[str]) -> int:
    """Run the named benchmark modules, or all of them."""
    here = Path(__file__).parent
    available = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name not in SKIP)
    for name in names or available:
        if name not in available:
            print(f"unknown benchmark {name!r}; available: {', '.join(available)}", file=sys.stderr)
            return 2
        print(f"\n## benchmarks/{name}.py\n", flush=True)
        importlib.import_module(f"benchmarks.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
