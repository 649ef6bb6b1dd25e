"""The xlsx writer's edges: text XML cannot hold, Excel's cell limit, sheet names, widths, progress."""

from __future__ import annotations

import openpyxl

from qualcode.export.report_files import ReportTable
from qualcode.export.xlsx_files import MAX_CELL_CHARACTERS, excel_text, sheet_names, write_workbooks


def test_control_characters_and_literal_escapes_use_the_formats_own_escape():
    assert excel_text("rood\x1b[31m") == "rood_x001B_[31m"
    assert excel_text("a\x00b\x0bc") == "a_x0000_b_x000B_c"
    assert excel_text("_x0041_ blijft") == "_x005F_x0041_ blijft"
    assert excel_text("regel\nregel\ttab\r") == "regel\nregel\ttab\r"  # XML holds these
    assert excel_text("gewoon_x_tekst") == "gewoon_x_tekst"


def test_text_over_excels_limit_is_cut_with_a_mark_counting_utf16_units():
    assert excel_text("a" * MAX_CELL_CHARACTERS) == "a" * MAX_CELL_CHARACTERS
    cut = excel_text("a" * (MAX_CELL_CHARACTERS + 5))
    assert len(cut) == MAX_CELL_CHARACTERS and cut.endswith("…")
    emoji = excel_text("😀" * MAX_CELL_CHARACTERS)  # two UTF-16 units each
    assert len(emoji.encode("utf-16-le")) // 2 <= MAX_CELL_CHARACTERS and emoji.endswith("😀…")


def test_sheet_names_are_valid_and_distinct():
    tables = [ReportTable("frequencies", part, ("a",), []) for part in
              ("long", "by-" + "lange-attribuutnaam" * 3, "by-" + "lange-attribuutnaam" * 3, "a[b]:c*?/\\d", "")]
    names = sheet_names(tables)
    assert names[0] == "long"
    assert len(names[1]) == 31 and names[2].endswith(" (2)") and len(names[2]) == 31
    assert names[3] == "a-b--c----d" and names[4] == "frequencies"
    assert len({name.lower() for name in names}) == len(names)


def test_a_workbook_reads_back_with_types_widths_and_progress(tmp_path):
    long_memo = "x" * (MAX_CELL_CHARACTERS + 10)
    table = ReportTable("r", "", ("tekst", "getal", "leeg"), [("kort", 1, None), (long_memo, -2.5, ""),
                                                              ("\x1b[2J", 0, None)])
    seen = []
    (path,) = write_workbooks([(tmp_path / "r.xlsx", [table])], lambda *args: seen.append(args))
    sheet = openpyxl.load_workbook(path)["r"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("tekst", "getal", "leeg")
    assert rows[1] == ("kort", 1, None) and rows[3] == ("_x001B_[2J", 0, None)  # 0 is 0; None stays empty
    assert rows[2][1] == -2.5 and rows[2][2] is None and len(rows[2][0]) == MAX_CELL_CHARACTERS
    assert sheet.column_dimensions["A"].width == 62 and sheet.column_dimensions["C"].width == 8
    assert seen == [(path, 3, 3)]
