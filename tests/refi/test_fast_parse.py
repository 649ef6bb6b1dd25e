"""The C parser's tree, read by the grouped reader, gives the project defusedxml's tree gave, for any file.

``parse_refi_xml`` takes the C parser once the counting pass has seen well-formed XML without a DTD;
these tests read the same bytes through defusedxml's parser and compare the whole parsed project.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from pathlib import Path

import defusedxml.ElementTree as safe_etree
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualcode.export.refi_guids import RefiGuids
from qualcode.export.refi_project import project_export
from qualcode.importers.refi_errors import RefiError
from qualcode.importers.refi_xml import _Reader, parse_refi_xml
from qualcode.storage.codings import list_codings, set_coding_memo
from tests.refi.conftest import SAMPLES
from tests.refi.projects import rich_project

GUIDS = RefiGuids(uuid.UUID("12345678-1234-5678-1234-567812345678"))


def _both_ways(data: bytes):
    slow = _Reader(Path("x.qde"), "project.qde").project(safe_etree.fromstring(data, forbid_dtd=True))
    return parse_refi_xml(data, Path("x.qde"), "project.qde"), slow


def _qde(path: Path) -> bytes:
    if path.suffix == ".qdc":
        return path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        name = next(name for name in archive.namelist() if name.casefold().endswith(".qde"))
        return archive.read(name)


@pytest.mark.parametrize("name", sorted(path.name for path in SAMPLES.glob("*.qd[pc]*")) if SAMPLES.exists() else [])
def test_every_sample_parses_the_same_both_ways(name):
    fast, slow = _both_ways(_qde(SAMPLES / name))
    assert fast == slow


names = st.text(alphabet=st.sampled_from('a é😀<>&"\'\n\t'), max_size=8)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(memos=st.lists(names, min_size=1, max_size=6), project_name=names)
def test_an_exported_project_with_any_memos_parses_the_same_both_ways(tmp_path_factory, memos, project_name):
    store = rich_project(tmp_path_factory.mktemp("rich"))
    for coding, memo in zip(list_codings(store), memos):
        set_coding_memo(store, coding.id, memo)
    buffer = io.BytesIO()
    project_export(store, GUIDS, project_name).write_project_qde(buffer)
    store.close()
    fast, slow = _both_ways(buffer.getvalue())
    assert fast == slow


def test_a_doctype_still_goes_to_defusedxml_and_is_refused():
    with pytest.raises(RefiError, match="declares a DTD"):
        parse_refi_xml(b'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "b">]><Project/>', Path("x.qde"), "e")
