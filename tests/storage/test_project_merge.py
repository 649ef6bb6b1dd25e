"""Merging a second coder's project: matched by text and code id, never dropping, never conflating coders."""

import pytest

from qualcode.storage.coders import ensure_coder, list_coders
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.codings import NewCoding, add_coding, list_codings
from qualcode.storage.documents import get_document, list_documents
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_merge import CoderClashError, merge_project
from tests.project_factory import add_document, parsed_interview, small_project


def _code(store, key):
    return load_codebook(store).code_by_key(key).id


def _two_projects(tmp_path):
    mine = small_project(tmp_path / "mine")
    theirs = small_project(tmp_path / "theirs")
    eva = ensure_coder(mine, "eva")
    daan = ensure_coder(theirs, "daan")
    add_coding(mine, NewCoding(1, _code(mine, "bevorderend/noodzaak"), eva.id, 0, 5))
    add_coding(theirs, NewCoding(1, _code(theirs, "belemmerend/gebrek-aan-vertrouwen"), daan.id, 40, 60, memo="m"))
    return mine, theirs


def test_codings_come_in_on_the_matching_document(tmp_path):
    mine, theirs = _two_projects(tmp_path)
    report = merge_project(mine, tmp_path / "theirs")
    assert report.documents_matched == ["interview"] and report.documents_added == []
    assert report.coders == {"daan": "daan"} and report.codings_added == 1
    daan = next(c for c in list_coders(mine) if c.name == "daan")
    [coding] = list_codings(mine, coder_id=daan.id)
    assert (coding.start, coding.end, coding.memo, coding.origin) == (40, 60, "m", "merge")
    assert coding.code_id == _code(mine, "belemmerend/gebrek-aan-vertrouwen")
    with pytest.raises(CoderClashError):
        merge_project(mine, tmp_path / "theirs")
    again = merge_project(mine, tmp_path / "theirs", {"daan": "daan"})
    assert (again.codings_added, again.codings_already_present) == (0, 1)


def test_a_coder_name_in_both_projects_must_be_resolved(tmp_path):
    mine, theirs = _two_projects(tmp_path)
    eva_there = ensure_coder(theirs, "eva")
    add_coding(theirs, NewCoding(1, _code(theirs, "bevorderend/noodzaak"), eva_there.id, 0, 5))
    with pytest.raises(CoderClashError, match="eva"):
        merge_project(mine, tmp_path / "theirs")
    assert len(list_codings(mine)) == 1
    report = merge_project(mine, tmp_path / "theirs", {"eva": "eva-thuis"})
    assert report.coders == {"daan": "daan", "eva": "eva-thuis"}
    assert {c.name for c in list_coders(mine)} == {"eva", "daan", "eva-thuis"}
    assert len(list_codings(mine)) == 3


def test_unmatched_documents_and_codes_are_copied_not_dropped(tmp_path):
    mine, theirs = _two_projects(tmp_path)
    other_id = add_document(theirs, "extra", parsed_interview([("I", "Vraag?"), ("R", "Antwoord over geld.")]))
    from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
    from qualcode.storage.codebook_store import apply_codebook_spec
    from tests.project_factory import SMALL_CODEBOOK

    apply_codebook_spec(theirs, CodebookSpec(title="T", groups=SMALL_CODEBOOK.groups + (
        GroupSpec(key="krachtenveld", name="Krachtenveld", codes=(CodeSpec(key="krachtenveld/toezicht", name="Toezicht"),)),)))
    daan = ensure_coder(theirs, "daan")
    add_coding(theirs, NewCoding(other_id, _code(theirs, "krachtenveld/toezicht"), daan.id, 3, 9))
    report = merge_project(mine, tmp_path / "theirs")
    assert report.documents_added == ["extra"] and report.codes_added == ["krachtenveld/toezicht"]
    assert [d.name for d in list_documents(mine)] == ["extra", "interview"]
    extra = get_document(mine, "extra")
    [coding] = [c for c in list_codings(mine) if c.document_id == extra.id]
    assert extra.text[coding.start : coding.end] == "Vraag?"


def test_merging_into_itself_or_a_missing_folder_is_refused(tmp_path):
    mine, _ = _two_projects(tmp_path)
    with pytest.raises(ProjectError, match="into itself"):
        merge_project(mine, tmp_path / "mine")
    with pytest.raises(ProjectError, match="no qualcode project"):
        merge_project(mine, tmp_path / "nowhere")
