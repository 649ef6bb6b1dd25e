"""The segments export made a slice at a time writes the bytes the whole list wrote."""

from __future__ import annotations

import pytest

from qualcode.export import report_files
from qualcode.export.csv_dialects import EXCEL_NL, RFC_4180
from qualcode.export.report_files import write_tables
from qualcode.export.segment_rows import segments_table
from qualcode.export.segments_csv import coded_segments
from tests.export.hostile_project import build_hostile_project


@pytest.mark.parametrize("style", [RFC_4180, EXCEL_NL])
def test_lazy_segments_write_what_their_list_writes(tmp_path, monkeypatch, style):
    store = build_hostile_project(tmp_path / "hostile")
    segments = coded_segments(store)
    assert len(segments) > 3
    assert segments[:] == list(segments) == [segments[index] for index in range(len(segments))]
    assert segments[1:3] == list(segments)[1:3] and segments[-1] == list(segments)[-1]
    monkeypatch.setattr(report_files, "PROGRESS_EVERY", 2)  # slices that end inside the rows
    lazy, whole = tmp_path / "lazy.csv", tmp_path / "whole.csv"
    write_tables([(lazy, segments_table(segments))], style)
    write_tables([(whole, segments_table(list(segments)))], style)
    assert lazy.read_bytes() == whole.read_bytes()
    store.close()
