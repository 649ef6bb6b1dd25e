"""Codebook edits: each is validated, undoable as a whole, and keeps code keys stable."""

import pytest

from qualcode.storage.actions import Focus, redo, undo
from qualcode.storage.coders import ensure_coder
from qualcode.storage.codebook_editing import (
    add_code, add_group, code_impact, delete_code, delete_group, group_impact, merge_codes, move_code,
    reorder_code, reorder_group, slug, update_code, update_group,
)
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.codings import list_codings
from qualcode.storage.errors import ProjectError
from tests.project_factory import small_project

pytestmark = pytest.mark.both_backends


@pytest.fixture
def project(project_place):
    store = small_project(project_place("p"))
    eva, daan = ensure_coder(store, "eva").id, ensure_coder(store, "daan").id
    codebook = load_codebook(store)
    codes = {code.key: code for code in codebook.codes}
    groups = {group.key: group for group in codebook.groups}
    return store, eva, daan, codes, groups


def _state(store):
    codebook = load_codebook(store)
    codings = sorted((c.id, c.code_id, c.coder_id, c.start, c.end) for c in list_codings(store))
    return codebook, codings


def test_slug_makes_ascii_keys():
    assert slug("Gedoe over geld!") == "gedoe-over-geld"
    assert slug("Ruimte voor patiënten") == "ruimte-voor-patienten"
    assert slug("???") == "code"


def test_add_code_with_apply_is_one_undo(project):
    store, eva, _, _, groups = project
    added = add_code(store, coder_id=eva, group_id=groups["bevorderend"].id, name="Korte lijnen",
                     description="Elkaar snel weten te vinden.", hotkey="7", apply_to=Focus(1, 40, 70))
    assert added.code.key == "bevorderend/korte-lijnen" and added.code.hotkey == "7"
    assert [c.code_id for c in list_codings(store)] == [added.code.id]
    undo(store, eva)
    assert load_codebook(store).code_by_key("bevorderend/korte-lijnen") is None
    assert list_codings(store) == []
    redo(store, eva)
    assert load_codebook(store).code_by_key("bevorderend/korte-lijnen").id == added.code.id


def test_a_second_code_with_the_same_name_in_a_group_is_refused_and_keys_stay_unique(project):
    store, eva, _, codes, groups = project
    with pytest.raises(ProjectError, match="already"):
        add_code(store, coder_id=eva, group_id=groups["belemmerend"].id, name="Gedoe over geld")
    sub = add_code(store, coder_id=eva, group_id=groups["belemmerend"].id, name="Honoraria!",
                   parent_id=codes["belemmerend/gedoe-over-geld"].id)
    assert sub.code.key == "belemmerend/gedoe-over-geld/honoraria-2"


@pytest.mark.parametrize(("fields", "message"), [
    ({"hotkey": "j"}, "digit or a function key"),
    ({"hotkey": "2"}, "already bound to Gedoe over geld"),
    ({"colour": "red"}, "#1f77b4"),
    ({"name": "  "}, "needs a name"),
    ({"weight": 3}, "no field weight"),
])
def test_bad_code_edits_are_refused_and_change_nothing(project, fields, message):
    store, eva, _, codes, _ = project
    before = _state(store)
    with pytest.raises(ProjectError, match=message):
        update_code(store, coder_id=eva, code_id=codes["belemmerend/gebrek-aan-vertrouwen"].id, **fields)
    assert _state(store) == before


def test_rename_and_edit_keep_the_key_and_undo_restores_every_field(project):
    store, eva, _, codes, _ = project
    code = codes["belemmerend/gebrek-aan-vertrouwen"]
    before = _state(store)
    edited = update_code(store, coder_id=eva, code_id=code.id, name="Wantrouwen", inclusion="bij argwaan",
                         exclusion="niet bij ruzie", colour="#123456", hotkey="F3", indicators=["argwaan", " "])
    assert (edited.key, edited.name, edited.hotkey, edited.indicators) == (code.key, "Wantrouwen", "f3", ("argwaan",))
    assert undo(store, eva).description == "rename Gebrek aan vertrouwen to Wantrouwen"
    assert _state(store) == before


def test_move_code_takes_its_sub_codes_along(project):
    store, eva, _, codes, groups = project
    parent = codes["belemmerend/gedoe-over-geld"]
    moved = move_code(store, coder_id=eva, code_id=parent.id, group_id=groups["bevorderend"].id)
    assert moved.key == "bevorderend/gedoe-over-geld"  # the id names the new group, also the sub-code's
    codebook = load_codebook(store)
    assert codebook.code_by_id(parent.id).group_id == groups["bevorderend"].id
    assert codebook.code_by_key("bevorderend/gedoe-over-geld/honoraria").group_id == groups["bevorderend"].id
    assert codebook.code_by_key("belemmerend/gedoe-over-geld") is None
    with pytest.raises(ProjectError, match="under itself"):
        move_code(store, coder_id=eva, code_id=parent.id, group_id=groups["bevorderend"].id,
                  parent_id=codes["belemmerend/gedoe-over-geld/honoraria"].id)
    assert undo(store, eva).description == ("move Gedoe over geld to Bevorderende factoren "
                                            "(id belemmerend/gedoe-over-geld → bevorderend/gedoe-over-geld)")
    assert load_codebook(store).code_by_key("belemmerend/gedoe-over-geld/honoraria").group_id == groups["belemmerend"].id


