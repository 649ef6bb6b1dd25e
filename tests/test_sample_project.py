"""The bundled sample project sets itself up on first use, completely or not at all."""

import shutil
from pathlib import Path

import pytest

from qualcode.importers.csv_reading import CsvFileError
from qualcode.project_setup import needs_setup, open_or_set_up, set_up_project
from qualcode.storage.coders import list_coders
from qualcode.storage.codings import list_codings
from qualcode.storage.documents import get_document, list_documents
from qualcode.storage.project_store import DATABASE_NAME

REPOSITORY = Path(__file__).resolve().parents[1]


@pytest.fixture
def sample(tmp_path):
    folder = tmp_path / "sample"
    folder.mkdir()
    shutil.copytree(REPOSITORY / "transcripts", folder / "transcripts")
    shutil.copytree(REPOSITORY / "codebooks", folder / "codebooks")
    return folder


def test_sample_project_sets_itself_up_with_every_interview_case_and_coding(sample):
    assert needs_setup(sample)
    store, report = set_up_project(sample)
    assert [outcome.status for outcome in report.transcripts] == ["imported"] * 4
    documents = list_documents(store)
    assert {d.source_format for d in documents} == {"txt", "md", "vtt", "docx"}
    assert [d.case_label for d in documents] == ["R1", "R2", "R3", "R4"]
    assert all(1_500 <= d.words <= 3_000 for d in documents)
    assert report.cases == 4
    assert {c.name for c in list_coders(store)} == {"eva", "daan"}
    codings = list_codings(store)
    assert report.codings == len(codings) > 200
    for coding in codings[:50]:
        text = get_document(store, coding.document_id).text[coding.start : coding.end]
        assert text.strip() == text and len(text) > 10
    assert not needs_setup(sample)
    assert len(list_codings(open_or_set_up(sample))) == len(codings)


def test_a_failing_step_leaves_the_folder_without_a_database(sample):
    bad = sample / "transcripts" / "codings" / "zz-kapot.csv"
    bad.write_text("document,coder,code,text\ninterview-01-cardiologie,x,geen/code,iets\n")
    with pytest.raises(CsvFileError, match="no code 'geen/code'"):
        set_up_project(sample)
    assert not (sample / DATABASE_NAME).exists()
    assert needs_setup(sample)
