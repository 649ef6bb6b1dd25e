"""Pilot tests of the reports screen: the figures equal the library's, the bars scale, exports equal the CLI's."""

from __future__ import annotations

import asyncio
import errno
import os
import shutil
import threading
import time

import openpyxl
import pytest
from typer.testing import CliRunner

from qualcode.cli import app as cli
from qualcode.export import atomic_files
from qualcode.export.cooccurrence import code_cooccurrence, pairs_table, units_matrix_table
from qualcode.export.frequencies import code_frequencies, codes_table, frequency_matrix, long_table, matrix_table
from qualcode.storage.cases import set_case_attributes
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.documents import get_document
from qualcode.storage.project_store import open_project
from qualcode.tui import report_export
from qualcode.tui.screens.choice_dialog import ChoiceDialog
from qualcode.tui.screens.export_dialog import ExportDialog
from qualcode.tui.screens.reports_screen import ReportsScreen
from qualcode.tui.screens.workbench import WorkbenchScreen
from qualcode.tui.widgets.report_bars import FULL_BLOCK, PARTIAL_BLOCKS
from qualcode.tui.widgets.report_tables import BAR_WIDTH
from tests.tui.workbench_project import SIZE, settle, workbench_app

V = "belemmerend/gebrek-aan-vertrouwen"
G = "belemmerend/gedoe-over-geld"
N = "bevorderend/noodzaak"

EVA_CODINGS = [  # (document, code, coded text)
    ("interview-01", V, "Eerlijk gezegd is er weinig vertrouwen."),
    ("interview-01", G, "En over geld hebben we het nog helemaal niet gehad."),
    ("interview-01", N, "weinig vertrouwen. Ze hebben"),
    ("interview-01", N, "Er is echt een noodzaak."),
    ("interview-02", V, "Het vertrouwen groeit langzaam"),
    ("interview-02", G, "het geld blijft een punt"),
]
CASE_ATTRIBUTES = {"R1": {"fase": "verkennend", "jaren": 14}, "R2": {"fase": "gestart", "jaren": 9}}


@pytest.fixture
def coded(project):
    """The workbench project with eva's codings on both interviews and two case attributes."""
    store = open_project(project)
    try:
        eva = ensure_coder(store, "eva")
        codes = {code.key: code.id for code in load_codebook(store).codes}
        for name, code, text in EVA_CODINGS:
            document = get_document(store, name)
            start = document.text.index(text)
            apply_code(store, coder_id=eva.id, document_id=document.id, code_id=codes[code], start=start,
                       end=start + len(text))
        with store.transaction() as session:
            for label, attributes in CASE_ATTRIBUTES.items():
                set_case_attributes(session, label, attributes)
    finally:
        store.close()
    return project


def library(folder, function, **options):
    store = open_project(folder)
    try:
        return function(store, **options)
    finally:
        store.close()


async def open_reports(pilot) -> ReportsScreen:
    await settle(pilot)
    assert isinstance(pilot.app.screen, WorkbenchScreen)
    await pilot.app.push_screen(ReportsScreen(pilot.app.store, pilot.app.coder))
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReportsScreen)
    return pilot.app.screen


def cells(screen, table_id, row_key) -> list[str]:
    return [str(cell).strip() for cell in screen.query_one(table_id).get_row(row_key)]


def counts(screen, table_id, row_key, labels: int = 1) -> list[int]:
    """The numbers of a row after its labels (a dim ``·`` is a zero), without the bar."""
    return [0 if cell == "·" else int(cell) for cell in cells(screen, table_id, row_key)[labels:] if
            cell and cell[0] not in FULL_BLOCK + PARTIAL_BLOCKS]


def headers(screen, table_id) -> list[str]:
    return [str(column.label) for column in screen.query_one(table_id).columns.values()]


def eighths(drawn: str) -> int:
    return sum(8 if char == FULL_BLOCK else PARTIAL_BLOCKS.index(char) + 1 for char in drawn)


def shown_frequencies(screen, report) -> dict[str, list[int]]:
    return {total.code: counts(screen, "#frequency-table", total.code) for total in report.totals}


