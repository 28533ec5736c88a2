"""Sales OS entry point: settings → store → bot → scheduler wiring, and the `salesos` command line."""

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the `salesos` command."""
    print("salesos: not yet wired", file=sys.stderr)
    return 1
