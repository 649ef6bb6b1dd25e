"""A document parsed span by span (its paragraphs), with DocBin bytes for the parse cache."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import srsly
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Token

PARSE_BATCH_SIZE = 256


@dataclass(frozen=True)
class ParsedDocument:
    """spaCy Docs for the given (start, end) spans of a document's text, in text order."""

    spans: tuple[tuple[int, int], ...]
    docs: tuple[Doc, ...]

    def tokens_between(self, start: int, end: int) -> Iterator[Token]:
        """Tokens that begin inside [start, end) of the document text."""
        first = max(0, bisect.bisect_right(self.spans, (start, float("inf"))) - 1)
        for (span_start, span_end), doc in zip(self.spans[first:], self.docs[first:], strict=True):
            if span_start >= end:
                break
            if span_end <= start:
                continue
            for token in doc:
                offset = span_start + token.idx
                if start <= offset < end:
                    yield token

    def to_bytes(self) -> bytes:
        """Serialise as msgpack holding the spans and a DocBin."""
        doc_bin = DocBin(docs=self.docs)
        return srsly.msgpack_dumps({"spans": [list(span) for span in self.spans],
                                    "docs": doc_bin.to_bytes()})

    @classmethod
    def from_bytes(cls, nlp: Language, payload: bytes) -> ParsedDocument:
        """Read :meth:`to_bytes` output back with ``nlp``'s vocabulary (so vectors work)."""
        data = srsly.msgpack_loads(payload)
        docs = tuple(DocBin().from_bytes(data["docs"]).get_docs(nlp.vocab))
        spans = tuple((int(start), int(end)) for start, end in data["spans"])
        if len(docs) != len(spans):
            raise ValueError(f"parse cache payload holds {len(docs)} docs for {len(spans)} spans")
        return cls(spans, docs)


def parse_spans(nlp: Language, text: str, spans: Sequence[tuple[int, int]]) -> ParsedDocument:
    """Parse ``text[start:end]`` for each span (sorted) with ``nlp.pipe``."""
    ordered = tuple(sorted((int(start), int(end)) for start, end in spans))
    docs = tuple(nlp.pipe((text[start:end] for start, end in ordered), batch_size=PARSE_BATCH_SIZE))
    return ParsedDocument(ordered, docs)
