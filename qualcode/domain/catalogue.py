"""Loading a translation catalogue: a compiled ``.mo`` when there is a current one, else its ``.po`` compiled once.

A built wheel carries ``.mo`` files beside the ``.po`` (the build hook compiles them). A clone has
only the ``.po`` (git keeps no binaries): Babel compiles it on first use, about half a second, into
the user's cache folder, under a name made of the ``.po``'s hash, so that every later start reads
the cached ``.mo`` and an edited ``.po`` is compiled again.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import os
import struct
from pathlib import Path

LOCALE_FOLDER = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "qualcode"
CACHE_ENVIRONMENT_VARIABLE = "XDG_CACHE_HOME"


def catalogue_path(language: str, suffix: str) -> Path:
    """Where the ``.po`` (``suffix`` ".po") or ``.mo`` (".mo") of ``language`` lies in the package."""
    return LOCALE_FOLDER / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def cache_folder() -> Path:
    """``$XDG_CACHE_HOME/qualcode``, else ``~/.cache/qualcode``."""
    return Path(os.environ.get(CACHE_ENVIRONMENT_VARIABLE) or Path.home() / ".cache") / "qualcode"


def load_catalogue(language: str) -> gettext.GNUTranslations:
    """The translations of ``language``: the package's ``.mo`` if it is as new as the ``.po``, else the cached one."""
    source = catalogue_path(language, ".po")
    packaged = catalogue_path(language, ".mo")
    if packaged.exists() and (not source.exists() or packaged.stat().st_mtime >= source.stat().st_mtime):
        return gettext.GNUTranslations(io.BytesIO(packaged.read_bytes()))
    text = source.read_bytes()
    cached = cache_folder() / f"{DOMAIN}-{language}-{hashlib.sha256(text).hexdigest()[:16]}.mo"
    try:
        return gettext.GNUTranslations(io.BytesIO(cached.read_bytes()))
    except (OSError, ValueError, struct.error):  # not compiled yet, or a damaged file: compile it again
        pass
    compiled = compile_catalogue(text)
    _keep(cached, compiled)
    return gettext.GNUTranslations(io.BytesIO(compiled))


def compile_catalogue(po_text: bytes) -> bytes:
    """The ``.mo`` bytes of a ``.po`` file's text; fuzzy entries are left out, as ``pybabel compile`` does."""
    from babel.messages.mofile import write_mo  # Babel loads in about half a second: only when compiling
    from babel.messages.pofile import read_po

    compiled = io.BytesIO()
    write_mo(compiled, read_po(io.BytesIO(po_text)), use_fuzzy=False)
    return compiled.getvalue()


def _keep(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` whole or not at all; a cache that cannot be written is only slower."""
    import tempfile  # only when there is something to write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, suffix=".tmp", delete=False) as file:
            file.write(content)
        os.replace(file.name, path)
    except OSError:
        pass
