"""The log import saves through the units' own services: a row becomes the same unit as the quick log
makes of the same data, the level-4 rule speaks with one message, and the import keeps its signature."""

from dataclasses import replace

import pytest

from collabtrack.models import StaffMember
from collabtrack.spreadsheets import Table
from reports.imports import log_services
from reports.imports.log_parse import guess_mapping, parse_rows
from reports.imports.log_services import LogImportRefused, log_import_save
from units import services as unit_services
from units.forms import QuickLogForm
from units.levels import LEVEL_4_NEEDS_GAP
from units.models import Unit

pytestmark = pytest.mark.django_db

HEADER = ["Date", "Unit", "Grade", "Teacher", "Level", "Gaps"]


def table(*rows) -> Table:
    return Table(header=HEADER, rows=[list(row) for row in rows], line_numbers=list(range(2, len(rows) + 2)))


def snapshot(unit: Unit) -> dict:
    """What a unit says, without its id and timestamps."""
    return {
        "title": unit.title,
        "dates": (unit.start_date, unit.end_date),
        "level": unit.level,
        "status": unit.status,
        "librarian": unit.librarian,
        "grades": list(unit.grades.values_list("order", flat=True)),
        "teachers": sorted(unit.teachers.values_list("name", "title")),
        "gaps": list(unit.gaps.values_list("content_area", "performance_indicator")),
        "history": [(record.history_type, record.history_user) for record in unit.history.all()],
        "texts": (unit.overview, unit.version, unit.deleted_at),
    }


@pytest.fixture
def saved_batches(monkeypatch):
    """Every batch of units the units' bulk path writes, whoever calls it."""
    batches = []
    bulk_create = unit_services._bulk_create_units

    def recording(units, created_by):
        batches.append([unit.title for unit in units])
        return bulk_create(units, created_by)

    monkeypatch.setattr(unit_services, "_bulk_create_units", recording)
    return batches


def test_the_import_and_the_quick_log_create_identical_units_through_the_same_service(
    school, other_school, librarian, saved_batches
):
    for where in (school, other_school):
        StaffMember.objects.create(school=where, name="Priya Shah", title="Grade 7 science")
    form = QuickLogForm(
        {
            "start_date": "2025-10-20",
            "title": "Dystopian fiction book clubs",
            "level": "4",
            "grades": ["7", "8"],
            "teachers": [str(StaffMember.objects.get(school=school).pk)],
            "gap_content_area": "Reading",
            "gap_performance_indicator": "cites textual evidence",
            "new_teacher_name": "Marcus Bell",
        },
        school=school,
    )
    assert form.is_valid(), form.errors
    logged = unit_services.unit_create(school=school, created_by=librarian, **form.to_service_kwargs())
    log = table(
        [
            "2025-10-20",
            "Dystopian fiction book clubs",
            "7-8",
            "Priya Shah; Marcus Bell",
            "4",
            "Reading: cites textual evidence",
        ]
    )
    result = log_import_save(
        school=other_school, librarian=librarian, table=log, mapping=guess_mapping(HEADER)
    )
    imported = Unit.objects.get(school=other_school)
    assert result.units_created == 1 and result.teachers_created == ["Marcus Bell"]
    assert snapshot(imported) == snapshot(logged)
    assert saved_batches == [["Dystopian fiction book clubs"]] * 2  # one path for both


def test_the_level_4_rule_has_one_message_in_the_form_the_service_and_the_import(school, librarian):
    form = QuickLogForm({"start_date": "2025-10-20", "title": "Book clubs", "level": "4"}, school=school)
    assert form.errors["level"] == [LEVEL_4_NEEDS_GAP]
    [row] = parse_rows(table(["2025-10-20", "Book clubs", "", "", "4", ""]), guess_mapping(HEADER))
    assert row.errors == [LEVEL_4_NEEDS_GAP]
    with pytest.raises(unit_services.UnitRefused) as caught:
        unit_services.units_create(school=school, created_by=librarian, units=[log_services.new_unit(row)])
    assert caught.value.message_dict == {"level": [LEVEL_4_NEEDS_GAP]}


def test_a_rule_only_the_service_knows_refuses_the_file_naming_the_line(school, librarian, monkeypatch):
    """A refusal by units_create (here: a title longer than the column) becomes the import's refusal."""
    log = table(["2025-10-20", "Fine", "", "", "2", ""], ["2025-10-21", "Too long", "", "", "2", ""])
    original = log_services.new_unit

    def longer_title(row):
        unit = original(row)
        return unit if unit.title == "Fine" else replace(unit, title="x" * 201)

    monkeypatch.setattr(log_services, "new_unit", longer_title)
    with pytest.raises(LogImportRefused) as caught:
        log_import_save(school=school, librarian=librarian, table=log, mapping=guess_mapping(HEADER))
    assert str(caught.value).startswith("Line 3: ") and "Nothing was saved." in str(caught.value)
    assert not Unit.objects.exists()


def test_the_import_reports_its_progress_through_the_unit_service(school, librarian):
    heard = []
    log = table(*[[f"2025-10-{day:02d}", f"Unit {day}", "", "", "1", ""] for day in range(1, 4)])
    log_import_save(
        school=school,
        librarian=librarian,
        table=log,
        mapping=guess_mapping(HEADER),
        progress=lambda done, total, step: heard.append((done, total, step)),
    )
    assert heard[0] == (0, 3, "units checked") and heard[-1] == (3, 3, "units saved")
