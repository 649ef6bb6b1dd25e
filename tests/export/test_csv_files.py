"""The CSV files themselves: dialects read back with csv, the segments round trip, the codebook, atomic writes."""

from __future__ import annotations

import csv
import io
import os
import shutil
from datetime import UTC
from pathlib import Path

import pytest

from qualcode.domain.codings_csv import SEGMENTS_COLUMNS
from qualcode.export.codebook_csv import codebook_rows, codebook_table
from qualcode.export.csv_dialects import EXCEL_NL, RFC_4180, cell_text
from qualcode.export.frequencies import code_frequencies, codes_table, frequency_matrix, long_table, matrix_table
from qualcode.export.report_files import ExportError, ReportTable, report_paths, write_tables
from qualcode.export.segment_rows import CodedSegment, segments_table
from qualcode.export.segments_csv import coded_segments
from qualcode.importers.codings_csv import import_codings
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import list_coders
from qualcode.storage.codings import list_codings
from qualcode.storage.documents import get_document, list_documents
from tests.export.conftest import CODINGS, H, N, build_project


def write_one(table: ReportTable, path: Path, style=RFC_4180) -> bytes:
    write_tables([(path, table)], style)
    return path.read_bytes()


def read_back(data: bytes, style) -> list[list[str]]:
    text = data.decode(style.encoding)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=style.dialect.delimiter))


def codings_of(store) -> list[tuple]:
    """Every coding by document name, code key and coder name, with span, memo and UTC times."""
    documents = {d.id: d.name for d in list_documents(store)}
    codes = {c.id: c.key for c in load_codebook(store).codes}
    coders = {c.id: c.name for c in list_coders(store)}

    def utc(moment):
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

    return sorted(
        (documents[c.document_id], codes[c.code_id], coders[c.coder_id], c.start, c.end, c.memo,
         utc(c.created_at), utc(c.updated_at))
        for c in list_codings(store)
    )


def test_segment_rows(project):
    segments = coded_segments(project)
    assert CodedSegment._fields == SEGMENTS_COLUMNS
    assert len(segments) == len(CODINGS)
    first = segments[0]
    assert first[:6] == ("interview-a", "R1", "anna", "belemmerend/gebrek-aan-vertrouwen", *first[4:6])
    for segment in segments:
        assert segment.text == get_document(project, segment.document).text[segment.start : segment.end]
    # document name, then position; bram's coding of the same start comes after anna's shorter one
    assert [(s.document, s.start) for s in segments] == sorted((s.document, s.start) for s in segments)
    assert first.created_at == "2026-03-12T14:05:09.123456+00:00"
    assert first.updated_at == "2026-03-12T14:05:39.123456+00:00"
    assert [s.coder for s in coded_segments(project, coders=["bram"])] == ["bram", "bram"]


def test_rfc_4180_file(project, tmp_path):
    data = write_one(segments_table(coded_segments(project)), tmp_path / "segments.csv")
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.startswith(b"document,case,coder,code,start,end,text,memo,created_at,updated_at,time\r\n")
    rows = read_back(data, RFC_4180)
    assert rows[0] == list(SEGMENTS_COLUMNS)
    memo = 'Sterk; "wantrouwen", letterlijk.\nZie ook B.'
    row = next(row for row in rows if row[7] == memo)
    assert row[6] == "Er is wantrouwen."
    assert '"Sterk; ""wantrouwen"", letterlijk.\nZie ook B."'.encode() in data  # quoted, quotes doubled
    honoraria = next(row for row in rows if row[3] == H)
    assert honoraria[6] == "De honoraria zijn te laag: € 50; één keer, ruïne voor het ziekenhuis."
    assert honoraria[7] == "Geld: € 50; te weinig — ‘ijzersterk’ argument"


def test_excel_nl_file(project, tmp_path):
    report = code_frequencies(project)
    data = write_one(codes_table(report), tmp_path / "codes.csv", EXCEL_NL)
    assert data.startswith(b"\xef\xbb\xbfgroup;code;name;codings;units_coded;words_coded;documents;")
    assert data.count(b"\r\n") == 5 and data.count(b"\n") == 5
    rows = read_back(data, EXCEL_NL)
    assert rows[0][0] == "group"  # the BOM is not part of the first cell
    noodzaak = next(row for row in rows if row[1] == N)
    assert noodzaak == ["bevorderend", N, "Noodzaak", "3", "2", "11", "2", "66,7", "2", "66,7"]
    by_experience = write_one(matrix_table(frequency_matrix(report, attribute="ervaring")), tmp_path / "by.csv",
                              EXCEL_NL)
    assert read_back(by_experience, EXCEL_NL)[0] == ["group", "code", "name", "3", "7,5", "12", "total"]
    segments = read_back(write_one(segments_table(coded_segments(project)), tmp_path / "s.csv", EXCEL_NL), EXCEL_NL)
    assert next(row for row in segments if row[3] == H)[6:8] == [
        "De honoraria zijn te laag: € 50; één keer, ruïne voor het ziekenhuis.",
        "Geld: € 50; te weinig — ‘ijzersterk’ argument",
    ]


