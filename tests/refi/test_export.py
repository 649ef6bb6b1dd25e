"""The .qdpx and .qdc qualcode writes: valid against the REFI-QDA schemas, positions in code points, atomic."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree

import pytest

from qualcode.export import refi_files
from qualcode.export.atomic_files import ExportError
from qualcode.export.refi_codebook import EmptyCodebookError
from qualcode.export.refi_files import write_qdc, write_qdpx
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.codings import list_codings
from qualcode.storage.project_store import init_project
from tests.refi.projects import EMOJI_TEXT, rich_project

NS = {"q": "urn:QDA-XML:project:1.0", "c": "urn:QDA-XML:codebook:1.0"}


@pytest.fixture
def store(tmp_path):
    return rich_project(tmp_path / "project")


def test_qdpx_is_valid_against_project_xsd(tmp_path, store, project_schema):
    path = tmp_path / "p.qdpx"
    summary = write_qdpx(store, path)
    with zipfile.ZipFile(path) as archive:
        project_qde = archive.read("project.qde")
        names = archive.namelist()
    project_schema.validate(project_qde.decode("utf-8"))
    assert (summary.documents, summary.codings, summary.coders, summary.memos, summary.cases) == (2, 8, 2, 2, 2)
    assert sum(name.startswith("sources/") and name.endswith(".txt") for name in names) == 2
    root = ElementTree.fromstring(project_qde)
    assert [user.get("name") for user in root.iterfind("q:Users/q:User", NS)] == ["Bram de Vries", "anna"]
    assert len(root.findall(".//q:PlainTextSelection/q:Coding", NS)) == 8
    notes = [note.text for note in root.iterfind("q:Notes/q:Note/q:PlainTextContent", NS)]
    assert notes == ["Later navragen 🤔", "Memo zonder auteur"]
    kinds = {v.get("name"): v.get("typeOfVariable") for v in root.iterfind("q:Variables/q:Variable", NS)}
    assert kinds == {"specialisme": "Text", "jaren": "Integer", "score": "Float", "maatschap": "Boolean",
                     "gesprek": "Date", "opmerking": "Text"}


def test_code_hierarchy_descriptions_and_colours(tmp_path, store, project_schema):
    path = tmp_path / "p.qdpx"
    write_qdpx(store, path)
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("project.qde"))
    groups = root.findall("q:CodeBook/q:Codes/q:Code", NS)
    assert [(g.get("name"), g.get("isCodable"), g.get("color")) for g in groups] == [
        ("Belemmerende factoren", "false", "#b03a2e"), ("Bevorderende factoren", "false", None)]
    inkopen = groups[0].find("q:Code[@name='Gedoe over geld (💶)']/q:Code[@name='Honoraria']/q:Code", NS)
    assert inkopen.get("name") == "Inkopen" and inkopen.get("isCodable") == "true"
    honoraria = groups[0].find(".//q:Code[@name='Honoraria']/q:Description", NS)
    assert honoraria.text == "Verdeling van honoraria.\nOok: goodwill."


def test_positions_are_code_points_into_the_exported_text(tmp_path, store):
    path = tmp_path / "p.qdpx"
    write_qdpx(store, path)
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("project.qde"))
        texts = {}
        for source in root.iterfind("q:Sources/q:TextSource", NS):
            entry = "sources/" + source.get("plainTextPath").removeprefix("internal://")
            texts[source.get("name")] = (source, archive.read(entry).decode("utf-8"))
    source, text = texts["interview-01 😀"]
    assert text == EMOJI_TEXT
    selected = {}
    for selection in source.iterfind("q:PlainTextSelection", NS):
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        selected[text[start:end]] = (start, end)
    assert "👩‍⚕️ cardioloog" in selected and "geld 💶💶, honoraria" in selected
    start, end = selected["geld 💶💶, honoraria"]
    # The same span counted in UTF-16 units lies elsewhere: the test would notice the wrong counting.
    utf16_start = len(text[:start].encode("utf-16-le")) // 2
    assert utf16_start != start and utf16_start - start == sum(ord(c) > 0xFFFF for c in text[:start])
    ours = {(c.start, c.end) for c in list_codings(store) if c.document_id == 1}
    assert set(selected.values()) == ours | {(EMOJI_TEXT.index("De 👩"), EMOJI_TEXT.index("zien.") + 5)}


def test_qdc_is_valid_against_codebook_xsd(tmp_path, store, codebook_schema):
    path = tmp_path / "codes.qdc"
    assert write_qdc(store, path) == 2 + 5
    codebook_schema.validate(path.read_text(encoding="utf-8"))
    root = ElementTree.fromstring(path.read_bytes())
    names = [code.get("name") for code in root.iter(f"{{{NS['c']}}}Code")]
    assert names == ["Belemmerende factoren", "Gebrek aan vertrouwen", "Gedoe over geld (💶)", "Honoraria", "Inkopen",
                     "Bevorderende factoren", "Noodzaak"]
    assert len(load_codebook(store).codes) == 5


def test_an_empty_codebook_gives_no_qdc(tmp_path):
    store = init_project(tmp_path / "leeg")
    with pytest.raises(EmptyCodebookError):
        write_qdc(store, tmp_path / "leeg.qdc")
    assert not (tmp_path / "leeg.qdc").exists()


def test_an_empty_project_still_exports_a_valid_qdpx(tmp_path, project_schema):
    store = init_project(tmp_path / "leeg")
    write_qdpx(store, tmp_path / "leeg.qdpx")
    with zipfile.ZipFile(tmp_path / "leeg.qdpx") as archive:
        project_schema.validate(archive.read("project.qde").decode("utf-8"))


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, store, monkeypatch):
    path = tmp_path / "p.qdpx"
    path.write_bytes(b"old export")

    def broken(handle, entries):
        handle.write(b"half a zip")
        raise OSError("disk full")

    monkeypatch.setattr(refi_files, "_write_zip", broken)
    with pytest.raises(ExportError, match=f"cannot write {path}: disk full"):
        write_qdpx(store, path)
    assert path.read_bytes() == b"old export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.qdpx", "project"]
