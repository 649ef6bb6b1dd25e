"""Crosstab, framework matrix (with summaries and undo) and quote book, read back from the files."""

from __future__ import annotations

import docx
import openpyxl
import pytest

from qualcode.analysis.comparison import crosstab, framework_matrix
from qualcode.analysis.matrix_files import (
    crosstab_markdown, crosstab_tables, framework_markdown, write_framework_xlsx,
)
from qualcode.analysis.quote_book import (
    attribution, quote_book, quote_book_markdown, write_quote_book_docx,
)
from qualcode.analysis.retrieval import retrieve
from qualcode.domain.retrieval import RetrievalFilters
from qualcode.storage.actions import redo, undo
from qualcode.storage.cases import list_cases
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import get_coder
from qualcode.storage.errors import ProjectError
from qualcode.storage.framework_summaries import framework_summaries, set_framework_summary
from tests.analysis.coded_project import GELD, NOODZAAK, VERTROUWEN


def _ids(store):
    return ({code.key: code.id for code in load_codebook(store).codes},
            {case.label: case.id for case in list_cases(store)})


def test_crosstab_by_attribute_cells_hold_exactly_the_segments(project):
    table = crosstab(project, attribute="fase")
    assert table.columns == ("gestart", "verkennend") and table.column_cases == (1, 1)
    rows = [row.query for row in table.rows]
    assert rows[:2] == [VERTROUWEN, GELD]
    trust = rows.index(VERTROUWEN)
    verkennend = table.cell(trust, 1)
    assert [(s.document, s.coder) for s in verkennend.segments] == [("interview", "eva"), ("interview", "daan")]
    assert verkennend.cases == 1 and verkennend.share_of_cases == 1.0
    assert list(verkennend.segments) == list(retrieve(project, f"{VERTROUWEN} AND WHERE fase = verkennend"))
    noodzaak = table.cell(rows.index(NOODZAAK), 1)
    assert noodzaak.segments == () and noodzaak.share_of_cases == 0.0
    counts, shares = crosstab_tables(table)
    assert counts.file_name == "crosstab-fase-segments.csv"
    assert counts.rows[trust] == ["Belemmerende factoren", "Gebrek aan vertrouwen", 1, 2]
    assert shares.rows[trust] == ["Belemmerende factoren", "Gebrek aan vertrouwen", 1.0, 1.0]
    assert "| Belemmerende factoren | Gebrek aan vertrouwen | 1 (100%) | 2 (100%) |" in crosstab_markdown(table)


def test_crosstab_by_cases_documents_and_saved_query_rows(project):
    by_case = crosstab(project, kind="case", rows=[VERTROUWEN, "belemmerend AND CODER eva"],
                       filters=RetrievalFilters(coders=("eva",)))
    assert by_case.columns == ("R1", "R2")
    assert [len(by_case.cell(1, c).segments) for c in range(2)] == [2, 2]
    assert by_case.rows[1].group == "queries"
    by_document = crosstab(project, kind="document", rows=[GELD])
    assert by_document.columns == ("b-interview", "interview")
    with pytest.raises(ProjectError, match=r"no case attribute 'leeftijd' \(attributes: fase\)"):
        crosstab(project, attribute="leeftijd")


def test_framework_summaries_are_stored_with_undo(project):
    codes, cases = _ids(project)
    eva = get_coder(project, "eva").id
    set_framework_summary(project, coder_id=eva, code_id=codes[VERTROUWEN], case_id=cases["R1"], text="Wantrouwen")
    set_framework_summary(project, coder_id=eva, code_id=codes[VERTROUWEN], case_id=cases["R1"], text="=Wantrouwen!")
    assert framework_summaries(project) == {(codes[VERTROUWEN], cases["R1"]): "=Wantrouwen!"}
    undo(project, eva)
    assert framework_summaries(project) == {(codes[VERTROUWEN], cases["R1"]): "Wantrouwen"}
    undo(project, eva)
    assert framework_summaries(project) == {}
    redo(project, eva)
    redo(project, eva)
    set_framework_summary(project, coder_id=eva, code_id=codes[GELD], case_id=cases["R2"], text="Geld speelt")
    set_framework_summary(project, coder_id=eva, code_id=codes[GELD], case_id=cases["R2"], text="")
    assert framework_summaries(project) == {(codes[VERTROUWEN], cases["R1"]): "=Wantrouwen!"}


