"""The district roll-up's figures against hand-computed expectations (DOMAIN.md "District roll-up"),
edge cases first: a school with no units, one with no statistics, schools whose years run over
different months; then "same selector as the school", last year's Δ, data completeness and queries."""

import datetime as dt
from decimal import Decimal

import pytest

from reports.district import district_rollup
from reports.selectors import annual_summary
from tests.factories import (
    DistrictFactory,
    MonthlyStatisticsFactory,
    SchoolFactory,
    StaffMemberFactory,
    UnitFactory,
)
from units.activity import unit_activity

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 12, 15)


def _stats(school, year, month, days, circulation, classes):
    MonthlyStatisticsFactory(
        school=school, year=year, month=month, days_open=days, circulation=circulation, classes_served=classes
    )


@pytest.fixture
def district_data():
    """Avery (September–June, as the district): 3 units, 2 months of statistics. Birch (its own
    August–May): 1 unit in its year, 1 outside it, no statistics. Cedar: statistics, no units."""
    district = DistrictFactory(name="Lake District")
    avery = SchoolFactory(name="Avery", district=district)
    birch = SchoolFactory(name="Birch", district=district, first_month=8, last_month=5)
    cedar = SchoolFactory(name="Cedar", district=district)
    partner = StaffMemberFactory(school=avery, name="Ann")
    StaffMemberFactory(school=avery, name="Ben")
    for day, level in ((dt.date(2025, 10, 1), 1), (dt.date(2025, 10, 15), 3), (dt.date(2026, 3, 1), 4)):
        UnitFactory(school=avery, start_date=day, level=level).teachers.add(partner)
    UnitFactory(school=avery, start_date=dt.date(2024, 10, 2), level=2)  # last year, before 15 Dec
    UnitFactory(school=avery, start_date=dt.date(2025, 1, 10), level=4)  # last year, after 15 Dec
    inactive = StaffMemberFactory(school=birch, name="Cy", active=False)
    UnitFactory(school=birch, start_date=dt.date(2025, 8, 20), level=2).teachers.add(inactive)
    UnitFactory(school=birch, start_date=dt.date(2026, 6, 10), level=4)  # June: outside Birch's year
    StaffMemberFactory(school=cedar, name="Dee")
    _stats(avery, 2025, 10, 20, 400, 10)
    _stats(avery, 2025, 11, 10, 100, 5)
    _stats(cedar, 2025, 9, 15, 150, 3)
    _stats(cedar, 2024, 9, 10, 50, 1)
    return district, avery, birch, cedar


def _rows(rollup):
    return {row.school.name: row for row in rollup.rows}


def test_a_school_with_no_statistics_and_one_with_no_units(district_data):
    district, *_ = district_data
    rollup = district_rollup(district, district_school_year(district), today=TODAY)
    rows = _rows(rollup)
    birch, cedar = rows["Birch"].this, rows["Cedar"].this
    assert (birch.units_supported, birch.units_by_level) == (1, {1: 0, 2: 1, 3: 0, 4: 0})
    assert (birch.average_level, birch.share_high_levels) == (Decimal(2), Decimal(0))
    assert (birch.days_open, birch.circulation, birch.average_daily_circulation) == (None, None, None)
    assert birch.classes_served is None
    assert (cedar.units_supported, cedar.average_level, cedar.share_high_levels) == (0, None, None)
    assert (cedar.days_open, cedar.circulation, cedar.classes_served) == (15, 150, 3)
    assert cedar.average_daily_circulation == Decimal(10)


def test_schools_whose_years_run_over_different_months(district_data):
    district, avery, birch, _cedar = district_data
    rollup = district_rollup(district, district_school_year(district), today=TODAY)
    rows = _rows(rollup)
    assert rows["Birch"].school_year.start_date == dt.date(2025, 8, 1)
    assert rows["Birch"].school_year.end_date == dt.date(2026, 5, 31)
    assert rows["Avery"].school_year.start_date == dt.date(2025, 9, 1)
    avery_figures = rows["Avery"].this
    assert avery_figures.units_supported == 3
    assert avery_figures.average_level == Decimal(8) / Decimal(3)
    assert avery_figures.share_high_levels == Decimal(200) / Decimal(3)
    assert (avery_figures.days_open, avery_figures.circulation, avery_figures.classes_served) == (30, 500, 15)
    assert avery_figures.average_daily_circulation == Decimal(500) / Decimal(30)


