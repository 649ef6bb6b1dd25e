"""Export a project to .qdpx and import it into an empty project: everything comes back the same."""

from __future__ import annotations

import zipfile

import pytest

from qualcode.export.refi_files import write_qdpx
from qualcode.importers.refi_import import import_refi
from qualcode.storage.project_merge import CoderClashError
from qualcode.storage.project_store import init_project
from tests.refi.projects import project_state, rich_project


@pytest.fixture
def exported(tmp_path):
    store = rich_project(tmp_path / "origineel")
    path = tmp_path / "export.qdpx"
    write_qdpx(store, path)
    return store, path


def test_everything_survives_export_and_import(tmp_path, exported):
    original, path = exported
    copy = init_project(tmp_path / "kopie")
    result = import_refi(copy, path)
    before, after = project_state(original), project_state(copy)
    assert after["documents"] == before["documents"]
    assert after["groups"] == before["groups"]
    assert after["codes"] == before["codes"]
    assert after["coders"] == before["coders"] == {"anna", "Bram de Vries"}
    assert after["codings"] == before["codings"]
    assert len(after["codings"]) == 8
    assert after["cases"] == before["cases"]
    assert after["memos"] == before["memos"]
    assert result.refused == () and result.not_imported == ()
    assert all(counting.counting == "code points" and counting.fitting == counting.selections
               for counting in result.countings)


def test_memos_and_emoji_spans_are_the_texts_they_were(tmp_path, exported):
    _, path = exported
    copy = init_project(tmp_path / "kopie")
    import_refi(copy, path)
    state = project_state(copy)
    texts = {name: text for name, (text, _) in state["documents"].items()}
    quoted = {texts[document][start:end] for document, _, _, start, end, _ in state["codings"]}
    assert {"😬 wantrouwig", "👩‍⚕️ cardioloog", "geld 💶💶, honoraria", "24/7 dienst.\n\nR: En het vertrouwen",
            "café na café"} <= quoted
    assert ("regel 1\nregel 2 met <xml> & \"quotes\"") in {memo for *_, memo in state["codings"]}


def test_importing_the_same_file_again_adds_nothing(tmp_path, exported):
    _, path = exported
    copy = init_project(tmp_path / "kopie")
    import_refi(copy, path)
    once = project_state(copy)
    with pytest.raises(CoderClashError, match="anna"):
        import_refi(copy, path)
    again = import_refi(copy, path, coder_names={"anna": "anna", "Bram de Vries": "Bram de Vries"})
    assert again.codings_added == 0 and again.codings_already_present == 8
    assert again.memos_added == 0 and again.codes_added == () and again.documents_added == ()
    assert set(again.documents_matched) == {"interview-01 😀", "interview-02"}
    assert project_state(copy) == once


def test_a_second_export_is_byte_for_byte_the_first(tmp_path, exported):
    original, path = exported
    second = tmp_path / "tweede.qdpx"
    write_qdpx(original, second)
    assert second.read_bytes() == path.read_bytes()


def test_guids_differ_between_projects(tmp_path, exported):
    _, path = exported
    other = rich_project(tmp_path / "ander")
    write_qdpx(other, tmp_path / "ander.qdpx")

    def guids(archive_path):
        with zipfile.ZipFile(archive_path) as archive:
            return {name for name in archive.namelist() if name.startswith("sources/")}

    assert guids(path).isdisjoint(guids(tmp_path / "ander.qdpx"))
