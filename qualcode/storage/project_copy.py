"""Copy a whole project between a folder (SQLite) and a PostgreSQL URL, in either direction, without loss.

Every table the migrations made is copied row by row with the values as the database keeps them
(texts, times as their UTC text, blobs, numbers), ids included, so codings, memos, the undo log and
settings point at the same rows afterwards. Tables are found in the database rather than listed
here, so tables later migrations add are copied too. The target must be an empty project (it is
created when missing); the copy is one transaction there, so a failed copy leaves it empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import MetaData

from qualcode.domain.language import _
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import DATABASE_NAME, ProjectStore, init_project, open_project
from qualcode.storage.server_store import is_server_url, shown_url

BATCH_ROWS = 2000
BOOKKEEPING_TABLES = frozenset({"schema_migrations"})
"""Tables each project keeps for itself: the copy's own migrations fill them."""


@dataclass(frozen=True)
class CopyReport:
    """How many rows of each table were copied, in the order they were copied."""

    source: str
    target: str
    rows: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(count for _, count in self.rows)


def _name(location: Path | str) -> str:
    return shown_url(location) if is_server_url(location) else str(Path(location))


def _tables(store: ProjectStore) -> list:
    """The project's tables, parents before the tables that refer to them."""
    metadata = MetaData()
    metadata.reflect(bind=store.engine)
    return [table for table in metadata.sorted_tables if table.name not in BOOKKEEPING_TABLES]


def _row_counts(connection, tables) -> dict[str, int]:
    return {table.name: connection.exec_driver_sql(f'SELECT count(*) FROM "{table.name}"').scalar_one()
            for table in tables}


def _parents_first(rows: list[tuple], columns: list[str], table) -> list[tuple]:
    """Rows of a table that refers to itself (codes under codes), each after the row it refers to."""
    own = [element.parent.name for element in table.foreign_keys if element.column.table.name == table.name]
    if not own or "id" not in columns:
        return rows
    key, references = columns.index("id"), [columns.index(name) for name in own]
    placed: set = set()
    ordered: list[tuple] = []
    waiting = rows
    while waiting:
        ready = [row for row in waiting if all(row[index] is None or row[index] in placed
                                               or row[index] == row[key] for index in references)]
        if not ready:  # a cycle: the database would not have let it in; keep the order it has
            ready = waiting
        ordered.extend(ready)
        placed.update(row[key] for row in ready)
        chosen = {id(row) for row in ready}
        waiting = [row for row in waiting if id(row) not in chosen]
    return ordered


def _reset_identities(connection, tables) -> None:
    """On PostgreSQL, new rows after a copy get ids above the copied ones."""
    for table in tables:
        if "id" not in table.columns:
            continue
        connection.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), max(id)) FROM \"{table.name}\" "
            f"HAVING max(id) IS NOT NULL AND pg_get_serial_sequence('\"{table.name}\"', 'id') IS NOT NULL")


def _target_store(target: Path | str) -> tuple[ProjectStore, bool]:
    """The target project, made when missing; True when this copy made its database file."""
    if is_server_url(target):
        return init_project(target), False
    made = not (Path(target) / DATABASE_NAME).exists()
    return init_project(Path(target)), made


def copy_project(source: Path | str, target: Path | str) -> CopyReport:
    """Copy the project at SOURCE into the empty project at TARGET (made when missing); return what was copied.

    Raises ProjectError when either cannot be opened, when both are the same project, and when the
    target holds anything (documents, codes, coders, settings, ...); nothing is written then.
    """
    if _name(source) == _name(target) or (not is_server_url(source) and not is_server_url(target)
                                          and Path(source).resolve() == Path(target).resolve()):
        raise ProjectError(_("the source and the target are the same project"))
    origin = open_project(source)
    try:
        destination, made = _target_store(target)
        try:
            return _copy(origin, destination, _name(source), _name(target))
        except BaseException:
            destination.close()
            if made:
                for suffix in ("", "-wal", "-shm"):
                    (Path(target) / (DATABASE_NAME + suffix)).unlink(missing_ok=True)
            raise
        finally:
            destination.close()
    finally:
        origin.close()


def _copy(origin: ProjectStore, destination: ProjectStore, source_name: str, target_name: str) -> CopyReport:
    tables = _tables(origin)
    target_tables = {table.name: table for table in _tables(destination)}
    missing = [table.name for table in tables if table.name not in target_tables]
    if missing:
        raise ProjectError(_("{target_name} has no table {missing}: the two were made by different qualcode versions").format(target_name=target_name, missing=', '.join(missing)))
    copied = []
    with origin.engine.connect() as reading, destination.engine.begin() as writing:
        occupied = {name: count for name, count in _row_counts(writing, target_tables.values()).items() if count}
        if occupied:
            listed = ", ".join(f"{name} ({count})" for name, count in sorted(occupied.items()))
            raise ProjectError(_("{target_name} is not an empty project (it has rows in {listed}); copy into a new folder or an empty database").format(target_name=target_name, listed=listed))
        for table in tables:
            columns = [column.name for column in table.columns if column.name in target_tables[table.name].columns]
            names = ", ".join(f'"{name}"' for name in columns)
            rows = [tuple(row) for row in reading.exec_driver_sql(f'SELECT {names} FROM "{table.name}"')]
            rows = _parents_first(rows, columns, table)
            insert = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" for _ in columns)})'
            for first in range(0, len(rows), BATCH_ROWS):
                writing.exec_driver_sql(insert, rows[first:first + BATCH_ROWS])
            copied.append((table.name, len(rows)))
        if destination.on_server:
            _reset_identities(writing, tables)
    return CopyReport(source_name, target_name, tuple(copied))
