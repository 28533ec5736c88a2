"""Benchmark: seeding the objection library from the large workspace, full and incremental, beside its floor.

The floor is the embedding function alone on the same batch of texts (the model's own cost, no Chroma, no SQL), so
each seeding figure reads as a ratio. The incremental run stands for "new calls since the last seed": the documents
of the newest recorded calls are taken out of a fully seeded collection (the shared workspace itself is never
written), then a seed puts back exactly those.

Run: `python -m benchmarks library_seed [--db PATH] [--calls 20]`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from benchmarks.common import large_workspace, print_table


def _timed(fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - started


def bench_library_seed(engine: Engine, *, new_calls: int = 20) -> list[list[object]]:
    """Seed a new library (full), re-seed it unchanged (signature skip, then a forced compare), and seed the
    documents of the newest `new_calls` calls (incremental); each beside the raw embedding of the same texts.
    """
    from store.library import embedding_function, open_library
    from tools.library_seed import library_documents, sync_library

    embedding_function()(["warm the model up"])  # loading the model is the cold-start benchmark's business
    with Session(engine) as session:
        docs, build_s = _timed(lambda: library_documents(session))
    unique = list(dict.fromkeys(d.text for d in docs))
    _, full_floor = _timed(lambda: embedding_function()(unique))

    folder = Path(tempfile.mkdtemp(prefix="salesos-library-"))
    library = open_library(chroma_path=folder / "chroma")
    full, full_s = _timed(lambda: sync_library(engine, library))
    skipped, skipped_s = _timed(lambda: sync_library(engine, library))
    compared, compared_s = _timed(lambda: sync_library(engine, library, force=True))

    call_ids = sorted({int(d.metadata["call_id"]) for d in docs if d.metadata["call_id"]})[-new_calls:]
    taken = [d for d in docs if d.metadata["call_id"] in set(call_ids)]
    library.collection.delete(ids=[d.id for d in taken])
    taken_texts = list(dict.fromkeys(d.text for d in taken))
    _, incremental_floor = _timed(lambda: embedding_function()(taken_texts))
    incremental, incremental_s = _timed(lambda: sync_library(engine, library, force=True))
    assert incremental.added == len(taken) and incremental.embedded <= len(taken_texts)

    def ratio(seconds: float, floor: float) -> str:
        return f"{seconds / floor:.1f}x" if floor > 0 else "-"

    return [
        ["build the documents (SQL + transcript parsing)", f"{len(docs):,} docs", build_s, "", ""],
        [
            "full seed, empty collection",
            f"{full.added:,} added, {full.embedded:,} embedded",
            full_s,
            full_floor,
            ratio(full_s, full_floor),
        ],
        ["re-seed, workspace unchanged (signature)", f"{skipped.embedded} embedded", skipped_s, 0.0, "-"],
        [
            "re-seed, forced compare of every document",
            f"{compared.added} added, {compared.embedded} embedded",
            compared_s,
            0.0,
            "-",
        ],
        [
            f"incremental: documents of {len(call_ids)} new calls",
            f"{incremental.added} added, {incremental.embedded} embedded",
            incremental_s,
            incremental_floor,
            ratio(incremental_s, incremental_floor),
        ],
    ]


def main(argv: list[str] | None = None) -> None:
    """Entry point of `python -m benchmarks library_seed`."""
    parser = argparse.ArgumentParser(prog="benchmarks library_seed")
    parser.add_argument("--db", help="seed from this SQLite store instead of the large demo workspace")
    parser.add_argument("--calls", type=int, default=20, help="new calls the incremental seed stands for")
    args = parser.parse_args(argv if argv is not None else [])
    if args.db:
        from store.db import open_engine

        engine, label = open_engine(f"sqlite:///{args.db}"), Path(args.db).name
    else:
        engine, as_of = large_workspace()
        label = f"large workspace of {as_of:%Y-%m-%d}"
    rows = bench_library_seed(engine, new_calls=args.calls)
    print_table(
        f"Library seeding ({label}; local MiniLM int8, embedded Chroma; floor: the embedding function alone on the "
        "same texts)",
        ["run", "documents", "seconds", "floor s", "ratio"],
        rows,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
