"""Loading the pipeline: by path, as an installed package, from the environment, and the offline fallback."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
import spacy

from qualcode.nlp.pipeline_loader import MODEL_ENV_VAR, OFFLINE_HINT, load_pipeline
from tests.nlp.conftest import VECTOR_WORDS, save_vector_pipeline


def lemmas(nlp, text: str) -> list[str]:
    return [token.lemma_ for token in nlp(text) if not token.is_punct]


def test_loads_a_pipeline_by_path_and_completes_it_with_sentences_and_lemmas(vector_pipeline_path, no_network):
    loaded = load_pipeline(str(vector_pipeline_path), environ={})
    info = loaded.info
    assert info.name == str(vector_pipeline_path)
    assert info.version == "0.0.1"
    assert info.source == "project setting nlp.pipeline"
    assert (info.has_vectors, info.vector_keys, info.vector_width) == (True, len(VECTOR_WORDS), 4)
    assert not info.offline and info.hint is None
    assert info.added_components == ("sentencizer", "simplemma")
    assert lemmas(loaded.nlp, "We maakten afspraken met de huisartsen.") == [
        "we", "maken", "afspraak", "met", "de", "huisarts"]
    assert loaded.nlp("geld").vector.tolist() == pytest.approx(VECTOR_WORDS["geld"])


def test_environment_variable_wins_over_the_project_setting(vector_pipeline_path, tmp_path, no_network):
    other = save_vector_pipeline(tmp_path / "other", version="9.9.9")
    loaded = load_pipeline(str(vector_pipeline_path), environ={MODEL_ENV_VAR: str(other)})
    assert loaded.info.version == "9.9.9"
    assert loaded.info.source == f"environment variable {MODEL_ENV_VAR}"


def _install_fake_package(site: Path, package: str, version: str = "3.8.0") -> None:
    """Lay out ``package`` the way a spaCy model wheel installs it, with dist-info so it counts as installed."""
    lang, name = package.split("_", 1)
    package_dir = site / package
    package_dir.mkdir(parents=True)
    save_vector_pipeline(package_dir / f"{package}-{version}", name=name, version=version)
    meta = json.loads((package_dir / f"{package}-{version}" / "meta.json").read_text())
    (package_dir / "meta.json").write_text(json.dumps(meta))
    (package_dir / "__init__.py").write_text(
        "from pathlib import Path\nfrom spacy.util import load_model_from_init_py\n\n"
        "def load(**overrides):\n    return load_model_from_init_py(__file__, **overrides)\n"
    )
    dist_info = site / f"{package}-{version}.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {package}\nVersion: {version}\n")


def test_finds_an_installed_nl_core_news_package_in_order(tmp_path, monkeypatch, no_network):
    site = tmp_path / "site"
    _install_fake_package(site, "nl_core_news_sm")
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    real = spacy.util.is_package  # a developer may have the real lg/md installed: hide those
    monkeypatch.setattr(spacy.util, "is_package",
                        lambda name: name not in ("nl_core_news_lg", "nl_core_news_md") and real(name))
    loaded = load_pipeline(None, environ={})
    assert loaded.info.name == "nl_core_news_sm"
    assert loaded.info.version == "3.8.0"
    assert loaded.info.source == "installed package"
    assert loaded.info.has_vectors
    # The same package named in the environment is loaded by name too.
    by_name = load_pipeline(None, environ={MODEL_ENV_VAR: "nl_core_news_sm"})
    assert by_name.info.source == f"environment variable {MODEL_ENV_VAR}"


def test_falls_back_to_the_offline_pipeline_when_no_model_is_installed(no_models_installed, no_network):
    loaded = load_pipeline(None, environ={})
    assert loaded.info.offline
    assert loaded.info.hint == OFFLINE_HINT
    assert loaded.info.messages == ()
    assert loaded.info.components == ("sentencizer", "qualcode_simplemma_lemmatizer")
    assert not loaded.info.has_vectors
    doc = loaded.nlp("Het vertrouwen was weg. Er waren geen honoraria afgesproken.")
    assert [sentence.text for sentence in doc.sents] == [
        "Het vertrouwen was weg.", "Er waren geen honoraria afgesproken."]
    assert lemmas(loaded.nlp, "honoraria afgesproken") == ["honorarium", "afspreken"]


def test_a_missing_model_in_the_environment_falls_back_with_a_message(no_models_installed, no_network, tmp_path):
    loaded = load_pipeline("nl_ook_niet", environ={MODEL_ENV_VAR: "nl_bestaat_niet"})
    assert loaded.info.offline
    assert loaded.info.messages == (
        f"nl_bestaat_niet (environment variable {MODEL_ENV_VAR}): not installed",
        "nl_ook_niet (project setting nlp.pipeline): not installed",
    )
    missing_dir = tmp_path / "nowhere"
    assert load_pipeline(str(missing_dir), environ={}).info.messages == (
        f"{missing_dir} (project setting nlp.pipeline): no such directory",)


def test_a_broken_or_foreign_model_falls_back_with_the_reason(no_models_installed, tmp_path, no_network):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.cfg").write_text("[nlp\nthis is not a config")
    english = tmp_path / "english"
    spacy.blank("en").to_disk(english)
    loaded = load_pipeline(str(broken), environ={MODEL_ENV_VAR: str(english)})
    assert loaded.info.offline
    assert loaded.info.messages[0] == f"{english} (environment variable {MODEL_ENV_VAR}): is a 'en' pipeline, not Dutch ('nl')"
    assert loaded.info.messages[1].startswith(f"{broken} (project setting nlp.pipeline): could not be loaded: ")
