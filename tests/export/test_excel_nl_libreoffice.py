"""LibreOffice (headless, Dutch locale) reads --excel-nl files into the right cells: numbers as numbers, text intact.

Needs ``soffice`` (apt-get install libreoffice-calc-nogui); skipped where it is missing, as on CI.
The same check, printing what it finds, is ``bench/excel_nl_check.py``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from qualcode.export.csv_dialects import EXCEL_NL
from qualcode.export.frequencies import code_frequencies, codes_table, frequency_matrix, matrix_table
from qualcode.export.report_files import write_tables
from qualcode.export.segments_csv import coded_segments, segments_table
from tests.export.conftest import H, N

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (no soffice); apt-get install libreoffice-calc-nogui to run it",
)
DUTCH_CSV_FILTER = "CSV:59,34,76,1,,1043"
"""Separator ';' (59), text delimiter '"' (34), UTF-8 (76), from line 1, Dutch (1043) number recognition."""


def open_in_libreoffice(csv_path: Path, profile: Path):
    """Convert the CSV to xlsx as LibreOffice reads it, then load the first sheet with openpyxl."""
    openpyxl = pytest.importorskip("openpyxl")
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", f"--infilter={DUTCH_CSV_FILTER}",
         "--convert-to", "xlsx", "--outdir", str(csv_path.parent), str(csv_path)],
        check=True, capture_output=True, timeout=180,
    )
    return openpyxl.load_workbook(csv_path.with_suffix(".xlsx")).active


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
    assert (segments.max_row, segments.max_column) == (11, 10)
    rows = {(row[3], row[4]): row for row in segments.iter_rows(min_row=2, values_only=True)}
    honoraria = next(row for (code, _), row in rows.items() if code == H)
    assert honoraria[6] == "De honoraria zijn te laag: € 50; één keer, ruïne voor het ziekenhuis."
    assert honoraria[7] == "Geld: € 50; te weinig — ‘ijzersterk’ argument"
    assert isinstance(honoraria[4], int) and isinstance(honoraria[5], int)
    memos = {row[7] for row in rows.values()}
    assert 'Sterk; "wantrouwen", letterlijk.\nZie ook B.' in memos
    texts = {row[6] for row in rows.values()}
    assert "Het vertrouwen is er nog niet.\nEn over geld hebben we het nog niet gehad." in texts
