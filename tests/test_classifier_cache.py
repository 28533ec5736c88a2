"""The capability classifier is built once per process, even when several threads ask for it first at once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from bot.copilot import classifier as clf


@pytest.fixture
def fresh_classifier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An empty cache folder and no classifier in the process; the process's classifier is restored after.

    It trains on the capability examples and tuning sets only: what is tested is the training once, not the data
    (all the blind sets make a fit of tens of seconds on two busy cores).
    """
    small = clf.training_set()[:600]
    monkeypatch.setattr(clf, "training_set", lambda: small)
    monkeypatch.setattr(clf, "_cache_path", lambda pairs, with_embedding: tmp_path / "classifier.pkl")
    clf._classifier.cache_clear()
    yield tmp_path
    clf._classifier.cache_clear()


def test_concurrent_first_use_trains_once_and_writes_one_cache_file(fresh_classifier: Path):
    # Before: every thread trained, and all but the first failed renaming the one shared partial file
    # (FileNotFoundError seen by the Slack work pool in benchmarks/slack_ack.py).
    built: list[object] = []
    errors: list[BaseException] = []

    def ask() -> None:
        try:
            built.append(clf.classifier())
        except BaseException as exc:  # noqa: BLE001  (the test reports any failure of a thread)
            errors.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len({id(model) for model in built}) == 1
    assert [p.name for p in fresh_classifier.iterdir()] == ["classifier.pkl"]


def test_the_training_texts_are_embedded_once_and_kept_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import numpy as np

    monkeypatch.setattr("settings.PROJECT_ROOT", tmp_path)
    embedded: list[list[str]] = []

    def model(texts: list[str]) -> np.ndarray:
        embedded.append(list(texts))
        return np.array([[float(len(t)), 1.0] for t in texts])

    first, second = clf._LazyEmbedding(), clf._LazyEmbedding()  # two processes, one after the other
    first._embed = second._embed = model
    vectors = first(["deals", "pipe", "deals"])
    assert second(["deals", "pipe", "deals"]).tolist() == vectors.tolist() == [[5, 1], [4, 1], [5, 1]]
    assert embedded == [["deals", "pipe"]]  # each text once, and not again by the second
    assert second(["how many deals?"]).tolist() == [[15, 1]]  # one question is embedded, never stored
    assert len(list((tmp_path / "var" / "cache").iterdir())) == 1
