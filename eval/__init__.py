"""Accuracy on real data under ../shared/data (or a held-out demo slice, said so). `python -m eval` runs them all."""
