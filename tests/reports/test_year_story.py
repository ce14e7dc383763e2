"""The dashboard's story (issue 15) against hand-computed figures, edge cases first: last year at the same
point of the year, the school years that have data, AASL coverage, planned units."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from reports.selectors import dashboard
from reports.year_story import last_year, same_day_a_year_before, share_at_levels_3_4, years_with_data
from tests.factories import MonthlyStatisticsFactory, StaffMemberFactory, UnitFactory
from units.standards import Indicator2007, Standard2018

YEAR = "2025-26"


def test_share_at_levels_3_4_edge_cases():
    assert share_at_levels_3_4({}) is None
    assert share_at_levels_3_4({1: 0, 2: 0, 3: 0, 4: 0}) is None  # no unit with a level: blank, not 0
    assert share_at_levels_3_4({1: 2, 2: 0, 3: 0, 4: 0}) == 0
    assert share_at_levels_3_4({1: 1, 2: 0, 3: 1, 4: 2}) == 75


def test_same_day_a_year_before():
    assert same_day_a_year_before(dt.date(2025, 11, 23)) == dt.date(2024, 11, 23)
    assert same_day_a_year_before(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)


def test_last_year_of_an_empty_school_is_zero_and_blank(school):
    before = last_year(school, school.parse_school_year(YEAR), dt.date(2025, 11, 15)).figures
    assert (before.units_supported, before.average_level, before.share_levels_3_4) == (0, None, None)
    assert before.teachers_reached == 0


@pytest.fixture
def last_year_units(school):
    ann, ben = StaffMemberFactory(school=school, name="Ann"), StaffMemberFactory(school=school, name="Ben")
    UnitFactory(school=school, start_date=dt.date(2024, 9, 2), level=3).teachers.set([ann])
    UnitFactory(school=school, start_date=dt.date(2024, 11, 15), level=4)  # the same day: counted
    UnitFactory(school=school, start_date=dt.date(2024, 11, 16), level=1).teachers.set([ben])  # the day after
    UnitFactory(school=school, start_date=dt.date(2025, 3, 1), level=2)
    UnitFactory(school=school, start_date=dt.date(2025, 7, 10), level=1)  # July: in no school year
    UnitFactory(school=school, start_date=dt.date(2024, 10, 1), level=4, deleted_at=timezone.now())  # the bin


def test_current_year_is_held_against_last_year_up_to_the_same_day(school, last_year_units):
    result = last_year(school, school.parse_school_year(YEAR), dt.date(2025, 11, 15))
    assert result.to_date and (result.start, result.end) == (dt.date(2024, 9, 1), dt.date(2024, 11, 15))
    figures = result.figures
    assert figures.units_supported == 2  # Sept 2 (level 3) and Nov 15 (level 4)
    assert figures.average_level == Decimal("3.5")
    assert figures.share_levels_3_4 == 100
    assert (figures.teachers_reached, figures.teachers_in_directory) == (1, 2)  # Ann; Ben only later


def test_a_finished_year_is_held_against_the_whole_of_last_year(school, last_year_units):
    result = last_year(school, school.parse_school_year(YEAR), dt.date(2026, 8, 1))
    assert not result.to_date and result.end == dt.date(2025, 6, 30)
    figures = result.figures
    assert figures.units_supported == 4
    assert figures.average_level == Decimal("2.5")  # (3 + 4 + 1 + 2) / 4
    assert figures.share_levels_3_4 == 50
    assert figures.teachers_reached == 2


def test_years_with_data_are_those_with_units_or_statistics(school, other_school):
    assert years_with_data(school) == set()
    UnitFactory(school=school, start_date=dt.date(2023, 10, 5))
    UnitFactory(school=school, start_date=dt.date(2022, 7, 5))  # July: no school year's
    UnitFactory(school=school, start_date=dt.date(2019, 10, 5), deleted_at=timezone.now())
    MonthlyStatisticsFactory(school=school, year=2021, month=5)
    UnitFactory(school=other_school, start_date=dt.date(2018, 10, 5))
    assert {year.name for year in years_with_data(school)} == {"2023-24", "2020-21"}


def test_dashboard_coverage_planned_units_and_query_budget(school, django_assert_num_queries):
    year = school.parse_school_year(YEAR)
    today = dt.date(2026, 3, 10)
    indicators = {i.number: i for i in Indicator2007.objects.filter(number__in=["1.1.1", "1.1.2", "2.1.1"])}
    entry = Standard2018.objects.create(set="learner", code="I.A.1")
    Standard2018.objects.create(set="learner", code="I.A.2")
    cites = UnitFactory(school=school, start_date=dt.date(2025, 10, 1), level=3)
    cites.standards_2007.set([indicators["1.1.1"], indicators["1.1.2"]])
    both = UnitFactory(school=school, start_date=dt.date(2026, 3, 11), level=4)  # planned: after today
    both.standards_2007.set([indicators["1.1.1"], indicators["2.1.1"]])
    both.standards_2018.set([entry])
    UnitFactory(school=school, start_date=dt.date(2026, 6, 30), level=None)  # planned, citing none
    UnitFactory(school=school, start_date=dt.date(2026, 3, 10), level=2)  # today: not planned, citing none
    MonthlyStatisticsFactory(school=school, year=2022, month=10)

    # The year's eight, three for last year to date, the years with data, planned and citing-none
    # units in one, the 2018 catalogue's size.
    with django_assert_num_queries(14):
        dash = dashboard(school, year, today=today)

    coverage = dash.coverage
    assert (coverage.cited_2007, coverage.indicators_2007) == (3, 83)
    assert [(s.standard, s.cited, s.indicators) for s in coverage.by_standard] == [
        (1, 2, 25), (2, 1, 17), (3, 0, 19), (4, 0, 22),
    ]  # fmt: skip
    assert (coverage.cited_2018, coverage.entries_2018) == (1, 2)
    assert (coverage.units_citing_none, coverage.units) == (2, 4)
    assert dash.planned_units == 2
    assert dash.figures.units_supported == 4  # planned units count (DOMAIN.md), and are shown apart
    assert dash.figures.share_levels_3_4 == pytest.approx(Decimal(200) / 3)
    assert [y.name for y in dash.years] == ["2025-26", "2022-23"]
