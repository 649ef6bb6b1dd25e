"""LibreOffice (headless, Dutch locale) reads --excel-nl files into the right cells: numbers as numbers, text intact.

And it runs no formula from any CSV export, plain or --excel-nl (it does from a --raw one).

Needs ``soffice`` (apt-get install libreoffice-calc-nogui); skipped where it is missing, as on CI.
The same check, printing what it finds, is ``bench/excel_nl_check.py``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli import app

from qualcode.export.csv_dialects import EXCEL_NL, guard_formula
from qualcode.export.frequencies import code_frequencies, codes_table, frequency_matrix, matrix_table
from qualcode.export.report_files import write_tables
from qualcode.export.segment_rows import segments_table
from qualcode.export.segments_csv import coded_segments
from tests.export.conftest import H, N
from tests.export.hostile_project import HOSTILE, QUOTED, build_hostile_project

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (no soffice); apt-get install libreoffice-calc-nogui to run it",
)
DUTCH_CSV_FILTER = "CSV:59,34,76,1,,1043"
"""Separator ';' (59), text delimiter '"' (34), UTF-8 (76), from line 1, Dutch (1043) number recognition."""
COMMA_CSV_FILTER = "CSV:44,34,76,1,,1043"
"""The same for an RFC 4180 file: separator ',' (44)."""


def open_in_libreoffice(csv_path: Path, profile: Path, csv_filter: str = DUTCH_CSV_FILTER):
    """Convert the CSV to xlsx as LibreOffice reads it, then load the first sheet with openpyxl."""
    openpyxl = pytest.importorskip("openpyxl")
    return openpyxl.load_workbook(converted(csv_path, profile, csv_filter)).active


def converted(csv_path: Path, profile: Path, csv_filter: str) -> Path:
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", f"--infilter={csv_filter}",
         "--convert-to", "xlsx", "--outdir", str(csv_path.parent), str(csv_path)],
        check=True, capture_output=True, timeout=180,
    )
    return csv_path.with_suffix(".xlsx")


def formulas_in(csv_path: Path, profile: Path, csv_filter: str) -> list[str]:
    """The cells LibreOffice makes formulas of when it opens the CSV, by openpyxl and in the XML it writes."""
    openpyxl = pytest.importorskip("openpyxl")
    xlsx = converted(csv_path, profile, csv_filter)
    with zipfile.ZipFile(xlsx) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    sheet = openpyxl.load_workbook(xlsx).active
    return [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"] + re.findall(
        r"<f[ >/]", xml)


@pytest.mark.timeout(600)
def test_libreoffice_reads_excel_nl_files(project, tmp_path):
    report = code_frequencies(project)
    files = {
        "codes": codes_table(report),
        "by-ervaring": matrix_table(frequency_matrix(report, attribute="ervaring")),
        "segments": segments_table(coded_segments(project)),
    }
    write_tables([(tmp_path / f"{name}.csv", table) for name, table in files.items()], EXCEL_NL)
    profile = tmp_path / "libreoffice-profile"

    codes = open_in_libreoffice(tmp_path / "codes.csv", profile)
    assert (codes.max_row, codes.max_column) == (5, 10)
    assert [cell.value for cell in codes[1]][:4] == ["group", "code", "name", "codings"]
    noodzaak = [cell.value for cell in codes[5]]
    assert noodzaak[:3] == ["bevorderend", N, "Noodzaak"]
    assert noodzaak[3:] == [3, 2, 11, 2, 66.7, 2, 66.7]  # "66,7" landed as the number 66.7
    assert codes.cell(5, 8).data_type == "n"

    by_experience = open_in_libreoffice(tmp_path / "by-ervaring.csv", profile)
    assert [cell.value for cell in by_experience[1]] == ["group", "code", "name", 3, 7.5, 12, "total"]

    segments = open_in_libreoffice(tmp_path / "segments.csv", profile)
    assert (segments.max_row, segments.max_column) == (11, 11)
    rows = {(row[3], row[4]): row for row in segments.iter_rows(min_row=2, values_only=True)}
    honoraria = next(row for (code, _), row in rows.items() if code == H)
    assert honoraria[6] == "De honoraria zijn te laag: € 50; één keer, ruïne voor het ziekenhuis."
    assert honoraria[7] == "Geld: € 50; te weinig — ‘ijzersterk’ argument"
    assert isinstance(honoraria[4], int) and isinstance(honoraria[5], int)
    memos = {row[7] for row in rows.values()}
    assert 'Sterk; "wantrouwen", letterlijk.\nZie ook B.' in memos
    texts = {row[6] for row in rows.values()}
    assert "Het vertrouwen is er nog niet.\nEn over geld hebben we het nog niet gehad." in texts


@pytest.mark.timeout(600)
@pytest.mark.parametrize(("options", "csv_filter"), [([], COMMA_CSV_FILTER), (["--excel-nl"], DUTCH_CSV_FILTER)],
                         ids=["rfc4180", "excel-nl"])
def test_libreoffice_runs_no_formula_from_an_export(tmp_path, options, csv_filter):
    build_hostile_project(tmp_path / "project").close()
    profile = tmp_path / "libreoffice-profile"
    runner = CliRunner()
    for report, coders in (("segments", []), ("codebook", []), ("frequencies", ["--all-coders"])):
        result = runner.invoke(app, ["export", report, *coders, *options, "--project", str(tmp_path / "project")])
        assert result.exit_code == 0, result.output
        for path in map(Path, result.stdout.split()):
            assert formulas_in(path, profile, csv_filter) == [], path.name
    sheet = open_in_libreoffice(tmp_path / "project/exports/segments.csv", profile, csv_filter)
    memos = [row[7] for row in sheet.iter_rows(min_row=2, values_only=True)]
    # LibreOffice shows the quote as text (and makes \r a line break): nothing is run, nothing is lost.
    assert sorted(memos) == sorted(guard_formula(text).replace("\r", "\n") for text in HOSTILE + QUOTED)

    raw = runner.invoke(app, ["export", "segments", "--raw", *options, "--project", str(tmp_path / "project")])
    assert len(formulas_in(Path(raw.stdout.strip()), profile, csv_filter)) >= 4  # the threat: =1+1, =HYPERLINK
