"""Imports are untrusted: unsafe archives and XML, zip bombs and misplaced selections are refused, changing nothing."""

from __future__ import annotations

import zipfile

import pytest

from qualcode.importers.refi_errors import RefiError
from qualcode.importers.refi_import import import_refi
from qualcode.importers.resource_limits import ResourceLimits, using_limits
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.codings import list_codings
from qualcode.storage.documents import get_document
from tests.project_factory import small_project
from tests.refi.projects import project_state

USER = "0f77948d-768a-4665-b7c3-fb9aaa3cdf08"
CODE = "2b5e8f6b-d3a0-412e-9ca8-418531b012f7"
TEXT = "Eerste regel 😀 met emoji.\nTweede regel: vertrouwen."


def project_xml(selections=((16, 25),), code_ref=CODE, text_path="internal://doc.txt", doctype="") -> bytes:
    rows = "".join(
        f'<PlainTextSelection guid="00000000-0000-0000-0000-{index:012d}" startPosition="{start}" '
        f'endPosition="{end}" creatingUser="{USER}"><Coding guid="10000000-0000-0000-0000-{index:012d}" '
        f'creatingUser="{USER}"><CodeRef targetGUID="{code_ref}"/></Coding></PlainTextSelection>'
        for index, (start, end) in enumerate(selections)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?>{doctype}<Project xmlns="urn:QDA-XML:project:1.0" name="t">'
            f'<Users><User guid="{USER}" name="eva"/></Users>'
            f'<CodeBook><Codes><Code guid="{CODE}" name="Vertrouwen" isCodable="true"/></Codes></CodeBook>'
            f'<Sources><TextSource guid="20000000-0000-0000-0000-000000000000" name="doc" '
            f'plainTextPath="{text_path}">{rows}</TextSource></Sources></Project>').encode()


