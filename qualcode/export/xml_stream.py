"""An XML writer that streams elements to a binary file as ElementTree's ``indent`` + ``tostring`` lays them out.

Building a tree of a few hundred thousand elements first costs hundreds of megabytes; this writes
each element as it comes, with the same bytes: two-space indentation, ``<tag />`` for an empty
element, attributes in the order given, the same escapes, and the XML declaration in single quotes.
"""

from __future__ import annotations

from typing import BinaryIO
from xml.etree.ElementTree import Element, indent, tostring

from qualcode.export.refi_elements import xml_text

_FLUSH_CHARACTERS = 1 << 20


def escape_text(text: str) -> str:
    """Element text as ElementTree writes it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def escape_attribute(text: str) -> str:
    """An attribute value as ElementTree writes it (also tab and line ends as character references)."""
    text = escape_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


def leaf_markup(tag: str, text: str | None = None, /, **attributes: object) -> str:
    """A childless element: ``<tag ... />``, or ``<tag ...>text</tag>`` when text is left after cleaning."""
    content = xml_text(text) if text is not None else ""
    if content:
        return f"<{tag}{_attributes(attributes)}>{escape_text(content)}</{tag}>"
    return f"<{tag}{_attributes(attributes)} />"


def _attributes(attributes: dict[str, object]) -> str:
    """`` name="value"`` for each attribute that is not None, its value made XML-safe."""
    return "".join(f' {name}="{escape_attribute(xml_text(str(value)))}"'
                   for name, value in attributes.items() if value is not None)


class XmlStream:
    """Open elements with ``start``, write childless ones with ``leaf``, close with ``end``, then ``close``."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._parts: list[str] = ["<?xml version='1.0' encoding='utf-8'?>\n"]
        self._size = 0
        self._open: list[str] = []
        self._has_children: list[bool] = []

    def _write(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= _FLUSH_CHARACTERS:
            self.flush()

    def flush(self) -> None:
        self._handle.write("".join(self._parts).encode("utf-8"))
        self._parts.clear()
        self._size = 0

    def _before_child(self) -> None:
        if self._open:
            if not self._has_children[-1]:
                self._write(">")
                self._has_children[-1] = True
            self._write("\n" + "  " * len(self._open))

    def start(self, tag: str, /, **attributes: object) -> None:
        """Open ``tag``; None attributes are left out."""
        self._before_child()
        self._write(f"<{tag}{_attributes(attributes)}")
        self._open.append(tag)
        self._has_children.append(False)

    def leaf(self, tag: str, text: str | None = None, /, **attributes: object) -> None:
        """A whole element without children: ``<tag ... />`` or ``<tag ...>text</tag>``."""
        self._before_child()
        self._write(leaf_markup(tag, text, **attributes))

    @property
    def depth(self) -> int:
        """How many elements are open: a child written now is indented by twice this."""
        return len(self._open)

    def markup(self, text: str) -> None:
        """A child already written out, laid out for ``depth`` (for the hot paths of large documents)."""
        self._before_child()
        self._write(text)

    def element(self, element: Element) -> None:
        """A small subtree built with ElementTree, laid out as if it were part of the stream."""
        self._before_child()
        indent(element, level=len(self._open))
        self._write(tostring(element, encoding="unicode"))

    def end(self) -> None:
        """Close the innermost open element."""
        tag = self._open.pop()
        if self._has_children.pop():
            self._write("\n" + "  " * len(self._open) + f"</{tag}>")
        else:
            self._write(" />")

    def close(self) -> None:
        """Close what is still open and write out the rest."""
        while self._open:
            self.end()
        self.flush()
