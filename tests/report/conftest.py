"""The sample project, set up once for the report tests, with one disagreement settled into the consensus."""

import shutil
from pathlib import Path

import pytest

from qualcode.project_setup import set_up_project
from qualcode.storage.agreement_data import code_disagreements, coded_text_agreement
from qualcode.storage.consensus import settle_disagreement

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reports") / "sample"
    folder.mkdir()
    shutil.copytree(REPOSITORY / "transcripts", folder / "transcripts")
    shutil.copytree(REPOSITORY / "codebooks", folder / "codebooks")
    store, _ = set_up_project(folder)
    figures = coded_text_agreement(store, ["eva", "daan"], unit="char", by_document=False)
    worst = figures.agreement.worst_first()[0]
    first = code_disagreements(figures.scope, worst.code_id)[0]
    eva, daan = figures.scope.coders
    settle_disagreement(store, coder_a_id=eva.id, coder_b_id=daan.id, code_id=worst.code_id,
                        document_id=first.document_id, start=first.start, end=first.end, choice="b")
    store.close()
    return folder
