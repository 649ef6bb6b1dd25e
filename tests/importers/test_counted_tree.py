"""Counting XML while its tree is built refuses exactly what the separate counting pass refused, with the same message."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import ParseError, tostring

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.importers.refi_xml import _plainly_without_doctype, parse_refi_xml
from qualcode.importers.resource_limits import LimitError, ResourceLimits, XmlCounter, XmlSyntaxError, using_limits

texts = st.sampled_from(["", "  \n  ", "tekst", "é&<>", "😀 twee woorden"])


@st.composite
def documents(draw, depth: int = 0) -> str:
    """A small XML element with text, children and tails."""
    name = draw(st.sampled_from(["a", "b", "Code", "x:y"])).replace("x:", "")
    children = draw(st.lists(documents(depth + 1), max_size=3)) if depth < 6 else []
    text, tails = draw(texts), [draw(texts) for _ in children]
    body = "".join(child + tail for child, tail in zip(children, tails, strict=True))
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<{name}>{escaped}{body}</{name}>"


def _outcome(counting, data: bytes):
    """(elements, characters) counted, or the LimitError's message, or 'syntax' for malformed XML.

    Malformed XML is not compared: ``parse_refi_xml`` counts it again with expat before saying why.
    """
    counter = XmlCounter("the file", refuse_doctype=False)
    try:
        counting(counter, data)
    except LimitError as error:
        return str(error)
    except (ParseError, XmlSyntaxError):
        return "syntax"
    return counter.elements, counter.characters


def _by_expat(counter: XmlCounter, data: bytes) -> None:
    counter.count([data])


def _while_building(counter: XmlCounter, data: bytes) -> None:
    counter.tree(data, block_size=7)


@settings(max_examples=150, deadline=None)
@given(document=documents(), elements=st.integers(1, 40), depth=st.integers(1, 8), characters=st.integers(1, 60),
       cut=st.one_of(st.none(), st.integers(0, 200)))
def test_the_tree_is_refused_as_the_counting_pass_refuses(document, elements, depth, characters, cut):
    data = document.encode("utf-8")
    if cut is not None:
        data = data[:cut]  # malformed: refused or counted again, never let through
    limits = ResourceLimits(max_xml_elements=elements, max_depth=depth, max_text_chars=characters)
    with using_limits(limits):
        building, by_expat = _outcome(_while_building, data), _outcome(_by_expat, data)
    if building == "syntax":
        assert isinstance(by_expat, str)  # expat refuses it too (parse_refi_xml then asks it why)
    else:
        assert building == by_expat


def test_the_tree_is_the_document():
    data = "<a>één<b x='1'>twee</b>drie<c/></a>".encode()
    assert tostring(XmlCounter().tree(data, block_size=3), encoding="unicode") == tostring(XmlCounter().tree(data), encoding="unicode")
    assert tostring(XmlCounter().tree(data), encoding="unicode") == '<a>één<b x="1">twee</b>drie<c /></a>'


@pytest.mark.parametrize("data", [
    b'<?xml version="1.0" encoding="UTF-16"?><a/>',
    b'<?xml version="1.0" encoding="cp500"?><a/>',
    "<a/>".encode("utf-16"),
    "<a/>".encode("utf-16-le"),
    b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
    b" <a/>",
])
def test_only_plain_utf8_without_a_doctype_skips_the_counting_pass(data):
    assert not _plainly_without_doctype(data)


@pytest.mark.parametrize("data", [b"<a/>", b'\xef\xbb\xbf<?xml version="1.0" encoding="utf-8"?><a/>',
                                  b"<?xml version='1.0'?><a/>"])
def test_utf8_documents_take_the_single_pass(data):
    assert _plainly_without_doctype(data)


def test_a_refi_file_over_the_element_limit_is_refused_in_the_single_pass():
    data = b'<?xml version="1.0" encoding="utf-8"?><Project>' + b"<Users/>" * 50 + b"</Project>"
    with using_limits(ResourceLimits(max_xml_elements=20)), pytest.raises(Exception, match="more XML elements"):
        parse_refi_xml(data, Path("x.qde"), "project.qde")
