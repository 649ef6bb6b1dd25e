"""Turn times in a .qdpx: a plain-text source has no place for them in REFI-QDA, so each selection's name
starts with the time of the turn it covers; the file stays valid against Project.xsd, the text and the
positions are untouched, and reading it back (as QualCoder and qualcode do, by position) loses nothing."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from xml.etree import ElementTree

from qualcode.importers.refi_import import import_refi
from qualcode.export.refi_files import write_qdpx
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.codings import list_codings
from qualcode.storage.memos import set_segment_memo
from qualcode.storage.project_store import init_project
from tests.project_factory import SMALL_CODEBOOK, add_document, parsed_interview

NS = {"q": "urn:QDA-XML:project:1.0"}
TURNS = [("I", "Hoe begon het?"), ("R", "Met een brief.\nDaarna het overleg."), ("I", "En toen?")]


def timed_project(folder):
    store = init_project(folder)
    apply_codebook_spec(store, SMALL_CODEBOOK)
    parsed = parsed_interview(TURNS)
    timed = replace(parsed, turns=tuple(replace(turn, start_time=time)
                                        for turn, time in zip(parsed.turns, (1.0, 9.0, 3723.0), strict=True)))
    add_document(store, "getimed", timed)
    add_document(store, "zonder", parsed_interview([("I", "Waarom?"), ("R", "Daarom.")]))
    eva = ensure_coder(store, "eva").id
    code = load_codebook(store).codes[0].id
    for document, text, phrase in ((1, timed.text, "Daarna het overleg"), (1, timed.text, "R: Met een"),
                                   (2, "I: Waarom?\nR: Daarom.\n", "Daarom")):
        start = text.index(phrase)
        apply_code(store, coder_id=eva, document_id=document, code_id=code, start=start, end=start + len(phrase))
    start = timed.text.index("En toen?")
    set_segment_memo(store, coder_id=eva, document_id=1, start=start, end=start + 8, text="Doorvragen")
    return store, timed.text


def test_selection_names_carry_the_turn_time_and_the_file_stays_valid(tmp_path, project_schema):
    store, text = timed_project(tmp_path / "project")
    path = tmp_path / "p.qdpx"
    write_qdpx(store, path)
    with zipfile.ZipFile(path) as archive:
        project_qde = archive.read("project.qde").decode("utf-8")
        root = ElementTree.fromstring(project_qde)
        sources = {source.get("name"): (source, archive.read(
            "sources/" + source.get("plainTextPath").removeprefix("internal://")).decode("utf-8"))
            for source in root.iterfind("q:Sources/q:TextSource", NS)}
    project_schema.validate(project_qde)
    source, exported = sources["getimed"]
    assert exported == text
    names = sorted((selection.get("name"), exported[int(selection.get("startPosition")):
                                                    int(selection.get("endPosition"))])
                   for selection in source.iterfind("q:PlainTextSelection", NS))
    assert names == [("[00:00:09] Daarna het overleg", "Daarna het overleg"),
                     ("[00:00:09] R: Met een", "R: Met een"),
                     ("[01:02:03] En toen?", "En toen?")]
    assert [selection.get("name") for selection in sources["zonder"][0].iterfind("q:PlainTextSelection", NS)] == [
        "Daarom"]

    copy = init_project(tmp_path / "copy")
    import_refi(copy, path)
    assert sorted((c.start, c.end) for c in list_codings(copy)) == sorted((c.start, c.end) for c in list_codings(store))
