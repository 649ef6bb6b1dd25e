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


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


FORMAT_OPTION = typer.Option(OutputFormat.table, "--format", "-f", help="table for people; csv or json for scripts.")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def emit_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], output: OutputFormat, title: str = "") -> None:
    """Print ``rows`` (dicts keyed by ``columns``) in the chosen format to standard output."""
    if output is OutputFormat.json:
        json.dump([{column: row.get(column) for column in columns} for row in rows], sys.stdout,
                  ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    elif output is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(column) is None else row.get(column) for column in columns])
    else:
        table = Table(title=title or None, show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(column)) for column in columns))
        Console(soft_wrap=False).print(table)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print an error to standard error and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def inform(message: str) -> None:
    """A progress or status line for people, on standard error so stdout stays machine-readable."""
    typer.echo(message, err=True)
