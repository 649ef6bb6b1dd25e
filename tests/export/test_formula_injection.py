"""No export runs a formula: memos, names and codes that start like one, read back from every CSV and xlsx.

OWASP's recipe for CSV: a ``'`` before text that starts with = + - @ tab or carriage return;
numbers (int and float cells) never get one. In xlsx, text is a string cell, never a formula.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.domain.codings_csv import CODINGS_COLUMNS
from qualcode.export.csv_dialects import EXCEL_NL, FORMULA_STARTS, RFC_4180, cell_text, guard_formula, unguard_formula
from qualcode.export.report_files import ReportTable, write_tables
from qualcode.importers.codings_csv import import_codings
from qualcode.importers.csv_reading import read_csv_rows
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.codings import NewCoding, insert_codings, list_codings
from qualcode.storage.documents import get_document
from tests.export.hostile_project import CODES, DOCUMENT, HOSTILE, QUOTED, build_hostile_project

runner = CliRunner()
NUMBER = re.compile(r"-?\d+([.,]\d+)?")
EXPORTS = {
    "frequencies": ["--all-coders", "--by", "ervaring", "--table", "long", "--table", "codes", "--table", "matrix",
                    "--table", "cases", "--table", "by"],
    "cooccurrence": [],
    "segments": [],
    "codebook": [],
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    build_hostile_project(tmp_path / "project").close()
    return tmp_path / "project"


def export(folder: Path, report: str, *options: str) -> list[Path]:
    result = runner.invoke(app, ["export", report, *EXPORTS[report], *options, "--project", str(folder)])
    assert result.exit_code == 0, result.output
    return [Path(line) for line in result.stdout.split()]


def csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    excel_nl = data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if excel_nl else ","))


def assert_no_formula_cells(rows: list[list[str]]) -> None:
    """Every cell that starts like a formula is a plain number (a number cell, not text)."""
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS) or NUMBER.fullmatch(cell), cell


# --- the guard itself ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [*HOSTILE, *QUOTED, "", "gewoon", "'", "''", "a=b", " =1+1"])
def test_the_guard_quotes_formula_starts_and_comes_off_exactly(text):
    guarded = guard_formula(text)
    assert not guarded.startswith(FORMULA_STARTS)
    assert unguard_formula(guarded) == text
    if text in HOSTILE:
        assert guarded == "'" + text


@given(st.text(alphabet=st.sampled_from("'=+-@\t\rab 1"), max_size=8) | st.text(max_size=20))
def test_guard_and_unguard_are_a_lossless_pair(text):
    guarded = guard_formula(text)
    assert unguard_formula(guarded) == text
    assert not guarded.startswith(FORMULA_STARTS)
    assert guarded in (text, "'" + text)


def test_numbers_are_never_quoted_text_always_is():
    assert cell_text(-3, RFC_4180) == -3 and cell_text(-3, EXCEL_NL) == -3
    assert cell_text(-2.5, EXCEL_NL) == "-2,5" and cell_text(-2.5, RFC_4180) == "-2.5"
    assert cell_text("-3", RFC_4180) == "'-3"  # text a person typed, e.g. a code name
    assert cell_text("=1+1", EXCEL_NL) == "'=1+1"
    assert cell_text("=1+1", replace(EXCEL_NL, guard_formulas=False)) == "=1+1"


# --- every CSV the exports write -------------------------------------------------------------------


@pytest.mark.parametrize("style", [[], ["--excel-nl"]], ids=["rfc4180", "excel-nl"])
@pytest.mark.parametrize("report", list(EXPORTS))
def test_no_csv_cell_starts_like_a_formula(folder, report, style):
    paths = export(folder, report, *style)
    assert paths
    for path in paths:
        assert_no_formula_cells(csv_rows(path))


@pytest.mark.parametrize("style", [[], ["--excel-nl"]], ids=["rfc4180", "excel-nl"])
def test_csv_values_are_what_the_user_wrote_with_one_quote_in_front(folder, style):
    (segments,) = export(folder, "segments", *style)
    header, *rows = csv_rows(segments)
    memo, code, document, coder, case = (header.index(name) for name in ("memo", "code", "document", "coder", "case"))
    assert sorted(row[memo] for row in rows) == sorted(guard_formula(text) for text in HOSTILE + QUOTED)
    assert {row[memo] for row in rows} >= {"'" + text for text in HOSTILE} | {"''=al een quote", "'''=twee",
                                                                              "'gewoon"}
    assert {row[code] for row in rows} == {"'" + key if key[0] in "=+-@" else key for key in CODES}
    assert {(row[document], row[coder], row[case]) for row in rows} == {("'" + DOCUMENT, "'=eva", "'@R1")}
    assert all(row[4].isdigit() and row[5].isdigit() for row in rows)  # start and end: numbers, unquoted


@pytest.mark.parametrize(("style", "decimal"), [([], "."), (["--excel-nl"], ",")], ids=["rfc4180", "excel-nl"])
def test_numbers_stay_numbers(folder, style, decimal):
    by_ervaring = export(folder, "frequencies", *style)[-1]
    assert by_ervaring.name == "frequencies-by-ervaring.csv"
    header, *rows = csv_rows(by_ervaring)
    assert header == ["group", "code", "name", "-3", "total"]  # the case attribute is the number -3
    assert all(NUMBER.fullmatch(cell) for row in rows for cell in row[3:])
    result = runner.invoke(app, ["export", "frequencies", "--all-coders", "--by", "score", "--table", "by", *style,
                                 "--project", str(folder)])
    assert result.exit_code == 0, result.output
    assert csv_rows(folder / "exports" / "frequencies-by-score.csv")[0][3] == f"-2{decimal}5"
    codes = csv_rows(folder / "exports" / "frequencies-codes.csv")
    assert [row[2] for row in codes[1:]] == ["'" + name for name in HOSTILE[: len(CODES)]]
    assert codes[1][7] == "100" + (f"{decimal}0")  # documents_percent, a float


def test_raw_writes_text_exactly(folder):
    (segments,) = export(folder, "segments", "--raw")
    header, *rows = csv_rows(segments)
    assert sorted(row[header.index("memo")] for row in rows) == sorted(HOSTILE + QUOTED)
    (codebook,) = export(folder, "codebook", "--raw", "--excel-nl")
    assert [row[2] for row in csv_rows(codebook)[1:]] == list(HOSTILE[: len(CODES)])


def test_agreement_csv_quotes_code_names_and_keeps_numbers(folder, tmp_path):
    store = build_hostile_project(tmp_path / "two", with_codings=True)
    document = get_document(store, DOCUMENT)
    second = ensure_coder(store, "+bram").id
    with store.transaction() as session:
        insert_codings(session, [NewCoding(document_id=document.id, code_id=code.id, coder_id=second, start=0,
                                           end=5) for code in load_codebook(store).codes])
    store.close()
    target = tmp_path / "agreement.csv"
    result = runner.invoke(app, ["agreement", "--coders", "=eva,+bram", "--unit", "turn", "--format", "csv",
                                 "--output", str(target), "--project", str(tmp_path / "two")])
    assert result.exit_code == 0, result.output
    header, *rows = csv_rows(target)
    assert_no_formula_cells([header, *rows])
    assert {row[0] for row in rows} == {"'=1+1", "'@SUM(A1)", "'-3", "'+plus", "*"}
    assert all(NUMBER.fullmatch(cell) or cell == "" for row in rows for cell in row[1:])
    stdout = runner.invoke(app, ["agreement", "--coders", "=eva,+bram", "--unit", "turn", "--format", "csv",
                                 "--project", str(tmp_path / "two")]).stdout
    assert_no_formula_cells(list(csv.reader(io.StringIO(stdout))))
    raw = runner.invoke(app, ["agreement", "--coders", "=eva,+bram", "--unit", "turn", "--format", "csv", "--raw",
                              "--project", str(tmp_path / "two")]).stdout
    assert {row[0] for row in list(csv.reader(io.StringIO(raw)))[1:]} == {*CODES, "*"}
    workbook = tmp_path / "agreement.xlsx"
    result = runner.invoke(app, ["agreement", "--coders", "=eva,+bram", "--unit", "turn", "--format", "xlsx",
                                 "--output", str(workbook), "--project", str(tmp_path / "two")])
    assert result.exit_code == 0, result.output
    sheet = assert_no_formulas_in_workbook(workbook)["agreement"]
    assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == {*CODES, "*"}
    assert all(isinstance(value, (int, float)) or value is None
               for row in sheet.iter_rows(min_row=2, values_only=True) for value in row[1:])
    missing = runner.invoke(app, ["agreement", "--coders", "=eva,+bram", "--format", "xlsx",
                                  "--project", str(tmp_path / "two")])
    assert missing.exit_code == 1 and "--format xlsx needs --output" in missing.stderr


# --- xlsx ------------------------------------------------------------------------------------------


def assert_no_formulas_in_workbook(path: Path) -> openpyxl.Workbook:
    """No cell is a formula, by openpyxl and in the sheet XML itself; every sheet has a bold, frozen header."""
    with zipfile.ZipFile(path) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert sheets
        for name in sheets:
            xml = archive.read(name).decode("utf-8")
            assert not re.search(r"<f[ >/]", xml), name
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.b for cell in sheet[1])
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type in ("s", "n"), (sheet.title, cell.coordinate, cell.value)
    return workbook


@pytest.mark.parametrize("report", list(EXPORTS))
def test_no_xlsx_cell_is_a_formula(folder, report):
    (path,) = export(folder, report, "--format", "xlsx")
    assert path == folder / "exports" / f"{report}.xlsx"
    assert_no_formulas_in_workbook(path)


def test_xlsx_values_are_exactly_what_the_user_wrote_and_numbers_are_numbers(folder):
    (segments,) = export(folder, "segments", "--format", "xlsx")
    sheet = assert_no_formulas_in_workbook(segments)["segments"]
    header, *rows = sheet.iter_rows(values_only=True)
    memo = header.index("memo")
    assert sorted(row[memo] for row in rows) == sorted(HOSTILE + QUOTED)  # no quote: a string cell is never run
    assert {(row[0], row[2]) for row in rows} == {(DOCUMENT, "=eva")}
    assert all(isinstance(row[4], int) and isinstance(row[5], int) for row in rows)
    (frequencies,) = export(folder, "frequencies", "--format", "xlsx")
    workbook = assert_no_formulas_in_workbook(frequencies)
    assert workbook.sheetnames == ["long", "codes", "matrix", "cases", "by-ervaring"]
    assert [cell.value for cell in workbook["by-ervaring"][1]] == ["group", "code", "name", -3, "total"]
    codes = list(workbook["codes"].iter_rows(values_only=True))
    assert [row[2] for row in codes[1:]] == list(HOSTILE[: len(CODES)])
    assert codes[1][7] == 100.0 and isinstance(codes[1][3], int)
    assert workbook["codes"].column_dimensions["C"].width > 10  # the HYPERLINK name is wide


def test_undefined_is_an_empty_cell_not_zero(folder, tmp_path):
    # A code that occurs nowhere has a percentage of 0, but with no coded document it is undefined.
    store = build_hostile_project(tmp_path / "uncoded", with_codings=False)
    store.close()
    (frequencies,) = export(tmp_path / "uncoded", "frequencies", "--format", "xlsx")
    codes = list(openpyxl.load_workbook(frequencies)["codes"].iter_rows(values_only=True))
    assert codes[1][7] is None and codes[1][9] is None  # documents_percent, cases_percent
    assert codes[1][6] == 0


def test_xlsx_output_holds_every_table_and_excel_nl_is_refused(folder, tmp_path):
    target = tmp_path / "alles.xlsx"
    (path,) = export(folder, "cooccurrence", "--format", "xlsx", "--output", str(target))
    assert path == target and openpyxl.load_workbook(target).sheetnames == ["matrix", "pairs"]
    result = runner.invoke(app, ["export", "codebook", "--format", "xlsx", "--excel-nl", "--project", str(folder)])
    assert result.exit_code == 1 and "--excel-nl is a CSV style" in result.stderr
    assert not (folder / "exports" / "codebook.xlsx").exists()


# --- the segments round trip -----------------------------------------------------------------------


def codings_of(store) -> list[tuple]:
    codes = {code.id: code.key for code in load_codebook(store).codes}
    return sorted((codes[c.code_id], c.start, c.end, c.memo) for c in list_codings(store))


@settings(max_examples=200, deadline=None)
@given(memos=st.lists(st.text(alphabet=st.sampled_from("'=+-@\t\r\n;,\"a é"), max_size=10), min_size=1, max_size=4),
       excel_nl=st.booleans())
def test_any_memo_comes_back_from_the_csv_file_exactly(tmp_path_factory, memos, excel_nl):
    path = tmp_path_factory.mktemp("memos") / "segments.csv"
    rows = [("interview", None, "eva", "code", 1, 5, "tekst", memo, None, None) for memo in memos]
    write_tables([(path, ReportTable("segments", "", CODINGS_COLUMNS, rows, plain_cells=True))],
                 EXCEL_NL if excel_nl else RFC_4180)
    assert [unguard_formula(row["memo"]) for row in read_csv_rows(path, {"memo"})] == memos


@pytest.mark.parametrize("style", [[], ["--excel-nl"]], ids=["rfc4180", "excel-nl"])
def test_segments_export_then_codings_import_is_lossless(folder, tmp_path, style):
    (segments,) = export(folder, "segments", *style)
    fresh = build_hostile_project(tmp_path / "fresh", with_codings=False)
    report = import_codings(fresh, segments)
    assert report.imported == len(HOSTILE + QUOTED) and report.coders == ("=eva",)
    original = build_hostile_project(tmp_path / "again")
    assert codings_of(fresh) == codings_of(original)
    assert {memo for *_, memo in codings_of(fresh)} == set(HOSTILE + QUOTED)
    fresh.close()
    original.close()
