"""After a code is moved to another group, every export shows it in that group only, under an id that says so."""

from __future__ import annotations

import csv
import io
import zipfile
from xml.etree import ElementTree

from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.storage.codebook_editing import move_code
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder
from tests.export.conftest import G, H, build_project

runner = CliRunner()
MOVED, MOVED_FEES = "bevorderend/gedoe-over-geld", "bevorderend/gedoe-over-geld/honoraria"


def csv_rows(path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_a_moved_code_is_in_one_group_in_segments_frequencies_and_refi_qda(tmp_path):
    folder = tmp_path / "project"
    store = build_project(folder)
    codebook = load_codebook(store)
    target = next(group for group in codebook.groups if group.key == "bevorderend")
    move_code(store, coder_id=ensure_coder(store, "anna").id, code_id=codebook.code_by_key(G).id, group_id=target.id)
    store.close()
    for args in (["segments"], ["frequencies", "--coder", "anna"], ["codebook"], ["qdpx"]):
        result = runner.invoke(app, ["export", *args, "--project", str(folder)])
        assert result.exit_code == 0, result.output
    exports = folder / "exports"
    segment_codes = {row["code"] for row in csv_rows(exports / "segments.csv")}
    assert {MOVED, MOVED_FEES} <= segment_codes and not {G, H} & segment_codes
    groups = {(row["group"], row["code"]) for row in csv_rows(exports / "frequencies-codes.csv")}
    assert {group for group, code in groups if code in (MOVED, MOVED_FEES)} == {"bevorderend"}
    assert not {G, H} & {code for _, code in groups}
    codebook_rows = {row["code"]: row["group"] for row in csv_rows(exports / "codebook.csv")}
    assert codebook_rows[MOVED] == codebook_rows[MOVED_FEES] == "bevorderend" and G not in codebook_rows
    with zipfile.ZipFile(exports / "project.qdpx") as archive:
        root = ElementTree.fromstring(archive.read("project.qde"))
    namespace = {"q": root.tag.split("}")[0].strip("{")}
    parents = [group.get("name") for group in root.iterfind(".//q:CodeBook/q:Codes/q:Code", namespace)
               if any(code.get("name") == "Gedoe over geld" for code in group.iterfind(".//q:Code", namespace))]
    assert parents == ["Bevorderende factoren"]
