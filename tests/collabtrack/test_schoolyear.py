import datetime as dt

import pytest

from collabtrack.schoolyear import (
    SchoolYear,
    latest_school_year,
    parse_school_year,
    recent_school_years,
    school_year_of,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2025, 9, 1), "2025-26"),  # first day of the range
        (dt.date(2025, 12, 31), "2025-26"),
        (dt.date(2026, 1, 1), "2025-26"),  # wraps over New Year
        (dt.date(2026, 6, 30), "2025-26"),  # last day of the range
        (dt.date(2026, 7, 1), None),  # summer is outside every school year
        (dt.date(2026, 8, 31), None),
    ],
)
def test_wrapping_year_september_to_june(day, expected):
    year = school_year_of(day, 9, 6)
    assert (year.name if year else None) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 1, 31), None),
        (dt.date(2026, 2, 1), "2026"),
        (dt.date(2026, 12, 31), "2026"),
    ],
)
def test_non_wrapping_year_february_to_december(day, expected):
    year = school_year_of(day, 2, 12)
    assert (year.name if year else None) == expected


def test_months_of_a_wrapping_year_in_order():
    months = SchoolYear(2025, 9, 6).months()
    assert months[0] == (2025, 9)
    assert months[-1] == (2026, 6)
    assert len(months) == 10


def test_months_of_a_non_wrapping_year():
    assert SchoolYear(2026, 2, 12).months() == [(2026, m) for m in range(2, 13)]


def test_one_month_year():
    assert SchoolYear(2026, 5, 5).months() == [(2026, 5)]


def test_boundaries():
    year = SchoolYear(2025, 9, 6)
    assert year.start_date == dt.date(2025, 9, 1)
    assert year.end_date == dt.date(2026, 6, 30)
    assert year.contains(dt.date(2026, 6, 30))
    assert not year.contains(dt.date(2026, 7, 1))
    assert year.previous().name == "2024-25"
    assert year.next().name == "2026-27"


def test_latest_school_year_in_summer_is_the_year_just_ended():
    assert latest_school_year(dt.date(2026, 7, 15), 9, 6).name == "2025-26"
    assert latest_school_year(dt.date(2026, 1, 10), 2, 12).name == "2025"


def test_century_rollover_name():
    assert SchoolYear(2099, 9, 6).name == "2099-00"


@pytest.mark.parametrize("name", ["2025-27", "25-26", "2025/26", "", "2025"])
def test_parse_rejects_names_that_are_not_this_schools_years(name):
    with pytest.raises(ValueError):
        parse_school_year(name, 9, 6)


def test_parse_round_trips():
    assert parse_school_year("2025-26", 9, 6) == SchoolYear(2025, 9, 6)
    assert parse_school_year("2026", 2, 12) == SchoolYear(2026, 2, 12)


@pytest.mark.parametrize(
    ("first", "last", "names"), [(9, 6, ["2026-27", "2025-26", "2024-25"]), (2, 12, ["2026", "2025", "2024"])]
)
def test_recent_school_years_count_back_from_the_newest_keeping_the_months(first, last, names):
    years = recent_school_years(SchoolYear(2026, first, last), 3)
    assert [year.name for year in years] == names
    assert {(year.first_month, year.last_month) for year in years} == {(first, last)}
