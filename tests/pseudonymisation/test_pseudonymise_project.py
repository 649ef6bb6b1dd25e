"""Pseudonymisation end to end on the annotated interviews: detection quality before review, scripted
review, ``apply`` keeping every coding, and exports with ``--pseudonymised`` that keep no accepted form."""

from __future__ import annotations

import json
import random
import sqlite3
import zipfile

import docx
import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.domain.pseudonym_forms import find_mentions
from qualcode.domain.pseudonymised_text import pseudonymise
from qualcode.nlp.project_pseudonyms import detect_in_project
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.codings import NewCoding, add_coding, list_codings
from qualcode.storage.documents import get_document
from qualcode.storage.memos import set_segment_memo
from qualcode.storage.project_store import open_project
from qualcode.storage.pseudonym_decisions import form_decisions
from qualcode.storage.pseudonymised_project import write_pseudonymised_project
from tests.project_factory import SMALL_CODEBOOK
from tests.pseudonymisation.annotated_interviews import score
from tests.pseudonymisation.annotated_project import annotated_project

runner = CliRunner()


@pytest.fixture()
def coded(tmp_path):
    """The annotated interviews, coded by ``eva`` around, across and inside the mentions, with memos naming them."""
    store, gold = annotated_project(tmp_path / "project")
    apply_codebook_spec(store, SMALL_CODEBOOK)
    code = load_codebook(store).codes[0].id
    eva = ensure_coder(store, "eva").id
    rng = random.Random(14)
    for document_id, mentions in gold.items():
        length = len(get_document(store, document_id).text)
        for mention in mentions:
            start = max(0, mention.start - rng.randint(0, 30))
            end = min(length, mention.end + rng.randint(0, 30))
            add_coding(store, NewCoding(document_id, code, eva, start, end, memo=f"over {mention.text}"))
            cut = mention.start + 1                                 # starts inside the name
            add_coding(store, NewCoding(document_id, code, eva, cut, min(length, cut + 40)))
        set_segment_memo(store, coder_id=eva, document_id=document_id, start=mentions[0].start,
                         end=mentions[0].end, text=f"{mentions[0].text} belde nog na")
    return store, gold


def cli(store, *args):
    return runner.invoke(app, [*args, "--project", str(store.folder)])


def accept_gold(store, gold):
    forms = {}
    for mentions in gold.values():
        for mention in mentions:
            forms.setdefault(mention.text, mention.type)
    for form, entity_type in forms.items():
        result = cli(store, "pseudonymise", "accept", form, "--type", entity_type)
        assert result.exit_code == 0, result.output
    return forms


def test_recall_and_precision_per_type_before_review(coded, detector):
    store, gold = coded
    detections = detect_in_project(store, detector)
    for entity_type in ("person", "place", "organisation"):
        totals = [0, 0, 0, 0]
        for document_id, mentions in gold.items():
            text = get_document(store, document_id).text
            result = score(text, mentions, [d for d in detections if d.document_id == document_id], entity_type)
            totals = [a + b for a, b in zip(totals, (result.mentions, result.found, result.detections, result.correct))]
        mentions, found, count, correct = totals
        assert found / mentions >= 0.95, entity_type
        assert correct / count >= 0.8, entity_type
    assert {"person", "place", "organisation"} <= {d.source and d.type for d in detections}


def test_public_bodies_are_not_flagged_unless_asked(detector):
    text = "De NZa, de ACM en de IGJ keken mee, net als het ministerie van VWS en het Jeroen Bosch Ziekenhuis."
    found = {d.text for d in detector.detect(text)}
    assert found == {"Jeroen Bosch Ziekenhuis"}


def test_generic_care_abbreviations_and_speaker_codes_name_no_one(detector):
    from qualcode.nlp.pseudonym_detection import looks_like_name

    text = "Formeel zitten we in het MSB, het MDO is op dinsdag en de COPD-zorg loopt via het AMC."
    assert {d.text for d in detector.detect(text)} == {"AMC"}
    assert [value for value in ("Int.", "Resp.", "R1", "Interviewer 2", "Hans Wolters", "Dr. Jansen")
            if looks_like_name(value)] == ["Hans Wolters", "Dr. Jansen"]


