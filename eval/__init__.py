"""Accuracy on real data under ../shared/data (or a held-out demo slice, said so). `python -m eval` runs them all."""

from __future__ import annotations

import hashlib
from pathlib import Path

_GENERATOR_DIR = "store/demo"


def generator_fingerprint() -> str:
    """A short hash of the demo generator's source, so a cached eval workspace is rebuilt when the generator changes.

    Without it a workspace cached in var/eval/ keeps answering with the old generator's data after an edit.
    """
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted((root / _GENERATOR_DIR).glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


SHARED_DATA_FALLBACK = Path("/work/shared/data")


def shared_data_dir() -> Path | None:
    """The folder of real evaluation data: ../shared/data beside the repo, else the machine's fixed location.

    A git worktree (or a CI clone) does not sit next to shared/, hence the fallback; evaluations also take `--data`.
    None when neither exists.
    """
    from settings import PROJECT_ROOT

    candidates = [PROJECT_ROOT.parent / "shared" / "data", SHARED_DATA_FALLBACK]
    return next((p for p in candidates if p.is_dir()), None)
