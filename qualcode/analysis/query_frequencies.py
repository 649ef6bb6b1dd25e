"""Saved queries counted as codes are in ``frequencies-long.csv`` (ATLAS.ti's smart codes).

One row per saved query, document and coder, in the long table's columns: ``group`` is
``queries``, ``code`` is ``@name``, *codings* the passages the query finds, *units coded* the
units (turns by default) it finds with ``--unit``, *words coded* the words of its passages.
Every speaker role counts, as it does for codes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from qualcode.analysis.retrieval import retrieve
from qualcode.domain.retrieval import RetrievalFilters
from qualcode.export.report_files import ReportTable
from qualcode.storage.documents import count_words
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.saved_queries import get_saved_query

QUERY_GROUP = "queries"
COLUMNS = ("document", "case", "coder", "group", "code", "codings", "units_coded", "words_coded")


def query_frequency_rows(store: ProjectStore, names: Sequence[str], *, unit: str = "turn",
                         coders: Sequence[str] | None = None) -> list[tuple]:
    """Rows of the long frequency table for each saved query (NotFoundError for an unknown name)."""
    filters = RetrievalFilters(coders=tuple(coders) if coders else None, roles=None)
    rows = []
    for name in names:
        name = get_saved_query(store, name.removeprefix("@")).name
        passages: Counter = Counter()
        words: Counter = Counter()
        cases: dict[str, str | None] = {}
        for segment in retrieve(store, f"@{name}", filters=filters):
            key = (segment.document, segment.coder)
            passages[key] += 1
            words[key] += count_words(segment.text)
            cases[segment.document] = segment.case
        units = Counter((s.document, s.coder) for s in retrieve(store, f"@{name}", filters=filters, unit=unit))
        for document, coder in sorted(passages):
            rows.append((document, cases[document], coder, QUERY_GROUP, f"@{name}", passages[(document, coder)],
                         units[(document, coder)], words[(document, coder)]))
    return rows


def query_frequency_table(store: ProjectStore, names: Sequence[str], *, unit: str = "turn",
                          coders: Sequence[str] | None = None) -> ReportTable:
    """``frequencies-queries.csv``: the saved queries' rows in the long table's columns."""
    return ReportTable("frequencies", "queries", COLUMNS, query_frequency_rows(store, names, unit=unit, coders=coders))
