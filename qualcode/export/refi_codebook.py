"""The codebook as a REFI-QDA ``.qdc`` (``CodeBook`` in ``urn:QDA-XML:codebook:1.0``)."""

from __future__ import annotations

from xml.etree.ElementTree import indent, tostring

from qualcode.domain.language import _
from qualcode.domain.models import Codebook
from qualcode.export.refi_elements import ORIGIN, add_codes, child, root_element
from qualcode.export.refi_guids import RefiGuids

CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0"


class EmptyCodebookError(ValueError):
    """A REFI-QDA codebook needs at least one code."""


def codebook_xml(codebook: Codebook, guids: RefiGuids) -> bytes:
    """The .qdc document for ``codebook``; groups become top-level codes that cannot be coded."""
    if not codebook.groups:
        raise EmptyCodebookError(_("the codebook is empty; a .qdc needs at least one code"))
    root = root_element("CodeBook", CODEBOOK_NAMESPACE, origin=ORIGIN)
    codes = child(root, "Codes")
    add_codes(codes, codebook, lambda i: guids.of("group", i), lambda i: guids.of("code", i))
    indent(root)
    return tostring(root, encoding="utf-8", xml_declaration=True)
