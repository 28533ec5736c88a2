"""The objection library on the real Chroma with the real local MiniLM model (no network).

Every library test runs twice: on embedded Chroma (CHROMA_PATH, the default) and on a Chroma server started by
`chroma run` (CHROMA_URL, the team deployment), both opened through the product's own settings switch.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from settings import Settings
from store.library import (
    MODEL_SHA256,
    LocalMiniLMEmbedding,
    ModelFileError,
    embedding_function,
    open_library,
    open_library_from_settings,
    search_objection_handling,
    verify_file,
)
from store.models import Call, Deal, Engagement
from tests import copilot_fixture as fx
from tests.conftest import CHROMA_MODES, chroma_location
from tools.library_seed import library_documents, seed_library, sync_library


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

    from store.library import snapshot_path
    from tools.capabilities import ToolContext, run_capability

    engine, _, settings = library
    if not settings.chroma_url:
        snapshot_path(settings.chroma_path).unlink(missing_ok=True)  # no snapshot yet: the capability opens Chroma
    ctx = ToolContext(engine=engine, settings=settings, now=datetime(2026, 11, 25, tzinfo=UTC))
    result = run_capability(ctx, "search_objection_handling", {"query": "too pricey"})
    assert result.hits and result.hits[0].category == "pricing"
    assert ctx.library is not None and ctx.library.collection.count() == 4
    # Embedded, the seeding check wrote the snapshot: the next question answers from it without opening Chroma.
    again = ToolContext(engine=engine, settings=settings, now=datetime(2026, 11, 25, tzinfo=UTC))
    assert run_capability(again, "search_objection_handling", {"query": "too pricey"}) == result
    assert (again.library is None) == (settings.chroma_url is None)


def test_tampered_model_file_is_refused(tmp_path: Path):
    bad = tmp_path / "model.onnx"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelFileError, match="sha256"):
        verify_file(bad, MODEL_SHA256)
    with pytest.raises(ModelFileError, match="missing"):
        LocalMiniLMEmbedding(model_path=str(tmp_path / "nope.onnx"))


# --- incremental seeding ----------------------------------------------------------------------------------------------

NEW_CALL = """[00:00:04] Dana Reyes: Thanks for joining, Alice.
[00:02:10] Alice Wesker: Our budget is tight this year, finance froze new tools until spring.
[00:02:40] Dana Reyes: We can start with one team on a quarterly plan, so spring's budget carries the rest.
"""


class CountingEmbedding:
    """The real embedding function, recording every text it is asked to embed."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.texts: list[str] = []

    def __call__(self, texts):
        self.texts.extend(texts)
        return self.inner(texts)


def _workspace(folder: Path):
    from store.db import open_engine, upgrade_schema

    engine = open_engine(f"sqlite:///{folder / 'store.db'}")
    upgrade_schema(engine)
    fx.build(engine)
    return engine


def _library(folder: Path):
    lib = open_library(chroma_path=folder)
    return dataclasses.replace(lib, embedding=CountingEmbedding(lib.embedding))


def _add_call(engine) -> int:
    """A second recorded call on Umbrella's won deal; returns its id."""
    with Session(engine) as s:
        first = s.exec(select(Call).where(Call.transcript == fx.UMBRELLA_TRANSCRIPT)).one()
        meeting = Engagement(
            type="meeting",
            deal_id=first.deal_id,
            company_id=first.company_id,
            owner_id=first.owner_id,
            status="completed",
            occurred_at=first.started_at + timedelta(days=2),
            buyer_engaged=True,
        )
        s.add(meeting)
        s.flush()
        call = Call(
            engagement_id=meeting.id,
            deal_id=first.deal_id,
            company_id=first.company_id,
            owner_id=first.owner_id,
            started_at=meeting.occurred_at,
            duration_seconds=900,
            transcript=NEW_CALL,
        )
        s.add(call)
        s.commit()
        assert call.id is not None
        return call.id


def test_reseeding_embeds_nothing_and_a_new_call_embeds_only_its_documents(tmp_path):
    engine = _workspace(tmp_path)
    lib = _library(tmp_path / "chroma")
    counter = lib.embedding

    first = sync_library(engine, lib)
    assert first.documents == first.added == lib.collection.count() > 0
    assert first.embedded == len(set(counter.texts)) == len(counter.texts) > 0

    counter.texts.clear()
    again = sync_library(engine, lib)
    assert again.skipped and again.embedded == 0 and counter.texts == []
    compared = sync_library(engine, lib, force=True)  # rebuilt and compared, still nothing to embed
    assert not compared.skipped and (compared.added, compared.removed, compared.embedded) == (0, 0, 0)
    assert compared.documents == first.documents and counter.texts == []

    call_id = _add_call(engine)
    with Session(engine) as s:
        call_docs = [d for d in library_documents(s) if d.metadata["call_id"] == call_id]
    assert call_docs  # the new call's objection and its answer
    grown = sync_library(engine, lib)
    assert (grown.added, grown.removed) == (len(call_docs), 0)
    assert sorted(counter.texts) == sorted({d.text for d in call_docs})
    assert grown.documents == lib.collection.count() == first.documents + len(call_docs)
    assert set(lib.collection.get(ids=[d.id for d in call_docs], include=[])["ids"]) == {d.id for d in call_docs}


def test_a_deal_no_longer_won_leaves_the_library_and_an_edited_note_is_replaced(tmp_path):
    engine = _workspace(tmp_path)
    lib = _library(tmp_path / "chroma")
    sync_library(engine, lib)
    before = set(lib.collection.get(include=[])["ids"])
    with Session(engine) as s:
        note = s.exec(select(Engagement).where(Engagement.type == "note", Engagement.body.contains("SOC 2"))).one()
        note.body = edited_body = "Security review: SOC 2 concern closed after they read our pen test summary."
        s.add(note)
        s.commit()
    lib.embedding.texts.clear()
    edited = sync_library(engine, lib, force=True)  # an edit keeps counts and ids: the signature cannot see it
    assert (edited.added, edited.removed, edited.embedded) == (1, 1, 1)
    assert lib.embedding.texts == [edited_body]
    after = set(lib.collection.get(include=[])["ids"])
    assert len(before - after) == len(after - before) == 1 and all(
        i.startswith("objection:note:") for i in after - before
    )

    with Session(engine) as s:
        for deal in s.exec(select(Deal).where(Deal.is_won == True)).all():  # noqa: E712
            deal.is_won = False
            s.add(deal)
        s.commit()
    lib.embedding.texts.clear()
    emptied = sync_library(engine, lib)
    assert emptied.documents == 0 and emptied.removed == len(after) and lib.collection.count() == 0
    assert lib.embedding.texts == []


def test_incremental_seeding_answers_searches_as_a_fresh_seed_does(tmp_path):
    engine = _workspace(tmp_path)
    grown = _library(tmp_path / "grown")
    sync_library(engine, grown)
    _add_call(engine)
    sync_library(engine, grown)
    fresh = _library(tmp_path / "fresh")
    sync_library(engine, fresh)
    assert sorted(grown.collection.get(include=[])["ids"]) == sorted(fresh.collection.get(include=[])["ids"])
    for query, category in (
        ("they say we're too expensive", None),
        ("finance froze the budget until next year", None),
        ("their infosec team wants a SOC 2 report", "security"),
        ("talk track for an operations leader", None),
    ):
        a = search_objection_handling(grown, query, category=category)
        b = search_objection_handling(fresh, query, category=category)
        assert a.hits and a == b
    assert any("quarterly plan" in h.response for h in search_objection_handling(grown, "budget is frozen").hits)
