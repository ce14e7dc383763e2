"""The spreadsheet reader every import shares (collabtrack/spreadsheets.py): delimiters, limits, files
that cannot be read, and fuzzed bytes. The parsers built on it are tested with their imports."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabtrack.spreadsheets import MAX_BYTES, MAX_ROWS, read_table, sniff_delimiter
from tests.spreadsheet_files import xlsx_bytes

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(("text", "delimiter"), [("a,b\n1,2", ","), ("a;b\n1;2", ";"), ("a\tb\n1\t2", "\t")])
def test_sniff_delimiter(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_a_semicolon_file_with_commas_inside_cells_is_still_semicolon():
    text = "Date;Topic;Teachers\n2025-10-01;Poetry, song and rap;Shah, Priya\n2025-10-02;Myths;Lee\n"
    assert sniff_delimiter(text) == ";"


def test_file_over_5_mb_is_refused_with_a_clear_message():
    table = read_table(b"Date,Topic\n" + b"2025-10-01,x\n" * (MAX_BYTES // 12 + 1), "big.csv")
    assert "5 MB" in table.error and "10 000 rows" in table.error


def test_more_than_10000_rows_is_refused():
    data = b"Date,Topic\n" + b"2025-10-01,x\n" * (MAX_ROWS + 1)
    assert "more than 10 000 rows" in read_table(data, "big.csv").error


def test_exactly_10000_rows_is_accepted():
    data = b"Date,Topic\n" + b"2025-10-01,x\n" * MAX_ROWS
    assert len(read_table(data, "big.csv").rows) == MAX_ROWS


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "log.csv", "empty"),
        (b"Date,Topic\n", "log.csv", "no rows below"),
        (b"PK\x03\x04not really a zip", "log.xlsx", "Excel workbook"),
        (b"\xd0\xcf\x11\xe0old excel", "log.xls", ".xls"),
    ],
)
def test_unreadable_files_give_a_message(data, filename, message):
    assert message in read_table(data, filename).error


def test_xlsx_with_no_data_rows():
    assert "no rows below" in read_table(xlsx_bytes([["Date", "Topic"]]), "log.xlsx").error


@FUZZ
@given(data=st.binary(max_size=1500))
def test_random_bytes_inside_a_zip_header_never_raise(data):
    read_table(b"PK\x03\x04" + data, "log.xlsx")
