"""The reports screen's tables filled from one read: frequencies with bars, codes × columns, co-occurrence."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.widgets import DataTable

from qualcode.domain.display_text import display_text
from qualcode.domain.language import _
from qualcode.domain.models import Code, Codebook, Unit
from qualcode.export.cooccurrence import CooccurrenceTable
from qualcode.export.frequencies import FrequencyMatrix, FrequencyReport, Measure
from qualcode.tui.plain_text import plain
from qualcode.tui.report_data import measure_label, measure_of
from qualcode.tui.widgets.codebook_tree import code_colour, group_colour
from qualcode.tui.widgets.report_bars import bar

BAR_WIDTH = 30
HEADER_WIDTH = 14
"""Matrix column headers longer than this wrap onto a second line (at hyphens and spaces)."""


def number(value: int, *, dim_zero: str = "") -> Text:
    if value == 0 and dim_zero:
        return Text(dim_zero, style="dim", justify="right")
    return Text(str(value), justify="right")


def code_label(codebook: Codebook, code: Code) -> Text:
    """The code's name after its colour, indented one step more per parent code."""
    depth, parent = 0, code.parent_id
    while parent is not None:
        depth += 1
        parent = codebook.code_by_id(parent).parent_id
    label = Text("  " * (depth + 1))
    label.append("■ ", style=code_colour(codebook, code))
    label.append(display_text(code.name))
    return label


def grouped_rows(codebook: Codebook) -> list[tuple[str, Text, Code | None]]:
    """(row key, label, code) for every group and its codes, in codebook order; code is None on a group row."""
    rows = []
    for group in codebook.groups:
        rows.append((f"group:{group.key}", plain(group.name, style=f"bold {group_colour(codebook, group)}"), None))
        rows.extend((code.key, code_label(codebook, code), code) for code in codebook.codes_in_group(group.id))
    return rows


def label_width(codebook: Codebook, header: str) -> int:
    """The code column as wide as its widest label: DataTable's own measuring lags behind a quick refill."""
    return max([len(header), *(label.cell_len for _, label, _ in grouped_rows(codebook))])


def fill_frequencies(table: DataTable, codebook: Codebook, report: FrequencyReport, unit: Unit,
                     measure: Measure) -> None:
    """Codes by group with their codings, units, documents, cases and words, and a bar of ``measure``."""
    row, column = table.cursor_coordinate
    table.clear(columns=True)
    totals = {total.code: total for total in report.totals}
    unit_label = measure_label("units", unit)
    headers = [("code", _("Code")), ("codings", _("Codings")), ("units", unit_label), ("documents", _("Docs")),
               ("cases", _("Cases")), ("words", _("Words"))]
    for key, label in headers:
        header = Text(label, style="bold reverse" if key == measure else "",
                      justify="left" if key == "code" else "right")
        table.add_column(header, key=key, width=label_width(codebook, label) if key == "code" else None)
    table.add_column(Text(f"▏{measure_label(measure, unit)}"), key="bar")
    widest = max((measure_of(total, measure) for total in totals.values()), default=0)
    for key, label, code in grouped_rows(codebook):
        if code is None:
            table.add_row(label, *[""] * 6, key=key)
            continue
        found = totals[code.key]
        table.add_row(label, number(found.codings), number(found.units_coded), number(found.documents),
                      number(found.cases), number(found.words_coded),
                      bar(measure_of(found, measure), widest, BAR_WIDTH, code_colour(codebook, code)),
                      key=key)
    table.move_cursor(row=row, column=column)


def fill_matrix(table: DataTable, codebook: Codebook, matrix: FrequencyMatrix, unit: Unit) -> None:
    """Codes × the matrix's columns, with a total and its bar; long column headers wrap."""
    row = table.cursor_coordinate.row
    table.clear(columns=True)
    table.add_column(_("Code"), key="code", width=label_width(codebook, _("Code")))
    headers = [textwrap.wrap(display_text(str(column)), HEADER_WIDTH) or [""] for column in matrix.columns]
    table.header_height = max((len(lines) for lines in headers), default=1)
    for index, lines in enumerate(headers):
        table.add_column(Text("\n".join(lines), justify="right"), key=f"column-{index}")
    table.add_column(Text(_("Total"), justify="right"), key="total")
    table.add_column(Text(f"▏{measure_label(matrix.measure, unit)}"), key="bar")
    rows = {matrix_row.code: matrix_row for matrix_row in matrix.rows}
    widest = max((matrix_row.total for matrix_row in matrix.rows), default=0)
    for key, label, code in grouped_rows(codebook):
        if code is None:
            table.add_row(label, *[""] * (len(matrix.columns) + 2), key=key)
            continue
        found = rows[code.key]
        table.add_row(label, *(number(value, dim_zero="·") for value in found.values), number(found.total),
                      bar(found.total, widest, BAR_WIDTH, code_colour(codebook, code)), key=key)
    table.move_cursor(row=row)


def matrix_tab_label(matrix: FrequencyMatrix) -> Text:
    """The matrix tab's name: what its columns are."""
    by = {"document": _("By documents"), "case": _("By cases")}.get(
        matrix.by, _("By {attribute}").format(attribute=matrix.attribute))
    return plain(by)


def fill_cooccurrence(table: DataTable, pairs: DataTable, codebook: Codebook, result: CooccurrenceTable) -> None:
    """Code × code units coded with both in ``table``, and the pairs most often together first in ``pairs``."""
    codes = [codebook.code_by_key(key) for key in result.codes]
    table.clear(columns=True)
    table.add_column(_("Code"), key="code")
    for index, key in enumerate(result.codes):
        table.add_column(Text(str(index + 1), justify="right"), key=key)
    for index, (code, counts) in enumerate(zip(codes, result.units)):
        label = Text(f"{index + 1:>2} ")
        label.append("■ ", style=code_colour(codebook, code))
        label.append(display_text(code.name))
        cells = [number(count, dim_zero="·") for count in counts]
        cells[index].stylize("italic dim")
        table.add_row(label, *cells, key=code.key)
    pairs.clear(columns=True)
    names = {code.key: code.name for code in codes}
    unit = measure_label("units", result.unit)
    for key, label in (("a", _("Code")), ("b", _("With")), ("units", _("{units} with both").format(units=unit)),
                       ("spans", _("Overlapping codings"))):
        pairs.add_column(Text(label, justify="right" if key in ("units", "spans") else "left"), key=key)
    together = sorted((pair for pair in result.pairs() if pair.units_both or pair.overlapping_spans),
                      key=lambda pair: (-pair.units_both, -pair.overlapping_spans))
    for pair in together:
        pairs.add_row(plain(names[pair.code_a]), plain(names[pair.code_b]), number(pair.units_both),
                      number(pair.overlapping_spans), key=f"{pair.code_a}|{pair.code_b}")
    pairs.border_title = _("Pairs, most often together first · above: {units} coded with both codes "
                           "(diagonal: with the code)").format(units=unit.lower())
