"""Reflection selectors, with evidence figures checked against hand-computed expectations."""

import datetime as dt
from decimal import Decimal

import pytest

from collabtrack.formatting import display
from collabtrack.models import Membership
from taxonomy import selectors
from tests.factories import (
    ActionItemFactory,
    BenefitsReflectionFactory,
    RoadblockFactory,
    RoadblocksReflectionFactory,
    StaffMemberFactory,
    TaxonomyReflectionFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def membership(librarian, school):
    return Membership.objects.get(user=librarian, school=school)


@pytest.fixture
def unit_log(school, other_school):
    """Units around a self-assessment dated 2025-11-10 (school year Sept-June)."""
    a, b, c, d = (StaffMemberFactory(school=school, name=n) for n in "ABCD")
    StaffMemberFactory(school=school, name="E (never partnered)")
    StaffMemberFactory(school=school, name="F (left)", active=False)
    UnitFactory(school=school, start_date=dt.date(2025, 8, 20), level=3)  # outside the school year
    UnitFactory(school=school, start_date=dt.date(2025, 9, 2), level=1).teachers.set([a])
    UnitFactory(school=school, start_date=dt.date(2025, 10, 15), level=3).teachers.set([a, b])
    UnitFactory(school=school, start_date=dt.date(2025, 10, 1), level=None).teachers.set([d])
    UnitFactory(school=school, start_date=dt.date(2025, 11, 10), level=4).teachers.set([c])
    UnitFactory(school=school, start_date=dt.date(2025, 11, 11), level=2).teachers.set([a])  # after it
    UnitFactory(school=other_school, start_date=dt.date(2025, 10, 1), level=4)  # another school


def test_evidence_is_the_school_year_up_to_the_reflection_date(school, librarian, unit_log):
    reflection = TaxonomyReflectionFactory(
        school=school, author=librarian, reflected_on=dt.date(2025, 11, 10)
    )
    evidence = selectors.self_assessment(reflection).evidence
    assert (evidence.start, evidence.end) == (dt.date(2025, 9, 1), dt.date(2025, 11, 10))
    # Sept 2, Oct 1 (no level), Oct 15 and Nov 10 (the day itself); not Aug 20, not Nov 11.
    assert evidence.units_total == 4
    assert evidence.units_by_level == {1: 1, 2: 0, 3: 1, 4: 1}
    assert evidence.average_level == Decimal(8) / Decimal(3)  # (1 + 3 + 4) / 3, the unrated unit left out
    assert display(evidence.average_level) == "2.7"
    assert evidence.teachers_reached == 4  # A, B, C, D
    assert evidence.teachers_in_directory == 5  # A-E active; F inactive and not a partner in the period


def test_summer_reflection_is_held_against_the_whole_year_just_ended(school, librarian, unit_log):
    reflection = TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=dt.date(2026, 7, 15))
    entry = selectors.self_assessment(reflection)
    assert entry.school_year.name == "2025-26"
    assert (entry.evidence.start, entry.evidence.end) == (dt.date(2025, 9, 1), dt.date(2026, 6, 30))
    assert entry.evidence.units_total == 5  # now Nov 11 counts too
    assert entry.evidence.units_by_level == {1: 1, 2: 1, 3: 1, 4: 1}


def test_a_reflection_with_no_units_shows_zero_and_a_blank_average(school, librarian):
    reflection = TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=dt.date(2025, 9, 5))
    evidence = selectors.self_assessment(reflection).evidence
    assert evidence.units_total == 0
    assert evidence.average_level is None
    assert display(evidence.average_level) == ""


def test_history_is_newest_first_with_a_chart(school, librarian, membership):
    for day, level in [(dt.date(2024, 10, 1), 4), (dt.date(2025, 10, 1), 6), (dt.date(2025, 4, 1), 5)]:
        TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=day, level=level)
    history = selectors.taxonomy_history(membership)
    assert [entry.level.number for entry in history.entries] == [6, 5, 4]
    chart = history.chart  # data only; tests/collabtrack/test_charts.py checks how the engine draws it
    assert chart.points == [(dt.date(2024, 10, 1), 4), (dt.date(2025, 4, 1), 5), (dt.date(2025, 10, 1), 6)]
    assert "April 1, 2025: level 5" in chart.description


def test_chart_of_one_point_and_of_none():
    chart = selectors.level_chart([(dt.date(2025, 10, 1), 10)])
    assert chart.points == [(dt.date(2025, 10, 1), 10)]
    assert selectors.level_chart([]) is None


def test_latest_level_and_what_comes_next(school, librarian, membership):
    assert selectors.latest_level(membership) is None
    TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=dt.date(2025, 1, 5), level=9)
    TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=dt.date(2025, 3, 5), level=7)
    latest = selectors.latest_level(membership)
    assert latest.level.number == 7
    assert latest.next_level.number == 8


def test_history_never_includes_someone_elses_reflections(
    school, librarian, membership, outsider, other_school
):
    colleague = TaxonomyReflectionFactory(school=school).author  # another librarian's, same school
    TaxonomyReflectionFactory(school=other_school, author=outsider)
    TaxonomyReflectionFactory(school=other_school, author=librarian)  # own, but written for another school
    assert colleague != librarian
    assert selectors.taxonomy_history(membership).entries == []


def test_roadblocks_view_marks_strategies_turned_into_action_items(school, librarian):
    reflection = RoadblocksReflectionFactory(school=school, author=librarian)
    RoadblockFactory(reflection=reflection, position=1, category="scheduling")
    RoadblockFactory(reflection=reflection, position=2, category="culture")
    ActionItemFactory(reflection=reflection, category="scheduling", strategy="scheduling-4")
    ActionItemFactory(
        reflection=reflection, category="culture", strategy="", text="My own", done_on=dt.date(2025, 12, 2)
    )
    view = selectors.roadblocks_view(reflection)
    assert [group.category for group in view.strategy_groups] == ["scheduling", "culture"]
    scheduling = view.strategy_groups[0]
    assert [s.key for s in scheduling.strategies if s.checked] == ["scheduling-4"]
    assert view.actions_done == 1
    assert [row.from_checklist for row in view.action_items] == [True, False]


def test_portfolio_collects_one_school_year(school, librarian, membership):
    TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=dt.date(2025, 8, 31), level=4)
    TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=dt.date(2025, 9, 1), level=5)
    TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=dt.date(2026, 7, 31), level=6)
    TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=dt.date(2026, 9, 1), level=7)
    BenefitsReflectionFactory(school=school, author=librarian, reflected_on=dt.date(2026, 1, 10))
    BenefitsReflectionFactory(school=school, author=librarian, reflected_on=dt.date(2024, 1, 10))
    RoadblocksReflectionFactory(school=school, author=librarian, reflected_on=dt.date(2026, 2, 10))
    portfolio = selectors.portfolio(membership, school.parse_school_year("2025-26"), user=librarian)
    # Sept 1 2025 up to Aug 31 2026: the summer after the year belongs to the year just ended.
    assert [entry.level.number for entry in portfolio.self_assessments] == [5, 6]
    assert len(portfolio.chart.points) == 3  # history for context: everything up to the year's end
    assert [b.reflected_on for b in portfolio.benefits] == [dt.date(2026, 1, 10)]
    assert len(portfolio.roadblocks) == 1


def test_portfolio_years_include_the_current_one(school, librarian, membership):
    TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=dt.date(2023, 10, 1))
    names = [year.name for year in selectors.portfolio_years(membership)]
    assert names[0] == school.current_school_year().name
    assert "2023-24" in names
