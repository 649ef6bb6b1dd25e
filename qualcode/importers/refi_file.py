"""Read a .qdpx or .qdc and check it: the parsed project, qualcode's extension, and the texts it holds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qualcode.domain.language import _
from qualcode.export.refi_extension import EXTENSION_ENTRY
from qualcode.importers.refi_archive import QdpxArchive, is_zip, read_xml_file
from qualcode.importers.refi_errors import RefiError
from qualcode.importers.refi_extension import Extension, read_extension
from qualcode.importers.refi_model import RefiProject
from qualcode.importers.refi_text import decode_source
from qualcode.importers.refi_xml import duplicate_guids, parse_refi_xml
from qualcode.importers.resource_limits import (
    LimitError,
    check_paragraphs,
    check_regular_file,
    check_text_length,
    current_limits,
    using_limits,
)


@dataclass
class RefiFile:
    """A REFI-QDA file read and checked, before anything touches a project."""

    path: Path
    kind: str
    project: RefiProject
    extension: Extension | None
    texts: dict[str, bytes]
    """Text source or note GUID -> the bytes of its plain text, for those the archive holds."""


def missing_text_reason(reference: str | None, rich: str | None) -> str:
    if reference is None:
        return f"it has only rich text ({rich}); qualcode imports plain text" if rich else "it has no text"
    if not reference.casefold().startswith("internal://"):
        return f"its text file is outside the .qdpx ({reference})"
    return f"its text file {reference} is not in the .qdpx"


def read_refi_file(path: Path) -> RefiFile:
    """Open and check ``path`` (.qdpx or .qdc); RefiError says what is wrong and where."""
    path = Path(path)
    try:
        status = check_regular_file(path, what=".qdpx or .qdc file", limit="max_archive_mb")
    except LimitError as error:
        raise RefiError(path, str(error)) from None
    except FileNotFoundError:
        raise RefiError(path, _("file not found")) from None
    except OSError as error:
        raise RefiError(path, _("cannot read it: {value}").format(value=error.strerror or error)) from None
    if not is_zip(path):
        project = parse_refi_xml(read_xml_file(path), path, path.name)
        refi = RefiFile(path, "codebook" if project.is_codebook else "project", project, None, {})
        _load_texts(refi, None)
        return refi
    with using_limits(current_limits().for_archive(status.st_size)):
        archive = QdpxArchive.open(path)
        try:
            entry = archive.project_entry()
            project = parse_refi_xml(archive.read(entry), path, entry)
            extension_entry = archive.find(EXTENSION_ENTRY)
            extension = read_extension(archive.read(extension_entry), path) if extension_entry else None
            refi = RefiFile(path, "project", project, extension, {})
            _load_texts(refi, archive)
        finally:
            archive.close()
    return refi


def _load_texts(refi: RefiFile, archive: QdpxArchive | None) -> None:
    items = [(source.guid, source.plain_text_content, source.plain_text_path) for source in refi.project.text_sources]
    items += [(note.guid, note.text, note.plain_text_path) for note in refi.project.notes]
    for guid, inline, reference in items:
        if inline is not None:
            refi.texts[guid] = inline.encode("utf-8")
            continue
        entry = archive.source_entry(reference) if archive and reference else None
        if entry is not None:
            refi.texts[guid] = archive.read(entry)
    try:
        # Each line becomes a paragraph; a byte 0x0A is a line end in UTF-8 and in UTF-16.
        check_paragraphs(sum(data.count(b"\n") + 1 for data in refi.texts.values()), "its texts have")
    except LimitError as error:
        raise RefiError(refi.path, str(error)) from None
    limit = current_limits().max_text_chars
    for guid, data in refi.texts.items():
        # A text has at most as many characters as bytes: decode only those that may be too long.
        if len(data) > limit:
            try:
                check_text_length(len(decode_source(data)), f"the text of {guid}")
            except LimitError as error:
                raise RefiError(refi.path, str(error)) from None
            except UnicodeDecodeError:
                pass  # refused with its reason when the text is aligned


def check_references(refi: RefiFile) -> None:
    """Refuse duplicate GUIDs and references to codes or variables the file does not define."""
    project, path = refi.project, refi.path
    code_guids = [code.guid for code, _ in project.all_codes()]
    for what, guids in (("codes", code_guids), ("text sources", [s.guid for s in project.text_sources])):
        duplicates = duplicate_guids(guids)
        if duplicates:
            raise RefiError(path, _("two {what} share the GUID {duplicates}").format(what=what, duplicates=duplicates[0]))
    known_codes = set(code_guids)
    for source in project.text_sources:
        codings = [*source.codings, *(coding for selection in source.selections for coding in selection.codings)]
        for coding in codings:
            if coding.code_guid not in known_codes:
                raise RefiError(path, _("coding {guid} in source {name!r} refers to code {code_guid}, which the file does not define").format(guid=coding.guid, name=source.name, code_guid=coding.code_guid))
    variables = {variable.guid for variable in project.variables}
    for owner, values in [*((case.name, case.values) for case in project.cases),
                          *((source.name, source.values) for source in project.text_sources)]:
        for guid, _value in values:
            if guid not in variables:
                raise RefiError(path, _("{owner!r} has a value for variable {guid}, which the file does not define").format(owner=owner, guid=guid))
