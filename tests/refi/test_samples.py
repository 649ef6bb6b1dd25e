"""Real exports from NVivo, MAXQDA, ATLAS.ti and Taguette (../shared/refi-qda/samples) import as their README says."""

from __future__ import annotations

import zipfile
from collections import Counter
from xml.etree import ElementTree

import pytest

from qualcode.importers.refi_import import import_refi
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import list_coders
from qualcode.storage.codings import list_codings
from qualcode.storage.documents import get_document, list_documents
from qualcode.storage.project_store import init_project

Q = "{urn:QDA-XML:project:1.0}"
NVIVO_WINDOWS = "nvivo12-win_oltas0517.qdpx"
NVIVO_MAC = "nvivo12-mac_oltas.qdpx"


@pytest.fixture
def imported(tmp_path, sample):
    """``imported(name)`` -> (store, result) of importing that sample into a new project."""
    def run(name, **options):
        store = init_project(tmp_path / name.replace(".", "-"))
        return store, import_refi(store, sample(name), **options)
    return run


def _flat(text: str) -> str:
    return " ".join(text.split())


def _imported_selections(store) -> Counter:
    """(code name, selected text with whitespace collapsed) for every imported coding."""
    codes = {code.id: code.name for code in load_codebook(store).codes}
    texts = {}
    found = Counter()
    for coding in list_codings(store):
        if coding.document_id not in texts:
            texts[coding.document_id] = get_document(store, coding.document_id).text
        found[codes[coding.code_id], _flat(texts[coding.document_id][coding.start:coding.end])] += 1
    return found


def _nvivo_meant(path) -> Counter:
    """What NVivo selected, worked out independently of qualcode's importer.

    NVivo counts UTF-16 code units in the plain-text file after its BOM, with CRLF as two units:
    so slice the file's UTF-16 encoding at twice each position.
    """
    meant = Counter()
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("project.qde"))
        codes = {code.get("guid"): code.get("name") for code in root.iter(f"{Q}Code")}
        entries = {name.lower(): name for name in archive.namelist()}
        for source in root.iter(f"{Q}TextSource"):
            entry = entries["sources/" + source.get("plainTextPath").removeprefix("internal://").lower()]
            units = archive.read(entry).decode("utf-8-sig").encode("utf-16-le")
            for selection in source.iter(f"{Q}PlainTextSelection"):
                start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
                text = _flat(units[2 * start:2 * end].decode("utf-16-le"))
                for coding in selection.iter(f"{Q}CodeRef"):
                    meant[codes[coding.get("targetGUID")], text] += 1
    return meant


@pytest.mark.parametrize("name, selections, counting", [
    (NVIVO_WINDOWS, 303, "UTF-16 code units, BOM skipped, CRLF as two"),
    (NVIVO_MAC, 297, "UTF-16 code units"),
])
def test_nvivo_selections_land_where_nvivo_meant(imported, sample, name, selections, counting):
    store, result = imported(name)
    assert len(result.documents_added) == 2
    assert result.codings_added == selections and result.refused == ()
    # 152 codes: the top-level "Attituderoots" cannot be coded, so it became a group beside the file's group.
    assert len(result.codes_added) + len(result.groups_added) - 1 == 152
    assert {coder.name for coder in list_coders(store)} == {"Gergo", "floriansipos"}
    coded = next(c for c in result.countings if c.selections)
    assert (coded.counting, coded.fitting) == (counting, selections)
    assert coded.on_word_boundaries >= 0.95 * selections
    assert coded.runner_up_on_word_boundaries < 0.75 * selections
    meant = _nvivo_meant(sample(name))
    assert sum(meant.values()) == selections
    assert _imported_selections(store) == meant


def test_both_nvivo_exports_of_one_project_agree(imported):
    windows, _ = imported(NVIVO_WINDOWS)
    mac, _ = imported(NVIVO_MAC)
    def texts(store):
        return {get_document(store, document.id).text for document in list_documents(store)}

    assert texts(windows) == texts(mac)
    on_mac, on_windows = _imported_selections(mac), _imported_selections(windows)
    assert on_mac & on_windows == on_mac
    assert sum(on_mac.values()) == 297


def test_nvivo_mac_into_the_windows_project_finds_the_same_documents(imported, sample):
    store, _ = imported(NVIVO_WINDOWS, group_name="oltas")
    again = import_refi(store, sample(NVIVO_MAC), group_name="oltas",
                        coder_names={"Gergo": "Gergo", "floriansipos": "floriansipos"})
    assert again.documents_added == () and len(again.documents_matched) == 2
    assert again.codes_added == () and again.codes_matched == 151


def test_maxqda_codes_keep_colours_and_descriptions(imported):
    store, result = imported("maxqda24_themes.qdpx")
    codebook = load_codebook(store)
    assert len(result.documents_added) == 10 and result.codings_added == 0
    assert len(codebook.codes) == 307
    assert all(code.colour and code.description for code in codebook.codes)
    assert sum(code.parent_id is None for code in codebook.codes) == 18
    assert [item.name for item in result.not_imported] == ["2 sets"]
    assert codebook.code_by_key("maxqda24-themes/additional-themes-and-ideas/theme-affordances").colour == "#ef8256"


def test_nvivo_codebook_and_its_empty_sources(imported):
    store, result = imported("nvivo15-mac_codebook.qdpx")
    assert len(load_codebook(store).codes) == 262
    assert result.documents_added == ()
    assert [(item.kind, item.reason) for item in result.not_imported] == [("text source", "its text is empty")] * 2


def test_atlas_users_and_nested_codes(imported):
    store, _ = imported("atlasti23_codes.qdpx")
    assert {coder.name for coder in list_coders(store)} == {"Enric Llagostera", "ATLAS.ti"}
    keys = sorted(code.key for code in load_codebook(store).codes)
    assert keys == ["atlasti23-codes/commits", "atlasti23-codes/commits/2022-02-11t10-39-25z-cdbfd92",
                    "atlasti23-codes/commits/2022-05-10t02-05-59z-19e4dce"]


def test_spec_example_reports_what_qualcode_cannot_hold(imported):
    store, result = imported("spec-example_atlasti8.qdpx")
    assert len(load_codebook(store).codes) == 14 and len(list_coders(store)) == 3
    kinds = Counter(item.kind for item in result.not_imported)
    assert kinds == {"text source": 6, "PDF source": 2, "video source": 2, "picture source": 1,
                     "audio source": 1, "links": 1, "sets": 1, "graphs": 1, "note": 2}
    lost_codings = {item.name: item.codings for item in result.not_imported if item.codings}
    assert lost_codings["cornflakes-n-milk.jpg"] == 2 and lost_codings["Mabel.txt"] == 3
    assert all("not in the .qdpx" in item.reason for item in result.not_imported if item.kind == "text source")


def test_taguette_codebook_imports_although_the_xsd_rejects_it(imported, sample, codebook_schema):
    assert not codebook_schema.is_valid(str(sample("taguette141_codebook.qdc")))
    store, result = imported("taguette141_codebook.qdc")
    assert result.kind == "codebook"
    assert [(c.key, c.name) for c in load_codebook(store).codes] == [
        ("taguette141-codebook/xsd-element-name", "xsd:element name"),
        ("taguette141-codebook/codebook", "CodeBook"), ("taguette141-codebook/variables", "Variables")]
