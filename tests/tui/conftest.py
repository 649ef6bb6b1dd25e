"""Fixtures for the workbench tests: a fresh small project per test, in a folder named ``project``."""

import pytest

from tests.tui.workbench_project import build_project


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "project"
    build_project(folder).close()
    return folder
