"""The interface language: every string a user sees goes through ``_`` (English is the source text)."""

from __future__ import annotations

import gettext

_translations: gettext.NullTranslations = gettext.NullTranslations()


def _(message: str) -> str:
    """``message`` in the interface language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """``singular`` or ``plural`` for ``count``, in the interface language."""
    return _translations.ngettext(singular, plural, count)
