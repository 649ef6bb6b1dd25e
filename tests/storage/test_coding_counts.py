"""Usage per code and coded share per document, checked against counts made by hand."""

import pytest

from qualcode.storage.coders import ensure_coder
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.coding_counts import CodeUsage, code_usage, coded_shares, spoken_characters
from tests.project_factory import small_project

pytestmark = pytest.mark.both_backends


def test_usage_and_share_per_coder(project_place):
    store = small_project(project_place("p"))
    eva, daan = ensure_coder(store, "eva").id, ensure_coder(store, "daan").id
    codes = {code.key.split("/")[-1]: code.id for code in load_codebook(store).codes}
    apply_code(store, coder_id=eva, document_id=1, code_id=codes["noodzaak"], start=40, end=70)
    apply_code(store, coder_id=eva, document_id=1, code_id=codes["gedoe-over-geld"], start=60, end=80)
    apply_code(store, coder_id=daan, document_id=1, code_id=codes["noodzaak"], start=3, end=10)
    assert code_usage(store, eva) == {codes["noodzaak"]: CodeUsage(1, 2), codes["gedoe-over-geld"]: CodeUsage(1, 1)}
    # Turns: "Hoe kijkt u naar de samenwerking?" (33) and the two-line answer (73).
    assert spoken_characters(store) == {1: 33 + 73}
    assert coded_shares(store, eva) == {1: 40 / 106}
    assert coded_shares(store, daan) == {1: 7 / 106}
