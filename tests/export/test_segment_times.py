"""``export segments`` gives each coding the time of the first turn it covers (CSV, Dutch CSV and xlsx alike),
empty where the transcript has none, and ``codings import`` reads the file back ignoring that column."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import openpyxl
import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.codings import list_codings
from qualcode.storage.project_store import init_project, open_project
from tests.project_factory import SMALL_CODEBOOK, add_document, parsed_interview

runner = CliRunner()
TURNS = [("I", "Hoe begon het?"), ("R", "Met een brief.\nDaarna het overleg."), ("I", "En toen?")]


def build(folder, *, with_codings: bool = True):
    store = init_project(folder)
    apply_codebook_spec(store, SMALL_CODEBOOK)
    parsed = parsed_interview(TURNS)
    timed = replace(parsed, turns=tuple(replace(turn, start_time=time)
                                        for turn, time in zip(parsed.turns, (1.0, 9.7, 3723.0), strict=True)))
    add_document(store, "getimed", timed)
    add_document(store, "zonder", parsed_interview(TURNS))
    if with_codings:
        eva = ensure_coder(store, "eva").id
        code = load_codebook(store).codes[0].id
        text = timed.text
        for document, phrase in ((1, "Hoe begon"), (1, "Met een brief"), (1, "het overleg"), (1, "En toen"),
                                 (1, "R: Met"), (1, "I: Hoe"), (1, "R:"), (2, "Met een brief")):
            start = text.index(phrase)
            apply_code(store, coder_id=eva, document_id=document, code_id=code, start=start, end=start + len(phrase))
    return store


@pytest.fixture
def project(tmp_path):
    build(tmp_path / "project").close()
    return tmp_path / "project"


def export(project, *options):
    result = runner.invoke(app, ["export", "segments", *options, "--project", str(project)])
    assert result.exit_code == 0, result.output
    return project / "exports" / ("segments.xlsx" if "xlsx" in options else "segments.csv")


def times_by_text(header, rows):
    return sorted((row[header.index("document")], row[header.index("text")], row[header.index("time")] or "")
                  for row in rows)


EXPECTED = sorted([
    ("getimed", "Hoe begon", "00:00:01"), ("getimed", "Met een brief", "00:00:09"),
    ("getimed", "het overleg", "00:00:09"), ("getimed", "En toen", "01:02:03"),
    ("getimed", "R: Met", "00:00:09"),  # starts on the label: the turn it covers
    ("getimed", "I: Hoe", "00:00:01"), ("getimed", "R:", ""),  # only a label: no turn, no time
    ("zonder", "Met een brief", ""),
])


@pytest.mark.parametrize("options", [[], ["--excel-nl"]], ids=["rfc4180", "excel-nl"])
def test_csv_has_the_turn_time_after_the_codings_columns(project, options):
    data = export(project, *options).read_bytes().decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(data, newline=""), delimiter=";" if options else ","))
    assert header == ["document", "case", "coder", "code", "start", "end", "text", "memo", "created_at",
                      "updated_at", "time"]
    assert times_by_text(header, rows) == EXPECTED


def test_xlsx_has_the_time_as_text_and_an_empty_cell_without_one(project):
    sheet = openpyxl.load_workbook(export(project, "--format", "xlsx"))["segments"]
    header, *rows = sheet.iter_rows(values_only=True)
    assert times_by_text(list(header), rows) == EXPECTED
    assert [row[-1] for row in rows if row[0] == "zonder"] == [None]


@pytest.mark.parametrize("options", [[], ["--excel-nl"]], ids=["rfc4180", "excel-nl"])
def test_codings_import_reads_the_export_back(project, tmp_path, options):
    path = export(project, *options)
    build(tmp_path / "fresh", with_codings=False).close()
    result = runner.invoke(app, ["codings", "import", str(path), "--project", str(tmp_path / "fresh")])
    assert result.exit_code == 0, result.output

    def spans(folder):
        store = open_project(folder)
        try:
            return sorted((c.document_id, c.start, c.end) for c in list_codings(store))
        finally:
            store.close()

    assert spans(tmp_path / "fresh") == spans(project)
