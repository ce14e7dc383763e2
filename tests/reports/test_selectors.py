"""annual_summary and monthly_report against hand-computed figures, edge cases first."""

import datetime as dt
from decimal import Decimal

import pytest

from collabtrack.formatting import rounded
from collabtrack.grades import grade_span
from collabtrack.models import Grade
from reports.selectors import annual_summary, monthly_report
from tests.factories import MonthlyStatisticsFactory, SchoolFactory, StaffMemberFactory, UnitFactory


def _row(summary, month):
    return next(row for row in summary.months if row.month == month)


def test_empty_year_is_blank_not_zero(school):
    summary = annual_summary(school, school.parse_school_year("2025-26"))
    assert [row.label for row in summary.months] == [
        "Sept", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    ]  # fmt: skip
    for row in [*summary.months, summary.total]:
        assert row.days_open is None and row.circulation is None and row.classes_served is None
        assert row.average_daily_circulation is None and row.average_level is None
        assert row.units_supported == 0


def test_month_without_units_has_blank_level_and_zero_days_blank_daily(school):
    MonthlyStatisticsFactory(school=school, year=2025, month=10, days_open=0, circulation=0, classes_served=0)
    MonthlyStatisticsFactory(school=school, year=2025, month=11, days_open=None, circulation=300)
    summary = annual_summary(school, school.parse_school_year("2025-26"))
    october, november = _row(summary, 10), _row(summary, 11)
    assert (october.days_open, october.circulation, october.classes_served) == (0, 0, 0)
    assert october.average_daily_circulation is None  # 0 days open: undefined, not 0
    assert october.average_level is None and october.units_supported == 0
    assert november.days_open is None and november.average_daily_circulation is None
    assert summary.total.circulation == 300 and summary.total.days_open == 0
    assert summary.total.average_daily_circulation is None


def test_hand_computed_year(school):
    # Statistics: Sept 18 days / 1,500; Oct 21 / 1,900; Jun 12 / 400. Other months not entered.
    MonthlyStatisticsFactory(
        school=school, year=2025, month=9, days_open=18, circulation=1500, classes_served=50
    )
    MonthlyStatisticsFactory(
        school=school, year=2025, month=10, days_open=21, circulation=1900, classes_served=61
    )
    MonthlyStatisticsFactory(
        school=school, year=2026, month=6, days_open=12, circulation=400, classes_served=9
    )
    # Units: first day of the year (level 1), last day of September (level 2), first of October (4),
    # the year's last day (3), one without a level in October; July and August are outside the range.
    UnitFactory(school=school, start_date=dt.date(2025, 9, 1), level=1)
    UnitFactory(school=school, start_date=dt.date(2025, 9, 30), level=2)
    UnitFactory(school=school, start_date=dt.date(2025, 10, 1), level=4)
    UnitFactory(school=school, start_date=dt.date(2025, 10, 31), level=None)
    UnitFactory(school=school, start_date=dt.date(2026, 6, 30), level=3)
    UnitFactory(school=school, start_date=dt.date(2025, 8, 31), level=4)
    UnitFactory(school=school, start_date=dt.date(2026, 7, 1), level=4)

    summary = annual_summary(school, school.parse_school_year("2025-26"))
    september, october, june = _row(summary, 9), _row(summary, 10), _row(summary, 6)

    assert september.units_supported == 2 and september.average_level == Decimal("1.5")
    assert rounded(september.average_daily_circulation) == Decimal("83.3")  # 1500 / 18 = 83.33
    assert october.units_supported == 2 and october.average_level == Decimal(
        4
    )  # level-less unit not averaged
    assert rounded(october.average_daily_circulation) == Decimal("90.5")  # 1900 / 21 = 90.476
    assert june.units_supported == 1 and june.average_level == 3
    assert rounded(june.average_daily_circulation) == Decimal("33.3")  # 400 / 12
    assert _row(summary, 1).average_level is None

    total = summary.total
    assert (total.days_open, total.circulation, total.classes_served) == (51, 3800, 120)
    # 3800 / 51 = 74.5098 (the mean of the monthly averages would be 69.0)
    assert rounded(total.average_daily_circulation) == Decimal("74.5")
    assert total.units_supported == 5
    # (1 + 2 + 4 + 3) / 4 = 2.5, the mean over units, not of the monthly means (1.5, 4, 3 -> 2.83)
    assert total.average_level == Decimal("2.5")
    assert total.units_by_level == {1: 1, 2: 1, 3: 1, 4: 1}


