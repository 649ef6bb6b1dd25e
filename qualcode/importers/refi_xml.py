"""Parse a REFI-QDA ``project.qde`` or ``.qdc`` into ``refi_model`` dataclasses, defensively.

The XML is untrusted: defusedxml refuses DTDs, entity declarations and external references, so
neither entity expansion nor file or network access can happen while parsing. The structure is
checked by hand rather than against the XSD, because real tools deviate from it in harmless ways
(Taguette writes an empty ``<Sets/>``); what qualcode relies on (GUIDs, names, integer positions,
references) is checked and reported with the element it is on.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from functools import lru_cache
from xml.etree import ElementTree
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as safe_etree

from qualcode.domain.language import _
from qualcode.importers.refi_errors import RefiError
from qualcode.importers.resource_limits import LimitError, XmlCounter, XmlSyntaxError
from qualcode.importers.refi_model import (
    RefiCase,
    RefiCode,
    RefiCoding,
    RefiNote,
    RefiProject,
    RefiSelection,
    RefiTextSource,
    RefiUser,
    RefiVariable,
    Unsupported,
    VariableValue,
)

PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"
CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0"
MAX_CODE_DEPTH = 64

_GUID = re.compile(r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$")
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
_MEDIA_SOURCES = {
    "PictureSource": ("picture", "qualcode codes text only"),
    "PDFSource": ("PDF", "qualcode codes text only; convert the PDF to text and import that"),
    "AudioSource": ("audio", "qualcode codes text only; its transcripts are not imported"),
    "VideoSource": ("video", "qualcode codes text only; its transcripts are not imported"),
}


@lru_cache(maxsize=256)
def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local_name(child.tag) == name]


def _child(element: Element, name: str) -> Element | None:
    return next((child for child in element if local_name(child.tag) == name), None)


def _describe(element: Element) -> str:
    label = element.get("name") or element.get("guid") or ""
    return f"<{local_name(element.tag)}{f' {label!r}' if label else ''}>"


class _Reader:
    def __init__(self, path: Path, entry: str):
        self.path, self.entry = path, entry
        self._references: dict[str, str] = {}
        """Attribute values that name another element (``targetGUID``, ``creatingUser``) and their GUID:
        a project names its few users and codes tens of thousands of times."""

    def fail(self, reason: str) -> RefiError:
        return RefiError(self.path, f"{self.entry}: {reason}")

    def guid(self, element: Element, attribute: str = "guid") -> str:
        given = element.get(attribute)
        known = self._references.get(given)
        if known is not None:
            return known
        value = (given or "").strip()
        match = _GUID.match(value)
        if not match:
            shown = f"{value!r} is not a GUID" if value else "is missing"
            raise self.fail(_("{element}: attribute {attribute} {shown}").format(element=_describe(element), attribute=attribute, shown=shown))
        guid = match.group(1).lower()
        if attribute != "guid":  # an element's own GUID comes once
            self._references[given] = guid
        return guid

    def optional_guid(self, element: Element, attribute: str) -> str | None:
        given = element.get(attribute)
        known = self._references.get(given)
        if known is not None:
            return known
        match = _GUID.match((given or "").strip())
        if not match:
            return None
        guid = self._references[given] = match.group(1).lower()
        return guid

    def integer(self, element: Element, attribute: str) -> int:
        value = element.get(attribute)
        try:
            return int(value)  # int() takes the whitespace around the digits, as strip() would
        except (TypeError, ValueError):
            shown = f"{value!r} is not a whole number" if value is not None else "is missing"
            raise self.fail(_("{element}: attribute {attribute} {shown}").format(element=_describe(element), attribute=attribute, shown=shown)) from None

    def project(self, root: Element) -> RefiProject:
        kind = local_name(root.tag)
        if _namespace(root.tag) not in ("", PROJECT_NAMESPACE, CODEBOOK_NAMESPACE):
            raise self.fail(_("root element is in namespace {namespace!r}, not a REFI-QDA namespace").format(namespace=_namespace(root.tag)))
        if kind == "CodeBook":
            return self.codebook(root)
        if kind != "Project":
            raise self.fail(_("root element is <{kind}>, not <Project> or <CodeBook>").format(kind=kind))
        unsupported: list[Unsupported] = []
        elsewhere: set[str] = set()
        users = tuple(
            RefiUser(self.guid(user), (user.get("name") or user.get("id") or "").strip())
            for users in _children(root, "Users") for user in _children(users, "User")
        )
        codebook = _child(root, "CodeBook")
        codes_element = _child(codebook, "Codes") if codebook is not None else None
        codes = self.codes(codes_element, elsewhere) if codes_element is not None else ()
        variables = tuple(
            RefiVariable(self.guid(variable), (variable.get("name") or "").strip(),
                         variable.get("typeOfVariable") or "Text")
            for group in _children(root, "Variables") for variable in _children(group, "Variable")
        )
        cases = tuple(self.case(case) for group in _children(root, "Cases") for case in _children(group, "Case"))
        sources: list[RefiTextSource] = []
        for group in _children(root, "Sources"):
            for source in group:
                name = local_name(source.tag)
                if name == "TextSource":
                    sources.append(self.text_source(source))
                elif name in _MEDIA_SOURCES:
                    what, reason = _MEDIA_SOURCES[name]
                    codings = sum(1 for element in source.iter() if local_name(element.tag) == "Coding")
                    unsupported.append(Unsupported(f"{what} source", source.get("name") or self.guid(source),
                                                   reason, codings))
        notes = tuple(self.note(note, unsupported) for group in _children(root, "Notes")
                      for note in _children(group, "Note"))
        for group_name, what in (("Links", "Link"), ("Sets", "Set"), ("Graphs", "Graph")):
            count = sum(len(_children(group, what)) for group in _children(root, group_name))
            if count:
                unsupported.append(Unsupported(what.lower() + "s", f"{count} {what.lower()}{'s' * (count > 1)}",
                                               f"qualcode has no {what.lower()}s"))
        for link in (link for group in _children(root, "Links") for link in _children(group, "Link")):
            elsewhere.update(self.note_refs(link))
        elsewhere.update(self.note_refs(root))
        return RefiProject(
            name=(root.get("name") or "").strip(), origin=(root.get("origin") or "").strip(),
            creating_user_guid=self.optional_guid(root, "creatingUserGUID"), users=users, codes=codes,
            variables=variables, cases=cases, text_sources=tuple(sources), notes=notes,
            unsupported=tuple(unsupported), note_refs_elsewhere=frozenset(elsewhere),
        )

    def codebook(self, root: Element) -> RefiProject:
        codes_element = _child(root, "Codes")
        if codes_element is None:
            raise self.fail(_("<CodeBook> has no <Codes>"))
        codes = self.codes(codes_element, set())
        unsupported = []
        sets = sum(len(_children(group, "Set")) for group in _children(root, "Sets"))
        if sets:
            unsupported.append(Unsupported("code sets", f"{sets} set{'s' * (sets > 1)}", "qualcode has no code sets"))
        return RefiProject(name="", origin=(root.get("origin") or "").strip(), creating_user_guid=None,
                           codes=codes, unsupported=tuple(unsupported), is_codebook=True)

    def codes(self, parent: Element, elsewhere: set[str], depth: int = 0) -> tuple[RefiCode, ...]:
        if depth > MAX_CODE_DEPTH:
            raise self.fail(_("codes are nested more than {max_code_depth} deep").format(max_code_depth=MAX_CODE_DEPTH))
        result = []
        for element in _children(parent, "Code"):
            name = " ".join((element.get("name") or "").split())
            if not name:
                raise self.fail(_("{element} has no name").format(element=_describe(element)))
            colour = (element.get("color") or "").strip()
            if _COLOUR.match(colour) and len(colour) == 4:
                colour = "#" + "".join(2 * digit for digit in colour[1:])
            elsewhere.update(self.note_refs(element))
            result.append(RefiCode(
                guid=self.guid(element), name=name,
                codable=(element.get("isCodable") or "true").strip().lower() not in ("false", "0"),
                colour=colour if _COLOUR.match(colour) else None,
                description=self.text_of(element, "Description"),
                children=self.codes(element, elsewhere, depth + 1),
            ))
        return tuple(result)

    def text_of(self, element: Element, name: str) -> str:
        child = _child(element, name)
        return (child.text or "").strip() if child is not None else ""

    def note_refs(self, element: Element) -> tuple[str, ...]:
        return tuple(self.guid(ref, "targetGUID") for ref in _children(element, "NoteRef"))

    def guids_of(self, refs: list[Element] | None) -> tuple[str, ...]:
        return tuple(self.guid(ref, "targetGUID") for ref in refs) if refs else ()

    def coding(self, element: Element) -> RefiCoding:
        code_ref, note_refs = None, []
        for child in element:  # a coding has a CodeRef and perhaps NoteRefs: no grouping needed
            name = local_name(child.tag)
            if name == "CodeRef":
                code_ref = child if code_ref is None else code_ref
            elif name == "NoteRef":
                note_refs.append(child)
        if code_ref is None:
            raise self.fail(_("{element} has no <CodeRef>").format(element=_describe(element)))
        get = element.get
        return RefiCoding(
            guid=self.guid(element), code_guid=self.guid(code_ref, "targetGUID"),
            user_guid=self.optional_guid(element, "creatingUser"), created=_datetime(get("creationDateTime")),
            note_guids=self.guids_of(note_refs),
        )

    def selection(self, element: Element) -> RefiSelection:
        get = element.get
        guid, name = self.guid(element), get("name") or ""
        start, end = self.integer(element, "startPosition"), self.integer(element, "endPosition")
        user_guid, created = self.optional_guid(element, "creatingUser"), _datetime(get("creationDateTime"))
        modified = _datetime(get("modifiedDateTime"))
        description, codings, note_refs = None, [], []
        for child in element:
            kind = local_name(child.tag)
            if kind == "Coding":
                codings.append(child)
            elif kind == "NoteRef":
                note_refs.append(child)
            elif kind == "Description" and description is None:
                description = (child.text or "").strip()
        return RefiSelection(
            guid=guid, name=name, start=start, end=end, user_guid=user_guid, created=created, modified=modified,
            description=description or "", codings=tuple(self.coding(coding) for coding in codings),
            note_guids=self.guids_of(note_refs),
        )

    def text_source(self, element: Element) -> RefiTextSource:
        content = _child(element, "PlainTextContent")
        return RefiTextSource(
            guid=self.guid(element), name=(element.get("name") or "").strip(),
            plain_text_path=element.get("plainTextPath"),
            plain_text_content=content.text or "" if content is not None else None,
            rich_text_path=element.get("richTextPath"),
            user_guid=self.optional_guid(element, "creatingUser"), created=_datetime(element.get("creationDateTime")),
            selections=tuple(self.selection(selection) for selection in _children(element, "PlainTextSelection")),
            codings=tuple(self.coding(coding) for coding in _children(element, "Coding")),
            note_guids=self.note_refs(element),
            values=tuple(self.variable_value(value) for value in _children(element, "VariableValue")),
        )

    def note(self, element: Element, unsupported: list[Unsupported]) -> RefiNote:
        content = _child(element, "PlainTextContent")
        coded = sum(1 for item in element.iter() if local_name(item.tag) == "Coding")
        if coded:
            unsupported.append(Unsupported("coded note", element.get("name") or self.guid(element),
                                           "qualcode does not code notes", coded))
        return RefiNote(
            guid=self.guid(element), name=(element.get("name") or "").strip(),
            text=content.text or "" if content is not None else None, plain_text_path=element.get("plainTextPath"),
            user_guid=self.optional_guid(element, "creatingUser"), created=_datetime(element.get("creationDateTime")),
        )

    def case(self, element: Element) -> RefiCase:
        return RefiCase(
            guid=self.guid(element), name=(element.get("name") or "").strip(),
            values=tuple(self.variable_value(value) for value in _children(element, "VariableValue")),
            source_guids=tuple(self.guid(ref, "targetGUID") for ref in _children(element, "SourceRef")),
            code_refs=len(_children(element, "CodeRef")), selection_refs=len(_children(element, "SelectionRef")),
        )

    def variable_value(self, element: Element) -> tuple[str, VariableValue]:
        ref = _child(element, "VariableRef")
        if ref is None:
            raise self.fail(_("a <VariableValue> has no <VariableRef>"))
        value_element = next((child for child in element if local_name(child.tag) != "VariableRef"), None)
        if value_element is None:
            return self.guid(ref, "targetGUID"), None
        return self.guid(ref, "targetGUID"), _typed_value(local_name(value_element.tag), value_element.text or "")


def _typed_value(kind: str, text: str) -> VariableValue:
    value = text.strip()
    try:
        match kind:
            case "BooleanValue":
                return value.lower() in ("true", "1")
            case "IntegerValue":
                return int(value)
            case "FloatValue":
                return float(value)
            case "DateValue":
                return date.fromisoformat(value)
    except ValueError:
        return value
    return text if kind == "TextValue" else value


@lru_cache(maxsize=4096)
def _datetime(value: str | None) -> datetime | None:
    """The time an attribute gives, None when it gives none it can read; tools stamp many codings with
    the same second, so each text is read once."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