def test_district_total_divides_sums_never_averages_averages(district_data):
    district, *_ = district_data
    total = district_rollup(district, district_school_year(district), today=TODAY).total.this
    assert total.units_supported == 4
    assert total.units_by_level == {1: 1, 2: 1, 3: 1, 4: 1}
    assert total.average_level == Decimal("2.5")  # the schools' means would give (8/3 + 2) / 2
    assert total.share_high_levels == Decimal(50)
    assert (total.days_open, total.circulation, total.classes_served) == (45, 650, 18)
    assert total.average_daily_circulation == Decimal(650) / Decimal(45)  # not (50/3 + 10) / 2
    # Teachers: Avery 1 of 2; Birch 1 of 1 (inactive but a partner this year); Cedar 0 of 1.
    assert (total.teachers_reached, total.teachers_in_directory) == (2, 4)


def test_each_school_row_is_its_own_annual_total_and_activity(district_data):
    district, *schools = district_data
    rollup = district_rollup(district, district_school_year(district), today=TODAY)
    rows = _rows(rollup)
    for school in schools:
        year = school.school_year(2025)
        total = annual_summary(school, year).total
        figures = rows[school.name].this
        assert figures.units_supported == total.units_supported
        assert figures.units_by_level == total.units_by_level
        assert figures.average_level == total.average_level
        assert figures.days_open == total.days_open
        assert figures.average_daily_circulation == total.average_daily_circulation
        activity = unit_activity(school, year.start_date, year.end_date)
        assert figures.teachers_reached == activity.teachers_reached
        assert figures.teachers_in_directory == activity.teachers_in_directory


def test_last_year_runs_to_the_same_day_for_the_current_year(district_data):
    district, *_ = district_data
    year = district_school_year(district)
    rollup = district_rollup(district, year, today=TODAY)
    assert rollup.last_until == dt.date(2024, 12, 15)
    avery = _rows(rollup)["Avery"]
    assert avery.last.units_supported == 1  # 2 Oct 2024 counts; 10 Jan 2025 is after 15 Dec
    assert avery.delta("units_supported") == 2
    assert avery.delta("days_open") is None  # blank last year: no Δ
    assert _rows(rollup)["Cedar"].delta("circulation") == 100
    past = district_rollup(district, year.previous(), today=TODAY)
    assert past.last_until is None
    assert _rows(past)["Avery"].this.units_supported == 2  # a past year is whole


def test_completeness_lists_past_months_without_statistics_or_units(district_data):
    district, *_ = district_data
    rollup = district_rollup(district, district_school_year(district), today=TODAY)
    gaps = {(gap.year, gap.month): gap for gap in rollup.gaps}
    assert sorted(gaps) == [(2025, 8), (2025, 9), (2025, 10), (2025, 11)]  # December has not ended
    assert (gaps[(2025, 8)].without_statistics, gaps[(2025, 8)].without_units) == (["Birch"], [])
    assert gaps[(2025, 9)].without_statistics == ["Avery", "Birch"]
    assert gaps[(2025, 9)].without_units == ["Avery", "Birch", "Cedar"]
    assert gaps[(2025, 10)].without_statistics == ["Birch", "Cedar"]
    assert gaps[(2025, 10)].without_units == ["Birch", "Cedar"]
    assert rollup.schools_without_units == ["Cedar"]


@pytest.mark.parametrize("schools", [3, 12])
def test_queries_do_not_grow_with_the_schools(schools, django_assert_num_queries):
    district = DistrictFactory()
    for index in range(schools):
        school = SchoolFactory(
            district=district, first_month=8 if index % 2 else None, last_month=5 if index % 2 else None
        )
        UnitFactory(school=school, start_date=dt.date(2025, 10, 1), level=index % 4 + 1)
        StaffMemberFactory(school=school)
        _stats(school, 2025, 10, 20, 100, 4)
    # The schools; statistics and units for this year and for last year; teacher counts of both.
    with django_assert_num_queries(7):
        rollup = district_rollup(district, district_school_year(district), today=TODAY)
    assert len(rollup.rows) == schools
    assert rollup.total.this.units_supported == schools


def district_school_year(district):
    from reports.district import district_school_year as year_of

    return year_of(district, TODAY)


def test_the_total_is_the_sum_of_the_months_and_needs_no_month_rows(district_data):
    """summary_of computes the TOTAL from the year's figures; the month rows add up to it, and the
    roll-up's last-year column (without month rows) gets the same TOTAL."""
    from reports.annual import raw_figures, summary_of

    _district, *schools = district_data
    requests = [(school.pk, school.school_year(2025)) for school in schools]
    raw = raw_figures(requests)
    for school_id, year in requests:
        full, bare = summary_of(year, raw[school_id]), summary_of(year, raw[school_id], with_months=False)
        assert full.total == bare.total and bare.months == []
        assert full.total.units_supported == sum(row.units_supported for row in full.months)
        for level in (1, 2, 3, 4):
            assert full.total.units_by_level[level] == sum(row.units_by_level[level] for row in full.months)
        entered = [row.days_open for row in full.months if row.days_open is not None]
        assert full.total.days_open == (sum(entered) if entered else None)
