"""Coders as PostgreSQL roles: row-level security keeps a coder from changing another coder's codings, even in psql."""

import subprocess

import psycopg
import pytest
from sqlalchemy.exc import DBAPIError

from qualcode.storage.coder_roles import add_coder_role
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code, remove_codings
from qualcode.storage.codings import list_codings
from qualcode.storage.errors import ProjectError
from qualcode.storage.local_server import binaries
from qualcode.storage.project_store import open_project
from qualcode.storage.server_store import database_name, describe_server_error
from tests.project_factory import small_project

pytestmark = pytest.mark.postgresql


@pytest.fixture
def team(server_database):
    """A project with two coders and a supervisor, each with their own login; eva has one coding."""
    owner = small_project(server_database)
    suffix = database_name(server_database)
    urls = {role: add_coder_role(owner, f"{role}_{suffix}", supervisor=role == "sam")
            for role in ("eva", "daan", "sam")}
    owner.close()
    eva = open_project(urls["eva"])
    code = load_codebook(eva).codes[0].id
    coding = apply_code(eva, coder_id=ensure_coder(eva, f"eva_{suffix}").id, document_id=1, code_id=code,
                        start=40, end=70).coding
    eva.close()
    return urls, coding, suffix


def psql(url: str, statement: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(binaries() / "psql"), url, "-v", "ON_ERROR_STOP=1", "-c", statement],
                          capture_output=True, text=True, timeout=60)


def test_a_coder_cannot_delete_or_change_another_coders_coding_even_in_psql(team):
    urls, coding, _ = team
    deleted = psql(urls["daan"], f"DELETE FROM codings WHERE id = {coding.id}")
    assert deleted.returncode == 0 and "DELETE 0" in deleted.stdout
    changed = psql(urls["daan"], f"UPDATE codings SET memo = 'van daan' WHERE id = {coding.id}")
    assert "UPDATE 0" in changed.stdout
    forged = psql(urls["daan"], "INSERT INTO codings (document_id, code_id, coder_id, start, \"end\", created_at, "
                                f"updated_at) SELECT 1, code_id, coder_id, 0, 5, 'now', 'now' FROM codings WHERE id = {coding.id}")
    assert forged.returncode != 0 and "row-level security" in forged.stderr
    with psycopg.connect(urls["eva"]) as connection:
        assert connection.execute("SELECT memo FROM codings WHERE id = %s", (coding.id,)).fetchone() == ("",)


def test_through_qualcode_the_refusal_is_one_line(team):
    urls, coding, suffix = team
    daan = open_project(urls["daan"])
    daan_id = ensure_coder(daan, f"daan_{suffix}").id
    with pytest.raises(DBAPIError) as refused:
        apply_code(daan, coder_id=coding.coder_id, document_id=1, code_id=coding.code_id, start=0, end=5)
    message = describe_server_error(refused.value, urls["daan"])
    assert message.startswith(f"you are logged in as daan_{suffix}, who may change only their own codings")
    assert "\n" not in message and "nothing was changed" in message
    apply_code(daan, coder_id=daan_id, document_id=1, code_id=coding.code_id, start=0, end=5)  # own: fine
    assert len(list_codings(daan)) == 2  # everyone reads everyone's codings
    daan.close()


def test_the_coder_themself_and_a_supervisor_may(team):
    urls, coding, _ = team
    assert "DELETE 1" in psql(urls["sam"], f"UPDATE codings SET memo = 'gezien' WHERE id = {coding.id}; "
                                           f"DELETE FROM codings WHERE id = {coding.id}").stdout
    eva = open_project(urls["eva"])
    assert list_codings(eva) == []
    eva.close()


def test_a_coders_own_removal_goes_through_qualcode(team):
    urls, coding, _ = team
    eva = open_project(urls["eva"])
    assert [removed.id for removed in remove_codings(eva, coder_id=coding.coder_id, coding_ids=[coding.id])] == [coding.id]
    eva.close()


def test_add_coder_refuses_a_taken_name_and_a_folder(team, tmp_path):
    urls, _, suffix = team
    owner = open_project(urls["sam"])
    with pytest.raises(ProjectError, match="has a role .* already"):
        add_coder_role(owner, f"eva_{suffix}")
    owner.close()
    folder = small_project(tmp_path / "p")
    with pytest.raises(ProjectError, match="for a project on PostgreSQL"):
        add_coder_role(folder, "eva")
    folder.close()


def test_a_coder_cannot_upgrade_the_project_and_is_told_who_can(team, monkeypatch, tmp_path):
    from qualcode.storage.migrations import MIGRATIONS, Migration

    urls, _, _ = team
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("qualcode.storage.server_store.MIGRATIONS",
                        (*MIGRATIONS, Migration("9001_later", "CREATE TABLE later (id INTEGER)")))
    with pytest.raises(ProjectError, match="needs an upgrade \\(9001_later\\) that only its owner can make"):
        open_project(urls["daan"])
    assert not list(tmp_path.iterdir())  # no backup either