def test_non_wrapping_year_with_other_month_range(db):
    school = SchoolFactory(first_month=2, last_month=12)
    year = school.parse_school_year("2026")
    MonthlyStatisticsFactory(school=school, year=2026, month=2, days_open=19, circulation=950)
    MonthlyStatisticsFactory(school=school, year=2026, month=1, days_open=5, circulation=99)  # outside
    UnitFactory(school=school, start_date=dt.date(2026, 2, 1), level=2)
    UnitFactory(school=school, start_date=dt.date(2026, 12, 31), level=3)
    UnitFactory(school=school, start_date=dt.date(2026, 1, 31), level=4)  # January: outside the range
    summary = annual_summary(school, year)
    assert [row.label for row in summary.months][0] == "Feb" and len(summary.months) == 11
    assert summary.months[0].average_daily_circulation == Decimal(50)
    assert summary.months[-1].units_supported == 1
    assert (summary.total.units_supported, summary.total.average_level) == (2, Decimal("2.5"))
    assert summary.total.days_open == 19


@pytest.mark.parametrize("units", [0, 10, 40])
def test_annual_summary_query_budget(school, django_assert_num_queries, units):
    for n in range(units):
        UnitFactory(school=school, start_date=dt.date(2025, 9 + n % 4, 1 + n % 28), level=1 + n % 4)
    MonthlyStatisticsFactory(school=school, year=2025, month=9)
    # One query for the statistics, one for the units grouped by month: constant in the number of units.
    with django_assert_num_queries(2):
        annual_summary(school, school.parse_school_year("2025-26"))


def test_monthly_report_lines_count_and_mean(school, other_school):
    ann, ben = (
        StaffMemberFactory(school=school, name="Ann Lee"),
        StaffMemberFactory(school=school, name="Ben Ray"),
    )
    first = UnitFactory(school=school, title="Food webs", start_date=dt.date(2025, 10, 1), level=3)
    first.teachers.set([ann, ben])
    first.grades.set(Grade.objects.filter(order__in=[6, 7, 8]))
    UnitFactory(school=school, title="Poetry", start_date=dt.date(2025, 10, 31), level=4)
    UnitFactory(school=school, title="Too early", start_date=dt.date(2025, 9, 30), level=1)
    UnitFactory(school=school, title="Too late", start_date=dt.date(2025, 11, 1), level=1)
    UnitFactory(school=other_school, title="Elsewhere", start_date=dt.date(2025, 10, 5), level=1)

    report = monthly_report(school, 2025, 10)

    assert [line.title for line in report.units] == ["Food webs", "Poetry"]
    assert report.units[0].teachers == "Ann Lee, Ben Ray"
    assert report.units[0].grades == grade_span([6, 7, 8]) == "Gr. 6–8"
    assert report.units[0].level_name == "Collaboration"
    assert report.activity.units_total == 2 and report.activity.average_level == Decimal("3.5")
    assert report.school_year == school.parse_school_year("2025-26")
    assert report.title == "October 2025"


def test_monthly_report_outside_the_school_year(school):
    UnitFactory(school=school, start_date=dt.date(2026, 7, 10), level=2)
    report = monthly_report(school, 2026, 7)
    assert report.school_year is None and report.activity.units_total == 1


@pytest.mark.parametrize("units", [1, 10, 30])
def test_monthly_report_query_budget(school, django_assert_num_queries, units):
    staff = StaffMemberFactory(school=school)
    grade = Grade.objects.get(order=5)
    for n in range(units):
        unit = UnitFactory(school=school, start_date=dt.date(2025, 10, 1 + n % 28))
        unit.teachers.set([staff])
        unit.grades.set([grade])
    # Units, their teachers, their grades; then unit_activity's three aggregates.
    with django_assert_num_queries(6):
        monthly_report(school, 2025, 10)


