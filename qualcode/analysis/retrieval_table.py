"""Retrieved segments as records and tables: the rows of ``qualcode retrieve`` in every format."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from qualcode.domain.language import _
from qualcode.domain.retrieval import RetrievedSegment
from qualcode.export.report_files import ReportTable

COLUMNS = ("document", "case", "speaker", "role", "time", "turn", "coder", "code", "start", "end", "text", "memo",
           "before", "after")
"""The keys of a segment's record (JSON) and the columns of its CSV row, in order."""

TABLE_COLUMNS = ("document", "case", "speaker", "place", "coder", "code", "text", "memo")
"""The narrower set a terminal table and a markdown table show; ``place`` is the turn and its time as the
workbench names them (``turn 5 · 00:12:31``)."""


def segment_record(segment: RetrievedSegment) -> dict[str, Any]:
    """A segment as a JSON object: ``code`` is the list of matched code ids, ``turn`` the 0-based turn."""
    return {
        "document": segment.document, "case": segment.case, "speaker": segment.speaker, "role": segment.role,
        "time": segment.time, "turn": segment.turn_index, "coder": segment.coder, "code": list(segment.codes),
        "start": segment.start, "end": segment.end, "text": segment.text, "memo": segment.memo,
        "before": segment.before, "after": segment.after,
    }


def segment_row(segment: RetrievedSegment) -> dict[str, Any]:
    """A segment as a flat row for tables and CSV: the codes joined with ``; ``, and its place for people."""
    place = _("turn {number}").format(number=segment.turn_index + 1) + (f" · {segment.time}" if segment.time else "")
    return {**segment_record(segment), "code": "; ".join(segment.codes), "place": place}


def retrieval_table(segments: Iterable[RetrievedSegment]) -> ReportTable:
    """A CSV report table of the segments (``retrieval.csv``), one row per segment."""
    rows = [[segment_row(segment)[column] for column in COLUMNS] for segment in segments]
    return ReportTable(report="retrieval", part="", header=COLUMNS, rows=rows)


def _markdown_cell(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split()).replace("\\", "\\\\").replace("|", "\\|")


def retrieval_markdown(segments: Iterable[RetrievedSegment], title: str = "") -> str:
    """A markdown table of the segments, with the query as a heading when given."""
    lines = [f"## {_markdown_cell(title)}", ""] if title else []
    lines.append("| " + " | ".join(TABLE_COLUMNS) + " |")
    lines.append("|" + "---|" * len(TABLE_COLUMNS))
    for segment in segments:
        row = segment_row(segment)
        lines.append("| " + " | ".join(_markdown_cell(row[column]) for column in TABLE_COLUMNS) + " |")
    return "\n".join(lines) + "\n"
