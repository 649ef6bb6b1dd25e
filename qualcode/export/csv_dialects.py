"""The two CSV styles reports are written in: RFC 4180 (the default) and Dutch Excel.

A style is a ``csv`` dialect plus what the dialect machinery does not cover: the byte
encoding (UTF-8, or UTF-8 with a byte-order mark so Excel detects it) and the decimal
separator of numbers. Cells are turned into text by ``cell_text``: floats get the style's
decimal separator, date-times become ISO 8601 in UTC, ``None`` an empty cell, and text that a
spreadsheet would read as a formula gets a leading ``'`` (OWASP's advice against CSV injection).

What is text and what is a number is the cell's Python type: a ``str`` is text, even ``"-3"``
(a code name or memo a person typed), and may be guarded; an ``int`` or ``float`` is a number
and never is, so ``-3`` and ``-2,5`` stay numbers in a spreadsheet.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

ZERO = timedelta(0)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP's list)."""
FORMULA_GUARD = "'"


class Rfc4180(csv.Dialect):
    """RFC 4180: comma-separated, CRLF line ends, fields quoted only when they need it."""

    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL
    strict = True


class ExcelDutch(Rfc4180):
    """What Excel with Dutch regional settings expects: semicolons (the comma is the decimal mark)."""

    delimiter = ";"


@dataclass(frozen=True)
class CsvStyle:
    name: str
    dialect: type[csv.Dialect]
    encoding: str
    decimal_separator: str
    guard_formulas: bool = True
    """Put ``'`` before text that would be read as a formula; ``--raw`` switches it off."""


RFC_4180 = CsvStyle(name="rfc4180", dialect=Rfc4180, encoding="utf-8", decimal_separator=".")
EXCEL_NL = CsvStyle(name="excel-nl", dialect=ExcelDutch, encoding="utf-8-sig", decimal_separator=",")
"""Semicolons, UTF-8 with BOM, decimal commas and CRLF: opens in the right cells in a Dutch Excel."""


def cell_text(value: object, style: CsvStyle) -> object:
    """The value as the csv writer should receive it in ``style``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return guard_formula(value) if style.guard_formulas else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # Decimal(repr()) gives the shortest exact digits without an exponent (1e-05 -> 0.00001).
        return format(Decimal(repr(value)), "f").replace(".", style.decimal_separator)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC).isoformat()
        return (value if value.utcoffset() == ZERO else value.astimezone(UTC)).isoformat()
    return value


def guard_formula(text: str) -> str:
    """``text`` with one ``'`` in front when, after any quotes it starts with, it starts like a formula.

    ``=1+1`` becomes ``'=1+1``; a memo that really starts with ``'=`` becomes ``''=``, so that
    ``unguard_formula`` can take exactly one quote off again and get back what was written.
    """
    return FORMULA_GUARD + text if text.lstrip(FORMULA_GUARD).startswith(FORMULA_STARTS) else text


GUARDED_FIRST = frozenset((FORMULA_GUARD, *FORMULA_STARTS))
"""The first characters of a text that may take the guard: a quote or a formula's start (a quick test before
``guard_formula``, which looks past quotes)."""


def guarded_cell(value: object) -> object:
    """``value`` with the formula guard when it is text that needs one; anything else as it is."""
    return guard_formula(value) if value.__class__ is str and value[:1] in GUARDED_FIRST else value


def unguard_formula(text: str) -> str:
    """The inverse of ``guard_formula``: one leading ``'`` off when quotes and then a formula start follow."""
    if text.startswith(FORMULA_GUARD) and text.lstrip(FORMULA_GUARD).startswith(FORMULA_STARTS):
        return text[1:]
    return text
