"""The objection library on the real Chroma with the real local MiniLM model (no network).

Every library test runs twice: on embedded Chroma (CHROMA_PATH, the default) and on a Chroma server started by
`chroma run` (CHROMA_URL, the team deployment), both opened through the product's own settings switch.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from settings import Settings
from store.library import (
    MODEL_SHA256,
    LocalMiniLMEmbedding,
    ModelFileError,
    embedding_function,
    open_library_from_settings,
    search_objection_handling,
    verify_file,
)
from tests import copilot_fixture as fx
from tests.conftest import CHROMA_MODES, chroma_location
from tools.library_seed import seed_library


@pytest.fixture(scope="module", params=CHROMA_MODES)
def library(request, tmp_path_factory):
    """One workspace and one library per Chroma mode: opening Chroma and the model is the slow part."""
    from store.db import open_engine, upgrade_schema

    folder = tmp_path_factory.mktemp("library")
    engine = open_engine(f"sqlite:///{folder / 'store.db'}")
    upgrade_schema(engine)
    fx.build(engine)
    settings = Settings(**chroma_location(request, request.param, folder))
    lib = open_library_from_settings(settings)
    yield engine, lib, settings
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
    engine, lib, settings = library
    assert seed_library(engine, lib) == 4
    signature = lib.collection.metadata["seed_signature"]
    assert seed_library(engine, lib) == 4  # unchanged workspace: skipped, same signature
    assert lib.collection.metadata["seed_signature"] == signature
    reopened = open_library_from_settings(settings)
    assert reopened.collection.count() == 4
    assert search_objection_handling(reopened, "too pricey").hits[0].category == "pricing"


def test_the_settings_switch_picks_the_server_or_the_folder(library):
    import chromadb

    _, lib, settings = library
    if settings.chroma_url:
        # CHROMA_URL: the data lives on the server (an independent client sees it), nothing on the local disk
        assert not settings.chroma_path.exists()
        port = int(settings.chroma_url.rsplit(":", 1)[1])
        other = chromadb.HttpClient(host="127.0.0.1", port=port)
        assert other.get_collection(lib.collection.name).count() == lib.collection.count() > 0
    else:
        assert (settings.chroma_path / "chroma.sqlite3").is_file()


def test_the_copilot_seeds_and_answers_from_either_mode(library, tmp_path):
    """The capability path (`library_for`): opened from Settings, seeded on first use, then searched."""
    from datetime import UTC, datetime

    from tools.capabilities import ToolContext, run_capability

    engine, _, settings = library
    ctx = ToolContext(engine=engine, settings=settings, now=datetime(2026, 11, 25, tzinfo=UTC))
    result = run_capability(ctx, "search_objection_handling", {"query": "too pricey"})
    assert result.hits and result.hits[0].category == "pricing"
    assert ctx.library is not None and ctx.library.collection.count() == 4


def test_tampered_model_file_is_refused(tmp_path: Path):
    bad = tmp_path / "model.onnx"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelFileError, match="sha256"):
        verify_file(bad, MODEL_SHA256)
    with pytest.raises(ModelFileError, match="missing"):
        LocalMiniLMEmbedding(model_path=str(tmp_path / "nope.onnx"))
