"""Cases and codings CSV imports: typed attributes, quotes located, all rows or none."""

import pytest

from qualcode.importers.cases_csv import import_cases
from qualcode.importers.codings_csv import import_codings
from qualcode.importers.csv_reading import CsvFileError
from qualcode.storage.cases import list_cases
from qualcode.storage.coders import list_coders
from qualcode.storage.codings import list_codings
from qualcode.storage.documents import get_document
from tests.project_factory import small_project

pytestmark = pytest.mark.both_backends


def test_cases_get_typed_attributes_from_a_semicolon_file(tmp_path, project_place):
    store = small_project(project_place("p"))
    path = tmp_path / "cases.csv"
    path.write_bytes("case;fase;jaren;score;maatschap\r\nR1;coöperatie in één regio;12;7,5;ja\r\nR2;gestart;3;8;nee\r\n"
                     .encode("cp1252"))
    assert import_cases(store, path).cases == 2
    cases = {case.label: case.attributes for case in list_cases(store)}
    assert cases["R1"] == {"fase": "coöperatie in één regio", "jaren": 12, "score": 7.5, "maatschap": True}
    assert cases["R2"] == {"fase": "gestart", "jaren": 3, "score": 8.0, "maatschap": False}
    assert get_document(store, "interview").case_id == next(c.id for c in list_cases(store) if c.label == "R1")


def test_cases_without_a_case_column_change_nothing(tmp_path, project_place):
    store = small_project(project_place("p"))
    path = tmp_path / "cases.csv"
    path.write_text("respondent,fase\nR9,x\n")
    with pytest.raises(CsvFileError, match="missing column"):
        import_cases(store, path)
    assert [case.label for case in list_cases(store)] == ["R1"]


def test_codings_by_quote_and_by_offsets(tmp_path, project_place):
    store = small_project(project_place("p"))
    text = get_document(store, "interview").text
    start = text.index("over geld")
    path = tmp_path / "codings.csv"
    path.write_text(
        "document,case,coder,code,start,end,text,memo,created_at,updated_at\n"
        "interview,R1,eva,belemmerend/gebrek-aan-vertrouwen,,,Het vertrouwen is er nog niet.,eerste,,\n"
        f"interview,R1,daan,belemmerend/gedoe-over-geld,{start},{start + 9},over geld,,2026-01-02T10:00:00+00:00,\n",
        encoding="utf-8",
    )
    report = import_codings(store, path)
    assert (report.imported, report.coders) == (2, ("daan", "eva"))
    codings = sorted(list_codings(store), key=lambda c: c.start)
    assert [text[c.start : c.end] for c in codings] == ["Het vertrouwen is er nog niet.", "over geld"]
    assert codings[0].memo == "eerste"
    assert codings[1].created_at.isoformat().startswith("2026-01-02T10:00:00")
    again = import_codings(store, path)
    assert (again.imported, again.already_present) == (0, 2)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("interview,R1,eva,belemmerend/onbekend,,,Het vertrouwen,,,", "no code 'belemmerend/onbekend'"),
        ("elders,R1,eva,bevorderend/noodzaak,,,Het vertrouwen,,,", "no document named 'elders'"),
        ("interview,R1,eva,bevorderend/noodzaak,,,staat er niet,,,", "does not occur"),
        ("interview,R1,eva,bevorderend/noodzaak,,,nog niet,,,", "occurs more than once"),
        ("interview,R1,eva,bevorderend/noodzaak,0,5,Hoe k,,,", "not 'Hoe k'"),
        ("interview,R1,eva,bevorderend/noodzaak,5,99999,,,,", "outside"),
    ],
)
def test_one_bad_row_refuses_the_whole_file(tmp_path, row, message, project_place):
    store = small_project(project_place("p"))
    path = tmp_path / "codings.csv"
    path.write_text(
        "document,case,coder,code,start,end,text,memo,created_at,updated_at\n"
        "interview,R1,eva,belemmerend/gebrek-aan-vertrouwen,,,Het vertrouwen is er nog niet.,,,\n" + row + "\n"
    )
    with pytest.raises(CsvFileError, match=message) as raised:
        import_codings(store, path)
    assert raised.value.row == 3
    assert list_codings(store) == []
    assert list_coders(store) == []
