"""The library's numpy snapshot: what a cold `salesos ask` searches instead of opening Chroma.

Snapshot search must answer as Chroma does on the demo library (embedded mode), and must never be used when it is not
the snapshot of the current seeding: a changed workspace, other sensitivity rules, a collection written by something
else (insight cards), or a library on a Chroma server all fall back to Chroma.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import pytest
from sqlmodel import Session

from settings import PROJECT_ROOT, Settings
from store.db import open_engine, upgrade_schema
from store.demo import generate_workspace
from store.library import (
    open_library_from_settings,
    read_snapshot,
    search_objection_handling,
    search_snapshot,
    sentence_embedder,
    snapshot_path,
)
from tools.capabilities import ToolContext, run_capability
from tools.library import current_snapshot
from tools.library_seed import library_snapshot_key, seed_library
from tools.sensitive import rules_of

AS_OF = datetime(2026, 11, 25, 19, 50, tzinfo=UTC)
QUERIES = (
    ("how do I handle the objection that it's too expensive?", None),
    ("they say we're too expensive", "pricing"),
    ("finance froze the budget until next year", None),
    ("their infosec team wants a SOC 2 report", "security"),
    ("we already use a spreadsheet for this", None),
    ("the CFO wants to wait until next quarter", "timing"),
    ("does it integrate with our warehouse?", "integration"),
    ("talk track for a CFO", None),
    ("a category nothing is filed under", "no_such_category"),
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The small demo workspace and its library, seeded in embedded mode (which writes the snapshot)."""
    folder = tmp_path_factory.mktemp("snapshot")
    engine = open_engine(f"sqlite:///{folder / 'store.db'}")
    upgrade_schema(engine)
    generate_workspace(engine, size="small", seed=7, as_of=AS_OF)
    settings = Settings(chroma_path=folder / "chroma")
    library = open_library_from_settings(settings)
    assert seed_library(engine, library, rules=rules_of(settings)) > 20
    yield engine, library, settings
    engine.dispose()


def _snapshot(engine, settings):
    with Session(engine) as session:
        ctx = ToolContext(engine=engine, settings=settings, now=AS_OF)
        return current_snapshot(ctx, session)


def _key(hit) -> tuple:
    # What is filed with a document (its deal, call, persona, category) is left out: calls repeat phrasings, documents
    # with the same text are exactly as near, and Chroma orders such ties its own way. `_real` checks those fields.
    return (hit.kind, hit.text, hit.response, hit.similarity)


def _real(library, hits) -> bool:
    """Every hit is a document of the collection, with the metadata it was filed under."""
    for hit in hits:
        got = library.collection.get(where={"response": hit.response}, include=["documents", "metadatas"])
        filed = [
            (doc, m.get("kind"), m.get("category"), m.get("persona"), m.get("deal_id") or None)
            for doc, m in zip(got["documents"], got["metadatas"], strict=True)
        ]
        if (hit.text, hit.kind, hit.category, hit.persona, hit.deal_id) not in filed:
            return False
    return True


def test_snapshot_search_returns_chromas_top_hits_on_the_demo_library(demo):
    engine, library, settings = demo
    found = _snapshot(engine, settings)
    assert found is not None, "seeding writes the snapshot of the seeded collection"
    snapshot, embed = found
    assert sorted(snapshot.ids) == sorted(library.collection.get(include=[])["ids"])
    for query, category in QUERIES:
        chroma = search_objection_handling(library, query, category=category)
        numpy = search_snapshot(snapshot, embed, query, category=category)
        assert chroma.hits, query
        assert [_key(h) for h in numpy.hits] == [_key(h) for h in chroma.hits], query
        assert _real(library, numpy.hits), query


def test_the_capability_answers_from_the_snapshot_without_chroma(demo):
    engine, library, settings = demo
    ctx = ToolContext(engine=engine, settings=settings, now=AS_OF)
    result = run_capability(ctx, "search_objection_handling", {"query": "your price is too high"})
    assert ctx.library is None  # Chroma was not opened: the snapshot answered
    chroma = search_objection_handling(library, "your price is too high")
    assert result.hits and [_key(h) for h in result.hits] == [_key(h) for h in chroma.hits]
    assert _real(library, result.hits)


def test_a_changed_workspace_or_other_rules_do_not_use_the_snapshot(demo):
    engine, _, settings = demo
    embed = sentence_embedder()
    path = snapshot_path(settings.chroma_path)
    with Session(engine) as session:
        current = library_snapshot_key(session, rules_of(settings), embed.model_path)
    assert read_snapshot(path, current) is not None
    assert read_snapshot(path, current.replace("calls=", "calls=1")) is None
    stricter = Settings(chroma_path=settings.chroma_path, sensitive_words=["pricing"])
    assert _snapshot(engine, stricter) is None
    on_a_server = Settings(chroma_path=settings.chroma_path, chroma_url="http://127.0.0.1:9")
    assert _snapshot(engine, on_a_server) is None


def test_writing_cards_drops_the_snapshot_and_the_next_seeding_check_rewrites_it(demo):
    from tools.insights.cards import refresh_cards

    engine, library, settings = demo
    assert snapshot_path(settings.chroma_path).is_file()
    assert refresh_cards(engine, library, now=AS_OF) > 0
    assert not snapshot_path(settings.chroma_path).is_file()
    assert _snapshot(engine, settings) is None
    seed_library(engine, library, rules=rules_of(settings))  # unchanged workspace: skipped, snapshot written again
    found = _snapshot(engine, settings)
    assert found is not None
    snapshot, embed = found
    assert sorted(snapshot.ids) == sorted(library.collection.get(include=[])["ids"])
    assert any(i.startswith("card:") for i in snapshot.ids)
    query = "how do we win against a competitor?"
    chroma = search_objection_handling(library, query)
    assert [_key(h) for h in search_snapshot(snapshot, embed, query).hits] == [_key(h) for h in chroma.hits]


def test_a_cold_ask_about_objections_does_not_import_chromadb(demo, tmp_path):
    """In a fresh process, as `salesos ask` runs: the snapshot answers and chromadb is never imported."""
    import subprocess

    engine, _, settings = demo
    code = (
        "import sys; from datetime import UTC, datetime; from settings import get_settings; "
        "from store.db import open_engine; from bot.copilot.answer import answer; "
        "from bot.copilot.reply import to_text; "
        "s = get_settings(); e = open_engine(s.database_url); "
        "r = answer(\"how do I handle 'your price is too high'?\", engine=e, settings=s, now=datetime.now(UTC)); "
        "print(to_text(r.reply)); print('chromadb' in sys.modules)"
    )
    env = {
        "DATABASE_URL": str(engine.url),
        "CHROMA_PATH": str(settings.chroma_path),
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=True
    )
    lines = done.stdout.strip().splitlines()
    assert lines[-1] == "False", done.stdout
    assert "won deal" in done.stdout
