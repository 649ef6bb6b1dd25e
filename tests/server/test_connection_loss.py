"""A pooled connection the server dropped while it was idle is replaced before the next action, which lands."""

import psycopg
import pytest
from sqlalchemy import text

from qualcode.storage import server_store
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.codings import list_codings
from qualcode.storage.server_store import libpq_url
from tests.project_factory import small_project

pytestmark = pytest.mark.postgresql


def _drop_from_the_server(url: str, backend: int) -> None:
    with psycopg.connect(libpq_url(url), autocommit=True) as other:
        assert other.execute("SELECT pg_terminate_backend(%s, 10000)", (backend,)).fetchone()[0]


def test_a_connection_dropped_while_idle_is_replaced_and_the_coding_lands(server_database, monkeypatch):
    monkeypatch.setattr(server_store, "PING_AFTER_IDLE_SECONDS", 0.0)  # every connection counts as idle
    store = small_project(server_database)
    eva = ensure_coder(store, "eva").id
    code = load_codebook(store).codes[0].id
    with store.session() as session:
        backend = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    _drop_from_the_server(server_database, backend)
    assert apply_code(store, coder_id=eva, document_id=1, code_id=code, start=3, end=10).created
    assert len(list_codings(store)) == 1
    with store.session() as session:
        assert session.execute(text("SELECT pg_backend_pid()")).scalar_one() != backend
    store.close()
