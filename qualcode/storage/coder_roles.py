"""Coders and supervisors as PostgreSQL login roles, so that row-level security can tell them apart.

Migration ``0005_coder_roles`` makes two group roles per project database, ``<database>_coders`` and
``<database>_supervisors``, and policies under which a coder changes only rows of the coder with
their own login name (codings, memos, framework summaries, undo steps, their coder row), while
supervisors and the project's owner change everything. ``add_coder_role`` is run by the owner.
"""

from __future__ import annotations

import secrets

from sqlalchemy import make_url

from qualcode.domain.language import _
from qualcode.storage.coders import ensure_coder
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.server_store import database_name, describe_server_error, libpq_url


def add_coder_role(store: ProjectStore, name: str, *, supervisor: bool = False) -> str:
    """Make NAME a login role of the project (a supervisor with ``supervisor``) and its coder; return their URL.

    The password is new and random; the URL carries it, to hand to that person alone.
    """
    if not store.on_server:
        raise ProjectError(_("coders' logins are for a project on PostgreSQL; a project folder is one person's"))
    name = name.strip()
    if not name:
        raise ProjectError(_("a coder needs a name"))
    from psycopg import sql

    password = secrets.token_urlsafe(18)
    group = f"{database_name(store.url)}_{'supervisors' if supervisor else 'coders'}"
    raw = store.engine.raw_connection()
    try:
        connection = raw.driver_connection
        exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
        if exists:
            raise ProjectError(_("the server has a role {name!r} already; choose another name").format(name=name))
        connection.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(name), sql.Literal(password)))
        connection.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name)))
        raw.commit()
    except ProjectError:
        raw.rollback()
        raise
    except Exception as error:  # psycopg: no CREATEROLE, no such group role
        raw.rollback()
        raise ProjectError(describe_server_error(error, store.url)) from None
    finally:
        raw.close()
    ensure_coder(store, name)
    return make_url(libpq_url(store.url)).set(username=name, password=password).render_as_string(hide_password=False)
