"""The formula guard on plain rows copies only the rows that need it, and gives what guarding every cell gives."""

from hypothesis import given
from hypothesis import strategies as st

from qualcode.export.csv_dialects import FORMULA_GUARD, FORMULA_STARTS, guard_formula
from qualcode.export.report_files import _guarded

cells = st.one_of(st.none(), st.integers(-5, 5),
                  st.text(alphabet=st.sampled_from(["a", " ", FORMULA_GUARD, *FORMULA_STARTS]), max_size=4))


@given(st.lists(st.lists(cells, max_size=5), max_size=8))
def test_guarding_rows_is_guarding_every_text_cell(rows):
    every_cell = [[guard_formula(cell) if isinstance(cell, str) and cell[:1] in (FORMULA_GUARD, *FORMULA_STARTS)
                   else cell for cell in row] for row in rows]
    guarded = _guarded(rows)
    assert [list(row) for row in guarded] == every_cell
    untouched = [row for row in rows if not any(isinstance(cell, str) and cell[:1] in (FORMULA_GUARD, *FORMULA_STARTS)
                                                for cell in row)]
    assert all(any(new is row for new in guarded) for row in untouched)
