"""A selection's name, made from the start of a long text only, is the name the whole text on one line gives."""

from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.export.refi_elements import SELECTION_NAME_LENGTH, excerpt


def _whole_text_on_one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SELECTION_NAME_LENGTH else flat[:SELECTION_NAME_LENGTH].rstrip() + "…"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\t\u00a0\u2003é"), max_size=450))
def test_the_name_is_the_whole_text_on_one_line_cut(text):
    assert excerpt(text) == _whole_text_on_one_line(text)


def test_long_runs_of_space_and_cuts_at_the_edges():
    for text in (" " * 300 + "a", "a" * 100 + " " * 150 + "b", "a " * 150, "x" * 201, " " * 199 + "y" * 102,
                 "w " * 50 + "v" * 150):
        assert excerpt(text) == _whole_text_on_one_line(text)
