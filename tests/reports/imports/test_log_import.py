"""The collaboration-log parser, format by format, problem by problem, and fuzzed."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from collabtrack.spreadsheets import read_table
from reports.imports.log_parse import (
    PLAN_FIELDS,
    LogRow,
    guess_mapping,
    mapping_errors,
    parse_date,
    parse_grades,
    parse_level,
    parse_rows,
    parse_teachers,
)
from tests.reports.imports.conftest import data_file, xlsx_bytes


def _rows(data: bytes, filename: str) -> list[LogRow]:
    table = read_table(data, filename)
    assert table.error == ""
    return parse_rows(table, guess_mapping(table.header))


def test_google_sheets_log_with_messy_values():
    rows = _rows(data_file("log_google_sheets.csv"), "log.csv")
    assert [row.errors for row in rows] == [[]] * 7
    first, second, third, fourth, fifth, sixth, seventh = rows
    assert (first.start_date, first.title, first.grades, first.teachers, first.level) == (
        dt.date(2025, 9, 8),
        "Library orientation",
        (6,),
        ("Priya Shah",),  # "Shah, Priya" is one person, last name first
        1,
    )
    assert second.title == "Cells and microscopes research"  # spaces tidied
    assert second.teachers == ("Priya Shah", "Marcus Bell")
    assert second.level == 3  # by name
    assert third.grades == (6, 7, 8) and third.level == 2 and third.title == "Poetry café"
    assert fourth.start_date == dt.date(2025, 10, 20) and fourth.level == 4
    assert fourth.gaps == (("Reading", "cites textual evidence (state test 58%)"),)
    assert fifth.start_date == dt.date(2025, 11, 3) and fifth.level == 3
    assert sixth.start_date == dt.date(2025, 11, 17) and sixth.grades == (7, 8)
    assert sixth.teachers == ("Marcus Bell", "Jordan Lee")
    assert seventh.start_date == dt.date(2025, 12, 1)  # Excel serial number
    assert seventh.line == 8  # where the record starts, though its quoted gaps cell spans two lines
    assert seventh.grades == (0, 1, 2) and seventh.level == 4
    assert seventh.gaps == (("Social studies", "uses primary sources"), ("Writing", "cites sources"))


def test_level_4_without_a_gap_is_a_row_problem():
    rows = _rows(b"Date,Topic,Level,Gaps\n2025-10-01,A,4,\n2025-10-02,B,4,Reading: fluency\n", "log.csv")
    assert [bool(row.errors) for row in rows] == [True, False]
    assert "needs at least one test-data gap" in rows[0].errors[0]


def test_a_gap_without_its_indicator_is_a_row_problem():
    rows = _rows(b"Date,Topic,Level,Gaps\n2025-10-01,A,4,Reading\n", "log.csv")
    assert "content area: performance indicator" in rows[0].errors[0]


def test_windows_1252_semicolon_file_keeps_accents_and_needs_a_mapping_correction():
    table = read_table(data_file("log_semicolon_cp1252.csv"), "log.csv")
    assert table.header == ["Datum", "Unit", "Grade", "Teachers", "Level"]
    mapping = guess_mapping(table.header)
    assert mapping["start_date"] is None  # "Datum" is not guessed ...
    assert "start_date" in mapping_errors(mapping, len(table.header))
    mapping["start_date"] = 0  # ... so the librarian picks it
    assert mapping_errors(mapping, len(table.header)) == {}
    rows = parse_rows(table, mapping)
    assert [row.title for row in rows] == ["Café culture – Français", "Women’s history"]
    assert rows[0].teachers == ("Renée Lévesque",)
    assert rows[1].level == 2 and rows[1].start_date == dt.date(2025, 10, 1)


def test_utf8_bom_tab_separated_file():
    rows = _rows(data_file("log_bom_tab.tsv"), "log.tsv")
    assert [(row.start_date, row.title, row.level) for row in rows] == [
        (dt.date(2026, 1, 12), "Renewable energy debate", 3),
        (dt.date(2026, 2, 2), "Math in architecture", 1),
    ]


def test_excel_xlsx_with_date_cells(excel_log_xlsx):
    table = read_table(excel_log_xlsx, "log.xlsx")
    mapping = guess_mapping(table.header)
    assert mapping == {
        "start_date": 0,
        "end_date": 1,
        "title": 2,
        "grades": 3,
        "teachers": 4,
        "level": 5,
        "gaps": None,
    } | dict.fromkeys(PLAN_FIELDS)
    rows = parse_rows(table, mapping)
    assert [(row.line, row.start_date, row.end_date, row.grades, row.level) for row in rows] == [
        (2, dt.date(2025, 9, 10), dt.date(2025, 9, 24), (7,), 3),
        (4, dt.date(2025, 10, 1), None, (8,), 2),  # the empty sheet row 3 is skipped, line numbers kept
    ]


def test_every_row_problem_is_reported_next_to_its_row():
    rows = _rows(data_file("log_with_errors.csv"), "log.csv")
    problems = {row.line: " ".join(row.errors) for row in rows}
    assert "is not a date" in problems[2]
    assert "Unknown level “5”" in problems[3]
    assert "title is empty" in problems[4]
    assert "Grade 15 is out of range" in problems[5]
    assert "Unknown level “super”" in problems[6]


def test_a_row_repeated_in_the_same_file_is_marked_duplicate():
    data = b"Date,Topic\n2025-10-01,Poetry cafe\n2025-10-01,  POETRY   cafe \n2025-10-02,Poetry cafe\n"
    rows = _rows(data, "log.csv")
    assert [row.duplicate for row in rows] == [False, True, False]


def test_end_before_start_is_a_problem():
    rows = _rows(b"Date,End,Topic\n2025-10-05,2025-10-01,Poetry\n", "log.csv")
    assert rows[0].errors == ["The end date is before the start date."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-10-15", dt.date(2025, 10, 15)),
        ("10/15/2025", dt.date(2025, 10, 15)),
        ("15/10/2025", dt.date(2025, 10, 15)),  # day over 12: day first
        ("03/04/2025", dt.date(2025, 3, 4)),  # ambiguous: American, month first
        ("15.10.2025", dt.date(2025, 10, 15)),
        ("10/15/25", dt.date(2025, 10, 15)),
        ("Oct 15, 2025", dt.date(2025, 10, 15)),
        ("15 October 2025", dt.date(2025, 10, 15)),
        ("Sept. 2 2025", dt.date(2025, 9, 2)),
        ("2025-10-15 00:00:00", dt.date(2025, 10, 15)),
        ("45945", dt.date(2025, 10, 15)),
        ("", None),
        ("13/13/2025", None),
        ("2025-02-30", None),
        ("next Tuesday", None),
        ("12345", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("1", 1),
        ("4.0", 4),
        ("Level 2", 2),
        ("L3", 3),
        ("cooperation", 1),
        ("COORDINATION", 2),
        ("Collaboration", 3),
        ("Data-driven collaboration", 4),
        ("data driven", 4),
        ("", None),
    ],
)
def test_parse_level_accepts_numbers_and_names(text, level):
    assert parse_level(text) == (level, "")


@pytest.mark.parametrize("text", ["0", "5", "level 9", "excellent", "3.5"])
def test_parse_level_rejects_unknown_levels(text):
    value, error = parse_level(text)
    assert value is None and error.startswith("Unknown level")


@pytest.mark.parametrize(
    ("text", "grades"),
    [
        ("7", (7,)),
        ("6-8", (6, 7, 8)),
        ("6–8", (6, 7, 8)),
        ("K-2", (0, 1, 2)),
        ("PreK", (-1,)),
        ("Pre-K, K", (-1, 0)),
        ("6, 7 & 8", (6, 7, 8)),
        ("Gr. 7", (7,)),
        ("7th", (7,)),
        ("grades 9/10", (9, 10)),
        ("", ()),
    ],
)
def test_parse_grades(text, grades):
    assert parse_grades(text) == (grades, "")


@pytest.mark.parametrize("text", ["13", "6-14", "seventh", "7-", "1-2-3", "²", "6-²"])
def test_parse_grades_rejects(text):
    grades, error = parse_grades(text)
    assert grades == () and error


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Priya Shah", ("Priya Shah",)),
        ("Shah, Priya", ("Priya Shah",)),
        ("Priya Shah, Marcus Bell", ("Priya Shah", "Marcus Bell")),
        ("Priya Shah and Marcus Bell", ("Priya Shah", "Marcus Bell")),
        ("A. Alvarez; B. Chen / C. Diaz", ("A. Alvarez", "B. Chen", "C. Diaz")),
        ("Priya Shah; priya shah", ("Priya Shah",)),
        ("", ()),
    ],
)
def test_parse_teachers(text, names):
    assert parse_teachers(text) == names


# Property tests: whatever arrives, the parser answers with a table error or row errors, never raises.

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(data=st.binary(max_size=2000), filename=st.sampled_from(["log.csv", "log.xlsx", "log.txt", ""]))
def test_random_bytes_never_raise(data, filename):
    table = read_table(data, filename)
    if not table.error:
        for row in parse_rows(table, guess_mapping(table.header)):
            assert isinstance(row.errors, list)


cell_values = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(str),
    st.sampled_from(["", "K-", "-", "PreK-K", "13/13/13", "Level", "00000", "99999", "2025-13-01", "Sept."]),
)


@FUZZ
@given(rows=st.lists(st.lists(cell_values, min_size=6, max_size=6), min_size=1, max_size=8))
def test_random_cell_values_give_only_row_errors(rows):
    header = ["Date", "End date", "Topic", "Grades", "Teachers", "Level"]
    from collabtrack.spreadsheets import Table

    table = Table(header=header, rows=rows, line_numbers=list(range(2, len(rows) + 2)))
    for row in parse_rows(table, guess_mapping(header)):
        assert row.errors or row.title
        assert all(-1 <= grade <= 12 for grade in row.grades)
        assert row.level in (None, 1, 2, 3, 4)


@FUZZ
@given(rows=st.lists(st.lists(st.one_of(cell_values, st.none(), st.integers()), max_size=6), max_size=6))
def test_random_xlsx_cells_never_raise(rows):
    # Control characters cannot be written into a worksheet at all, so no real file holds them.
    rows = [[ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row] for row in rows]
    table = read_table(xlsx_bytes(rows), "log.xlsx")
    if not table.error:
        parse_rows(table, guess_mapping(table.header))
