"""Word (.docx), OpenDocument (.odt) and RTF transcripts, built by the tests with the real libraries."""

from __future__ import annotations

import docx
import odfdo
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from qualcode.importers import read_transcript
from tests.importers.transcript_spans import paragraph_texts, turn_texts


def test_docx_paragraphs_and_table_rows_in_body_order(tmp_path):
    document = docx.Document()
    document.add_heading("Interview 5 – Longziekten", level=1)
    document.add_paragraph("Respondent: R5")
    document.add_paragraph("Datum: 2026-03-20")
    document.add_paragraph("")
    document.add_paragraph("I: Hoe begon het?")
    paragraph = document.add_paragraph("R: Met een brief ")
    paragraph.add_run("van de bestuurders.").bold = True
    document.add_paragraph("Die kwam onverwacht.")
    table = document.add_table(rows=3, cols=3)
    rows = [("00:05:10", "I", "En toen?"), ("00:05:14", "R", "Toen werd het"), ("", "", "")]
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    table.rows[1].cells[2].add_paragraph("stil.")
    merged = table.cell(2, 0).merge(table.cell(2, 2))
    merged.text = "I\tDank u."
    document.add_paragraph("R: Graag gedaan.")
    path = tmp_path / "interview.docx"
    document.save(path)

    transcript = read_transcript(path)
    assert transcript.text == (
        "Interview 5 – Longziekten\nRespondent: R5\nDatum: 2026-03-20\n\n"
        "I: Hoe begon het?\nR: Met een brief van de bestuurders.\nDie kwam onverwacht.\n"
        "00:05:10\tI\tEn toen?\n00:05:14\tR\tToen werd het stil.\nI Dank u.\nR: Graag gedaan."
    )
    assert transcript.metadata == {"title": "Interview 5 – Longziekten", "respondent": "R5", "datum": "2026-03-20"}
    assert transcript.case_label == "R5"
    assert turn_texts(transcript) == [
        ("I", "Hoe begon het?"),
        ("R", "Met een brief van de bestuurders.\nDie kwam onverwacht."),
        ("I", "En toen?"),
        ("R", "Toen werd het stil.\nI Dank u."),
        ("R", "Graag gedaan."),
    ]
    assert [turn.start_time for turn in transcript.turns] == [None, None, 310.0, 314.0, None]
    assert transcript.source_format == "docx"


def test_odt_paragraphs_lists_and_tables_without_notes_or_comments(tmp_path):
    document = odfdo.Document("text")
    body = document.body
    body.clear()
    body.append(odfdo.Header(1, "Interview 6"))
    body.append(odfdo.Paragraph("Respondent: R6"))
    body.append(odfdo.Paragraph(""))
    body.append(odfdo.Paragraph("I:  Hoe   begon het?"))
    answer = odfdo.Paragraph("R: Met een brief")
    answer.append(odfdo.Note(note_class="footnote", note_id="n1", citation="1", body="Van 3 maart."))
    answer.append(".")
    answer.append(odfdo.LineBreak())
    answer.append("Die kwam")
    answer.append(odfdo.Tab())
    answer.append("onverwacht.")
    answer.insert_annotation(after="brief", body="Nagaan bij R6", creator="Eva")
    body.append(answer)
    body.append(odfdo.List(["eerst de cardiologen", "dan de internisten"]))
    table = odfdo.Table("Vervolg", width=2, height=2)
    table.set_value((0, 0), "I")
    table.set_value((1, 0), "En nu?")
    table.set_value((0, 1), "R")
    table.set_value((1, 1), "Nu gaat het goed.")
    body.append(table)
    path = tmp_path / "interview.odt"
    document.save(path)

    transcript = read_transcript(path)
    assert transcript.text == (
        "Interview 6\nRespondent: R6\n\nI:  Hoe   begon het?\nR: Met een brief.\nDie kwam\tonverwacht.\n"
        "eerst de cardiologen\ndan de internisten\nI\tEn nu?\nR\tNu gaat het goed."
    )
    assert (transcript.metadata, transcript.case_label) == ({"title": "Interview 6", "respondent": "R6"}, "R6")
    assert turn_texts(transcript) == [
        ("I", "Hoe   begon het?"),
        ("R", "Met een brief.\nDie kwam\tonverwacht.\neerst de cardiologen\ndan de internisten"),
        ("I", "En nu?"),
        ("R", "Nu gaat het goed."),
    ]
    assert transcript.source_format == "odt"


def test_rtf_with_code_page_escapes_and_unicode(tmp_path):
    rtf = (
        r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}"
        "\n"
        r"{\*\generator Msftedit;}\pard Interview 7\par"
        "\n"
        r"Respondent: R7\par"
        "\n"
        r"\par"
        "\n"
        r"I: Hoe gaat het met de co\'f6peratie?\par"
        "\n"
        r"R: [00:03:02] Goed, \u8216?zo\u8217? \endash  caf\'e9 \'80 5.\line Tweede regel.\par"
        "\n}"
    )
    path = tmp_path / "interview.rtf"
    path.write_text(rtf, encoding="ascii")
    transcript = read_transcript(path)
    assert transcript.text == (
        "Interview 7\nRespondent: R7\n\nI: Hoe gaat het met de coöperatie?\n"
        "R: [00:03:02] Goed, ‘zo’ – café € 5.\nTweede regel."
    )
    assert transcript.case_label == "R7"
    assert turn_texts(transcript) == [
        ("I", "Hoe gaat het met de coöperatie?"),
        ("R", "Goed, ‘zo’ – café € 5.\nTweede regel."),
    ]
    assert paragraph_texts(transcript)[1] == ["Goed, ‘zo’ – café € 5.", "Tweede regel."]
    assert transcript.turns[1].start_time == 182.0


def test_docx_reads_hyperlinks_and_tracked_insertions_but_not_deletions(tmp_path):
    document = docx.Document()
    document.add_paragraph("I: Wat stond er in de brief?")
    answer = document.add_paragraph("R: Dat de ")
    answer._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="Eva" w:date="2026-03-20T10:00:00Z">'
        "<w:r><w:delText>oude </w:delText></w:r></w:del>"
    ))
    answer._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="Eva" w:date="2026-03-20T10:00:00Z">'
        "<w:r><w:t>nieuwe </w:t></w:r></w:ins>"
    ))
    answer._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w")}><w:r><w:t>regiovisie</w:t></w:r></w:hyperlink>'
    ))
    answer.add_run(" er moest komen.")
    path = tmp_path / "bijgehouden.docx"
    document.save(path)
    transcript = read_transcript(path)
    assert turn_texts(transcript) == [
        ("I", "Wat stond er in de brief?"),
        ("R", "Dat de nieuwe regiovisie er moest komen."),
    ]
