"""How listing commands print rows: a table for people, CSV or JSON for scripts."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any

import typer

from qualcode.domain.display_text import display_text
from qualcode.export.csv_dialects import RFC_4180, cell_text
from qualcode.domain.language import _

if TYPE_CHECKING:  # Rich loads only when a table is printed: a command that only says its result needs none
    from rich.console import Console
    from rich.table import Table


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


FORMAT_OPTION = typer.Option(OutputFormat.table, "--format", "-f", help=_("table for people; csv or json for scripts."))


def _cell_text(value: Any) -> str:
    """What a table cell shows: plain text (never Rich markup) with control characters made visible."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return display_text(str(value))


_ONE_CELL_EACH = re.compile("[ -~\u00c0-\u024f]*")
"""Text whose every character takes one terminal cell: printable ASCII and the Latin letters with accents."""


def _widths(text: str) -> tuple[int, int]:
    """Rich's measure of a one-line cell: its longest word (the whole text without words) and its length."""
    words = text.split()
    return (max(map(len, words)) if words else len(text)), len(text)


def _quick_table(console: Console, title: str, columns: Sequence[str], cells: list[list[str]]) -> str | None:
    """The table Rich would print for ``cells``, or None when it must be Rich that lays it out.

    Rich measures and wraps every cell, a fifth of a second for a few thousand. A column's width
    depends only on its widest cell and its longest word, so Rich lays out the header above the two
    rows that hold those; when every cell then fits its column on one line, each row is the cells
    padded between the dividers Rich drew. Only for cells of one-cell characters on one line.
    """
    if not cells or not all(_ONE_CELL_EACH.fullmatch(text) for row in cells for text in row):
        return None
    widest: list[str] = []
    longest: list[str] = []
    for column in zip(*cells):
        measures = [_widths(text) for text in column]
        widest.append(column[max(range(len(column)), key=lambda index: measures[index][1])])
        longest.append(column[max(range(len(column)), key=lambda index: measures[index][0])])
    with console.capture() as capture:
        console.print(_rich_table(title, columns, [widest, longest]))
    lines = capture.get().split("\n")
    if lines[-1] == "":
        lines.pop()
    dividers = [position for position, character in enumerate(lines[-1]) if character != lines[-1][1]]
    widths = [end - start - 1 for start, end in zip(dividers, dividers[1:])]
    if len(widths) != len(columns) or any(len(text) > width - 2 for row in cells for text, width in zip(row, widths)):
        return None
    rows_start = len(lines) - 3  # every cell fits: the two rows took a line each, above the bottom edge
    first_row = lines[rows_start]
    left, right = first_row[0], first_row[-1]
    divider = first_row[dividers[1]] if len(dividers) > 2 else right
    body = [left + divider.join(f" {text.ljust(width - 2)} " for text, width in zip(row, widths)) + right
            for row in cells]
    return "\n".join([*lines[:rows_start], *body, lines[-1]]) + "\n"


def _rich_table(title: str, columns: Sequence[str], cells: list[list[str]]) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(display_text(title)) if title else None, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in cells:
        table.add_row(*(Text(text) for text in row))
    return table


_C1_ESCAPES = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def json_text(value: Any) -> str:
    """``value`` as indented JSON, UTF-8 text kept readable; every control character written as ``\\uXXXX``.

    ``json`` escapes C0 controls itself; DEL and the C1 controls (a terminal may obey U+009B as
    CSI) can only stand inside strings, where the escape means the same character.
    """
    return json.dumps(value, ensure_ascii=False, indent=2, default=str).translate(_C1_ESCAPES)


def emit_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], output: OutputFormat, title: str = "") -> None:
    """Print ``rows`` (dicts keyed by ``columns``) in the chosen format to standard output.

    CSV and JSON keep every value as stored (JSON writes control characters as escapes); the table, for
    people at a terminal, shows control characters as visible symbols (``display_text``).
    """
    if output is OutputFormat.json:
        sys.stdout.write(json_text([{column: row.get(column) for column in columns} for row in rows]) + "\n")
    elif output is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([cell_text(column, RFC_4180) for column in columns])
        for row in rows:
            writer.writerow([cell_text(row.get(column), RFC_4180) for column in columns])
    else:
        from rich.console import Console

        cells = [[_cell_text(row.get(column)) for column in columns] for row in rows]
        console = Console(soft_wrap=False)
        quick = _quick_table(console, title, columns, cells)
        if quick is None:
            console.print(_rich_table(title, columns, cells))
        else:
            console.file.write(quick)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print an error to standard error and return the Exit to raise."""
    typer.echo(_("error: {message}").format(message=display_text(message)), err=True)
    return typer.Exit(code)


def say(message: str) -> None:
    """A result line for people on standard output; names in it show control characters as symbols."""
    typer.echo(display_text(message))


def inform(message: str) -> None:
    """A progress or status line for people, on standard error so stdout stays machine-readable."""
    typer.echo(display_text(message), err=True)
