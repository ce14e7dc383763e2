import datetime as dt

import pytest

from tests.factories import StaffMemberFactory, UnitFactory


@pytest.fixture
def unit(school, librarian, teacher_staff):
    """A unit of the persona school on which the `teacher` login partners."""
    unit = UnitFactory(
        school=school, librarian=librarian, title="Ecosystems field guide", start_date=dt.date(2025, 10, 6)
    )
    unit.teachers.add(teacher_staff)
    return unit


@pytest.fixture
def other_unit(other_school):
    return UnitFactory(school=other_school, title="Somebody else's unit")


@pytest.fixture
def colleague(school):
    return StaffMemberFactory(school=school, name="Marcus Bell", title="Grade 6 ELA teacher")


def plan_post(unit, **overrides):
    """A complete, valid POST of the full planning template for `unit` (no formset rows)."""
    data = {
        "version": str(unit.version),
        "title": unit.title,
        "start_date": unit.start_date.isoformat(),
        "end_date": "",
        "status": unit.status,
        "level": str(unit.level or ""),
        "overview": "",
        "content_standards": "",
        "learning_product": "",
        "assessment_what": "",
        "assessment_who": "",
        "assessment_how": "",
        "adaptations_challenged": "",
        "adaptations_gifted": "",
        "adaptations_ell": "",
        "adaptations_learning_styles": "",
        "teachers": [str(pk) for pk in unit.teachers.values_list("pk", flat=True)],
        "grades": [],
        "standards_2007": [],
        "standards_2018": [],
        "new_teacher_name": "",
        "new_teacher_title": "",
    }
    for prefix in ("gaps", "duties", "resources"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return data


def rows(prefix, *row_dicts):
    """Formset rows for `plan_post`: rows("gaps", {"content_area": ...}, ...)."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(row_dicts))}
    for index, row in enumerate(row_dicts):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data
