"""A project's own .qdpx comes back in whatever its size, while a zip bomb is still refused.

The limits on a whole archive grow with the archive's size on disk (``ResourceLimits.for_archive``);
the tests shrink the defaults so that a small project stands in for a 500-interview one.
"""

from __future__ import annotations

import zipfile

import pytest

from qualcode.export.refi_files import write_qdpx
from qualcode.importers.refi_errors import RefiError
from qualcode.importers.refi_import import import_refi
from qualcode.importers.resource_limits import (
    ARCHIVE_GROWTH,
    ARCHIVE_GROWTH_CAP_MB,
    MB,
    ResourceLimits,
    XmlCounter,
    using_limits,
)
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder_in
from qualcode.storage.codings import NewCoding, insert_codings
from qualcode.storage.project_store import init_project
from tests.refi.projects import project_state, rich_project

SMALL = ResourceLimits(max_unpacked_mb=1, max_xml_elements=10_000, max_paragraphs=3_000)
"""The defaults' proportions, for 1 MB instead of 50."""


def test_the_archive_limits_grow_with_its_size_in_proportion_up_to_the_cap():
    assert SMALL.for_archive(10_000) == SMALL
    grown = SMALL.for_archive(MB // 4)
    assert grown.max_unpacked_mb == ARCHIVE_GROWTH // 4
    assert grown.max_xml_elements == 10_000 * ARCHIVE_GROWTH // 4
    assert grown.max_paragraphs == 3_000 * ARCHIVE_GROWTH // 4
    assert (grown.max_text_chars, grown.max_depth, grown.max_ratio) == (
        SMALL.max_text_chars, SMALL.max_depth, SMALL.max_ratio)
    assert ResourceLimits().for_archive(512 * MB).max_unpacked_mb == ARCHIVE_GROWTH_CAP_MB
    raised = ResourceLimits(max_unpacked_mb=4_000)
    assert raised.for_archive(512 * MB) == raised


def test_indentation_between_elements_is_not_text():
    with using_limits(ResourceLimits(max_text_chars=10)):
        XmlCounter().count([b"<a>\n" + b"  <b/>\n" * 1_000 + b"</a>"])
        with pytest.raises(Exception, match="more text than the limit of 10 characters"):
            XmlCounter().count([b"<a>\n  <b>elf tekens!</b>\n</a>"])


def _big_project(folder):
    """The rich project with 2,000 more codings, so that its project.qde unpacks to well over 1 MB."""
    store = rich_project(folder)
    codes = [code.id for code in load_codebook(store).codes]
    with store.transaction() as session:
        coder = ensure_coder_in(session, "carla").id
        insert_codings(session, [NewCoding(document_id=1, code_id=codes[number % len(codes)], coder_id=coder,
                                           start=number % 60, end=number % 60 + 1 + number // 60, memo="")
                                 for number in range(2_000)])
    return store


def test_an_own_export_over_the_unpacked_limit_comes_back(tmp_path):
    original = _big_project(tmp_path / "groot")
    path = tmp_path / "groot.qdpx"
    write_qdpx(original, path)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("project.qde").file_size > MB
    copy = init_project(tmp_path / "kopie")
    with using_limits(SMALL):
        import_refi(copy, path)
    assert project_state(copy)["codings"] == project_state(original)["codings"]


def test_a_bomb_of_the_same_size_is_still_refused(tmp_path):
    original = _big_project(tmp_path / "groot")
    honest = tmp_path / "groot.qdpx"
    write_qdpx(original, honest)
    bomb = tmp_path / "bom.qdpx"
    with zipfile.ZipFile(honest) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "project.qde":
                end = data.rfind(b"</")
                data = data[:end] + b" " * (40 * MB) + data[end:]
            package.writestr(info.filename, data)
    copy = init_project(tmp_path / "kopie")
    with using_limits(SMALL), pytest.raises(RefiError, match=r"unpacks to 4\d MB, over the limit of \d MB "
                                                             r"\(raise it with --max-unpacked-mb\)"):
        import_refi(copy, bomb)