def make_qdpx(path, entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return path


@pytest.fixture
def store(tmp_path):
    return small_project(tmp_path / "project")


def refused(store, path, match: str, **options) -> RefiError:
    before = project_state(store)
    with pytest.raises(RefiError, match=match) as caught:
        import_refi(store, path, **options)
    assert project_state(store) == before
    assert str(path) in str(caught.value)
    return caught.value


def test_a_well_formed_file_imports(tmp_path, store):
    path = make_qdpx(tmp_path / "ok.qdpx", {"project.qde": project_xml(), "sources/doc.txt": TEXT.encode()})
    result = import_refi(store, path)
    coding = next(c for c in list_codings(store) if c.document_id != 1)
    assert get_document(store, coding.document_id).text[coding.start:coding.end] == "met emoji"
    assert result.codings_added == 1


@pytest.mark.parametrize("entry, reason", [
    ("../evil.txt", "points outside the archive"),
    ("sources/../../evil.txt", "points outside the archive"),
    ("/etc/passwd", "is an absolute path"),
    ("C:\\Windows\\evil.txt", "is an absolute path"),
    ("sources\\..\\..\\evil.txt", "points outside the archive"),
])
def test_entries_that_escape_the_archive_are_refused(tmp_path, store, entry, reason):
    path = make_qdpx(tmp_path / "evil.qdpx", {"project.qde": project_xml(), "sources/doc.txt": TEXT.encode(),
                                               entry: b"x"})
    refused(store, path, reason)


def test_a_zip_bomb_is_refused_by_its_compression_ratio(tmp_path, store):
    bomb = project_xml().replace(b"</Project>", b" " * (3 * 1024 * 1024) + b"</Project>")
    path = make_qdpx(tmp_path / "bomb.qdpx", {"project.qde": bomb, "sources/doc.txt": TEXT.encode()})
    assert zipfile.ZipFile(path).getinfo("project.qde").compress_size * 100 < len(bomb)
    refused(store, path, "zip bomb")


def test_unpacked_size_and_entry_count_are_capped(tmp_path, store):
    text = TEXT.encode() * 20_000
    path = make_qdpx(tmp_path / "big.qdpx", {"project.qde": project_xml(), "sources/doc.txt": text})
    with using_limits(ResourceLimits(max_unpacked_mb=1)):
        refused(store, path, r"entry 'sources/doc.txt' refused: unpacks to 1.1 MB, over the limit of 1 MB "
                             r"\(raise it with --max-unpacked-mb\)")
    with using_limits(ResourceLimits(max_members=1)):
        refused(store, path, r"has 2 members, over the limit of 1 \(raise it with QUALCODE_MAX_MEMBERS\)")


BILLION_LAUGHS = ('<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                  '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>')
EXTERNAL_ENTITY = '<!DOCTYPE Project [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("doctype", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_entities_and_external_references_are_refused(tmp_path, store, doctype):
    xml = project_xml(doctype=doctype).replace(b'name="t"', b'name="&d;"' if "ENTITY a" in doctype
                                               else b'name="&secret;"')
    path = make_qdpx(tmp_path / "entities.qdpx", {"project.qde": xml, "sources/doc.txt": TEXT.encode()})
    refused(store, path, r"project.qde: declares a DTD")
    qdc = tmp_path / "entities.qdc"
    qdc.write_text(f'<?xml version="1.0"?>{doctype}<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                   f'<Code guid="{CODE}" name="x" isCodable="true"/></Codes></CodeBook>')
    refused(store, qdc, "declares a DTD")


def test_malformed_xml_names_the_line(tmp_path, store):
    broken = project_xml().replace(b"</Sources>", b"</Source>")
    path = make_qdpx(tmp_path / "broken.qdpx", {"project.qde": broken, "sources/doc.txt": TEXT.encode()})
    refused(store, path, r"project.qde: is not well-formed XML \(line 1, column \d+\): mismatched tag")
    qdc = tmp_path / "broken.qdc"
    qdc.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n<Codes>\n<Code name="x"></Codes>')
    refused(store, qdc, r"broken.qdc: is not well-formed XML \(line 3")


@pytest.mark.parametrize("content, match", [
    (b"just some text", "not well-formed XML"),
    (b'<Project xmlns="urn:example:other" name="x"/>', "not a REFI-QDA namespace"),
    (b'<Workbook xmlns="urn:QDA-XML:project:1.0"/>', "root element is <Workbook>"),
])
def test_files_that_are_not_refi_qda_are_refused(tmp_path, store, content, match):
    path = tmp_path / "not-refi.qdc"
    path.write_bytes(content)
    refused(store, path, match)


def test_an_archive_without_project_qde_is_refused(tmp_path, store):
    path = make_qdpx(tmp_path / "empty.qdpx", {"sources/doc.txt": TEXT.encode()})
    refused(store, path, "has no project.qde")


@pytest.mark.parametrize("selections, reason", [
    (((16, 25), (40, 900)), "position 900 is past the end of the text"),
    (((16, 25), (30, 20)), "positions 30-20 do not make a span"),
])
def test_selections_that_do_not_fit_their_text_are_refused(tmp_path, store, selections, reason):
    path = make_qdpx(tmp_path / "misfit.qdpx", {"project.qde": project_xml(selections),
                                                 "sources/doc.txt": TEXT.encode()})
    error = refused(store, path, "1 selection\\(s\\) do not fit the text of their source")
    assert reason in str(error) and "--skip-unfitting" in str(error)
    result = import_refi(store, path, skip_unfitting=True)
    assert result.codings_added == 1
    assert [(item.source, item.start, item.end) for item in result.refused] == [("doc", *selections[1])]
    assert reason in result.refused[0].reason


def test_a_utf16_position_inside_an_emoji_is_refused_not_moved(tmp_path, store):
    # Positions in UTF-16 units (an emoji is two); the last selection ends between an emoji's two
    # halves, which is no character boundary in that counting.
    text = "Vertrouwen 😀😀😀 met emoji, 😀 vertrouwen 😀 weer 😀😀 en nog eens."
    def units(part: str) -> int:
        return len(part.encode("utf-16-le")) // 2

    good = [(units(text[:text.index(quote)]), units(text[:text.index(quote) + len(quote)]))
            for quote in ("met emoji", "vertrouwen 😀 weer", "nog eens")]
    half = units(text[:text.index("😀 weer")]) + 1
    path = make_qdpx(tmp_path / "half.qdpx", {"project.qde": project_xml((*good, (good[0][0], half))),
                                               "sources/doc.txt": text.encode()})
    error = refused(store, path, "do not fit")
    assert "falls inside a character" in str(error)
    result = import_refi(store, path, skip_unfitting=True)
    document = get_document(store, "doc")
    spans = [document.text[c.start:c.end] for c in list_codings(store) if c.document_id == document.id]
    assert sorted(spans) == ["met emoji", "nog eens", "vertrouwen 😀 weer"]
    assert result.countings[0].counting == "UTF-16 code units"


def test_a_text_that_is_not_utf8_is_refused(tmp_path, store):
    path = make_qdpx(tmp_path / "latin1.qdpx", {"project.qde": project_xml(),
                                                 "sources/doc.txt": "café vertrouwen".encode("latin-1")})
    refused(store, path, "text source 'doc': its text is not UTF-8")


def test_a_coding_of_an_undefined_code_is_refused(tmp_path, store):
    path = make_qdpx(tmp_path / "dangling.qdpx", {
        "project.qde": project_xml(code_ref="99999999-0000-0000-0000-000000000000"),
        "sources/doc.txt": TEXT.encode()})
    refused(store, path, "refers to code 99999999-0000-0000-0000-000000000000, which the file does not define")


def test_a_broken_qualcode_extension_is_refused(tmp_path, store):
    path = make_qdpx(tmp_path / "ext.qdpx", {"project.qde": project_xml(), "sources/doc.txt": TEXT.encode(),
                                              "qualcode.json": b'{"format": "qualcode-refi-extension", "version": 1,'
                                                               b' "codes": {"x": {"key": "../Etc"}}}'})
    refused(store, path, "qualcode.json: code x has key '../Etc', which is not a qualcode key")


def test_a_dry_run_reports_and_changes_nothing(tmp_path, store):
    path = make_qdpx(tmp_path / "ok.qdpx", {"project.qde": project_xml(), "sources/doc.txt": TEXT.encode()})
    before = project_state(store)
    result = import_refi(store, path, dry_run=True)
    assert result.dry_run and result.codings_added == 1 and result.documents_added == ("doc",)
    assert project_state(store) == before


def test_capitalised_stored_sources_with_bom_and_crlf(tmp_path, store):
    raw = "\ufeffI: Vraag één?\r\nR: Antwoord met vertrouwen.\r\n"
    stored = "I: Vraag één?\nR: Antwoord met vertrouwen."
    start = raw.index("vertrouwen") - 1  # code points after the BOM, CRLF counted as two
    xml = project_xml(((start, start + len("vertrouwen")),), text_path="internal://DOC.txt")
    path = make_qdpx(tmp_path / "stored.qdpx", {"project.qde": xml, "Sources/DOC.txt": raw.encode("utf-8"),
                                                 "Sources/.root": b""}, compression=zipfile.ZIP_STORED)
    result = import_refi(store, path)
    document = get_document(store, "doc")
    coding = next(c for c in list_codings(store) if c.document_id == document.id)
    assert document.text == stored
    assert document.text[coding.start:coding.end] == "vertrouwen"
    assert result.countings[0].counting == "code points, BOM skipped, CRLF as two"
    assert [code.key for code in load_codebook(store).codes][-1] == "stored/vertrouwen"