_DECLARED_ENCODING = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]*)[\"']")
_ASCII_ENCODINGS = {b"utf-8", b"utf8", b"us-ascii", b"ascii"}


def _plainly_without_doctype(data: bytes) -> bool:
    """Whether ``data`` is XML in UTF-8 (or ASCII) whose bytes hold no ``<!DOCTYPE``: then it declares no entities.

    Any other encoding could spell the DOCTYPE in other bytes, so it is counted by expat first.
    """
    head = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if not head.startswith(b"<") or head[1:2] == b"\x00" or b"<!DOCTYPE" in data:
        return False
    declared = _DECLARED_ENCODING.match(head) if head.startswith(b"<?xml") else None
    return declared is None or declared.group(1).lower() in _ASCII_ENCODINGS


def parse_refi_xml(data: bytes, path: Path, entry: str) -> RefiProject:
    """Parse ``data`` (the bytes of ``entry`` in ``path``); RefiError names the file and the problem."""
    reader = _Reader(Path(path), entry)
    if _plainly_without_doctype(data):
        # No DTD, so no entity to expand and nothing external to read: the C parser builds the tree
        # while the counter counts it, in one pass.
        try:
            root = XmlCounter("the file").tree(data)
        except LimitError as error:
            raise reader.fail(str(error)) from None
        except ParseError:
            pass  # not well-formed: counted and explained below, as any other file
        else:
            return reader.project(root)
    counter = XmlCounter("the file", refuse_doctype=False)  # defusedxml refuses DTDs below, with its reasons
    try:
        counter.count([data])
    except LimitError as error:
        raise reader.fail(str(error)) from None
    except XmlSyntaxError:
        pass  # defusedxml says where and why, below
    else:
        if not counter.declares_doctype:
            # Well-formed and without a DTD, so there is no entity to expand and nothing external to
            # read: the C parser builds the same tree several times faster than defusedxml's Python one.
            return reader.project(ElementTree.fromstring(data))
    try:
        root = safe_etree.fromstring(data, forbid_dtd=True)
    except defusedxml.DTDForbidden:
        raise reader.fail(_("declares a DTD (<!DOCTYPE>), which could expand entities or read other files; refused, as REFI-QDA files have none")) from None
    except defusedxml.EntitiesForbidden:
        raise reader.fail(_("declares XML entities; refused (entity expansion)")) from None
    except defusedxml.ExternalReferenceForbidden:
        raise reader.fail(_("refers to external resources; refused")) from None
    except defusedxml.DefusedXmlException as error:
        raise reader.fail(_("unsafe XML refused: {error}").format(error=error)) from None
    except ParseError as error:
        line, column = error.position
        raise reader.fail(_("is not well-formed XML (line {line}, column {column}): {msg}").format(line=line, column=column + 1, msg=error.msg)) from None
    return reader.project(root)


def duplicate_guids(guids) -> list[str]:
    return [guid for guid, count in Counter(guids).items() if count > 1]
