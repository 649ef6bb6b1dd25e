"""The quick table layout prints exactly what Rich prints, for any rows, widths and terminals."""

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from qualcode.cli.output import OutputFormat, _quick_table, _rich_table, emit_rows

# Text the quick layout takes (ASCII, accented Latin, spaces), and text that only Rich lays out.
plain_text = st.one_of(st.text(alphabet=st.sampled_from("ab Z9-_.éÀ  "), max_size=20), st.integers(0, 10**12).map(str))
any_text = st.one_of(plain_text, st.text(alphabet=st.sampled_from("a \t\n漢ß\u0301"), max_size=8))


def _console(width: int, terminal: bool) -> Console:
    return Console(file=io.StringIO(), width=width, force_terminal=terminal, soft_wrap=False,
                   color_system="standard" if terminal else None)


def _rich(console: Console, title: str, columns: list[str], cells: list[list[str]]) -> str:
    with console.capture() as capture:
        console.print(_rich_table(title, columns, cells))
    return capture.get()


@settings(max_examples=400, deadline=None)
@given(columns=st.lists(st.text(alphabet=st.sampled_from("abc_ d"), min_size=0, max_size=15), min_size=1, max_size=7),
       data=st.data(), width=st.integers(20, 160), terminal=st.booleans(),
       title=st.sampled_from(["", "codings", "a title far too long to fit on one line of the narrowest table there is"]))
def test_the_quick_layout_is_what_rich_prints(columns, data, width, terminal, title):
    cell_text = data.draw(st.sampled_from([plain_text, plain_text, any_text]))
    rows = data.draw(st.lists(st.lists(cell_text, min_size=len(columns), max_size=len(columns)), max_size=12))
    quick = _quick_table(_console(width, terminal), title, columns, rows)
    if quick is not None:
        assert quick == _rich(_console(width, terminal), title, columns, rows)


def test_a_list_of_documents_takes_the_quick_layout():
    rows = [[str(number), f"interview-{number:03d}", "txt", "R99", "72", "2045", "225", "89"] for number in range(500)]
    columns = ["id", "name", "format", "case", "turns", "words", "codings", "coded_percent"]
    quick = _quick_table(_console(80, False), "", columns, rows)
    assert quick is not None and quick == _rich(_console(80, False), "", columns, rows)


def test_emit_rows_prints_the_table_rich_would(capsys):
    rows = [{"id": 1, "name": "interview één", "share": 0.12345, "case": None},
            {"id": 22, "name": "a name long enough to be folded over more than one line of the table " * 2,
             "share": 1.0, "case": "R1"}]
    for chosen in (rows[:1], rows):
        emit_rows(chosen, ["id", "name", "share", "case"], OutputFormat.table)
        printed = capsys.readouterr().out
        expected = _rich(Console(soft_wrap=False), "", ["id", "name", "share", "case"],
                         [["1", "interview één", "0.1235", ""], ["22", rows[1]["name"], "1", "R1"]][:len(chosen)])
        assert printed == expected
