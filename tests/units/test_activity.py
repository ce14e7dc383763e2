"""unit_activity: the evidence figures beside a self-assessment, against hand-computed expectations."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import StaffMemberFactory, UnitFactory
from units.activity import unit_activity

START, END = dt.date(2025, 9, 1), dt.date(2026, 6, 30)


def test_no_units_gives_zeros_and_blank_average(school):
    StaffMemberFactory(school=school)
    activity = unit_activity(school, START, END)
    assert activity.units_total == 0
    assert activity.units_by_level == {1: 0, 2: 0, 3: 0, 4: 0}
    assert activity.average_level is None
    assert activity.teachers_reached == 0
    assert activity.teachers_in_directory == 1


def test_counts_levels_mean_and_reach(school, other_school):
    ann, ben, cal = (StaffMemberFactory(school=school, name=n) for n in ("Ann", "Ben", "Cal"))
    StaffMemberFactory(school=school, name="Gone", active=False)
    first_day = UnitFactory(school=school, start_date=START, level=1)
    first_day.teachers.set([ann, ben])
    last_day = UnitFactory(school=school, start_date=END, level=4)
    last_day.teachers.set([ann])
    UnitFactory(school=school, start_date=dt.date(2025, 12, 3), level=4)
    UnitFactory(school=school, start_date=dt.date(2025, 12, 4), level=None)
    # Outside the period or another school's: never counted.
    UnitFactory(school=school, start_date=dt.date(2025, 8, 31), level=1).teachers.set([cal])
    UnitFactory(school=school, start_date=dt.date(2026, 7, 1), level=1).teachers.set([cal])
    UnitFactory(school=other_school, start_date=dt.date(2025, 10, 1), level=3)

    activity = unit_activity(school, START, END)

    assert activity.units_total == 4
    assert activity.units_by_level == {1: 1, 2: 0, 3: 0, 4: 2}
    # (1 + 4 + 4) / 3: the unit without a level is counted but not averaged.
    assert activity.average_level == Decimal(9) / Decimal(3)
    assert activity.teachers_reached == 2
    assert activity.teachers_in_directory == 3  # Ann, Ben, Cal; "Gone" is inactive and did not partner


def test_unrounded_mean(school):
    for level in (1, 2, 2):
        UnitFactory(school=school, start_date=dt.date(2025, 10, 1), level=level)
    assert unit_activity(school, START, END).average_level == Decimal(5) / Decimal(3)


def test_inactive_partner_counts_in_directory(school):
    gone = StaffMemberFactory(school=school, active=False)
    UnitFactory(school=school, start_date=dt.date(2025, 10, 1)).teachers.set([gone])
    activity = unit_activity(school, START, END)
    assert (activity.teachers_reached, activity.teachers_in_directory) == (1, 1)


@pytest.mark.parametrize("units", [1, 12])
def test_fixed_number_of_queries(school, django_assert_num_queries, units):
    staff = StaffMemberFactory(school=school)
    for _ in range(units):
        UnitFactory(school=school, start_date=dt.date(2025, 10, 1)).teachers.set([staff])
    # One aggregate over units, one count of partners, one of the directory, at any size.
    with django_assert_num_queries(3):
        unit_activity(school, START, END)
