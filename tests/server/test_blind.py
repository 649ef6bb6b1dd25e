"""Blind coding on PostgreSQL: the database shows a coder only their own codings, and only a supervisor switches it."""

import psycopg
import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.storage.blind_coding import is_blind, set_blind
from qualcode.storage.coder_roles import add_coder_role
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.codings import list_codings
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import open_project
from qualcode.storage.server_store import database_name
from tests.project_factory import small_project

pytestmark = pytest.mark.postgresql


@pytest.fixture
def team(server_database):
    """eva and daan (coders) with a coding each, and sam (supervisor), each with their own login."""
    owner = small_project(server_database)
    suffix = database_name(server_database)
    urls = {role: add_coder_role(owner, f"{role}_{suffix}", supervisor=role == "sam") for role in ("eva", "daan", "sam")}
    owner.close()
    for number, role in enumerate(("eva", "daan")):
        store = open_project(urls[role])
        apply_code(store, coder_id=ensure_coder(store, store.login).id, document_id=1,
                   code_id=load_codebook(store).codes[number].id, start=40, end=70)
        store.close()
    return urls


def visible(url: str) -> int:
    with psycopg.connect(url) as connection:
        return connection.execute("SELECT count(*) FROM codings").fetchone()[0]


def test_blind_shows_each_coder_only_their_own_codings_even_in_psql(team):
    assert visible(team["eva"]) == visible(team["daan"]) == 2
    supervisor = open_project(team["sam"])
    set_blind(supervisor, True)
    assert is_blind(supervisor) and visible(team["sam"]) == 2
    eva = open_project(team["eva"])
    assert [coding.coder_id for coding in list_codings(eva)] == [ensure_coder(eva, eva.login).id]
    eva.close()
    assert visible(team["eva"]) == visible(team["daan"]) == 1
    set_blind(supervisor, False)
    supervisor.close()
    assert visible(team["eva"]) == 2


def test_a_coder_cannot_switch_blind_coding_off(team):
    supervisor = open_project(team["sam"])
    set_blind(supervisor, True)
    supervisor.close()
    eva = open_project(team["eva"])
    with pytest.raises(ProjectError, match="only a supervisor may turn blind coding on or off"):
        set_blind(eva, False)
    eva.close()
    with psycopg.connect(team["eva"]) as connection:
        changed = connection.execute("UPDATE settings SET value = 'off' WHERE key = 'project.blind'").rowcount
        deleted = connection.execute("DELETE FROM settings WHERE key = 'project.blind'").rowcount
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor made anew under another row
            connection.execute("INSERT INTO settings VALUES ('project.blind', 'off')")
    assert changed == deleted == 0 and visible(team["eva"]) == 1


def test_blind_on_the_command_line(team):
    runner = CliRunner()
    assert "blind coding is off" in runner.invoke(app, ["blind", "--project", team["eva"]]).output
    refused = runner.invoke(app, ["blind", "on", "--project", team["eva"]])
    assert refused.exit_code == 1 and "only a supervisor" in refused.output
    assert "blind coding is on" in runner.invoke(app, ["blind", "on", "--project", team["sam"]]).output
    suffix = database_name(team["eva"])
    agreement = runner.invoke(app, ["agreement", "--coders", f"eva_{suffix}", f"daan_{suffix}", "--project", team["eva"]])
    assert f"daan_{suffix} has no codings" in agreement.output  # no figures from codings eva may not see
