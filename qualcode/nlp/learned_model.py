"""The per-project model trained on a coder's own codings: spaCy textcat_multilabel, bag-of-words.

Bag-of-words (``spacy.TextCatBOW.v3``, unigrams and bigrams of content lemmas) because it trains
on a few hundred segments in about a second on a CPU, needs no word vectors, and its
sparse linear weights behave sensibly with the handful of examples a researcher codes per code.
Examples are label dictionaries: 1.0 for a code that applies (coded or an accepted suggestion),
0.0 for one that does not (a rejected suggestion, or another code in a segment the coder coded);
codes left out are unknown and do not train.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy
import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

COMPONENT = "textcat_multilabel"
ARCHITECTURE = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": False,
    "ngram_size": 2,
    "no_output_layer": False,
    "length": 32768,
}
MIN_EXAMPLES = 8      # positive examples (over all codes) before a model is trained
MIN_SUPPORT = 2       # positive examples of a code before the model suggests that code
EPOCHS = 12
BATCH_SIZE = 16
MIN_UPDATES = 100   # small data sets get more epochs, so a few dozen examples still move the weights
PAYLOAD_FORMAT = 1


@dataclass(frozen=True)
class TrainingExample:
    """Content lemmas of a segment and what is known about each code there (1.0 applies, 0.0 does not)."""

    words: tuple[str, ...]
    cats: Mapping[str, float]


def training_fingerprint(examples: Sequence[TrainingExample]) -> str:
    """A digest of the training data: retraining is needed only when it changes."""
    digest = hashlib.sha256()
    for example in examples:
        digest.update(json.dumps([example.words, sorted(example.cats.items())], ensure_ascii=False).encode())
    return digest.hexdigest()


def support_of(examples: Sequence[TrainingExample]) -> dict[str, int]:
    """Positive examples per code."""
    support: dict[str, int] = {}
    for example in examples:
        for code_key, value in example.cats.items():
            if value >= 0.5:
                support[code_key] = support.get(code_key, 0) + 1
    return support


class LearnedModel:
    """A trained textcat_multilabel model with what it was trained on. Safe to share between threads for reading."""

    def __init__(self, nlp: Language, support: Mapping[str, int], examples: int, pipeline: str,
                 fingerprint: str) -> None:
        self.nlp = nlp
        self.support = dict(support)
        self.examples = examples
        self.pipeline = pipeline
        self.fingerprint = fingerprint
        self._textcat = nlp.get_pipe(COMPONENT)
        self.labels = tuple(self._textcat.labels)
        self._lock = threading.Lock()   # making Docs adds to the vocabulary's string store

    def predict(self, word_lists: Sequence[Sequence[str]]) -> list[dict[str, float]]:
        """Probability per code for each segment given as content lemmas."""
        with self._lock:
            docs = [Doc(self.nlp.vocab, words=list(words)) for words in word_lists]
            filled = [index for index, doc in enumerate(docs) if len(doc)]
            scores = numpy.asarray(self._textcat.model.predict([docs[index] for index in filled])) if filled else None
        results: list[dict[str, float]] = [{} for _ in docs]
        if scores is not None:
            for row, index in enumerate(filled):
                results[index] = {label: float(scores[row, column]) for column, label in enumerate(self.labels)}
        return results

    def to_bytes(self) -> bytes:
        return srsly.msgpack_dumps({
            "format": PAYLOAD_FORMAT,
            "config": self.nlp.config.to_str(),
            "model": self.nlp.to_bytes(),
            "support": self.support,
            "examples": self.examples,
            "pipeline": self.pipeline,
            "fingerprint": self.fingerprint,
        })

    @classmethod
    def from_bytes(cls, payload: bytes) -> LearnedModel:
        data = srsly.msgpack_loads(payload)
        if data.get("format") != PAYLOAD_FORMAT:
            raise ValueError(f"learned model payload has format {data.get('format')!r}, expected {PAYLOAD_FORMAT}")
        config = spacy.util.load_config_from_str(data["config"])
        nlp = spacy.util.get_lang_class(config["nlp"]["lang"]).from_config(config)
        nlp.from_bytes(data["model"])
        return cls(nlp, data["support"], int(data["examples"]), data["pipeline"], data["fingerprint"])


def train_model(examples: Sequence[TrainingExample], pipeline: str, *, epochs: int = EPOCHS,
                seed: int = 0) -> LearnedModel | None:
    """Train a new model (never touching any existing one); None when there are too few coded examples."""
    usable = [example for example in examples if example.words and example.cats]
    support = support_of(usable)
    if sum(support.values()) < MIN_EXAMPLES:
        return None
    labels = sorted(support)
    nlp = spacy.blank("nl")
    textcat = nlp.add_pipe(COMPONENT, config={"model": ARCHITECTURE})
    for label in labels:
        textcat.add_label(label)
    training = [
        Example.from_dict(Doc(nlp.vocab, words=list(example.words)),
                          {"cats": {key: value for key, value in example.cats.items() if key in support}})
        for example in usable
    ]
    fix_random_seed(seed)
    shuffler = random.Random(seed)
    optimizer = nlp.initialize(lambda: training)
    batches_per_epoch = -(-len(training) // BATCH_SIZE)
    for _ in range(max(epochs, -(-MIN_UPDATES // batches_per_epoch))):
        shuffler.shuffle(training)
        for batch in minibatch(training, size=BATCH_SIZE):
            nlp.update(batch, sgd=optimizer, drop=0.0)
    return LearnedModel(nlp, support, len(usable), pipeline, training_fingerprint(examples))
