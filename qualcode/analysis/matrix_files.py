"""The crosstab and the framework matrix as files: CSV report tables, markdown and ``.xlsx``."""

from __future__ import annotations

from pathlib import Path

from qualcode.analysis.comparison import Crosstab, FrameworkCell, FrameworkMatrix
from qualcode.domain.retrieval import RetrievedSegment
from qualcode.export.atomic_files import check_folders, write_files
from qualcode.export.report_files import ReportTable
from qualcode.domain.language import _, ngettext


def crosstab_tables(table: Crosstab) -> list[ReportTable]:
    """Two CSV tables: segment counts and the share of cases, rows × columns, with the group first."""
    header = ("group", "row", *table.columns)
    counts = [[row.group, row.label, *(len(table.cell(r, c).segments) for c in range(len(table.columns)))]
              for r, row in enumerate(table.rows)]
    shares = [[row.group, row.label, *(table.cell(r, c).share_of_cases for c in range(len(table.columns)))]
              for r, row in enumerate(table.rows)]
    name = f"crosstab-{table.attribute}" if table.kind == "attribute" else f"crosstab-{table.kind}s"
    return [ReportTable(name, "segments", header, counts), ReportTable(name, "cases", header, shares)]


def _md(value: object) -> str:
    return " ".join(str(value).split()).replace("\\", "\\\\").replace("|", "\\|")


def crosstab_markdown(table: Crosstab) -> str:
    """Counts with the share of cases in brackets, one markdown table."""
    title = table.attribute if table.kind == "attribute" else {"case": _("cases"), "document": _("documents")}.get(
        table.kind, f"{table.kind}s")
    lines = ["## " + _("Codes × {columns}").format(columns=_md(title)), "",
             "| " + _("group") + " | " + _("row") + " | " + " | ".join(map(_md, table.columns)) + " |",
             "|" + "---|" * (len(table.columns) + 2)]
    for r, row in enumerate(table.rows):
        cells = []
        for c in range(len(table.columns)):
            cell = table.cell(r, c)
            share = f" ({cell.share_of_cases:.0%})" if cell.share_of_cases is not None else ""
            cells.append(f"{len(cell.segments)}{share}")
        lines.append(f"| {_md(row.group)} | {_md(row.label)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _where(segment: RetrievedSegment) -> str:
    return segment.time or _("turn {number}").format(number=segment.turn_index + 1)


def distinct_passages(segments: tuple[RetrievedSegment, ...]) -> list[RetrievedSegment]:
    """The segments with each passage once (two coders on the same span are one passage)."""
    seen: set[tuple[int, int, int]] = set()
    kept = []
    for segment in segments:
        key = (segment.document_id, segment.start, segment.end)
        if key not in seen:
            seen.add(key)
            kept.append(segment)
    return kept


def _count(number: int) -> str:
    return ngettext("({count} segment)", "({count} segments)", number).format(count=number)


def cell_text(cell: FrameworkCell) -> str:
    """A framework cell as text: the summary, then each passage with its document and time or turn."""
    parts = [cell.summary] if cell.summary else []
    parts += [f"“{' '.join(s.text.split())}” ({s.document}, {_where(s)})" for s in distinct_passages(cell.segments)]
    return "\n\n".join(parts)


def framework_markdown(matrix: FrameworkMatrix) -> str:
    """One section per group: a table of codes × cases, each cell its summary and segment count."""
    lines = ["# " + _("Framework matrix"), ""]
    for group, code_indexes in matrix.groups:
        if not code_indexes:
            continue
        lines += [f"## {_md(group)}", "", "| " + _("code") + " | " + " | ".join(_md(label) for _case, label in matrix.cases)
                  + " |",
                  "|" + "---|" * (len(matrix.cases) + 1)]
        for index in code_indexes:
            cells = []
            for case_index in range(len(matrix.cases)):
                cell = matrix.cells[(index, case_index)]
                count = _count(len(distinct_passages(cell.segments))) if cell.segments else ""
                cells.append(_md(" ".join(part for part in (cell.summary, count) if part)))
            lines.append(f"| {_md(matrix.codes[index][2])} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def framework_tables(matrix: FrameworkMatrix) -> list[ReportTable]:
    """One table per group (a workbook's sheet): codes down, cases across, each cell its summary and passages."""
    tables = []
    for group, code_indexes in matrix.groups:
        rows = [(matrix.codes[index][2], *(cell_text(matrix.cells[(index, case_index)]) or None
                                           for case_index in range(len(matrix.cases))))
                for index in code_indexes]
        tables.append(ReportTable("framework", group, (_("code"), *(label for _case, label in matrix.cases)), rows,
                                  wrap_text=True))
    return tables or [ReportTable("framework", "matrix", (_("code"),), [])]


def write_framework_xlsx(matrix: FrameworkMatrix, path: Path) -> Path:
    """The matrix as a workbook: one sheet per group, codes down, cases across; written atomically."""
    from qualcode.export.xlsx_files import write_workbooks  # openpyxl only when asked for

    return write_workbooks([(Path(path), framework_tables(matrix))])[0]


def write_text_file(path: Path, text: str) -> Path:
    """A UTF-8 text file (markdown), written atomically."""
    return save_atomically(lambda temporary: Path(temporary).write_text(text, encoding="utf-8"), path)


def save_atomically(save, path: Path) -> Path:
    """Call ``save(temporary path)`` beside ``path``, then move the file into place; ExportError if impossible."""
    check_folders([Path(path)])
    return write_files([(Path(path), save)])[0]
