"""Stable GUIDs for REFI-QDA exports: uuid5 of a per-project namespace and the object's kind and id.

The namespace is a random UUID made at the first export and kept in the project's settings, so
exporting the same project again gives every coder, code, document and coding the GUID it had,
while two projects never share GUIDs.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from functools import cached_property

from qualcode.storage.project_store import ProjectStore
from qualcode.storage.settings import get_setting, set_setting

NAMESPACE_SETTING = "refi.namespace"


_VARIANT = {digit: "89ab"[int(digit, 16) & 0x3] for digit in "0123456789abcdef"}
"""The first hex digit of a uuid5's fourth group, from the hash's digit there (variant bits 10)."""


@dataclass(frozen=True)
class RefiGuids:
    namespace: uuid.UUID

    def of(self, kind: str, ident: int | str) -> str:
        """The GUID of object ``ident`` of ``kind`` (``coder``, ``code``, ``document`` ...).

        ``str(uuid.uuid5(namespace, f"{kind}:{ident}"))`` worked out on the hash's hex digits: an export
        makes two per coding, and the UUID object in between costs more than the hash. The version
        digit is ``5``; the variant digit comes from ``_VARIANT``.
        """
        hashed = self._hash.copy()
        hashed.update(f"{kind}:{ident}".encode())
        text = hashed.hexdigest()
        return f"{text[:8]}-{text[8:12]}-5{text[13:16]}-{_VARIANT[text[16]]}{text[17:20]}-{text[20:32]}"

    @cached_property
    def _hash(self):
        """SHA-1 fed with the namespace, copied for each GUID."""
        return hashlib.sha1(self.namespace.bytes)


def project_guids(store: ProjectStore) -> RefiGuids:
    """The project's GUID maker, creating and saving its namespace on first use."""
    stored = get_setting(store, NAMESPACE_SETTING)
    if stored is None:
        stored = str(uuid.uuid4())
        set_setting(store, NAMESPACE_SETTING, stored)
    return RefiGuids(uuid.UUID(stored))