def test_a_move_renames_the_code_in_saved_queries_and_undo_renames_it_back(project):
    from qualcode.storage.saved_queries import get_saved_query, save_query
    store, eva, _, codes, groups = project
    text = 'belemmerend/gedoe-over-geld/honoraria OR (belemmerend/* AND TEXT "belemmerend/gedoe-over-geld")'
    save_query(store, "geld", text)
    move_code(store, coder_id=eva, code_id=codes["belemmerend/gedoe-over-geld"].id, group_id=groups["bevorderend"].id)
    assert get_saved_query(store, "geld").text == (
        'bevorderend/gedoe-over-geld/honoraria OR (belemmerend/* AND TEXT "belemmerend/gedoe-over-geld")')
    undo(store, eva)
    assert get_saved_query(store, "geld").text == text


def test_a_moved_code_whose_id_is_taken_in_the_new_group_gets_a_number(project):
    store, eva, _, codes, groups = project
    add_code(store, coder_id=eva, group_id=groups["bevorderend"].id, name="Gebrek aan vertrouwen")
    moved = move_code(store, coder_id=eva, code_id=codes["belemmerend/gebrek-aan-vertrouwen"].id,
                      group_id=groups["bevorderend"].id, parent_id=codes["bevorderend/noodzaak"].id)
    assert moved.key == "bevorderend/noodzaak/gebrek-aan-vertrouwen"
    moved = move_code(store, coder_id=eva, code_id=moved.id, group_id=groups["bevorderend"].id)
    assert moved.key == "bevorderend/gebrek-aan-vertrouwen-2"


def test_reorder_swaps_siblings_and_stops_at_the_edge(project):
    store, eva, _, codes, groups = project
    def order():
        codebook = load_codebook(store)
        return [c.key for c in codebook.codes if c.group_id == groups["belemmerend"].id and c.parent_id is None]
    assert order() == ["belemmerend/gebrek-aan-vertrouwen", "belemmerend/gedoe-over-geld"]
    assert reorder_code(store, coder_id=eva, code_id=codes["belemmerend/gedoe-over-geld"].id, offset=-1)
    assert order() == ["belemmerend/gedoe-over-geld", "belemmerend/gebrek-aan-vertrouwen"]
    assert not reorder_code(store, coder_id=eva, code_id=codes["belemmerend/gedoe-over-geld"].id, offset=-1)
    assert reorder_group(store, coder_id=eva, group_id=groups["bevorderend"].id, offset=-1)
    assert [g.key for g in load_codebook(store).groups] == ["bevorderend", "belemmerend"]
    undo(store, eva)
    undo(store, eva)
    assert order() == ["belemmerend/gebrek-aan-vertrouwen", "belemmerend/gedoe-over-geld"]


def test_merge_moves_codings_drops_duplicates_and_undoes_exactly(project):
    store, eva, daan, codes, _ = project
    source, target = codes["belemmerend/gedoe-over-geld"], codes["belemmerend/gebrek-aan-vertrouwen"]
    apply_code(store, coder_id=eva, document_id=1, code_id=source.id, start=40, end=70)
    apply_code(store, coder_id=eva, document_id=1, code_id=target.id, start=40, end=70)
    apply_code(store, coder_id=daan, document_id=1, code_id=source.id, start=71, end=90)
    assert code_impact(store, source.id).codings == 2 and code_impact(store, source.id).coders == ("daan", "eva")
    before = _state(store)
    outcome = merge_codes(store, coder_id=eva, source_id=source.id, target_id=target.id)
    assert (outcome.moved, outcome.duplicates_removed) == (1, 1)
    codebook = load_codebook(store)
    assert codebook.code_by_id(source.id) is None
    assert codebook.code_by_key("belemmerend/gedoe-over-geld/honoraria").parent_id == target.id
    assert sorted((c.code_id, c.coder_id) for c in list_codings(store)) == [(target.id, eva), (target.id, daan)]
    undo(store, eva)
    assert _state(store) == before


def test_delete_code_removes_its_codings_and_undo_brings_back_the_same_ids(project):
    store, eva, daan, codes, _ = project
    code = codes["belemmerend/gedoe-over-geld"]
    apply_code(store, coder_id=daan, document_id=1, code_id=code.id, start=71, end=90)
    before = _state(store)
    assert delete_code(store, coder_id=eva, code_id=code.id) == 1
    assert load_codebook(store).code_by_key("belemmerend/gedoe-over-geld/honoraria").parent_id is None
    assert list_codings(store) == []
    undo(store, eva)
    assert _state(store) == before


def test_groups_add_rename_delete_with_impact(project):
    store, eva, _, codes, groups = project
    group = add_group(store, coder_id=eva, name="Relatietypen", colour="#2e86c1")
    assert group.key == "relatietypen" and load_codebook(store).groups[-1].id == group.id
    update_group(store, coder_id=eva, group_id=group.id, name="Relaties")
    apply_code(store, coder_id=eva, document_id=1, code_id=codes["belemmerend/gedoe-over-geld/honoraria"].id,
               start=71, end=90)
    impact = group_impact(store, groups["belemmerend"].id)
    assert (impact.codes, impact.codings, impact.coders) == (3, 1, ("eva",))
    before = _state(store)
    delete_group(store, coder_id=eva, group_id=groups["belemmerend"].id)
    assert [g.key for g in load_codebook(store).groups] == ["bevorderend", "relatietypen"]
    assert list_codings(store) == []
    undo(store, eva)
    assert _state(store) == before
    assert load_codebook(store).groups[-1].name == "Relaties"
