"""A text's control characters counted on its UTF-8 bytes are the ones the pattern finds in the text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.importers.text_decoding import _CONTROL_CHARACTERS, _control_characters

characters = st.sampled_from(["a", " ", "\n", "\t", "\r", "\x00", "\x08", "\x0b", "\x0e", "\x1f", "\x7f", "\x80",
                              "\x9f", "\xa0", "é", "©", "\u0100", "\u2028", "€", "😀", "\ufeff"])


@settings(max_examples=600, deadline=None)
@given(st.lists(characters, max_size=80).map("".join))
def test_counted_on_the_bytes_as_in_the_text(text):
    assert _control_characters(text.encode("utf-8"), text) == len(_CONTROL_CHARACTERS.findall(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(characters, max_size=80).map("".join))
def test_text_from_other_bytes_is_counted_in_the_text(text):
    for data in (text.encode("utf-16"), text.encode("cp1252", errors="ignore"), b"\xef\xbb\xbf" + text.encode()):
        decoded = data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode("cp1252", errors="replace")
        assert _control_characters(data, decoded) == len(_CONTROL_CHARACTERS.findall(decoded))
