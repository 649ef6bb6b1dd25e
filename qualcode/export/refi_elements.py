"""Small builders the REFI-QDA writers share: namespaced elements, XML-safe text, date-times, code trees."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.metadata import version
from xml.etree.ElementTree import Element, SubElement

from qualcode.domain.models import Code, Codebook

ORIGIN = f"qualcode {version('qualcode')}"
SELECTION_NAME_LENGTH = 100
_RGB = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot carry (C0 controls other than tab and line ends)."""
    return _NOT_XML.sub("", value)


def root_element(tag: str, namespace: str, **attributes) -> Element:
    """The document element, declaring ``namespace`` as the default one for every element below it."""
    return Element(tag, {"xmlns": namespace, **{key: xml_text(str(value)) for key, value in attributes.items()}})


def child(parent: Element, tag: str, text: str | None = None, /, **attributes) -> Element:
    """A ``tag`` element under ``parent`` (in the document's default namespace); None attributes are left out."""
    element = SubElement(parent, tag,
                         {key: xml_text(str(value)) for key, value in attributes.items() if value is not None})
    if text is not None:
        element.text = xml_text(text)
    return element


def xsd_datetime(moment: datetime | None) -> str | None:
    """``2025-06-18T02:08:15Z``; a naive time is taken to be UTC, as the store writes UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def rgb(colour: str | None) -> str | None:
    """The colour when REFI-QDA can carry it (``#rrggbb`` or ``#rgb``), else None."""
    return colour if colour and _RGB.match(colour) else None


def excerpt(text: str) -> str:
    """A selection's name: its text on one line, cut at 100 characters with an ellipsis (as ATLAS.ti does).

    A long text is put on one line only as far as its start reaches past the cut: that start on one
    line is the start of the whole text on one line.
    """
    if len(text) > 2 * SELECTION_NAME_LENGTH:
        start = " ".join(text[:2 * SELECTION_NAME_LENGTH].split())
        if len(start) > SELECTION_NAME_LENGTH:
            return start[:SELECTION_NAME_LENGTH].rstrip() + "…"
    flat = " ".join(text.split())
    return flat if len(flat) <= SELECTION_NAME_LENGTH else flat[:SELECTION_NAME_LENGTH].rstrip() + "…"


def add_codes(parent: Element, codebook: Codebook, group_guid: Callable[[int], str],
              code_guid: Callable[[int], str]) -> None:
    """Each group as a top-level code that cannot be coded, its codes nested below with their subcodes."""
    children: dict[int | None, list[Code]] = {}
    for code in codebook.codes:
        children.setdefault(code.parent_id, []).append(code)

    def add(element: Element, code: Code) -> None:
        node = child(element, "Code", guid=code_guid(code.id), name=code.name, isCodable="true",
                     color=rgb(code.colour))
        if code.description:
            child(node, "Description", code.description)
        for sub in children.get(code.id, []):
            add(node, sub)

    for group in codebook.groups:
        node = child(parent, "Code", guid=group_guid(group.id), name=group.name, isCodable="false",
                     color=rgb(group.colour))
        if group.description:
            child(node, "Description", group.description)
        for code in children.get(None, []):
            if code.group_id == group.id:
                add(node, code)