def test_framework_matrix_to_xlsx_and_markdown(project, tmp_path):
    codes, cases = _ids(project)
    set_framework_summary(project, coder_id=None, code_id=codes[VERTROUWEN], case_id=cases["R1"], text="=SUM(A1)")
    matrix = framework_matrix(project)
    trust = [key for _, key, _ in matrix.codes].index(VERTROUWEN)
    cell = matrix.cells[(trust, 0)]
    assert cell.summary == "=SUM(A1)" and len(cell.segments) == 2
    path = write_framework_xlsx(matrix, tmp_path / "matrix.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Belemmerende factoren", "Bevorderende factoren"]
    sheet = workbook["Belemmerende factoren"]
    assert [c.value for c in sheet[1]] == ["code", "R1", "R2"]
    assert [sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)] == [
        "Gebrek aan vertrouwen", "Gedoe over geld", "Honoraria"]
    summary_cell = sheet.cell(row=2, column=2)
    assert summary_cell.data_type == "s"                      # a string, never a formula
    assert summary_cell.value.startswith("=SUM(A1)\n\n“Het vertrouwen is er nog niet.” (interview, turn 2)")
    assert summary_cell.value.count("“") == 2
    assert sheet.cell(row=3, column=3).value == "“Het geld is ook een punt.” (b-interview, turn 2)"
    assert "| Gebrek aan vertrouwen | =SUM(A1) (2 segments) | (1 segment) |" in framework_markdown(matrix)


def test_quote_book_holds_every_segment_once_under_its_code(project, tmp_path):
    book = quote_book(project, memos=True)
    path = write_quote_book_docx(book, tmp_path / "citaten.docx")
    paragraphs = [(p.style.name, p.text) for p in docx.Document(path).paragraphs]
    heading, quotes_under = None, {}
    for style, text in paragraphs:
        if style == "Heading 2":
            heading = text
        elif style == "Quote":
            quotes_under.setdefault(heading, []).append(text.split("\n— ")[0])
    assert quotes_under == {
        "Gebrek aan vertrouwen": ["Er is geen vertrouwen.", "Het vertrouwen is er nog niet.", "vertrouwen is er"],
        "Gedoe over geld": ["Het geld is ook een punt.", "over geld hebben we"],
        "Noodzaak": ["het is noodzaak"],
    }
    for name, key in (("Gebrek aan vertrouwen", VERTROUWEN), ("Gedoe over geld", GELD), ("Noodzaak", NOODZAAK)):
        passages = {(s.document, s.start, s.end): s.text for s in retrieve(project, key)}
        assert sorted(quotes_under[name]) == sorted(passages.values())        # each retrieved passage, once
    styles = [style for style, _ in paragraphs]
    assert styles[:4] == ["Title", "Heading 1", "Heading 2", "Normal"]      # the description under the code
    assert ("Normal", "Memo: kern") in paragraphs
    quote = next(p for p in docx.Document(path).paragraphs if p.text.startswith("Het vertrouwen"))
    assert quote.text.endswith("— R1, interview, turn 2")


def test_quote_book_of_a_query_lists_each_passage_once_per_matched_code(project):
    book = quote_book(project, f"{VERTROUWEN} OR {GELD}", unit="turn")
    assert [(section.code, len(section.quotes)) for section in book.sections] == [(VERTROUWEN, 2), (GELD, 2)]
    markdown = quote_book_markdown(book)
    assert markdown.count("> — R2, b-interview, turn 2") == 2      # the same turn, once under each code
    assert attribution(book.sections[0].quotes[0]) == "R2, b-interview, turn 2"


@pytest.mark.parametrize("kind", ["attribute", "case", "document"])
def test_a_rows_cells_together_hold_exactly_its_segments(project, kind):
    table = crosstab(project, kind=kind, attribute="fase" if kind == "attribute" else None, unit="paragraph")
    for index, row in enumerate(table.rows):
        cells = [segment for column in range(len(table.columns)) for segment in table.cell(index, column).segments]
        assert sorted(cells, key=repr) == sorted(retrieve(project, row.query, unit="paragraph"), key=repr)
