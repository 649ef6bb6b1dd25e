"""Open --excel-nl exports in LibreOffice (headless, Dutch) and print what lands in which cell.

Writes frequencies-codes.csv and segments.csv of a small project with Dutch text in the
excel-nl style, converts them to xlsx with LibreOffice's CSV filter set as a Dutch spreadsheet
would read them (separator ';', UTF-8, Dutch number recognition), reads the xlsx back with
openpyxl and checks: decimal-comma numbers land as numbers, é ë ij € and quoted semicolons,
quotes and line breaks stay in their one cell, and a memo that starts like a formula is text. Needs soffice (apt-get install libreoffice-calc-nogui).
Run: uv run python bench/excel_nl_check.py
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
from qualcode.domain.transcript import ParsedTranscript, ParsedTurn
from qualcode.export.csv_dialects import EXCEL_NL
from qualcode.export.frequencies import code_frequencies, codes_table
from qualcode.export.report_files import write_tables
from qualcode.export.segment_rows import segments_table
from qualcode.export.segments_csv import coded_segments
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.codings import NewCoding, insert_codings
from qualcode.storage.documents import store_transcript
from qualcode.storage.project_store import ProjectStore, init_project

DUTCH_CSV_FILTER = "CSV:59,34,76,1,,1043"
CODED_TEXT = "Het geld: € 50; één keer, geëvalueerd — ‘ijzersterk’."
MEMO = 'Citaat; "letterlijk",\ntwee regels'
FORMULA_MEMO = '=HYPERLINK("http://x","klik")'
CODEBOOK = CodebookSpec(groups=(GroupSpec(key="belemmerend", name="Belemmerende factoren", codes=(
    CodeSpec(key="belemmerend/geld", name="Gedoe over geld"),
    CodeSpec(key="belemmerend/tijd", name="Gebrek aan tijd"),
)),))


def interview(case: str, answer: str) -> ParsedTranscript:
    text = f"I: Hoe ging het?\nR: {answer}\n"  # the question is text[3:16]
    start = text.index(answer)
    return ParsedTranscript(
        text=text, source_format="txt", interviewer_label="I", case_label=case,
        turns=(ParsedTurn("I", 3, 16, ((3, 16),)), ParsedTurn("R", start, start + len(answer),
                                                                ((start, start + len(answer)),))),
    )


def build(folder: Path) -> ProjectStore:
    store = init_project(folder)
    apply_codebook_spec(store, CODEBOOK)
    codes = {code.key: code.id for code in load_codebook(store).codes}
    coder = ensure_coder(store, "anna").id
    with store.transaction() as session:
        ids = []
        for number, answer in enumerate((CODED_TEXT, "Geen tijd.", "Ook geen tijd.")):
            parsed = interview(f"R{number + 1}", answer)
            ids.append((store_transcript(session, parsed, name=f"interview-{number + 1}", source_name=f"{number}.txt",
                                         source_sha256=hashlib.sha256(parsed.text.encode()).hexdigest()).id,
                        parsed.text.index(answer), len(answer)))
        (first, start, length), *others = ids
        insert_codings(session, [NewCoding(first, codes["belemmerend/geld"], coder, start, start + length, memo=MEMO)]
                       + [NewCoding(doc, codes["belemmerend/tijd"], coder, s, s + n, memo=FORMULA_MEMO)
                          for doc, s, n in others])
    return store


def open_in_libreoffice(soffice: str, csv_path: Path, profile: Path):
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    f"--infilter={DUTCH_CSV_FILTER}", "--convert-to", "xlsx", "--outdir", str(csv_path.parent),
                    str(csv_path)], check=True, capture_output=True, timeout=180)
    return openpyxl.load_workbook(csv_path.with_suffix(".xlsx")).active


def main() -> int:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found: apt-get install libreoffice-calc-nogui")
        return 2
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True).stdout.strip()
    checks: list[tuple[str, object, object]] = []
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        store = build(folder / "project")
        codes_csv, segments_csv = folder / "frequencies-codes.csv", folder / "segments.csv"
        write_tables([(codes_csv, codes_table(code_frequencies(store))),
                      (segments_csv, segments_table(coded_segments(store)))], EXCEL_NL)
        print(f"{version}; filter {DUTCH_CSV_FILTER}")
        print(f"frequencies-codes.csv as written: {codes_csv.read_bytes()[:3]!r} (BOM) then")
        for line in codes_csv.read_text(encoding="utf-8-sig").splitlines():
            print(f"  {line}")
        started = time.perf_counter()
        codes = open_in_libreoffice(soffice, codes_csv, folder / "profile")
        segments = open_in_libreoffice(soffice, segments_csv, folder / "profile")
        seconds = time.perf_counter() - started
        store.close()
        tijd = [cell.value for cell in codes[3]]
        checks += [
            ("codes sheet size (rows, columns)", (codes.max_row, codes.max_column), (3, 10)),
            ("C3 header", codes["C1"].value, "name"),
            ("H3 documents_percent '66,7'", (tijd[7], codes["H3"].data_type), (66.7, "n")),
            ("D3 codings", (tijd[3], codes["D3"].data_type), (2, "n")),
            ("segments sheet size", (segments.max_row, segments.max_column), (4, 10)),
            ("G2 coded text (é ë ij € ; ,)", segments["G2"].value, CODED_TEXT),
            ("H2 memo (; quotes, line break)", segments["H2"].value, MEMO),
            ("E2 start", (segments["E2"].value, segments["E2"].data_type), (len("I: Hoe ging het?\nR: "), "n")),
            ("I2 created_at stays text", segments["I2"].data_type, "s"),
            ("H3 memo =HYPERLINK(...) is text, not a formula", (segments["H3"].value, segments["H3"].data_type),
             ("'" + FORMULA_MEMO, "s")),
        ]
    print(f"LibreOffice converted 2 files in {seconds:.1f} s; cells read back:")
    failures = 0
    for name, found, expected in checks:
        ok = found == expected
        failures += not ok
        print(f"  {'ok  ' if ok else 'FAIL'} {name}: {found!r}" + ("" if ok else f" (expected {expected!r})"))
    print("PASS: LibreOffice reads the --excel-nl files into the right cells" if not failures
          else f"FAIL: {failures} check(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