def test_detect_command_lists_every_detection_with_its_decision(coded):
    store, _gold = coded
    assert cli(store, "pseudonymise", "accept", "Wolters", "--type", "person").exit_code == 0
    assert cli(store, "pseudonymise", "reject", "Salland", "--type", "place").exit_code == 0
    result = cli(store, "pseudonymise", "detect", "interview-wolters", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    text = get_document(store, "interview-wolters").text
    assert rows and all(text[row["start"]:row["end"]] == row["text"] for row in rows)
    assert {row["document"] for row in rows} == {"interview-wolters"}
    by_text = {row["text"]: row for row in rows}
    assert by_text["Wolters"]["status"] == "accepted" and by_text["Wolters"]["pseudonym"] == "[Persoon 1]"
    assert by_text["Salland"]["status"] == "rejected"
    assert by_text["Deventer"]["status"] == "proposed" and by_text["Deventer"]["type"] == "place"


def test_apply_keeps_every_coding_and_memo_exactly(coded, tmp_path):
    store, gold = coded
    forms = accept_gold(store, gold)
    result = cli(store, "pseudonymise", "apply", "--into", str(tmp_path / "public"))
    assert result.exit_code == 0, result.output
    copy = open_project(tmp_path / "public")
    decisions = [d for d in form_decisions(store) if d.status == "accepted"]
    from qualcode.domain.pseudonym_forms import text_replacements

    old_codings = sorted(list_codings(store), key=lambda c: c.id)
    new_codings = {c.id: c for c in list_codings(copy)}
    merged = 0
    for old in old_codings:
        new = new_codings.get(old.id)
        if new is None:  # made one with an earlier coding of the same code and coder that became the same span
            merged += 1
            original = get_document(store, old.document_id).text
            span = pseudonymise(original, text_replacements(original, decisions)).map_span(old.start, old.end)
            assert any((c.start, c.end, c.code_id, c.coder_id) == (*span, old.code_id, old.coder_id)
                       and c.id < old.id for c in new_codings.values())
            continue
        original = get_document(store, old.document_id).text
        replacements = text_replacements(original, decisions)
        mapped = pseudonymise(original, replacements)
        assert (new.start, new.end) == mapped.map_span(old.start, old.end)
        start, end = old.start, old.end
        for r in replacements:  # a coding that cuts a name takes all of it
            start = r.start if r.start < start < r.end else start
            end = r.end if r.start < end < r.end else end
        inside = [type(r)(r.start - start, r.end - start, r.pseudonym) for r in replacements
                  if start <= r.start and r.end <= end]
        assert get_document(copy, new.document_id).text[new.start:new.end] == \
            pseudonymise(original[start:end], inside).text
        assert pseudonymise(old.memo, text_replacements(old.memo, decisions)).text in new.memo
    assert len(new_codings) == len(old_codings) - merged and f"{len(new_codings)} codings" in result.stdout
    for document_id in gold:
        new_text = get_document(copy, document_id).text
        assert not [form for form in forms if find_mentions(new_text, form)]
    database = sqlite3.connect(tmp_path / "public" / "qualcode.db")
    assert database.execute("SELECT count(*) FROM pseudonym_forms").fetchone() == (0,)
    assert database.execute("SELECT count(*) FROM action_log").fetchone() == (0,)
    database.close()
    raw = (tmp_path / "public" / "qualcode.db").read_bytes()
    assert b"Wolters" not in raw and b"Kortekaas" not in raw
    copy.close()


def _export_texts(store, tmp_path):
    """Every pseudonymised export's text, by the file it came from."""
    assert cli(store, "export", "transcripts", "--pseudonymised").exit_code == 0
    assert cli(store, "export", "transcripts", "--format", "docx", "--pseudonymised").exit_code == 0
    assert cli(store, "export", "segments", "--pseudonymised").exit_code == 0
    assert cli(store, "export", "quotes", "--format", "md", "--memos", "--pseudonymised").exit_code == 0
    assert cli(store, "export", "quotes", "--memos", "--pseudonymised").exit_code == 0
    result = cli(store, "export", "qdpx", "--pseudonymised", "--output", str(tmp_path / "project.qdpx"))
    assert result.exit_code == 0, result.output
    exports = store.folder / "exports"
    texts = {}
    for path in (exports / "transcripts").glob("*.txt"):
        texts[path.name] = path.read_text(encoding="utf-8")
    for path in (exports / "transcripts").glob("*.docx"):
        texts[path.name] = "\n".join(p.text for p in docx.Document(path).paragraphs)
    texts["segments.csv"] = (exports / "segments.csv").read_text(encoding="utf-8")
    texts["quotes.md"] = (exports / "quotes.md").read_text(encoding="utf-8")
    texts["quotes.docx"] = "\n".join(p.text for p in docx.Document(exports / "quotes.docx").paragraphs)
    with zipfile.ZipFile(tmp_path / "project.qdpx") as archive:
        for name in archive.namelist():
            texts[name] = archive.read(name).decode("utf-8", errors="replace")
    return texts


def test_no_accepted_form_survives_any_pseudonymised_export(coded, tmp_path):
    store, gold = coded
    forms = accept_gold(store, gold)
    texts = _export_texts(store, tmp_path)
    assert len([name for name in texts if name.endswith(".txt") and "/" not in name]) == len(gold)
    left = {(name, form) for name, text in texts.items() for form in forms if find_mentions(text, form)}
    assert left == set()
    assert any("[Persoon 1]" in text for text in texts.values())


def test_a_partial_review_replaces_only_what_was_accepted(coded, tmp_path):
    store, _gold = coded
    assert cli(store, "pseudonymise", "accept", "Hans Wolters", "--type", "person", "--as", "Respondent A").exit_code == 0
    assert cli(store, "pseudonymise", "accept", "Wolters", "--type", "person").exit_code == 0
    result = cli(store, "export", "transcripts", "interview-wolters", "--pseudonymised")
    assert result.exit_code == 0, result.output
    text = (store.folder / "exports" / "transcripts" / "interview-wolters.txt").read_text(encoding="utf-8")
    assert "Respondent: Respondent A" in text and "Respondent A' eigen maatschap" in text
    assert "Deventer" in text                                             # not accepted: kept
    assert "Wolters" in get_document(store, "interview-wolters").text   # the original is never changed


def test_undo_takes_back_the_latest_decision(coded):
    store, _gold = coded
    assert cli(store, "pseudonymise", "accept", "Tiel", "--type", "place").exit_code == 0
    assert cli(store, "pseudonymise", "accept", "Tiel", "--as", "een kleine stad").exit_code == 0
    assert [d.pseudonym for d in form_decisions(store)] == ["een kleine stad"]
    result = cli(store, "pseudonymise", "undo")
    assert result.exit_code == 0, result.output
    assert [d.pseudonym for d in form_decisions(store)] == ["[Plaats 1]"]
    assert cli(store, "pseudonymise", "undo").exit_code == 0
    assert form_decisions(store) == []
    assert cli(store, "pseudonymise", "undo").exit_code != 0


def test_one_occurrence_and_a_missed_mention(coded, tmp_path):
    store, _gold = coded
    text = get_document(store, "interview-wolters").text
    second = text.index("Tiel", text.index("Tiel") + 1)
    assert cli(store, "pseudonymise", "accept", "Tiel", "--type", "place").exit_code == 0
    assert cli(store, "pseudonymise", "reject", "Tiel", "--document", "interview-wolters",
               "--start", str(second)).exit_code == 0
    missed = text.index("stuurgroep")
    assert cli(store, "pseudonymise", "accept", "stuurgroep", "--type", "other", "--as", "[Overleg]",
               "--document", "interview-wolters", "--start", str(missed)).exit_code == 0
    write_pseudonymised_project(store, tmp_path / "public")
    copy = open_project(tmp_path / "public")
    new_text = get_document(copy, "interview-wolters").text
    assert new_text.count("Tiel") == 1 and "[Plaats 1]" in new_text and "in de [Overleg]" in new_text
    copy.close()


def test_the_key_is_shown_only_on_request_with_a_warning(coded, tmp_path):
    store, _gold = coded
    assert cli(store, "pseudonymise", "accept", "Wolters", "--type", "person").exit_code == 0
    result = cli(store, "pseudonymise", "key", "--output", str(tmp_path / "key.csv"))
    assert result.exit_code == 0, result.output
    assert "personal data" in result.stderr
    assert "Wolters,person,accepted,[Persoon 1]" in (tmp_path / "key.csv").read_text(encoding="utf-8")
    texts = _export_texts(store, tmp_path)
    assert not any("Wolters" in text for text in texts.values())


BAD_INPUTS = [
    (["accept", "Wolters"], "--type"),                                          # new form without a type
    (["accept", "Wolters", "--type", "persoon"], "persoon"),                   # unknown type
    (["accept", "   ", "--type", "person"], "empty"),
    (["accept", "Wolters", "--type", "person", "--as", " "], "empty"),
    (["accept", "Wolters", "--type", "person", "--document", "interview-wolters"], "--start"),
    (["accept", "Wolters", "--type", "person", "--document", "interview-wolters", "--start", "0"], "does not read"),
    (["accept", "Wolters", "--type", "person", "--document", "geen-interview", "--start", "0"], "geen-interview"),
    (["reject", "Wolters", "--document", "interview-wolters", "--start", "-3"], "does not read"),
    (["detect", "geen-interview"], "geen-interview"),
]


@pytest.mark.parametrize(("arguments", "message"), BAD_INPUTS)
def test_bad_input_is_one_clear_line_and_changes_nothing(coded, arguments, message):
    store, _gold = coded
    before = form_decisions(store)
    result = cli(store, "pseudonymise", *arguments)
    assert result.exit_code != 0
    assert message in result.output
    assert form_decisions(store) == before


def test_apply_refuses_a_folder_with_something_in_it(coded, tmp_path):
    store, _gold = coded
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("x")
    result = cli(store, "pseudonymise", "apply", "--into", str(tmp_path / "full"))
    assert result.exit_code == 1 and "not an empty folder" in result.output
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["notes.txt"]


def test_a_surname_alone_shares_the_full_names_pseudonym_but_two_people_do_not(coded):
    store, _gold = coded
    for form in ("Hans Wolters", "Wolters", "Joost Bakker", "Wietske Bakker"):
        assert cli(store, "pseudonymise", "accept", form, "--type", "person").exit_code == 0
    assert {d.form: d.pseudonym for d in form_decisions(store)} == {
        "Hans Wolters": "[Persoon 1]", "Wolters": "[Persoon 1]", "Joost Bakker": "[Persoon 2]",
        "Wietske Bakker": "[Persoon 3]"}
