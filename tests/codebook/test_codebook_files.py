"""Codebook files: parsing with line-numbered errors, idempotent import, safe pruning, round trips."""

import pytest

from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
from qualcode.export.codebook_file import codebook_yaml, write_codebook_file
from qualcode.importers.codebook_file import CodebookError, parse_codebook, read_codebook_file
from qualcode.storage.codebook_store import apply_codebook_spec, codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.codings import NewCoding, add_coding, list_codings
from qualcode.storage.errors import ProjectError
from tests.project_factory import SMALL_CODEBOOK, small_project

VALID = """\
codebook: Test
groups:
  - id: belemmerend
    name: Belemmerende factoren
    codes:
      - id: belemmerend/gebrek-aan-vertrouwen
        name: Gebrek aan vertrouwen
        description: >
          Twijfel aan de
          andere vakgroep.
        indicators: [Vertrouwen, wantrouwen, vertrouwen]
        hotkey: 1
"""


def test_valid_file_parses_with_folded_text_and_normalised_indicators():
    spec = parse_codebook(VALID)
    code = spec.groups[0].codes[0]
    assert code.description == "Twijfel aan de andere vakgroep."
    assert code.indicators == ("vertrouwen", "wantrouwen")
    assert code.hotkey == "1"


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("hotkey: 1", "hotkey: j"), 12, "hotkey 'j' must be a digit or a function key"),
        (("name: Gebrek aan vertrouwen", "nam: x"), 7, "unknown code field 'nam'"),
        (("id: belemmerend/gebrek-aan-vertrouwen", "id: bevorderend/x"), 6, "must start with 'belemmerend/'"),
        (("indicators: [Vertrouwen, wantrouwen, vertrouwen]", "indicators: vertrouwen"), 11, "must be a list"),
        (("    name: Belemmerende factoren\n", "    name: [x\n"), 5, "not valid YAML"),
    ],
)
def test_errors_name_the_line_and_the_problem(change, line, message):
    broken = VALID.replace(*change)
    with pytest.raises(CodebookError) as raised:
        parse_codebook(broken, "cb.yaml")
    assert raised.value.line == line
    assert message in str(raised.value)
    assert str(raised.value).startswith(f"cb.yaml:{line}: ")


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CodebookError, match="file not found"):
        read_codebook_file(tmp_path / "nope.yaml")


def test_import_is_idempotent_and_keeps_stable_ids(tmp_path):
    store = small_project(tmp_path / "p")
    before = load_codebook(store)
    changes = apply_codebook_spec(store, SMALL_CODEBOOK)
    assert changes.added == () and changes.updated == ()
    assert changes.unchanged == len(before.codes)
    assert load_codebook(store) == before


def test_import_updates_names_and_adds_codes(tmp_path):
    store = small_project(tmp_path / "p")
    old_id = load_codebook(store).code_by_key("bevorderend/noodzaak").id
    renamed = GroupSpec(key="bevorderend", name="Bevorderende factoren", codes=(
        CodeSpec(key="bevorderend/noodzaak", name="Gevoelde noodzaak", hotkey="6"),
        CodeSpec(key="bevorderend/regiovisie", name="Regiovisie"),
    ))
    spec = CodebookSpec(title="Test", groups=(SMALL_CODEBOOK.groups[0], renamed))
    changes = apply_codebook_spec(store, spec)
    assert changes.added == ("bevorderend/regiovisie",)
    assert changes.updated == ("bevorderend/noodzaak",)
    code = load_codebook(store).code_by_key("bevorderend/noodzaak")
    assert (code.id, code.name) == (old_id, "Gevoelde noodzaak")


def test_codes_with_codings_are_never_deleted_unless_told(tmp_path):
    store = small_project(tmp_path / "p")
    codebook = load_codebook(store)
    coder = ensure_coder(store, "eva")
    add_coding(store, NewCoding(document_id=1, code_id=codebook.code_by_key("bevorderend/noodzaak").id,
                                coder_id=coder.id, start=3, end=10))
    without = CodebookSpec(title="Test", groups=(SMALL_CODEBOOK.groups[0],))
    kept = apply_codebook_spec(store, without)
    assert kept.kept_not_in_file == ("bevorderend/noodzaak",)
    refused = apply_codebook_spec(store, without, prune=True)
    assert refused.refused == (("bevorderend/noodzaak", 1),)
    assert len(list_codings(store)) == 1
    dry = apply_codebook_spec(store, without, prune=True, delete_codings=True, dry_run=True)
    assert dry.codings_deleted == 1 and len(list_codings(store)) == 1
    deleted = apply_codebook_spec(store, without, prune=True, delete_codings=True)
    assert deleted.deleted == ("bevorderend/noodzaak",) and deleted.codings_deleted == 1
    assert list_codings(store) == []
    assert load_codebook(store).code_by_key("bevorderend/noodzaak") is None


def test_hotkey_clash_with_a_kept_code_is_refused_and_changes_nothing(tmp_path):
    store = small_project(tmp_path / "p")
    before = load_codebook(store)
    clash = CodebookSpec(title="Test", groups=(GroupSpec(key="nieuw", name="Nieuw", codes=(
        CodeSpec(key="nieuw/x", name="X", hotkey="6"),)),))
    with pytest.raises(ProjectError, match="hotkey '6'"):
        apply_codebook_spec(store, clash)
    assert load_codebook(store) == before


def test_store_to_file_to_store_round_trip(tmp_path):
    store = small_project(tmp_path / "p")
    write_codebook_file(codebook_spec(store), tmp_path / "out.yaml")
    assert read_codebook_file(tmp_path / "out.yaml") == codebook_spec(store)
    assert parse_codebook(codebook_yaml(SMALL_CODEBOOK)) == SMALL_CODEBOOK


def test_shipped_codebook_has_the_thesis_codes(tmp_path):
    from pathlib import Path

    shipped = Path(__file__).resolve().parents[2] / "codebooks" / "samenwerking-verkennende-fase.yaml"
    if not shipped.exists():
        pytest.skip("the sample codebook is not written yet")
    spec = read_codebook_file(shipped)
    keys = {code.key for _, _, code in spec.all_codes()}
    assert keys == {
        "belemmerend/gebrek-aan-vertrouwen", "belemmerend/gedoe-over-geld", "belemmerend/verdeeldheid-eigen-vakgroep",
        "belemmerend/macht-en-cultuurverschillen", "belemmerend/geen-noodzaak",
        "bevorderend/noodzaak", "bevorderend/regiovisie", "bevorderend/geaccepteerd-leiderschap",
        "bevorderend/gelijkwaardigheid-en-transparantie", "bevorderend/elkaar-leren-kennen",
        "relatietype/waakzaam-contracteren", "relatietype/onbelemmerd-samenwerken",
        "relatietype/onderzoekend-uitwisselen",
        "krachtenveld/raad-van-bestuur", "krachtenveld/zorgverzekeraar", "krachtenveld/toezicht",
        "krachtenveld/politiek-en-stakeholders",
    }
    assert all(code.description for _, _, code in spec.all_codes())
