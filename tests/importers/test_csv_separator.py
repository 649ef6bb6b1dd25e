"""The separator of a CSV file comes from its header line, whatever the memos in its rows hold."""

from qualcode.importers.csv_reading import read_csv_rows


def test_semicolons_in_a_memo_do_not_make_a_comma_file_semicolon_separated(tmp_path):
    path = tmp_path / "segments.csv"
    path.write_text("document,coder,memo\nint-1,eva,\";'\"\nint-1,eva,\"';\"\nint-2,eva,a;b;c;d\n", encoding="utf-8")
    assert [row["memo"] for row in read_csv_rows(path, {"memo"})] == [";'", "';", "a;b;c;d"]


def test_a_dutch_excel_file_is_read_by_its_semicolons(tmp_path):
    path = tmp_path / "segments.csv"
    path.write_bytes("\ufeffdocument;coder;memo\r\nint-1;eva;\"een, twee, drie\"\r\n".encode())
    assert read_csv_rows(path, {"memo"}) == [{"document": "int-1", "coder": "eva", "memo": "een, twee, drie"}]
