"""How listing commands print rows: a table for people, CSV or JSON for scripts."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import Enum
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from qualcode.domain.display_text import display_text
from qualcode.export.csv_dialects import RFC_4180, cell_text
from qualcode.domain.language import _


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


FORMAT_OPTION = typer.Option(OutputFormat.table, "--format", "-f", help=_("table for people; csv or json for scripts."))


def _cell(value: Any) -> Text:
    """A table cell: plain text (never Rich markup) with control characters made visible."""
    if value is None:
        return Text("")
    if isinstance(value, float):
        return Text(f"{value:.4g}")
    return Text(display_text(str(value)))


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
        table = Table(title=Text(display_text(title)) if title else None, show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(column)) for column in columns))
        Console(soft_wrap=False).print(table)


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
