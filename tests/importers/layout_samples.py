"""Short fictional transcripts in the layouts transcription tools write, and ways to save them as files.

The content is our own: a dermatologist and a researcher talk about a regional collaboration with
the dermatology group in a neighbouring hospital (Hoeveen). Each sample has the same four turns;
``EXPECTED`` holds them as (speaker, words, time in seconds).
"""

from __future__ import annotations

from pathlib import Path

import docx
import odfdo

QUESTION_1 = "Hoe is het idee van een regionale samenwerking eigenlijk ontstaan?"
ANSWER_1 = (
    "Dat begon bij de bestuurders. Die zagen de wachtlijsten voor de dermatologie oplopen.",
    "En toen kwam de vraag of wij met de groep in Hoeveen iets konden doen.",
)
QUESTION_2 = "Wat vond uw vakgroep daarvan?"
ANSWER_2 = ("Eerst was er vooral argwaan, eerlijk gezegd. Wie gaat er dan over de planning?",)

TIMES = (1.0, 9.0, 31.0, 35.0)


def expected(interviewer: str, respondent: str, times: tuple[float | None, ...] = TIMES) -> list[tuple]:
    """The four turns as (speaker, words, time)."""
    return [
        (interviewer, QUESTION_1, times[0]),
        (respondent, "\n".join(ANSWER_1), times[1]),
        (interviewer, QUESTION_2, times[2]),
        (respondent, "\n".join(ANSWER_2), times[3]),
    ]


def _blocks(heads: list[str], separator: str = "\n") -> str:
    """Speaker lines with the words below them, turns apart by a blank line."""
    bodies = [(QUESTION_1,), ANSWER_1, (QUESTION_2,), ANSWER_2]
    return "\n\n".join(separator.join((head, *body)) for head, body in zip(heads, bodies, strict=True)) + "\n"


AMBERSCRIPT = _blocks(
    ["Spreker 1 [00:00:01]", "Spreker 2 [00:00:09]", "Spreker 1 [00:00:31]", "Spreker 2 [00:00:35]"]
)
OTTER = "Gesprek dermatologie Hoeveen\n\n" + _blocks(
    ["Speaker 1  0:01", "Speaker 2  0:09", "Speaker 1  0:31", "Speaker 2  0:35"]
)
# Teams' .docx transcript: a title and the meeting's date, then names with a bare time.
TEAMS = "Transcriptie\n12 maart 2026, 10:02\n\n" + _blocks(
    ["Anouk de Wit   0:01", "Dr. Smits   0:09", "Anouk de Wit   0:31", "Dr. Smits   0:35"]
)
WORD = _blocks(["00:00:01 Spreker 1", "00:00:09 Spreker 2", "00:00:31 Spreker 1", "00:00:35 Spreker 2"])
WORD_MILLISECONDS = _blocks(
    ["00:00:01.000 Anouk de Wit", "00:00:09.000 Dr. Smits", "00:00:31.000 Anouk de Wit", "00:00:35.000 Dr. Smits"]
)
PARENTHESES = _blocks(["Interviewer (00:00:01)", "Respondent (00:00:09)", "Interviewer (00:00:31)",
                       "Respondent (00:00:35)"])
F4 = (
    f"I: {QUESTION_1} #00:00:01-0#\n\n"
    f"R: {ANSWER_1[0]}\n{ANSWER_1[1]} #00:00:09-0#\n\n"
    f"I: {QUESTION_2} #00:00:31-0#\n\n"
    f"R: {ANSWER_2[0]} #00:00:35-0#\n"
)
# noScribe: the respondent speaks first, so the first speaker is not the interviewer.
NOSCRIBE = (
    "Gesprek dermatologie\n\n"
    f"S00: [00:00:01] {QUESTION_1}\n\n"
    f"S01: [00:00:09] {ANSWER_1[0]}\n{ANSWER_1[1]}\n\n"
    f"S00: [00:00:31] {QUESTION_2}\n\n"
    f"S01: [00:00:35] {ANSWER_2[0]}\n"
)

# name: (text, interviewer label, respondent label, expected layout at the start of the description)
TEXT_SAMPLES = {
    "amberscript": (AMBERSCRIPT, "Spreker 1", "Spreker 2", "Amberscript-style: speaker line, then text"),
    "otter": (OTTER, "Speaker 1", "Speaker 2", "Otter-style: speaker line, then text"),
    "teams": (TEAMS, "Anouk de Wit", "Dr. Smits", "Otter-style: speaker line, then text"),
    "word": (WORD, "Spreker 1", "Spreker 2", "Word-style: time and speaker line, then text"),
    "word-ms": (WORD_MILLISECONDS, "Anouk de Wit", "Dr. Smits", "Word-style: time and speaker line, then text"),
    "parentheses": (PARENTHESES, "Interviewer", "Respondent", "Amberscript-style: speaker line, then text"),
    "f4": (F4, "I", "R", "f4-style: speaker label, text, time at the end"),
    "noscribe": (NOSCRIBE, "S00", "S01", "labelled lines: speaker label, then text"),
}


def table_rows(order: tuple[str, ...], interviewer: str = "I", respondent: str = "R") -> list[tuple[str, ...]]:
    """Rows of a transcript table with its columns in ``order`` (``time``, ``speaker``, ``text``)."""
    turns = [
        ("00:00:01", interviewer, QUESTION_1),
        ("00:00:09", respondent, " ".join(ANSWER_1)),
        ("00:00:31", interviewer, QUESTION_2),
        ("00:00:35", respondent, ANSWER_2[0]),
    ]
    return [tuple(dict(zip(("time", "speaker", "text"), turn, strict=True))[column] for column in order)
            for turn in turns]


def write_txt(tmp_path: Path, text: str, name: str = "interview") -> Path:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def write_docx(tmp_path: Path, text: str, name: str = "interview") -> Path:
    """Each line a paragraph, as Word's transcribe and most export dialogs write them."""
    document = docx.Document()
    for line in text.rstrip("\n").split("\n"):
        document.add_paragraph(line)
    path = tmp_path / f"{name}.docx"
    document.save(path)
    return path


def write_odt(tmp_path: Path, text: str, name: str = "interview") -> Path:
    """Each line a paragraph of an OpenDocument text."""
    document = odfdo.Document("text")
    document.body.clear()
    for line in text.rstrip("\n").split("\n"):
        document.body.append(odfdo.Paragraph(line))
    path = tmp_path / f"{name}.odt"
    document.save(path)
    return path


def write_rtf(tmp_path: Path, text: str, name: str = "interview") -> Path:
    """Each line an RTF paragraph; characters beyond ASCII as ``\\uN?`` escapes."""
    def escaped(line: str) -> str:
        line = line.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
        return "".join(character if ord(character) < 128 else f"\\u{ord(character)}?" for character in line)

    body = "".join(f"{escaped(line)}\\par\n" for line in text.rstrip("\n").split("\n"))
    path = tmp_path / f"{name}.rtf"
    prolog = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}\n\\pard "
    path.write_text(prolog + body + "}", encoding="ascii")
    return path


def write_docx_table(tmp_path: Path, rows: list[tuple[str, ...]], header: tuple[str, ...] | None = None) -> Path:
    """A title paragraph, then a table with a row per turn (and a header row if given)."""
    document = docx.Document()
    document.add_paragraph("Gesprek dermatologie Hoeveen")
    every_row = ([header] if header else []) + rows
    table = document.add_table(rows=len(every_row), cols=len(every_row[0]))
    for row, values in zip(table.rows, every_row, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "tabel.docx"
    document.save(path)
    return path
