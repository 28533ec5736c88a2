"""Shared fixtures: a clean environment, and a fresh store on SQLite or on the real PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text

from store.db import open_engine, upgrade_schema

POSTGRES_URL = os.environ.get("SALESOS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
_ENV_PREFIXES = ("SLACK_", "HUBSPOT_", "OPENAI_", "DATABASE_URL", "CHROMA_", "LANGSMITH_", "LANGCHAIN_", "INTAKE_")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """Keep a developer's real credentials and .env out of every test."""
    for name in list(os.environ):
        if name.startswith(_ENV_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray .env is read; relative paths land in the test's folder
    monkeypatch.setenv("LEAD_MODEL_DIR", str(tmp_path / "models"))  # learned models cache here, not in the checkout
    from settings import get_settings

    get_settings.cache_clear()


def postgres_available() -> bool:
    """Tell whether the PostgreSQL server of the CI machine answers."""
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL.replace("+psycopg", ""), connect_timeout=2):
            return True
    except Exception:
        return False


def _require_postgres() -> None:
    if postgres_available():
        return
    if os.environ.get("SALESOS_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required here (SALESOS_REQUIRE_POSTGRES=1) but {POSTGRES_URL} does not answer")
    pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: PostgreSQL variant not run")


@pytest.fixture
def sqlite_engine(tmp_path) -> Iterator[Engine]:
    """A fresh SQLite store in a file, at the newest schema."""
    engine = open_engine(f"sqlite:///{tmp_path / 'store.db'}")
    upgrade_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_engine() -> Iterator[Engine]:
    """A fresh store in its own schema on the real PostgreSQL server, dropped afterwards."""
    _require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = open_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = open_engine(POSTGRES_URL + f"?options=-csearch_path%3D{schema}")
    try:
        upgrade_schema(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest) -> Engine:
    """The store on each backend in turn: every test that takes `engine` runs on SQLite and on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_engine")
