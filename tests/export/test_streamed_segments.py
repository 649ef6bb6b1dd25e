"""The segments of a folder's project streamed with sqlite3 are the store's coded segments, and write the same file."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder_in
from qualcode.storage.codings import NewCoding, insert_codings
from qualcode.storage.documents import get_document
from qualcode.storage.errors import NotFoundError
from qualcode.storage.project_store import init_project
from qualcode.storage.sqlite_reading import open_for_reading
from qualcode.export.report_files import _guarded, write_tables
from qualcode.export.segment_rows import StreamedSegments, segments_table
from qualcode.export.segments_csv import coded_segments
from tests.export.hostile_project import build_hostile_project
from tests.project_factory import add_document, parsed_interview

runner = CliRunner()
NAMES = ["=b", "a", "B", "é", "-1", "zz", "'q"]
CODEBOOK = CodebookSpec(title="t", groups=(
    GroupSpec(key="g", name="G", codes=(CodeSpec(key="g/z", name="Z"), CodeSpec(key="g/a", name="A"),
                                       CodeSpec(key="g/=m", name="M", children=(CodeSpec(key="g/=m/k", name="K"),)))),
))

turns = st.lists(st.tuples(st.sampled_from("IR"), st.text(alphabet="ab =\n", max_size=30),
                           st.one_of(st.none(), st.floats(0, 9000, allow_nan=False))), min_size=1, max_size=4)
plans = st.fixed_dictionaries({
    "documents": st.lists(st.tuples(st.sampled_from(NAMES), turns, st.sampled_from([None, "R1", "=R2"])),
                          min_size=1, max_size=4, unique_by=lambda planned: planned[0]),
    "codings": st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.sampled_from(["eva", "=daan", "Ab"]),
                                  st.integers(0, 90), st.integers(1, 40), st.sampled_from(["", "memo", "=memo"])),
                        max_size=25),
})


def _build(folder, plan):
    store = init_project(folder)
    apply_codebook_spec(store, CODEBOOK)
    codes = [code.id for code in load_codebook(store).codes]
    ids = []
    for name, planned_turns, case in plan["documents"]:
        parsed = parsed_interview([(speaker, content) for speaker, content, _ in planned_turns], case=case)
        parsed = replace(parsed, turns=tuple(replace(turn, start_time=time)
                                             for turn, (_, _, time) in zip(parsed.turns, planned_turns, strict=True)))
        ids.append(add_document(store, name, parsed))
    lengths = {document_id: len(get_document(store, document_id).text) for document_id in ids}
    with store.transaction() as session:
        coders = {name: ensure_coder_in(session, name).id for name in ("eva", "=daan", "Ab")}
        new = []
        for document, code, coder, start, length, memo in plan["codings"]:
            document_id = ids[document % len(ids)]
            start = min(start, lengths[document_id] - 1)
            new.append(NewCoding(document_id, codes[code % len(codes)], coders[coder], start,
                                 min(start + length, lengths[document_id]), memo))
        insert_codings(session, new)
    return store


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=plans)
def test_streamed_segments_are_the_stores(tmp_path_factory, plan):
    folder = tmp_path_factory.mktemp("p")
    store = _build(folder, plan)
    connection = open_for_reading(folder)
    for coders in (None, ["eva"], ["Ab", "=daan"], ["eva", "eva"]):
        streamed = StreamedSegments(connection, coders)
        stored = list(coded_segments(store, coders=coders))
        assert list(streamed) == stored and len(streamed) == len(stored)
        assert [type(segment) for segment in streamed[:]] == [type(segment) for segment in stored]
        guarded = StreamedSegments(connection, coders, guard_formulas=True)
        assert [list(segment) for segment in guarded] == [list(row) for row in _guarded(stored)]
    with pytest.raises(NotFoundError) as streamed_refusal:
        StreamedSegments(connection, ["nobody"])
    with pytest.raises(NotFoundError) as stored_refusal:
        coded_segments(store, coders=["nobody"])
    assert str(streamed_refusal.value) == str(stored_refusal.value)
    connection.close()
    store.close()


def test_any_way_of_reading_gives_the_same_segments(tmp_path):
    build_hostile_project(tmp_path / "hostile").close()
    connection = open_for_reading(tmp_path / "hostile")
    whole = list(StreamedSegments(connection))
    assert len(whole) > 3
    segments = StreamedSegments(connection)
    assert segments[2:4] == whole[2:4] and segments[0] == whole[0]  # back to the start
    assert segments[-1] == whole[-1] and segments[::2] == whole[::2] and segments[3:1] == []
    assert segments[1:] == whole[1:] and segments[:] == whole
    with pytest.raises(IndexError):
        segments[len(whole)]
    connection.close()


@pytest.mark.parametrize("options", [[], ["--excel-nl"], ["--raw"], ["--coder", "=eva"], ["--coder", "nobody"]])
def test_the_export_writes_the_same_bytes_either_way(tmp_path, monkeypatch, options):
    folder = tmp_path / "hostile"
    build_hostile_project(folder).close()
    quick = runner.invoke(app, ["export", "segments", *options, "-o", str(tmp_path / "quick.csv"), "-p", str(folder)])
    monkeypatch.setattr("qualcode.cli.export_commands.open_for_reading", lambda project: None)
    stored = runner.invoke(app, ["export", "segments", *options, "-o", str(tmp_path / "stored.csv"), "-p", str(folder)])
    assert (quick.exit_code, quick.stderr) == (stored.exit_code, stored.stderr.replace("stored.csv", "quick.csv"))
    if quick.exit_code == 0:
        assert (tmp_path / "quick.csv").read_bytes() == (tmp_path / "stored.csv").read_bytes()
    else:
        assert "no coder named 'nobody'" in quick.stderr and not (tmp_path / "quick.csv").exists()


def test_the_workbook_holds_the_same_cells_either_way(tmp_path, monkeypatch):
    import openpyxl

    folder = tmp_path / "hostile"
    build_hostile_project(folder).close()
    quick = runner.invoke(app, ["export", "segments", "-f", "xlsx", "-o", str(tmp_path / "quick.xlsx"), "-p", str(folder)])
    monkeypatch.setattr("qualcode.cli.export_commands.open_for_reading", lambda project: None)
    stored = runner.invoke(app, ["export", "segments", "-f", "xlsx", "-o", str(tmp_path / "stored.xlsx"),
                                 "-p", str(folder)])
    assert quick.exit_code == stored.exit_code == 0
    cells = [[list(row) for row in openpyxl.load_workbook(tmp_path / name).active.iter_rows(values_only=True)]
             for name in ("quick.xlsx", "stored.xlsx")]
    assert cells[0] == cells[1] and len(cells[0]) > 3


def test_guarded_rows_are_never_written_raw_or_as_typed_cells(tmp_path):
    from qualcode.export.csv_dialects import RFC_4180
    from qualcode.export.xlsx_files import write_workbooks

    build_hostile_project(tmp_path / "hostile").close()
    connection = open_for_reading(tmp_path / "hostile")
    table = segments_table(StreamedSegments(connection, guard_formulas=True))
    assert table.guarded and not segments_table(StreamedSegments(connection)).guarded
    with pytest.raises(ValueError, match="raw"):
        write_tables([(tmp_path / "raw.csv", table)], replace(RFC_4180, guard_formulas=False))
    with pytest.raises(ValueError, match="typed cells"):
        write_workbooks([(tmp_path / "typed.xlsx", [table])])
    assert not (tmp_path / "raw.csv").exists() and not (tmp_path / "typed.xlsx").exists()
    connection.close()
