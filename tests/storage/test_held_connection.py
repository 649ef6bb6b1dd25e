"""Transactions sharing a held connection are still each all or nothing, and other threads never share it."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from qualcode.storage.coders import add_coder, list_coders
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import DATABASE_NAME
from tests.project_factory import small_project


def _names_on_disk(store) -> list[str]:
    connection = sqlite3.connect(store.folder / DATABASE_NAME)
    try:
        return [name for (name,) in connection.execute("SELECT name FROM coders ORDER BY name")]
    finally:
        connection.close()


def test_each_transaction_commits_or_rolls_back_on_its_own(tmp_path):
    store = small_project(tmp_path / "p")
    with store.connection_held():
        add_coder(store, "eva")
        assert _names_on_disk(store) == ["eva"]  # committed at once, not when the block ends
        with pytest.raises(ProjectError):
            add_coder(store, "eva")
        with pytest.raises(RuntimeError), store.transaction() as session:
            session.connection().exec_driver_sql("INSERT INTO coders (name, created_at) VALUES ('daan', '2026-01-01')")
            raise RuntimeError("half-way")
        add_coder(store, "vera")
    assert _names_on_disk(store) == ["eva", "vera"]
    assert [coder.name for coder in list_coders(store)] == ["eva", "vera"]
    store.close()


def test_another_thread_reads_and_writes_through_its_own_connection(tmp_path):
    store = small_project(tmp_path / "p")
    seen = []

    def other_thread() -> None:
        add_coder(store, "daan")
        seen.append([coder.name for coder in list_coders(store)])

    with store.connection_held():
        add_coder(store, "eva")
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
        assert seen == [["daan", "eva"]]
        assert [coder.name for coder in list_coders(store)] == ["daan", "eva"]
    store.close()
