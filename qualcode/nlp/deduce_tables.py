"""deduce's lookup tables, built once per deduce version into the user's cache folder and loaded from there.

deduce builds its lookup structures (name and place tries, about 75 MB) from its word lists the
first time it is used, which takes more than a minute, and by default keeps them inside its own
installed package: every new environment (a fresh ``uv run``, ``uv tool install``, CI) builds them
again, and a read-only installation cannot keep them at all. Kept in ``~/.cache/qualcode`` under
deduce's version, one build serves every environment on the machine; a table another environment's
deduce already built is copied rather than built again. deduce checks the version stored in the
tables and builds afresh when it differs.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import tempfile
from pathlib import Path

from qualcode.domain.catalogue import cache_folder

TABLES_FILE = Path("cache") / "lookup_structs.pickle"
"""Where deduce keeps its tables under the cache path it is given (its own layout)."""


def deduce_version() -> str:
    return importlib.metadata.version("deduce")


def tables_folder() -> Path:
    """The cache path handed to deduce: ``~/.cache/qualcode/deduce-3.0.6`` (``$XDG_CACHE_HOME`` first)."""
    return cache_folder() / f"deduce-{deduce_version()}"


def tables_ready() -> bool:
    """Whether loading deduce will read its tables rather than build them (a minute or more)."""
    return (tables_folder() / TABLES_FILE).is_file()


def _packaged_tables() -> Path:
    import deduce

    return Path(deduce.__file__).parent / "data" / "lookup" / TABLES_FILE


def load_deduce():
    """deduce, its tables read from the user's cache folder, or made there the first time.

    They are made in a folder of their own and moved into place whole, so that a test worker or a
    second workbench starting at the same moment never reads half a table. When the cache folder
    cannot be written, deduce keeps its tables where it does by default."""
    import deduce

    folder = tables_folder()
    if tables_ready():
        return deduce.Deduce(cache_path=folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        making = Path(tempfile.mkdtemp(prefix="making-", dir=folder))
    except OSError:
        return deduce.Deduce()
    try:
        if _packaged_tables().is_file():  # another environment's deduce built them: checked by version on load
            (making / TABLES_FILE).parent.mkdir()
            shutil.copyfile(_packaged_tables(), making / TABLES_FILE)
        loaded = deduce.Deduce(cache_path=making)
        (folder / TABLES_FILE).parent.mkdir(exist_ok=True)
        os.replace(making / TABLES_FILE, folder / TABLES_FILE)
        return loaded
    finally:
        shutil.rmtree(making, ignore_errors=True)
