"""The circulation parser: Koha exports in each delimiter, Destiny-style XLSX, two-column sheets, fuzzed."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabtrack.schoolyear import SchoolYear
from reports.imports.circulation_parse import (
    HEADED,
    KOHA,
    TWO_COLUMNS,
    MonthCount,
    parse_circulation,
    parse_count,
    parse_month_label,
    place_in_school_year,
)
from tests.reports.imports.conftest import data_file, xlsx_bytes

KOHA_MONTHS = [
    ("September", 9, 1514),
    ("October", 10, 1790),
    ("November", 11, 1500),
    ("December", 12, 1011),
    ("January", 1, 1350),
]


@pytest.mark.parametrize("name", ["koha_semicolon.csv", "koha_comma.csv", "koha_tab.csv"])
def test_koha_export_in_each_delimiter_uses_the_row_total(name):
    result = parse_circulation(data_file(name), name)
    assert result.kind == KOHA and result.error == "" and result.problems == []
    assert [(c.label, c.year, c.month, c.count) for c in result.counts] == [
        (label, None, month, count) for label, month, count in KOHA_MONTHS
    ]


def test_koha_export_with_months_as_columns_uses_the_total_row():
    result = parse_circulation(data_file("koha_months_as_columns.csv"), "Export.csv")
    assert [(c.month, c.count) for c in result.counts] == [(9, 1000), (10, 1120), (11, 880)]


def test_koha_without_total_column_sums_the_values():
    data = b"Period/Library;A;B\nMarch;10;5\nApril;;7\n"
    assert [(c.month, c.count) for c in parse_circulation(data, "Export.csv").counts] == [(3, 15), (4, 7)]


def test_koha_rows_that_are_not_months_are_problems():
    data = b"Period/Library;A;TOTAL\nMarch;10;10\nSpring break;1;1\nApril;x;y\nTOTAL;11;11\n"
    result = parse_circulation(data, "Export.csv")
    assert [(c.month, c.count) for c in result.counts] == [(3, 10)]
    assert [(p.line, p.label) for p in result.problems] == [(3, "Spring break"), (4, "April")]


def test_destiny_style_xlsx_found_by_header_below_title_rows(destiny_xlsx):
    result = parse_circulation(destiny_xlsx, "Circulation.xlsx")
    assert result.kind == HEADED and result.problems == []
    assert [(c.year, c.month, c.count) for c in result.counts] == [
        (2025, 9, 1204),
        (2025, 10, 1388),
        (2025, 11, 1120),
    ]


def test_generic_two_column_sheet_with_header_and_a_bad_count():
    result = parse_circulation(data_file("generic_two_columns.csv"), "circ.csv")
    expected = [(2025, 9, 1204), (2025, 10, 1388), (2025, 11, 1120)]
    assert [(c.year, c.month, c.count) for c in result.counts] == expected
    assert [(p.line, p.message) for p in result.problems] == [(5, "“not counted” is not a whole number.")]


def test_two_column_sheet_without_header():
    result = parse_circulation(b"Sept,100\nOct,200\n", "circ.csv")
    assert result.kind == TWO_COLUMNS
    assert [(c.month, c.count) for c in result.counts] == [(9, 100), (10, 200)]


def test_file_without_months_says_so():
    assert parse_circulation(b"a,b\n", "x.csv").error == "No month with a count was found in this file."
    assert [p.label for p in parse_circulation(b"a,b\nc,d\n", "x.csv").problems] == ["c"]


def test_too_large_file_is_refused():
    assert "5 MB" in parse_circulation(b"x" * (5 * 1024 * 1024 + 1), "x.csv").error


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("September", (None, 9)),
        ("Sept", (None, 9)),
        ("sep.", (None, 9)),
        ("Sep 2025", (2025, 9)),
        ("Sep-25", (2025, 9)),
        ("September, 2025", (2025, 9)),
        ("2025-09", (2025, 9)),
        ("2025-09-01", (2025, 9)),
        ("09/2025", (2025, 9)),
        ("9", (None, 9)),
        ("13", None),
        ("Total", None),
        ("2025-13", None),
    ],
)
def test_parse_month_label(text, expected):
    assert parse_month_label(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", (1234, "")),
        ("1,234", (1234, "")),
        ("1 234", (1234, "")),
        ("1234.0", (1234, "")),
        ("0", (0, "")),
    ],
)
def test_parse_count(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["", "-3", "12.5", "lots", "1,23", "1000001", "2147483648"])
def test_parse_count_rejects(text):
    count, problem = parse_count(text)
    assert count is None and problem


def test_yearless_months_are_placed_in_the_chosen_school_year():
    counts = [MonthCount(2, "September", None, 9, 10), MonthCount(3, "January", None, 1, 20)]
    placed, problems = place_in_school_year(counts, SchoolYear(2025, 9, 6))
    assert [(p.year, p.month, p.count) for p in placed] == [(2025, 9, 10), (2026, 1, 20)]
    assert problems == []


def test_months_outside_the_school_year_or_given_twice_are_problems():
    counts = [
        MonthCount(2, "July", None, 7, 10),
        MonthCount(3, "Sep 2024", 2024, 9, 5),
        MonthCount(4, "October", None, 10, 1),
        MonthCount(5, "Oct 2025", 2025, 10, 2),
    ]
    placed, problems = place_in_school_year(counts, SchoolYear(2025, 9, 6))
    assert [(p.year, p.month, p.count) for p in placed] == [(2025, 10, 1)]
    assert [p.line for p in problems] == [2, 3, 5]
    assert "already given on line 4" in problems[2].message


FUZZ = settings(max_examples=150, deadline=None)


@FUZZ
@given(data=st.binary(max_size=2000), filename=st.sampled_from(["Export.csv", "c.xlsx", ""]))
def test_random_bytes_never_raise(data, filename):
    result = parse_circulation(data, filename)
    assert result.error or result.counts or result.problems


cells = st.one_of(
    st.text(max_size=20), st.integers().map(str), st.sampled_from(["Sept", "TOTAL", "1,000", "-1", "Jan 99"])
)


@FUZZ
@given(
    first=st.sampled_from(["Period/Library", "Month", "Sep 2025", ""]),
    rows=st.lists(st.lists(cells, min_size=1, max_size=5), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_random_cells_in_each_layout_give_only_row_problems(first, rows, delimiter):
    lines = [delimiter.join([first, "A", "TOTAL"])] + [delimiter.join(row) for row in rows]
    result = parse_circulation("\n".join(lines).encode(), "Export.csv")
    for count in result.counts:
        assert 1 <= count.month <= 12 and count.count >= 0
    placed, _ = place_in_school_year(result.counts, SchoolYear(2025, 9, 6))
    assert all(SchoolYear(2025, 9, 6).contains(p.first_day) for p in placed)


xlsx_cells = st.one_of(
    st.none(), st.integers(), st.floats(allow_nan=False), st.sampled_from(["Month", "Checkouts", "Oct", "x"])
)


@FUZZ
@given(rows=st.lists(st.lists(xlsx_cells, max_size=4), max_size=6))
def test_random_xlsx_cells_never_raise(rows):
    parse_circulation(xlsx_bytes(rows), "report.xlsx")