def test_units_in_the_bin_leave_every_figure(school):
    from django.utils import timezone

    from reports.selectors import dashboard

    staff = StaffMemberFactory(school=school)
    live = UnitFactory(school=school, start_date=dt.date(2025, 10, 1), level=2)
    live.teachers.set([staff])
    live.grades.set(Grade.objects.filter(order=7))
    binned = UnitFactory(school=school, start_date=dt.date(2025, 10, 2), level=4, deleted_at=timezone.now())
    binned.teachers.set([staff])
    binned.grades.set(Grade.objects.filter(order__in=[7, 8]))
    dash = dashboard(school, school.parse_school_year("2025-26"))
    assert dash.activity.units_total == 1 and dash.activity.average_level == 2
    assert dash.summary.total.units_supported == 1
    assert [(t.name, t.units) for t in dash.teachers] == [(staff.name, 1)]
    assert [(g.grade, g.units) for g in dash.grades] == [("7", 1)]
    assert [line.title for line in monthly_report(school, 2025, 10).units] == [live.title]


def test_teacher_reach_and_grade_coverage(school):
    from reports.selectors import grade_coverage, teacher_reach

    ann, ben = StaffMemberFactory(school=school, name="Ann"), StaffMemberFactory(school=school, name="Ben")
    StaffMemberFactory(school=school, name="Old", active=False)
    for day, teachers, grades in ((1, [ann], [6]), (2, [ann, ben], [6, 8]), (3, [], [])):
        unit = UnitFactory(school=school, start_date=dt.date(2025, 11, day))
        unit.teachers.set(teachers)
        unit.grades.set(Grade.objects.filter(order__in=grades))
    start, end = dt.date(2025, 9, 1), dt.date(2026, 6, 30)
    assert [(t.name, t.units) for t in teacher_reach(school, start, end)] == [("Ann", 2), ("Ben", 1)]
    # From the lowest to the highest grade named; grade 7 shows its gap as 0.
    assert [(g.grade, g.units) for g in grade_coverage(school, start, end)] == [("6", 2), ("7", 0), ("8", 1)]


def test_standards_cited(school, other_school):
    from reports.selectors import standards_cited
    from units.standards import Indicator2007, Standard2018

    inquire, share = Indicator2007.objects.get(number="1.1.1"), Indicator2007.objects.get(number="3.1.2")
    engage = Standard2018.objects.create(set="learner", code="VI.A.1", heading="Ethical use")
    first = UnitFactory(school=school, start_date=dt.date(2025, 10, 1))
    first.standards_2007.set([inquire, share])
    second = UnitFactory(school=school, start_date=dt.date(2026, 3, 1))
    second.standards_2007.set([share])
    second.standards_2018.set([engage])
    UnitFactory(school=school, start_date=dt.date(2025, 8, 1)).standards_2007.set([inquire])  # outside
    UnitFactory(school=other_school, start_date=dt.date(2025, 10, 1)).standards_2007.set([inquire])
    cited = standards_cited(school, dt.date(2025, 9, 1), dt.date(2026, 6, 30))
    assert [(c.code, c.units) for c in cited] == [("3.1.2", 2), ("1.1.1", 1), ("VI.A.1", 1)]
    assert cited[2].catalogue == "AASL 2018 (learner)"


def test_units_after_school_year(db):
    from reports.selectors import units_after_school_year

    wrapping = SchoolFactory()
    UnitFactory(school=wrapping, start_date=dt.date(2026, 7, 15))
    UnitFactory(school=wrapping, start_date=dt.date(2026, 9, 1))  # the next year's first day
    assert units_after_school_year(wrapping, wrapping.parse_school_year("2025-26")) == (
        dt.date(2026, 7, 1), dt.date(2026, 8, 31), 1,
    )  # fmt: skip
    calendar_year = SchoolFactory(first_month=2, last_month=12)
    UnitFactory(school=calendar_year, start_date=dt.date(2027, 1, 31))
    assert units_after_school_year(calendar_year, calendar_year.parse_school_year("2026"))[2] == 1
    whole_year = SchoolFactory(first_month=1, last_month=12)
    assert units_after_school_year(whole_year, whole_year.parse_school_year("2026")) is None
