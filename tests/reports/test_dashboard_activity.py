"""The dashboard reads its two teacher counts from the teacher reach instead of two more queries: they
must be exactly unit_activity's own counts (inactive partners, the bin, other periods and schools)."""

import datetime as dt

from django.utils import timezone

from reports.selectors import dashboard, unit_activity
from tests.factories import StaffMemberFactory, UnitFactory


def test_dashboard_activity_equals_unit_activity(school, other_school, django_assert_num_queries):
    year = school.parse_school_year("2025-26")
    ann, ben, cal = (StaffMemberFactory(school=school, name=n) for n in ("Ann", "Ben", "Cal"))
    gone = StaffMemberFactory(school=school, name="Gone", active=False)
    StaffMemberFactory(school=school, name="Left", active=False)  # inactive, no unit: not in the directory
    UnitFactory(school=school, start_date=year.start_date, level=1).teachers.set([ann, gone])
    UnitFactory(school=school, start_date=year.end_date, level=4).teachers.set([ann])
    UnitFactory(school=school, start_date=year.start_date - dt.timedelta(days=1)).teachers.set([cal])
    UnitFactory(school=school, start_date=dt.date(2025, 10, 1), deleted_at=timezone.now()).teachers.set([ben])
    UnitFactory(school=other_school, start_date=dt.date(2025, 10, 1), level=3)

    with django_assert_num_queries(9):
        dash = dashboard(school, year)

    expected = unit_activity(school, year.start_date, year.end_date)
    assert dash.activity == expected
    assert (expected.teachers_reached, expected.teachers_in_directory) == (2, 4)  # Ann, Gone; + Ben, Cal
