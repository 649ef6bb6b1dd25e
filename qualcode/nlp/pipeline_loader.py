"""Find and load the Dutch spaCy pipeline: a configured one, an installed nl_core_news_*, or the offline one.

Loading never downloads anything and never raises for a missing or broken model: each
candidate that fails adds a message to :attr:`PipelineInfo.messages` and the next is tried.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import simplemma
import spacy
from spacy.language import Language

from qualcode.nlp.simplemma_lemmatizer import COMPONENT_NAME as SIMPLEMMA_COMPONENT
from qualcode.domain.language import _

MODEL_ENV_VAR = "QUALCODE_SPACY_MODEL"
PIPELINE_SETTING = "nlp.pipeline"
PREFERRED_PACKAGES = ("nl_core_news_lg", "nl_core_news_md", "nl_core_news_sm")
OFFLINE_NAME = "offline"
OFFLINE_HINT = _("offline NLP: install nl_core_news_lg for better suggestions (see `qualcode doctor`)")
# Components we never use; excluding them makes loading and parsing cheaper.
UNUSED_COMPONENTS = ("ner", "entity_linker", "entity_ruler", "span_finder", "spancat")


@dataclass(frozen=True)
class PipelineInfo:
    """What pipeline is active and why, for ``qualcode doctor`` and the status line."""

    name: str
    version: str
    spacy_version: str
    has_vectors: bool
    vector_keys: int
    vector_width: int
    offline: bool
    source: str
    components: tuple[str, ...]
    added_components: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()

    @property
    def hint(self) -> str | None:
        """A one-line hint for the status bar, or None when a real model is active."""
        return OFFLINE_HINT if self.offline else None

    @property
    def cache_key(self) -> str:
        """Identifies the pipeline in the parse cache and for learned models."""
        added = "+" + "+".join(self.added_components) if self.added_components else ""
        return f"{self.name}@{self.version}{added}"

    @property
    def status(self) -> str:
        """A short status-line label, e.g. ``nl_core_news_lg 3.8.0, vectors`` or the offline hint."""
        if self.offline:
            return _("offline, see qualcode doctor")
        vectors = _("vectors") if self.has_vectors else _("no vectors")
        return f"{self.name} {self.version}, {vectors}"


@dataclass(frozen=True)
class LoadedPipeline:
    """A ready spaCy pipeline and its description.

    A spaCy pipeline is not safe to run from two threads at once (its tokenizer cache and string
    store change as it reads); everything in ``qualcode.nlp`` holds ``lock`` while it runs ``nlp``.
    """

    nlp: Language
    info: PipelineInfo
    lock: threading.RLock = field(default_factory=threading.RLock, compare=False, repr=False)


def build_offline_pipeline() -> Language:
    """``spacy.blank("nl")`` with a sentencizer and the simplemma lemmatizer; needs no model files."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(SIMPLEMMA_COMPONENT)
    return nlp


def requested_pipelines(setting: str | None, environ: Mapping[str, str]) -> list[tuple[str, str]]:
    """The explicitly requested pipelines as (name or path, source), the environment first."""
    requested = []
    from_env = environ.get(MODEL_ENV_VAR, "").strip()
    if from_env:
        requested.append((from_env, f"environment variable {MODEL_ENV_VAR}"))
    if setting and setting.strip():
        requested.append((setting.strip(), f"project setting {PIPELINE_SETTING}"))
    return requested


def load_pipeline(
    setting: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    preferred: Sequence[str] = PREFERRED_PACKAGES,
) -> LoadedPipeline:
    """Load the best available Dutch pipeline; fall back to the offline pipeline with messages saying why.

    Order: ``$QUALCODE_SPACY_MODEL``, then the project setting (package name or path), then the
    installed ``preferred`` packages, then :func:`build_offline_pipeline`.
    """
    environ = os.environ if environ is None else environ
    messages: list[str] = []
    for name, source in requested_pipelines(setting, environ):
        loaded = _try_load(name, source, messages)
        if loaded is not None:
            return loaded
    for name in preferred:
        if spacy.util.is_package(name):
            loaded = _try_load(name, "installed package", messages)
            if loaded is not None:
                return loaded
    nlp = build_offline_pipeline()
    info = _describe(nlp, OFFLINE_NAME, f"spacy {spacy.__version__}, simplemma {simplemma.__version__}",
                     "built in", offline=True, added=(), messages=messages)
    return LoadedPipeline(nlp, info)


def _try_load(name: str, source: str, messages: list[str]) -> LoadedPipeline | None:
    """Load one candidate, or record why it cannot be used and return None."""
    path = Path(name).expanduser()
    is_path = path.exists() or os.sep in name or name.startswith(".")
    if is_path and not path.exists():
        messages.append(f"{name} ({source}): no such directory")
        return None
    if not is_path and not spacy.util.is_package(name):
        messages.append(f"{name} ({source}): not installed")
        return None
    try:
        nlp = spacy.load(path if is_path else name, exclude=list(UNUSED_COMPONENTS))
    except Exception as error:  # a broken model must never stop the app: say why and fall back
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        messages.append(f"{name} ({source}): could not be loaded: {first_line}")
        return None
    if nlp.lang != "nl":
        messages.append(f"{name} ({source}): is a '{nlp.lang}' pipeline, not Dutch ('nl')")
        return None
    added = _complete(nlp)
    label = str(path) if is_path else f"{nlp.meta.get('lang', 'nl')}_{nlp.meta.get('name', name)}"
    version = str(nlp.meta.get("version", "unknown"))
    return LoadedPipeline(nlp, _describe(nlp, label, version, source, offline=False, added=added,
                                         messages=messages))


def _complete(nlp: Language) -> tuple[str, ...]:
    """Add a sentencizer and the simplemma lemmatizer when the pipeline lacks sentences or lemmas."""
    assigned = {attribute for name in nlp.pipe_names
                for attribute in nlp.get_pipe_meta(name).assigns}
    added = []
    if not assigned & {"token.is_sent_start", "doc.sents"}:
        nlp.add_pipe("sentencizer")
        added.append("sentencizer")
    if "token.lemma" not in assigned:
        nlp.add_pipe(SIMPLEMMA_COMPONENT)
        added.append("simplemma")
    return tuple(added)


def _describe(nlp: Language, name: str, version: str, source: str, *, offline: bool,
              added: Sequence[str], messages: Sequence[str]) -> PipelineInfo:
    vectors = nlp.vocab.vectors
    rows, width = vectors.shape
    return PipelineInfo(
        name=name,
        version=version,
        spacy_version=spacy.__version__,
        has_vectors=rows > 0 and width > 0,
        vector_keys=int(max(vectors.n_keys, 0)),
        vector_width=int(width),
        offline=offline,
        source=source,
        components=tuple(nlp.pipe_names),
        added_components=tuple(added),
        messages=tuple(messages),
    )
