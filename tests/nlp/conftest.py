"""Shared NLP fixtures: a tiny Dutch pipeline with word vectors saved to disk, the offline pipeline, no network."""

from __future__ import annotations

import socket
from pathlib import Path

import numpy
import pytest
import spacy

from qualcode.nlp.pipeline_loader import LoadedPipeline, load_pipeline

# Three directions of meaning: trust, money, time. Vectors are looked up by the exact word form.
VECTOR_WORDS = {
    "vertrouwen": (1.0, 0.0, 0.0, 0.1), "wantrouwen": (0.9, 0.0, 0.1, 0.1), "argwaan": (0.95, 0.05, 0.0, 0.1),
    "twijfel": (0.8, 0.1, 0.0, 0.2), "geld": (0.0, 1.0, 0.0, 0.1), "honorarium": (0.0, 0.9, 0.1, 0.1),
    "kosten": (0.1, 0.9, 0.0, 0.1), "budget": (0.0, 0.95, 0.05, 0.1), "tijd": (0.0, 0.0, 1.0, 0.1),
    "agenda": (0.0, 0.1, 0.9, 0.1), "drukte": (0.1, 0.0, 0.9, 0.2), "uren": (0.0, 0.2, 0.9, 0.1),
}


def save_vector_pipeline(path: Path, lang: str = "nl", name: str = "test_vectors", version: str = "0.0.1") -> Path:
    """Save a blank pipeline with the VECTOR_WORDS table to ``path`` and return it."""
    nlp = spacy.blank(lang)
    for word, vector in VECTOR_WORDS.items():
        nlp.vocab.set_vector(word, numpy.asarray(vector, dtype="float32"))
    nlp.meta["name"] = name
    nlp.meta["version"] = version
    nlp.to_disk(path)
    return path


@pytest.fixture(scope="session")
def vector_pipeline_path(tmp_path_factory) -> Path:
    return save_vector_pipeline(tmp_path_factory.mktemp("pipelines") / "nl_test_vectors")


@pytest.fixture(scope="session")
def vector_pipeline(vector_pipeline_path) -> LoadedPipeline:
    return load_pipeline(str(vector_pipeline_path), environ={})


@pytest.fixture(scope="session")
def offline_pipeline() -> LoadedPipeline:
    return load_pipeline(None, environ={}, preferred=())


@pytest.fixture
def no_network(monkeypatch):
    """Fail any attempt to open a network connection."""
    def refuse(*args, **kwargs):
        raise AssertionError("qualcode tried to use the network")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def no_models_installed(monkeypatch):
    """Make every nl_core_news_* package look absent, whatever this machine has."""
    real = spacy.util.is_package
    monkeypatch.setattr(spacy.util, "is_package",
                        lambda name: not name.startswith("nl_core_news_") and real(name))
