"""Speed, memory and scale measurements. `python -m benchmarks` runs them all; each prints a table."""
