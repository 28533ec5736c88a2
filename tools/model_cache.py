"""Learned models cached in the process and on disk, keyed by a signature of their training data.

A model trained at request time (the call outcome model, the lead model, win probability) is rebuilt only when the
history it learns from changed: the caller computes a cheap signature of that history (one aggregate query, see
`query_signature`) and asks `cached(family, signature, build)` for the model. The answer comes from this process's
memory, else from `<dir>/<family>--<signature>[--<variant>].pkl`, else from `build()` (then written atomically, and the
family's files of other signatures are pruned). A file that cannot be read (torn, foreign, from older code) is
ignored and rebuilt. Values are pickled with the standard library: loading one must not import more than its own
classes need (joblib alone costs a cold process 0.3 s).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import pickle
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine

log = logging.getLogger(__name__)

T = TypeVar("T")

BUILDS: Counter[str] = Counter()
"""How many times each family was built (trained) in this process: what tests read to tell a load from a retrain."""

_MEMORY: dict[tuple[str, str, str, str], Any] = {}
_LOCKS: dict[tuple[str, str, str, str], threading.Lock] = {}
_GUARD = threading.Lock()
_SEP = "--"


def signature(*parts: Any) -> str:
    """A short, stable hex digest of `parts` (anything JSON can show, else its `str`)."""
    blob = json.dumps(parts, default=str, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def query_signature(engine: Engine, statement: Any, *extra: Any) -> str:
    """The signature of one aggregate query's row (counts, sums, maxima of the training rows) and `extra`.

    The store's address is part of it, so two stores never share a cached model by coincidence.
    """
    with engine.connect() as conn:
        row = conn.execute(statement).one()
    url = engine.url.render_as_string(hide_password=True)
    return signature(url, [None if v is None else str(v) for v in row], *extra)


def _path(directory: Path, family: str, sig: str, variant: str) -> Path:
    return directory / (f"{family}{_SEP}{sig}" + (f"{_SEP}{variant}" if variant else "") + ".pkl")


def _prune(directory: Path, family: str, sig: str) -> None:
    """Remove the family's files trained on other histories (any variant): they can never be asked for again."""
    for old in directory.glob(f"{family}{_SEP}*.pkl"):
        if old.name.split(_SEP)[1].removesuffix(".pkl") != sig:
            with contextlib.suppress(OSError):  # another process pruned it first, or a read-only folder: harmless
                old.unlink()


def _load(path: Path) -> tuple[bool, Any]:
    try:
        with path.open("rb") as fh:
            return True, pickle.load(fh)  # noqa: S301  (our own cache file, written by `_store`)
    except FileNotFoundError:
        return False, None
    except Exception:  # torn, truncated or written by other code: rebuild rather than fail the request
        log.warning("model cache file %s unreadable; rebuilding it", path, exc_info=True)
        return False, None


def _store(path: Path, value: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.partial")
        with partial.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)  # readers see the whole file or none
    except OSError:
        log.warning("could not cache the model at %s; it is kept in memory only", path, exc_info=True)


def cached(family: str, sig: str, build: Callable[[], T], *, directory: Path | None, variant: str = "") -> T:
    """The value `build()` makes for this history: from memory, from `directory`, or built now (and saved).

    Args:
        family: What the model is (`call-outcome`, `lead`, ...); names its files.
        sig: The signature of its training data (`signature`, `query_signature`).
        build: Trains the model; called only when neither memory nor disk holds one for `sig`.
        directory: Where models are kept on disk; None keeps them in memory only.
        variant: A second key within one history (e.g. a model that leaves one deal out).
    """
    if _SEP in family or _SEP in variant:
        raise ValueError(f"{_SEP!r} separates the parts of a cache file name; not allowed in {family!r}/{variant!r}")
    key = (str(directory) if directory is not None else "", family, sig, variant)
    with _GUARD:
        if key in _MEMORY:
            return _MEMORY[key]  # type: ignore[no-any-return]
        lock = _LOCKS.setdefault(key, threading.Lock())
    with lock:  # one build per key at a time: concurrent intake requests wait for the first instead of training too
        if key in _MEMORY:
            return _MEMORY[key]  # type: ignore[no-any-return]
        path = _path(directory, family, sig, variant) if directory is not None else None
        value: Any
        found, value = _load(path) if path is not None else (False, None)
        if not found:
            value = build()
            BUILDS[family] += 1
            if path is not None and directory is not None:
                _store(path, value)
                _prune(directory, family, sig)
        with _GUARD:
            for other in [k for k in _MEMORY if k[:2] == key[:2] and k[2] != sig]:
                del _MEMORY[other]  # an older history of this family: never asked for again
                _LOCKS.pop(other, None)
            _MEMORY[key] = value
        return value  # type: ignore[no-any-return]


def forget_memory() -> None:
    """Drop the in-process copies (tests: behave like a new process while the disk cache stays)."""
    with _GUARD:
        _MEMORY.clear()
