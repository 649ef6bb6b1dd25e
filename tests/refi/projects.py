"""A project with everything REFI-QDA can carry, and a comparable picture of what a project holds."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import select

from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
from qualcode.domain.transcript import ParsedTranscript, ParsedTurn
from qualcode.importers.refi_text import align
from qualcode.storage.cases import list_cases, set_case_attributes
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder_in, list_coders
from qualcode.storage.codings import NewCoding, insert_codings, list_codings
from qualcode.storage.documents import store_transcript
from qualcode.storage.project_store import ProjectStore, init_project
from qualcode.storage.tables import DocumentRow, MemoRow

CODEBOOK = CodebookSpec(
    title="Samenwerking",
    groups=(
        GroupSpec(key="belemmerend", name="Belemmerende factoren", description="Wat de verkenning afremt.",
                  colour="#b03a2e", codes=(
            CodeSpec(key="belemmerend/gebrek-aan-vertrouwen", name="Gebrek aan vertrouwen",
                     description="Twijfel aan de andere vakgroep.", inclusion="Wantrouwen, achterdocht.",
                     exclusion="Niet voor machtsverschillen.", indicators=("vertrouwen", "wantrouwen"),
                     colour="#e74c3c", hotkey="1"),
            CodeSpec(key="belemmerend/gedoe-over-geld", name="Gedoe over geld (💶)", colour="#e67e22", hotkey="2",
                     children=(
                CodeSpec(key="belemmerend/gedoe-over-geld/honoraria", name="Honoraria",
                         description="Verdeling van honoraria.\nOok: goodwill.",
                         children=(CodeSpec(key="belemmerend/gedoe-over-geld/honoraria/inkopen", name="Inkopen"),)),
            )),
        )),
        GroupSpec(key="bevorderend", name="Bevorderende factoren", codes=(
            CodeSpec(key="bevorderend/noodzaak", name="Noodzaak", description="Druk van buiten.", hotkey="6"),
        )),
    ),
)

EMOJI_TEXT = ("I: Hoe was het eerste overleg? 🙂\n"
              "R: Eerlijk gezegd 😬 wantrouwig. De 👩‍⚕️ cardioloog wilde eerst de cijfers zien.\n"
              "I: En daarna?\n"
              "R: Daarna ging het over geld 💶💶, honoraria en goodwill.")
CRLF_BYTES = ("\ufeffI: Wat dreef de samenwerking?\r\n"
              "R: De noodzaak. Zonder fusie geen 24/7 dienst.  \r\n"
              "\r\n"
              "R: En het vertrouwen groeide café na café.\r\n").encode("utf-8")


def _turns(text: str) -> tuple[ParsedTurn, ...]:
    turns, offset = [], 0
    for line in text.split("\n"):
        if line:
            start = offset + 3 if line[1:3] == ": " else offset
            turns.append(ParsedTurn(speaker=line[0], start=start, end=offset + len(line),
                                    paragraphs=((start, offset + len(line)),)))
        offset += len(line) + 1
    return tuple(turns)


def _add(store: ProjectStore, name: str, text: str, case: str | None, raw: bytes) -> int:
    parsed = ParsedTranscript(text=text, turns=_turns(text), source_format="txt", interviewer_label="I",
                              case_label=case, metadata={"datum": "2024-05-01"})
    with store.transaction() as session:
        return store_transcript(session, parsed, name=name, source_name=f"{name}.txt",
                                source_sha256=hashlib.sha256(raw).hexdigest()).id


def rich_project(folder: Path) -> ProjectStore:
    """Two coders, nested codes, an emoji interview and a CRLF one, codings with memos, cases, free memos."""
    store = init_project(folder)
    apply_codebook_spec(store, CODEBOOK)
    crlf_text = align(CRLF_BYTES.decode("utf-8")).text
    emoji = _add(store, "interview-01 😀", EMOJI_TEXT, "R1", EMOJI_TEXT.encode())
    crlf = _add(store, "interview-02", crlf_text, "R2", CRLF_BYTES)
    codes = {code.key: code.id for code in load_codebook(store).codes}

    def span(text: str, quote: str) -> tuple[int, int]:
        start = text.index(quote)
        return start, start + len(quote)

    when = datetime(2024, 5, 2, 10, 30, tzinfo=UTC)
    with store.transaction() as session:
        anna, bram = ensure_coder_in(session, "anna").id, ensure_coder_in(session, "Bram de Vries").id
        plan = [
            (emoji, EMOJI_TEXT, "😬 wantrouwig", "belemmerend/gebrek-aan-vertrouwen", anna, "Emoji telt als één teken."),
            (emoji, EMOJI_TEXT, "😬 wantrouwig", "belemmerend/gebrek-aan-vertrouwen", bram, ""),
            (emoji, EMOJI_TEXT, "👩‍⚕️ cardioloog", "belemmerend/gebrek-aan-vertrouwen", bram, "ZWJ-reeks"),
            (emoji, EMOJI_TEXT, "geld 💶💶, honoraria", "belemmerend/gedoe-over-geld/honoraria", anna,
             "regel 1\nregel 2 met <xml> & \"quotes\""),
            (emoji, EMOJI_TEXT, "goodwill", "belemmerend/gedoe-over-geld/honoraria/inkopen", bram, ""),
            (crlf, crlf_text, "De noodzaak", "bevorderend/noodzaak", anna, ""),
            (crlf, crlf_text, "24/7 dienst.\n\nR: En het vertrouwen", "bevorderend/noodzaak", bram, "over twee regels"),
            (crlf, crlf_text, "café na café", "belemmerend/gebrek-aan-vertrouwen", anna, ""),
        ]
        insert_codings(session, [
            NewCoding(document_id=document, code_id=codes[key], coder_id=coder, start=span(text, quote)[0],
                      end=span(text, quote)[1], memo=memo, created_at=when)
            for document, text, quote, key, coder, memo in plan
        ])
        set_case_attributes(session, "R1", {"specialisme": "cardiologie", "jaren": 12, "score": 7.25,
                                            "maatschap": True, "gesprek": date(2024, 5, 1), "opmerking": None})
        set_case_attributes(session, "R2", {"specialisme": "longziekten", "jaren": 3, "score": 8.0,
                                            "maatschap": False, "gesprek": date(2024, 5, 8)})
        start, end = span(EMOJI_TEXT, "De 👩‍⚕️ cardioloog wilde eerst de cijfers zien.")
        session.add(MemoRow(document_id=emoji, coder_id=anna, start=start, end=end, text="Later navragen 🤔",
                            created_at=when, updated_at=when))
        start, end = span(crlf_text, "De noodzaak.")
        session.add(MemoRow(document_id=crlf, coder_id=None, start=start, end=end, text="Memo zonder auteur",
                            created_at=when, updated_at=when))
    return store


def project_state(store: ProjectStore) -> dict:
    """Everything a round trip must keep, keyed by names and keys rather than database ids."""
    codebook = load_codebook(store)
    groups = {group.id: group for group in codebook.groups}
    codes = {code.id: code for code in codebook.codes}
    coders = {coder.id: coder.name for coder in list_coders(store)}
    cases = list_cases(store)
    case_labels = {case.id: case.label for case in cases}
    with store.session() as session:
        documents = {row.id: row for row in session.exec(select(DocumentRow))}
        memos = sorted(
            (documents[row.document_id].name, coders.get(row.coder_id), row.start, row.end, row.text)
            for row in session.exec(select(MemoRow))
        )
        document_view = {row.name: (row.text, case_labels.get(row.case_id)) for row in documents.values()}
    return {
        "groups": {group.key: (group.name, group.description, group.colour) for group in groups.values()},
        "codes": {
            code.key: (code.name, code.description, code.colour, groups[code.group_id].key,
                       codes[code.parent_id].key if code.parent_id else None, code.inclusion, code.exclusion,
                       code.indicators, code.hotkey)
            for code in codes.values()
        },
        "coders": set(coders.values()),
        "documents": document_view,
        "codings": sorted(
            (documents[c.document_id].name, codes[c.code_id].key, coders[c.coder_id], c.start, c.end, c.memo)
            for c in list_codings(store)
        ),
        "cases": {case.label: case.attributes for case in cases},
        "memos": memos,
    }
