"""Shared fixtures: a clean environment, a fresh store on SQLite or on the real PostgreSQL, and a Chroma server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from sqlalchemy import Engine, text

from store.db import open_engine, upgrade_schema

# Property tests and fuzzing are bounded so they add well under a minute to `make test` on two cores: few examples,
# no per-example deadline (timing is the benchmarks' business), no example database written into the work tree.
# HYPOTHESIS_PROFILE=deep runs many more examples when hunting bugs.
hypothesis_settings.register_profile(
    "salesos",
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
hypothesis_settings.register_profile("deep", parent=hypothesis_settings.get_profile("salesos"), max_examples=2000)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "salesos"))

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


# --- Chroma: embedded (CHROMA_PATH) and as a server (CHROMA_URL), the team deployment -----------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _heartbeat(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/api/v2/heartbeat", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Chroma server (`chroma run`, the CLI chromadb installs) on a free loopback port: its URL.

    Started once per session and only when a test asks for the server mode; stopped at the end. A server that
    does not come up fails the test with its log, never skips it: the team deployment path must be tested.
    """
    exe = Path(sys.executable).with_name("chroma")
    if not exe.is_file():
        pytest.fail(f"the chroma CLI is not installed next to {sys.executable} (chromadb is in requirements.lock)")
    folder = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = folder / "server.log"
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(
            [str(exe), "run", "--path", str(folder / "data"), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
    try:
        deadline = time.monotonic() + 60  # a readiness wait, not a timed assertion: a loaded machine starts slowly
        while not _heartbeat(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                tail = log_path.read_text(errors="replace")[-2000:]
                pytest.fail(f"chroma run did not come up on {url} (exit code {proc.poll()}):\n{tail}")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


CHROMA_MODES = ("embedded", "server")


def chroma_location(request: pytest.FixtureRequest, mode: str, folder: Path) -> dict[str, object]:
    """Settings fields for a fresh library in `mode`: a new CHROMA_PATH, or CHROMA_URL on a server emptied first.

    The server is shared by the session, so its collections are dropped here: each user starts from nothing,
    as with a new folder.
    """
    if mode == "embedded":
        return {"chroma_path": folder / "chroma"}
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    url = str(request.getfixturevalue("chroma_server"))
    port = int(url.rsplit(":", 1)[1])
    client = chromadb.HttpClient(host="127.0.0.1", port=port, settings=ChromaSettings(anonymized_telemetry=False))
    for collection in client.list_collections():
        client.delete_collection(collection.name)
    return {"chroma_url": url, "chroma_path": folder / "unused-chroma"}
