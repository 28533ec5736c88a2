"""The objection library on the real embedded Chroma with the real local MiniLM model (no network)."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.library import (
    MODEL_SHA256,
    LocalMiniLMEmbedding,
    ModelFileError,
    embedding_function,
    open_library,
    search_objection_handling,
    verify_file,
)
from tests import copilot_fixture as fx
from tools.library_seed import seed_library


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """One workspace and one library for the module: opening Chroma and the model is the slow part."""
    from store.db import open_engine, upgrade_schema

    folder = tmp_path_factory.mktemp("library")
    engine = open_engine(f"sqlite:///{folder / 'store.db'}")
    upgrade_schema(engine)
    fx.build(engine)
    lib = open_library(chroma_path=folder / "chroma")
    yield engine, lib, folder
    engine.dispose()


def test_embeddings_are_normalised_and_semantic():
    ef = embedding_function()
    a, b, c = ef(["the price is too high for us", "this is too expensive for our budget", "we need SOC 2 first"])
    assert abs(float((a * a).sum()) - 1) < 1e-4
    assert float(a @ b) > float(a @ c) + 0.2


def test_search_returns_seeded_objection_response(library):
    engine, lib, _ = library
    n = seed_library(engine, lib)
    # Umbrella (won) had a pricing and a security objection with answers, plus one talk track and one note.
    assert n == 4 and lib.collection.count() == 4
    result = search_objection_handling(lib, "they say we're too expensive")
    top = result.hits[0]
    assert top.category == "pricing" and top.kind == "objection"
    assert top.response == "We phase the rollout so year one costs a third, and the savings fund years two and three."
    security = search_objection_handling(lib, "their infosec team wants a SOC 2 report", category="security")
    assert all(h.category == "security" for h in security.hits)
    assert "trust portal" in security.hits[0].response
    # Acme's deal is open, not won: its call is not in the library.
    assert all("recover the cost in one quarter" not in h.response for h in result.hits)


def test_seeding_is_idempotent_and_survives_reopen(library):
    engine, lib, folder = library
    assert seed_library(engine, lib) == 4
    signature = lib.collection.metadata["seed_signature"]
    assert seed_library(engine, lib) == 4  # unchanged workspace: skipped, same signature
    assert lib.collection.metadata["seed_signature"] == signature
    reopened = open_library(chroma_path=folder / "chroma")
    assert reopened.collection.count() == 4
    assert search_objection_handling(reopened, "too pricey").hits[0].category == "pricing"


def test_tampered_model_file_is_refused(tmp_path: Path):
    bad = tmp_path / "model.onnx"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelFileError, match="sha256"):
        verify_file(bad, MODEL_SHA256)
    with pytest.raises(ModelFileError, match="missing"):
        LocalMiniLMEmbedding(model_path=str(tmp_path / "nope.onnx"))
