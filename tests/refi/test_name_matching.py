"""Whether a selection's name is its text is decided as on the whole text on one line, reading only what it needs."""

from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.importers.refi_positions import NAME_ELLIPSES, name_matches


def _on_the_whole_text(name: str, text: str) -> bool | None:
    wanted = " ".join(name.split())
    if not wanted:
        return None
    found = " ".join(text.split())
    for ellipsis in NAME_ELLIPSES:
        if wanted.endswith(ellipsis):
            prefix = wanted[: -len(ellipsis)].rstrip()
            return bool(prefix) and found.startswith(prefix)
    return found == wanted


pieces = st.text(alphabet=st.sampled_from("ab \n\t\u00a0\u2003é."), max_size=60)


@settings(max_examples=800, deadline=None)
@given(text=pieces, cut=st.integers(0, 70), ellipsis=st.sampled_from(["", "…", "...", " …"]),
       spaced=st.booleans())
def test_a_name_cut_from_its_text_matches_as_on_the_whole_text(text, cut, ellipsis, spaced):
    name = text[:cut] + ellipsis
    if spaced:
        name = "  ".join(name.split(" "))
    assert name_matches(name, text) == _on_the_whole_text(name, text)


@settings(max_examples=400, deadline=None)
@given(name=pieces, text=pieces)
def test_any_name_matches_as_on_the_whole_text(name, text):
    assert name_matches(name, text) == _on_the_whole_text(name, text)


def test_long_runs_of_space_before_the_words_the_name_holds():
    text = " " * 300 + "een  twee\n\ndrie " + "x" * 50
    assert name_matches("een twee drie…", text) is True
    assert name_matches("een twee drie x…", text) is True
    assert name_matches("een twee dri…", text) is True
    assert name_matches("een twee vier…", text) is False
    assert name_matches("een twee drie " + "x" * 50, text) is True
