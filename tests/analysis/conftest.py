"""The analysis tests' project, opened fresh for each test."""

from __future__ import annotations

import pytest

from tests.analysis.coded_project import coded_project


@pytest.fixture
def project(tmp_path):
    store = coded_project(tmp_path / "project")
    yield store
    store.close()
