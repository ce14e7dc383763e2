"""The dashboard reads its year activity from the annual TOTAL and the teacher reach instead of three
more queries: every figure must equal unit_activity's own (levels and their unrounded mean, a unit
without a level, inactive partners, the bin, other periods and other schools)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from reports.selectors import dashboard
from tests.factories import StaffMemberFactory, UnitFactory
from units.activity import unit_activity


def test_dashboard_activity_equals_unit_activity(school, other_school, django_assert_num_queries):
    year = school.parse_school_year("2025-26")
    ann, ben, cal = (StaffMemberFactory(school=school, name=n) for n in ("Ann", "Ben", "Cal"))
    gone = StaffMemberFactory(school=school, name="Gone", active=False)
    StaffMemberFactory(school=school, name="Left", active=False)  # inactive, no unit: not in the directory
    UnitFactory(school=school, start_date=year.start_date, level=1).teachers.set([ann, gone])
    UnitFactory(school=school, start_date=year.end_date, level=4).teachers.set([ann])
    UnitFactory(school=school, start_date=dt.date(2026, 2, 3), level=2)
    UnitFactory(school=school, start_date=dt.date(2026, 2, 4), level=None)
    UnitFactory(school=school, start_date=year.start_date - dt.timedelta(days=1)).teachers.set([cal])
    UnitFactory(school=school, start_date=dt.date(2025, 10, 1), deleted_at=timezone.now()).teachers.set([ben])
    UnitFactory(school=other_school, start_date=dt.date(2025, 10, 1), level=3)

    # Eight for the year itself; three for last year to date, one each for the years with data, the
    # planned units and the units citing no standard (issue 15). None for the activity: it is read from
    # the annual TOTAL and the teacher reach.
    with django_assert_num_queries(14):
        dash = dashboard(school, year)

    expected = unit_activity(school, year.start_date, year.end_date)
    assert dash.activity == expected
    assert (expected.teachers_reached, expected.teachers_in_directory) == (2, 4)  # Ann, Gone; + Ben, Cal
    assert expected.units_total == 4
    assert expected.average_level == Decimal(7) / Decimal(3)
