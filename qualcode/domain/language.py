"""The interface language: every string a user sees goes through ``_`` (English is the source text)."""

from __future__ import annotations

import gettext
from collections.abc import Mapping

ENGLISH = "en"
DUTCH = "nl"
LANGUAGES = (ENGLISH, DUTCH)
LANGUAGE_ENVIRONMENT_VARIABLE = "QUALCODE_LANG"
LANGUAGE_SETTING = "interface.language"
"""The project setting that chooses the language when neither ``--lang`` nor $QUALCODE_LANG does."""

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where the system's language is read, in the order gettext reads them: the first one set counts."""

_translations: gettext.NullTranslations = gettext.NullTranslations()
_loaded: dict[str, gettext.NullTranslations] = {ENGLISH: _translations}
_language = ENGLISH
_asked_for = False
"""True when ``--lang`` or $QUALCODE_LANG chose the language, which a project setting then leaves alone."""


def _(message: str) -> str:
    """``message`` in the interface language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """``singular`` or ``plural`` for ``count``, in the interface language."""
    return _translations.ngettext(singular, plural, count)


def current_language() -> str:
    """``en`` or ``nl``: the language ``_`` translates into."""
    return _language


def set_language(language: str) -> None:
    """Translate every string from now on into ``language`` (``en`` or ``nl``).

    Strings made when a module was imported (key descriptions, help texts) keep the language they were
    made in, which is why the ``qualcode`` script chooses the language before it imports the rest.
    """
    global _translations, _language
    if language not in LANGUAGES:
        raise ValueError(f"no interface language {language!r}; qualcode speaks {', '.join(LANGUAGES)}")
    if language not in _loaded:
        from qualcode.domain.catalogue import load_catalogue

        _loaded[language] = load_catalogue(language)
    _translations = _loaded[language]
    _language = language


def language_of_locale(environment: Mapping[str, str]) -> str:
    """Dutch when the system's language (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``) is Dutch, else English."""
    for variable in LOCALE_VARIABLES:
        value = environment.get(variable, "")
        if value:
            return DUTCH if value.split(":")[0].lower().startswith(DUTCH) else ENGLISH
    return ENGLISH


def start_language(asked: str | None, environment: Mapping[str, str]) -> None:
    """Choose the language at start-up: ``asked`` (``--lang``), else $QUALCODE_LANG, else the system's locale.

    A value that is not a language qualcode speaks is passed over here; the command line refuses it.
    """
    global _asked_for
    for language in (asked, environment.get(LANGUAGE_ENVIRONMENT_VARIABLE)):
        if language in LANGUAGES:
            _asked_for = True
            set_language(language)
            return
    _asked_for = False
    set_language(language_of_locale(environment))


def follow_project_setting(setting: str | None) -> None:
    """Use the project's language setting, unless ``--lang`` or $QUALCODE_LANG chose one."""
    if not _asked_for and setting in LANGUAGES:
        set_language(setting)
