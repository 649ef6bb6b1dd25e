"""Shared REFI-QDA test material: the schemas and real exports in ``../shared/refi-qda`` (never copied here)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_REFI = Path(__file__).resolve().parents[2].parent / "shared" / "refi-qda"
SAMPLES = SHARED_REFI / "samples"


def shared_file(*parts: str) -> Path:
    """A file under ../shared/refi-qda, or skip the test, saying what is missing."""
    path = SHARED_REFI.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is missing: clone the repo with shared/ beside it (as CI does) to run this test")
    return path


@pytest.fixture(scope="session")
def project_schema():
    import xmlschema

    return xmlschema.XMLSchema(str(shared_file("Project.xsd")))


@pytest.fixture(scope="session")
def codebook_schema():
    import xmlschema

    return xmlschema.XMLSchema(str(shared_file("Codebook.xsd")))


@pytest.fixture
def sample():
    """``sample("nvivo12-mac_oltas.qdpx")`` -> its path under ../shared/refi-qda/samples."""
    return lambda name: shared_file("samples", name)