def expected_frequencies(report) -> dict[str, list[int]]:
    return {total.code: [total.codings, total.units_coded, total.documents, total.cases, total.words_coded]
            for total in report.totals}


@pytest.mark.asyncio
class TestFrequencies:
    async def test_the_numbers_are_the_librarys_for_each_coder_choice_and_unit(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_reports(pilot)
            mine = library(coded, code_frequencies, coders=["eva"])
            assert shown_frequencies(screen, mine) == expected_frequencies(mine)
            assert mine.totals[0].codings == 2  # eva's, not daan's too

            await pilot.press("v")
            await settle(pilot)
            everyone = library(coded, code_frequencies)
            assert shown_frequencies(screen, everyone) == expected_frequencies(everyone)
            assert everyone != mine

            await pilot.press("s")
            await settle(pilot)
            paragraphs = library(coded, code_frequencies, unit="paragraph")
            assert shown_frequencies(screen, paragraphs) == expected_frequencies(paragraphs)
            assert "Paragraphs" in headers(screen, "#frequency-table")

    async def test_codes_are_grouped_under_their_codebook_group(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_reports(pilot)
            table = screen.query_one("#frequency-table")
            keys = [row.key.value for row in table.ordered_rows]
            assert keys == ["group:belemmerend", V, G, "belemmerend/gedoe-over-geld/honoraria",
                            "group:bevorderend", N]
            assert cells(screen, "#frequency-table", "group:bevorderend")[0] == "Bevorderende factoren"

    async def test_bars_are_proportional_to_the_chosen_measure(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_reports(pilot)
            report = library(coded, code_frequencies, coders=["eva"])
            for measure, field in (("codings", "codings"), ("units", "units_coded"), ("words", "words_coded"),
                                   ("documents", "documents"), ("cases", "cases")):
                assert screen.measure == measure
                values = {total.code: getattr(total, field) for total in report.totals}
                widest = max(values.values())
                for code, value in values.items():
                    exact = 8 * BAR_WIDTH * value / widest
                    drawn = eighths(cells(screen, "#frequency-table", code)[-1])
                    assert drawn == (max(1, round(exact)) if value else 0)
                assert max(eighths(cells(screen, "#frequency-table", code)[-1]) for code in values) == 8 * BAR_WIDTH
                await pilot.press("m")
                await settle(pilot)
            assert screen.measure == "codings"


@pytest.mark.asyncio
class TestMatrix:
    async def test_by_document_case_and_attribute_equal_the_library(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_reports(pilot)
            await pilot.press("2")
            report = library(coded, code_frequencies, coders=["eva"])

            def shown(matrix):
                return {row.code: counts(screen, "#matrix-table", row.code) for row in matrix.rows}

            def expected(matrix):
                return {row.code: [*row.values, row.total] for row in matrix.rows}

            by_document = frequency_matrix(report)
            assert shown(by_document) == expected(by_document)
            assert by_document.columns == ("interview-01", "interview-02")

            await pilot.press("b")
            await settle(pilot)
            by_case = frequency_matrix(report, by="case")
            assert screen.reports.matrix.by == "case" and shown(by_case) == expected(by_case)

            await pilot.press("b")
            await settle(pilot)
            by_fase = frequency_matrix(report, attribute="fase")
            assert screen.attribute == "fase" and shown(by_fase) == expected(by_fase)
            assert headers(screen, "#matrix-table")[1:3] == ["gestart", "verkennend"]

            await pilot.press("a")
            assert isinstance(app.screen, ChoiceDialog)
            await pilot.press("down", "enter")
            await settle(pilot)
            await pilot.press("m")
            await settle(pilot)
            by_years = frequency_matrix(report, measure="units", attribute="jaren")
            assert screen.attribute == "jaren" and shown(by_years) == expected(by_years)

            await pilot.press("b")
            await settle(pilot)
            assert screen.by == "document"
            assert shown(frequency_matrix(report, measure="units")) == expected(frequency_matrix(report,
                                                                                               measure="units"))


@pytest.mark.asyncio
class TestFigure:
    async def test_g_writes_the_tab_as_a_figure_with_the_tables_numbers(self, coded):
        import xml.etree.ElementTree as ElementTree

        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_reports(pilot)
            await pilot.press("g")
            await settle(pilot)
            frequencies = coded / "exports" / "figure-frequencies.svg"
            assert frequencies.is_file()
            assert any(str(frequencies) in str(notice.message) for notice in app._notifications)
            await pilot.press("2", "b", "b")  # the matrix by the first attribute, fase
            await settle(pilot)
            assert screen.attribute == "fase"
            await pilot.press("g")
            await settle(pilot)
            matrix = coded / "exports" / "figure-matrix.svg"
            assert matrix.is_file()

        def texts(path):
            root = ElementTree.parse(path).getroot()
            return ["".join(text.itertext()).strip() for text in root.iter("{http://www.w3.org/2000/svg}text")]

        report = library(coded, code_frequencies, coders=["eva"])
        drawn = texts(frequencies)
        for total in report.totals:
            drawn.remove(str(total.codings))
        by_fase = frequency_matrix(report, attribute="fase")
        drawn = texts(matrix)
        assert "gestart" in drawn and "verkennend" in drawn
        for row in by_fase.rows:
            for value in row.values:
                drawn.remove(str(value))


@pytest.mark.asyncio
class TestCooccurrence:
    async def test_the_table_and_pairs_are_the_librarys_for_each_unit(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_reports(pilot)
            await pilot.press("3")
            for unit in ("turn", "paragraph", "sentence"):
                result = library(coded, code_cooccurrence, unit=unit, coders=["eva"])
                assert {code: counts(screen, "#cooccurrence-table", code) for code in result.codes} == \
                    {code: list(row) for code, row in zip(result.codes, result.units)}
                shown_pairs = {key.value: counts(screen, "#pairs-table", key, labels=2)
                               for key in screen.query_one("#pairs-table").rows}
                assert shown_pairs == {f"{pair.code_a}|{pair.code_b}": [pair.units_both, pair.overlapping_spans]
                                       for pair in result.pairs() if pair.units_both or pair.overlapping_spans}
                await pilot.press("s")
                await settle(pilot)
            turn = library(coded, code_cooccurrence, coders=["eva"])
            assert turn.units[0][1] == 2 and turn.spans[0][3] == 1  # V and G share a turn twice; V and N overlap


runner = CliRunner()


def cli_files(folder, tmp_path, *options: str) -> dict[str, bytes]:
    """What ``qualcode export`` writes with these options, by the file name it gives in exports/."""
    out = tmp_path / "cli"
    out.mkdir(exist_ok=True)
    files = {}
    for report, parts in (("frequencies", ("long", "codes", "matrix", "by")), ("cooccurrence", ("matrix", "pairs"))):
        tables = [option for part in parts for option in ("--table", part)]
        extra = ["--all-coders", "--by", "fase", "--measure", "units"] if report == "frequencies" else []
        result = runner.invoke(cli, ["export", report, "--project", str(folder), "--output", str(out / f"{report}.csv"),
                                     *tables, *extra, *options])
        assert result.exit_code == 0, result.output
        for part in parts:
            name = f"{report}-by-fase.csv" if part == "by" else f"{report}-{part}.csv"
            files[name] = (out / name).read_bytes()
    return files


@pytest.mark.asyncio
class TestExport:
    async def test_export_writes_what_the_cli_writes(self, coded, tmp_path):
        shutil.rmtree(coded / "exports", ignore_errors=True)
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_reports(pilot)
            await pilot.press("v", "b", "b", "m")  # every coder, columns by fase, measure units
            await settle(pilot)
            await pilot.press("e")
            assert isinstance(app.screen, ExportDialog)
            await pilot.press("tab", "down", "enter")  # the style: Dutch Excel
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, ReportsScreen)
            written = {path.name: path.read_bytes() for path in (coded / "exports").iterdir()}
            label = str(screen.query_one("#export-label").content)
            assert f"to {coded / 'exports'}" in label
        assert written == cli_files(coded, tmp_path, "--excel-nl")
        assert written["frequencies-codes.csv"].startswith(b"\xef\xbb\xbfgroup;code;")

    async def test_unticked_tables_are_not_written_and_the_standard_style_is_the_default(self, coded, tmp_path):
        shutil.rmtree(coded / "exports", ignore_errors=True)
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            await open_reports(pilot)
            await pilot.press("e", "space", "ctrl+s")  # untick frequencies-long
            await settle(pilot)
        names = sorted(path.name for path in (coded / "exports").iterdir())
        assert names == ["cooccurrence-matrix.csv", "cooccurrence-pairs.csv", "frequencies-codes.csv",
                         "frequencies-matrix.csv"]
        result = runner.invoke(cli, ["export", "frequencies", "--project", str(coded), "--coder", "eva", "--table",
                                     "codes", "--output", str(tmp_path / "codes.csv")])
        assert result.exit_code == 0, result.output
        assert (coded / "exports" / "frequencies-codes.csv").read_bytes() == (tmp_path / "codes.csv").read_bytes()

    async def test_an_xlsx_export_writes_a_workbook_per_report_with_what_the_cli_writes(self, coded, tmp_path):
        shutil.rmtree(coded / "exports", ignore_errors=True)
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_reports(pilot)
            await pilot.press("e", "tab", "down", "down", "enter", "ctrl+s")  # the style: Excel workbook
            await settle(pilot)
            assert "frequencies.xlsx, cooccurrence.xlsx" in str(screen.query_one("#export-label").content)
            await pilot.press("e")
            assert app.screen.query_one("#style-xlsx").value  # offered again next time
        workbooks = {name: openpyxl.load_workbook(coded / "exports" / name)
                     for name in ("frequencies.xlsx", "cooccurrence.xlsx")}
        assert workbooks["frequencies.xlsx"].sheetnames == ["long", "codes", "matrix"]
        assert workbooks["cooccurrence.xlsx"].sheetnames == ["matrix", "pairs"]
        result = runner.invoke(cli, ["export", "frequencies", "--project", str(coded), "--coder", "eva", "--table",
                                     "codes", "--format", "xlsx", "--output", str(tmp_path / "codes.xlsx")])
        assert result.exit_code == 0, result.output
        cli_codes = openpyxl.load_workbook(tmp_path / "codes.xlsx")["codes"]
        assert list(workbooks["frequencies.xlsx"]["codes"].values) == list(cli_codes.values)

    async def test_a_full_disk_names_the_file_and_leaves_no_temporary_file(self, coded, monkeypatch):
        shutil.rmtree(coded / "exports", ignore_errors=True)

        def full(descriptor):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(atomic_files.os, "fsync", full)
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_reports(pilot)
            await pilot.press("e", "ctrl+s")
            await settle(pilot)
            label = str(screen.query_one("#export-label").content)
        assert label == (f"Could not export: cannot write {coded / 'exports' / 'frequencies-long.csv'}: the disk is "
                         "full (No space left on device). No file was changed.")
        assert [path.name for path in (coded / "exports").iterdir() if path.name != ".gitkeep"] == []

    async def test_progress_is_shown_and_escape_stops_the_export(self, coded, monkeypatch):
        shutil.rmtree(coded / "exports", ignore_errors=True)
        halfway = threading.Event()

        def stalled_write(files, style, progress):
            path, table = files[0]
            while True:  # until the cancelled worker's progress callback raises
                progress(path, len(table.rows) // 2, len(table.rows))
                halfway.set()
                time.sleep(0.01)

        monkeypatch.setattr(report_export, "write_tables", stalled_write)
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_reports(pilot)
            await pilot.press("e", "ctrl+s")
            assert await asyncio.to_thread(halfway.wait, 10)
            await pilot.pause(0.05)
            report = library(coded, code_frequencies, coders=["eva"])
            cooccurrence = library(coded, code_cooccurrence, coders=["eva"])
            tables = [long_table(report), codes_table(report), matrix_table(frequency_matrix(report)),
                      units_matrix_table(cooccurrence), pairs_table(cooccurrence)]
            bar = screen.query_one("#export-progress")
            assert (bar.progress, bar.total) == (len(tables[0].rows) // 2, sum(len(table.rows) for table in tables))
            assert bar.display and "frequencies-long.csv" in str(screen.query_one("#export-label").content)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is screen and str(screen.query_one("#export-label").content) == "Export stopped."
            assert not bar.display
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, WorkbenchScreen)
        assert not (coded / "exports").exists()

    @pytest.mark.parametrize("obstacle", ["exports is a file", "a report file is a folder"])
    async def test_a_failed_export_is_a_readable_message_and_the_app_keeps_running(self, coded, obstacle):
        shutil.rmtree(coded / "exports", ignore_errors=True)
        if obstacle == "exports is a file":
            (coded / "exports").write_text("not a folder")
        else:
            (coded / "exports" / "frequencies-long.csv").mkdir(parents=True)
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_reports(pilot)
            await pilot.press("e", "ctrl+s")
            await settle(pilot)
            label = str(screen.query_one("#export-label").content)
            assert label.startswith("Could not export: cannot write ") and "Error" not in label
            assert "No file was changed." in label
            assert app.is_running and app.screen is screen
            await pilot.press("1")
            assert screen.query_one("#report-tabs").active == "frequencies"
        if obstacle == "a report file is a folder":
            assert sorted(path.name for path in (coded / "exports").iterdir()) == ["frequencies-long.csv"]


@pytest.mark.asyncio
class TestKeys:
    async def test_R_in_the_workbench_opens_the_reports_for_this_coder(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("R")
            await settle(pilot)
            assert isinstance(app.screen, ReportsScreen)
            assert app.screen.coder == app.coder

    async def test_escape_goes_back_to_the_workbench(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            await open_reports(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, WorkbenchScreen)


class TestBindings:
    def test_every_binding_has_an_id_a_description_and_a_tooltip(self):
        for screen in (ReportsScreen, ExportDialog):
            for binding in screen.BINDINGS:
                assert binding.id and binding.description and binding.tooltip, binding


class TestSnapshot:
    def test_frequencies_of_every_coder_with_bars(self, coded, snap_compare):
        """``v`` (every coder) on the frequencies tab: codes under their groups, the codings bar."""

        async def run_before(pilot) -> None:
            await open_reports(pilot)
            await pilot.press("v")
            await settle(pilot)

        assert snap_compare(workbench_app(coded), terminal_size=SIZE, run_before=run_before)


@pytest.mark.asyncio
class TestCounting:
    async def test_the_consensus_coder_counts_by_default_and_v_goes_on_to_mine_and_all(self, coded):
        store = open_project(coded)
        try:
            consensus = ensure_coder(store, "consensus")
            document = get_document(store, "interview-01")
            start = document.text.index("Er is echt een noodzaak.")
            apply_code(store, coder_id=consensus.id, document_id=document.id,
                       code_id=load_codebook(store).code_by_key(N).id, start=start, end=start + 10)
        finally:
            store.close()
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_reports(pilot)
            settings = str(screen.query_one("#report-settings").render())
            summary = str(screen.query_one("#report-summary").render())
            assert "counting: consensus" in settings and "counting the consensus coder (consensus)" in summary
            agreed = library(coded, code_frequencies, coders=["consensus"])
            assert shown_frequencies(screen, agreed) == expected_frequencies(agreed)
            await pilot.press("v")
            await settle(pilot)
            assert "counting coder eva (you)" in str(screen.query_one("#report-summary").render())
            await pilot.press("v")
            await settle(pilot)
            assert ("counting all coders added together: consensus, daan, eva"
                    in str(screen.query_one("#report-summary").render()))

    async def test_at_80_columns_the_settings_wrap_between_settings_and_documents_without_a_case_are_named(
            self, coded):
        store = open_project(coded)
        try:
            from qualcode.storage.case_links import unlink_document
            unlink_document(store, get_document(store, "interview-02").id, coder_id=None)
        finally:
            store.close()
        app = workbench_app(coded)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_reports(pilot)
            await pilot.press("b", "b")  # by the first attribute, fase
            await settle(pilot)
            lines = str(screen.query_one("#report-settings").render()).splitlines()
            assert len(lines) == 2 and all(len(line) <= 78 for line in lines)
            assert lines[0].split()[0] == "v" and lines[1].split()[-1] == "figure"  # whole settings on each line
            assert ("1 of 2 coded documents has no case: counted under (no value) (C in the workbench's document "
                    "list sets a case)") in str(screen.query_one("#report-summary").render())
