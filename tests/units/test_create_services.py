"""The unit services take plain data: they refuse bad data with field errors, and a refused save changes
nothing (units.services.units_create / unit_create, units.plan_services.unit_plan_save)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from collabtrack.forms import add_service_errors
from collabtrack.models import StaffMember
from tests import factories
from units import plan_services, services
from units.forms import QuickLogForm
from units.levels import LEVEL_4_NEEDS_GAP
from units.models import Duty, Unit
from units.unit_data import DutyRow, GapRow, NamedTeacher, NewUnit, PlanTexts, ResourceRow

pytestmark = pytest.mark.django_db

OCTOBER = dt.date(2025, 10, 6)


def new_unit(**fields) -> NewUnit:
    return NewUnit(
        title=fields.pop("title", "Volcanoes"), start_date=fields.pop("start_date", OCTOBER), **fields
    )


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"level": 4}, "level", LEVEL_4_NEEDS_GAP),
        ({"title": ""}, "title", "blank"),
        ({"end_date": dt.date(2025, 10, 1)}, "end_date", "before its start"),
        ({"level": 7}, "level", "not a valid choice"),
        ({"grades": (6, 15)}, "grades", "Unknown grade levels: 15"),
        ({"texts": PlanTexts(overview="word " * 101)}, "overview", "101 words"),
        ({"level": 4, "gaps": (GapRow("Reading", ""),)}, "gaps", "Gap 1:"),
    ],
)
def test_unit_create_refuses_bad_data_with_field_errors(school, librarian, fields, field, words):
    with pytest.raises(ValidationError) as caught:
        services.unit_create(school=school, created_by=librarian, unit=new_unit(**fields))
    assert words in " ".join(caught.value.message_dict[field])
    assert not Unit.all_objects.exists()


def test_a_teacher_of_another_school_is_new_unit(school, other_school, librarian):
    stranger = factories.StaffMemberFactory(school=other_school)
    with pytest.raises(ValidationError) as caught:
        services.unit_create(school=school, created_by=librarian, unit=new_unit(teacher_ids=(stranger.pk,)))
    assert list(caught.value.message_dict) == ["teachers"]


def test_one_refused_unit_of_many_saves_none_and_names_its_place(school, librarian):
    units = [
        new_unit(title="A"),
        new_unit(title="B", named_teachers=(NamedTeacher("New Person"),)),
        new_unit(level=4),
    ]
    with pytest.raises(services.UnitRefused) as caught:
        services.units_create(school=school, created_by=librarian, units=units)
    assert caught.value.index == 2 and caught.value.message_dict["level"] == [LEVEL_4_NEEDS_GAP]
    assert not Unit.all_objects.exists() and not StaffMember.objects.exists()


def test_units_create_links_teachers_named_or_chosen_once_each(school, librarian, colleague):
    [unit] = services.units_create(
        school=school,
        created_by=librarian,
        units=[
            new_unit(
                teacher_ids=(colleague.pk,),
                named_teachers=(NamedTeacher("marcus  BELL"), NamedTeacher("Ana Lima", "Grade 8 science")),
                grades=(7, 7, 8),
                level=4,
                gaps=(GapRow("Science", "Evaluates sources"),),
            )
        ],
    )
    assert sorted(unit.teachers.values_list("name", flat=True)) == ["Ana Lima", "Marcus Bell"]
    assert StaffMember.objects.get(name="Ana Lima").title == "Grade 8 science"
    assert unit.grades_display == "Gr. 7, 8" and unit.gaps.get().content_area == "Science"
    assert unit.history.get().history_user == librarian


def test_the_quick_log_adds_a_teacher_already_in_the_directory_only_once(school, librarian, colleague):
    form = QuickLogForm(
        {
            "start_date": "2025-10-06",
            "title": "Poetry café",
            "level": "2",
            "new_teacher_name": "Marcus  bell",
        },
        school=school,
    )
    assert form.is_valid(), form.errors
    unit = services.unit_create(school=school, created_by=librarian, **form.to_service_kwargs())
    assert list(unit.teachers.all()) == [colleague]
    assert StaffMember.objects.filter(school=school).count() == 1


def test_a_service_refusal_lands_next_to_the_quick_logs_fields(school):
    form = QuickLogForm({"start_date": "2025-10-06", "title": "Poetry café", "level": "2"}, school=school)
    assert form.is_valid()
    error = ValidationError({"level": [LEVEL_4_NEEDS_GAP], "gaps": ["Gap 1: too long"], "other": ["Odd"]})
    add_service_errors(form, error, form.service_fields)
    assert form.errors["level"] == [LEVEL_4_NEEDS_GAP]
    assert form.errors["gap_content_area"] == ["Gap 1: too long"]
    assert form.non_field_errors() == ["Odd"]


def plan(unit, **changes) -> dict:
    """Everything unit_plan_save takes, as the unit is now, with `changes`."""
    values = {
        "expected_version": unit.version,
        "title": unit.title,
        "start_date": unit.start_date,
        "end_date": unit.end_date,
        "status": unit.status,
        "level": unit.level,
        "texts": PlanTexts(),
        "teacher_ids": list(unit.teachers.values_list("pk", flat=True)),
    }
    return values | changes


def test_a_refused_plan_save_changes_nothing(unit, librarian, colleague):
    factories.DutyFactory(unit=unit, description="Teach note-taking")
    history = unit.history.count()
    with pytest.raises(ValidationError) as caught:
        plan_services.unit_plan_save(
            unit=unit,
            user=librarian,
            **plan(
                unit,
                title="Renamed",
                teacher_ids=[colleague.pk],
                new_teacher=NamedTeacher("Ana Lima"),
                duties=[DutyRow("teacher", "Grade the guide")],
                resources=[ResourceRow("print", "A book."), ResourceRow("electronic", "A site, no link.")],
            ),
        )
    assert caught.value.message_dict["resources"] == ["Resource 2: An electronic resource needs its link."]
    unit.refresh_from_db()
    assert (unit.title, unit.version, unit.history.count()) == ("Ecosystems field guide", 1, history)
    assert list(unit.teachers.values_list("name", flat=True)) == ["Tom Teacher"]
    assert list(Duty.objects.values_list("description", flat=True)) == ["Teach note-taking"]
    assert not StaffMember.objects.filter(name="Ana Lima").exists() and not unit.resources.exists()


def test_the_plan_save_keeps_rows_in_the_order_given_and_names_what_changed(unit, librarian):
    saved = plan_services.unit_plan_save(
        unit=unit,
        user=librarian,
        **plan(unit, duties=[DutyRow("teacher", "Second"), DutyRow("both", "First", addresses_gap=True)]),
    )
    assert list(saved.duties.values_list("description", flat=True)) == ["Second", "First"]
    assert saved.history.first().history_change_reason == "Changed: duties"
    again = plan_services.unit_plan_save(
        unit=saved,
        user=librarian,
        **plan(saved, duties=[DutyRow("teacher", "Second"), DutyRow("both", "First", addresses_gap=True)]),
    )
    assert again.history.first().history_change_reason == "Saved" and again.version == 3


def test_the_plan_save_refuses_standards_and_teachers_it_does_not_know(unit, librarian, other_school):
    stranger = factories.StaffMemberFactory(school=other_school)
    with pytest.raises(ValidationError) as caught:
        plan_services.unit_plan_save(
            unit=unit, user=librarian, **plan(unit, teacher_ids=[stranger.pk], standards_2007=[10**9])
        )
    assert sorted(caught.value.message_dict) == ["standards_2007", "teachers"]


def test_copy_refuses_a_teacher_of_another_school_and_copies_nothing(unit, librarian, other_school):
    stranger = factories.StaffMemberFactory(school=other_school)
    with pytest.raises(ValidationError) as caught:
        services.unit_copy(
            unit=unit, user=librarian, title="Copy", start_date=OCTOBER, teacher_ids=[stranger.pk]
        )
    assert list(caught.value.message_dict) == ["teachers"]
    assert Unit.all_objects.count() == 1
