"""The header block: metadata and case label, kept in the text but outside every turn."""

from __future__ import annotations

from tests.importers.transcript_spans import read_text, turn_texts

HEADER = (
    "# Interview 3 – Interne geneeskunde\n"
    "Respondent: R3\n"
    "Datum: 12 maart 2026\n"
    "**Duur:** 54 minuten\n"
    "Interviewer: Eva Meijer\n"
    "Locatie: Ziekenhuis Marewijk, Zwolle\n"
    "Functie: internist, voorzitter vakgroep\n"
    "\n"
)


def test_header_fields_become_metadata_and_the_case(tmp_path):
    transcript = read_text(tmp_path, HEADER + "I: Hoe begon het?\nRespondent: Nou, kijk, met een brief.\n")
    assert transcript.metadata == {
        "title": "Interview 3 – Interne geneeskunde",
        "respondent": "R3",
        "datum": "12 maart 2026",
        "duur": "54 minuten",
        "interviewer": "Eva Meijer",
        "locatie": "Ziekenhuis Marewijk, Zwolle",
        "functie": "internist, voorzitter vakgroep",
    }
    assert transcript.case_label == "R3"
    assert turn_texts(transcript) == [("I", "Hoe begon het?"), ("Respondent", "Nou, kijk, met een brief.")]
    assert transcript.text.startswith(HEADER)
    assert transcript.turns[0].start == len(HEADER) + len("I: ")


def test_case_or_casus_give_the_case_label_and_keys_may_have_several_words(tmp_path):
    transcript = read_text(tmp_path, "Casus: C7\nDatum van het interview: 2026-03-12\n\nI: Vraag?\nR: Antwoord.\n")
    assert transcript.metadata == {"casus": "C7", "datum van het interview": "2026-03-12"}
    assert transcript.case_label == "C7"


def test_a_header_without_a_blank_line_before_the_turns(tmp_path):
    transcript = read_text(tmp_path, "Interview met R4\nRespondent: R4\nDatum: 2026-03-14\nI: Vraag?\nR: Antwoord.\n")
    assert transcript.metadata == {"title": "Interview met R4", "respondent": "R4", "datum": "2026-03-14"}
    assert turn_texts(transcript) == [("I", "Vraag?"), ("R", "Antwoord.")]


def test_role_labels_that_open_the_talk_are_turns_not_a_header(tmp_path):
    text = "Interviewer: Welkom\nRespondent: Dank u.\nInterviewer: Zullen we beginnen?\nRespondent: Ja, dat klopt.\n"
    transcript = read_text(tmp_path, text)
    assert transcript.metadata == {}
    assert transcript.case_label is None
    assert turn_texts(transcript) == [
        ("Interviewer", "Welkom"),
        ("Respondent", "Dank u."),
        ("Interviewer", "Zullen we beginnen?"),
        ("Respondent", "Ja, dat klopt."),
    ]


def test_a_respondent_line_that_is_speech_ends_the_header(tmp_path):
    transcript = read_text(tmp_path, "Datum: 2026-03-12\nRespondent: Ja, ik werk hier al veertien jaar.\nI: Mooi.\n")
    assert transcript.metadata == {"datum": "2026-03-12"}
    assert turn_texts(transcript) == [("Respondent", "Ja, ik werk hier al veertien jaar."), ("I", "Mooi.")]


def test_a_sentence_is_not_a_title(tmp_path):
    transcript = read_text(tmp_path, "Dit interview is ingekort.\nRespondent: R2\n\nI: Vraag?\nR: Antwoord.\n")
    assert transcript.metadata == {}
    assert turn_texts(transcript) == [("Respondent", "R2"), ("I", "Vraag?"), ("R", "Antwoord.")]
