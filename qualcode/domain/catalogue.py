"""Loading a translation catalogue: the compiled ``.mo`` when it is current, else its ``.po`` compiled in memory."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

LOCALE_FOLDER = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "qualcode"


def catalogue_path(language: str, suffix: str) -> Path:
    """Where the ``.po`` (``suffix`` ".po") or ``.mo`` (".mo") of ``language`` lies in the package."""
    return LOCALE_FOLDER / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def load_catalogue(language: str) -> gettext.GNUTranslations:
    """The translations of ``language``.

    A built package carries ``.mo`` files (the build compiles them); in a clone, where only the
    ``.po`` is kept in git, Babel compiles it in memory when it is newer than any ``.mo`` beside it.
    """
    source = catalogue_path(language, ".po")
    compiled = catalogue_path(language, ".mo")
    if compiled.exists() and (not source.exists() or compiled.stat().st_mtime >= source.stat().st_mtime):
        with compiled.open("rb") as file:
            return gettext.GNUTranslations(file)
    return gettext.GNUTranslations(io.BytesIO(compile_catalogue(source)))


def compile_catalogue(source: Path) -> bytes:
    """The ``.mo`` bytes of the ``.po`` file ``source``; fuzzy entries are left out, as ``pybabel compile`` does."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as file:
        catalogue = read_po(file)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)
    return compiled.getvalue()