def test_cell_text():
    assert cell_text(66.7, EXCEL_NL) == "66,7" and cell_text(66.7, RFC_4180) == "66.7"
    assert cell_text(0.00001, RFC_4180) == "0.00001" and cell_text(1e16, EXCEL_NL) == "10000000000000000"
    assert cell_text(None, RFC_4180) == "" and cell_text(True, RFC_4180) == "true"
    assert cell_text(12, EXCEL_NL) == 12


@pytest.mark.parametrize("style", [RFC_4180, EXCEL_NL], ids=["rfc4180", "excel-nl"])
def test_segments_round_trip(project, tmp_path, style):
    """Export, import into a fresh copy (same transcripts and codebook, no codings): the same codings."""
    path = tmp_path / "segments.csv"
    write_tables([(path, segments_table(coded_segments(project)))], style)
    fresh = build_project(tmp_path / "fresh", with_codings=False)
    assert list_codings(fresh) == []
    report = import_codings(fresh, path)
    assert report.imported == len(CODINGS) and report.coders == ("anna", "bram")
    assert codings_of(fresh) == codings_of(project)
    fresh.close()


def test_codebook_rows(project, tmp_path):
    rows = codebook_rows(project)
    assert [(r.group, r.code, r.parent) for r in rows] == [
        ("belemmerend", "belemmerend/gebrek-aan-vertrouwen", None),
        ("belemmerend", "belemmerend/gedoe-over-geld", None),
        ("belemmerend", H, "belemmerend/gedoe-over-geld"),
        ("bevorderend", N, None),
    ]
    cells = read_back(write_one(codebook_table(rows), tmp_path / "codebook.csv"), RFC_4180)
    assert cells[0] == ["group", "code", "name", "description", "include", "exclude", "indicators", "colour",
                        "hotkey", "parent"]
    assert cells[1] == ["belemmerend", "belemmerend/gebrek-aan-vertrouwen", "Gebrek aan vertrouwen",
                        "Twijfel aan de andere vakgroep.", "", "", "vertrouwen, wantrouwen", "#e74c3c", "1", ""]
    assert cells[3][-1] == "belemmerend/gedoe-over-geld"


def test_report_paths(tmp_path):
    report = code_frequencies(build_project(tmp_path / "p"))
    tables = [long_table(report), codes_table(report)]
    assert report_paths(tmp_path / "p", tables) == [tmp_path / "p/exports/frequencies-long.csv",
                                                    tmp_path / "p/exports/frequencies-codes.csv"]
    assert report_paths(tmp_path, tables, tmp_path / "tabel.csv") == [tmp_path / "tabel-long.csv",
                                                                      tmp_path / "tabel-codes.csv"]
    assert report_paths(tmp_path, tables[:1], tmp_path / "tabel.txt") == [tmp_path / "tabel.txt"]


class FailingRows(list):
    """Rows that break while the file is being written, like a full disk would."""

    def __getitem__(self, index):
        raise OSError(28, "No space left on device")


def test_writes_are_all_or_nothing(tmp_path):
    good = ReportTable("r", "good", ("a",), [(1,)])
    bad = ReportTable("r", "bad", ("a",), FailingRows([(1,)]))
    existing = tmp_path / "r-bad.csv"
    existing.write_text("old\n")
    with pytest.raises(ExportError, match="No space left on device"):
        write_tables([(tmp_path / "r-good.csv", good), (existing, bad)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r-bad.csv"]  # no temp files, nothing new
    assert existing.read_text() == "old\n"
    write_tables([(existing, good)])
    assert existing.read_bytes() == b"a\r\n1\r\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r-bad.csv"]


def test_missing_folders(tmp_path):
    table = ReportTable("r", "", ("a",), [])
    with pytest.raises(ExportError, match="the folder .*nergens does not exist"):
        write_tables([(tmp_path / "nergens" / "r.csv", table)])
    assert not (tmp_path / "nergens").exists()
    project = tmp_path / "project"
    project.mkdir()
    write_tables([(report_paths(project, [table])[0], table)])  # exports/ is made when missing
    assert (project / "exports" / "r.csv").read_bytes() == b"a\r\n"
    shutil.rmtree(project)


def test_an_exports_folder_that_cannot_be_made_is_an_export_error(tmp_path):
    table = ReportTable("r", "", ("a",), [])
    project = tmp_path / "project"
    project.mkdir()
    (project / "exports").write_text("a file where the folder should be")
    with pytest.raises(ExportError, match="exports is a file, not a folder"):
        write_tables([(report_paths(project, [table])[0], table)])


def test_reports_follow_the_umask_not_the_private_mode_of_temporary_files(tmp_path):
    table = ReportTable("r", "", ("a",), [])
    path = tmp_path / "r.csv"
    write_tables([(path, table)])
    mask = os.umask(0o022)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask
