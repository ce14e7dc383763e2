"""The full school export ZIP: every kind of record, attachments, README, safe cells, round trip."""

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collabtrack.models import Grade, Job, StaffMember
from reports.imports.log_parse import PLAN_FIELDS
from reports.jobs import school_zip_render
from taxonomy.models import TaxonomyReflection
from tests.factories import (
    MonthlyStatisticsFactory,
    SchoolFactory,
    StaffMemberFactory,
    TestDataGapFactory,
    UnitFactory,
)
from tests.job_helpers import download as download_via_job
from tests.job_helpers import finish_job
from units.models import Attachment, Duty, Resource, Unit
from units.standards import Indicator2007

pytestmark = pytest.mark.django_db


def download(client, school_slug: str = "riverside-middle-school") -> zipfile.ZipFile:
    # Made by a job the first time (run here as the worker would), then served from the kept file.
    response = download_via_job(client, reverse("data:school_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith(f'attachment; filename="collabtrack-{school_slug}-')
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def read_csv(bundle: zipfile.ZipFile, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(bundle.read(name).decode("utf-8-sig"))))


@pytest.fixture
def planned_unit(school, librarian):
    teacher = StaffMemberFactory(school=school, name="Priya Shah")
    unit = UnitFactory(
        school=school,
        librarian=librarian,
        title="Cells and microscopes",
        start_date=dt.date(2025, 9, 15),
        end_date=dt.date(2025, 10, 3),
        level=4,
        overview="Students research cells.",
        learning_product="A field guide",
        content_standards="SC.7.L.14.1\n  - cell theory, with its indentation\n=formula-looking line",
        assessment_how="Rubric, peer review",
        adaptations_ell="Bilingual glossary",
    )
    unit.teachers.add(teacher)
    unit.grades.add(Grade.objects.get(order=6), Grade.objects.get(order=7))
    TestDataGapFactory(unit=unit, content_area="Science", performance_indicator="Evaluates sources")
    Duty.objects.create(unit=unit, owner="librarian", description="Teach note-taking", addresses_gap=True)
    Resource.objects.create(unit=unit, kind="print", citation="Smith, J. Cells. 2020.")
    unit.standards_2007.add(Indicator2007.objects.get(number="1.1.1"))
    attachment = Attachment(unit=unit, original_name="rubric.pdf", size=7)
    attachment.file.save("rubric.pdf", ContentFile(b"%PDF-1x"), save=False)
    attachment.save()
    return unit


def test_the_zip_holds_every_kind_of_record(librarian_client, school, librarian, planned_unit):
    MonthlyStatisticsFactory(
        school=school, year=2025, month=10, days_open=20, circulation=1500, classes_served=60
    )
    TaxonomyReflection.objects.create(
        school=school, author=librarian, level=6, working_well="Planning", greatest_success="Poetry",
        next_level_needs="Time", shared_with_principal=True,
    )  # fmt: skip
    TaxonomyReflection.objects.create(
        school=school, author=librarian, level=3, working_well="PRIVATE-TEXT", greatest_success="x",
        next_level_needs="y", shared_with_principal=False,
    )  # fmt: skip
    bundle = download(librarian_client)
    names = set(bundle.namelist())
    expected = {"units.csv", "gaps.csv", "duties.csv", "resources.csv", "standards.csv", "attachments.csv"}
    assert expected | {"monthly_statistics.csv", "staff.csv", "reflections.csv", "README.txt"} <= names

    [unit] = read_csv(bundle, "units.csv")
    assert unit["unit title"] == "Cells and microscopes" and unit["date"] == "2025-09-15"
    assert unit["grades"] == "6, 7" and unit["teachers"] == "Priya Shah" and unit["level"] == "4"
    assert unit["overview"] == "Students research cells." and unit["learning product"] == "A field guide"
    assert read_csv(bundle, "gaps.csv")[0]["performance indicator"] == "Evaluates sources"
    assert read_csv(bundle, "duties.csv")[0]["addresses a gap"] == "yes"
    assert read_csv(bundle, "resources.csv")[0]["citation"] == "Smith, J. Cells. 2020."
    assert read_csv(bundle, "standards.csv")[0]["number"] == "1.1.1"
    [attachment] = read_csv(bundle, "attachments.csv")
    assert bundle.read(attachment["file in this ZIP"]) == b"%PDF-1x"
    assert read_csv(bundle, "monthly_statistics.csv") == [
        {"year": "2025", "month": "10", "days open": "20", "circulation": "1500", "classes served": "60"}
    ]
    assert {row["name"] for row in read_csv(bundle, "staff.csv")} == {"Priya Shah"}
    reflections = bundle.read("reflections.csv").decode("utf-8-sig")
    assert "Poetry" in reflections and "PRIVATE-TEXT" not in reflections
    readme = bundle.read("README.txt").decode()
    assert "units.csv (1 rows)" in readme and "- teachers: Teacher partners" in readme


def test_formula_looking_cells_are_neutralised(librarian_client, school):
    UnitFactory(school=school, title='=HYPERLINK("http://evil.example","click")')
    StaffMemberFactory(school=school, name="@SUM(A1:A9)")
    bundle = download(librarian_client)
    assert read_csv(bundle, "units.csv")[0]["unit title"].startswith("'=HYPERLINK")
    assert read_csv(bundle, "staff.csv")[0]["name"] == "'@SUM(A1:A9)"


def test_units_round_trip_into_an_empty_school(librarian_client, client_for, librarian, school, planned_unit):
    second = UnitFactory(school=school, title="Poetry café", start_date=dt.date(2025, 11, 3), level=None)
    second.grades.add(Grade.objects.get(order=0))
    units_csv = download(librarian_client).read("units.csv")

    empty = SchoolFactory(name="Empty School")
    from collabtrack.models import Membership, Role

    Membership.objects.create(user=librarian, school=empty, role=Role.LIBRARIAN)
    client = client_for(librarian, empty)
    response = client.post(reverse("data:log_upload"), {"file": SimpleUploadedFile("units.csv", units_csv)})
    assert response.status_code == 302
    preview = client.get(response.url).context["preview"]
    assert preview.can_import, [row.errors for row in preview.rows]
    finish_job(client, client.post(response.url + "confirm/"))

    def summary(school):
        return sorted(
            (
                unit.title,
                unit.start_date,
                unit.end_date,
                unit.level,
                tuple(grade.order for grade in unit.grades.all()),
                tuple(teacher.name for teacher in unit.teachers.all()),
                tuple((gap.content_area, gap.performance_indicator) for gap in unit.gaps.all()),
                tuple(getattr(unit, name) for name in PLAN_FIELDS),
            )
            for unit in Unit.objects.filter(school=school)
        )

    assert summary(empty) == summary(school)
    assert StaffMember.objects.filter(school=empty).count() == 1


def test_export_queries_do_not_grow_with_the_number_of_units(
    librarian_client, school, django_assert_num_queries
):
    for number in range(30):
        unit = UnitFactory(school=school, title=f"Unit {number}")
        unit.teachers.add(StaffMemberFactory(school=school))
    # units and 8 related tables; statistics; staff + grades; 3 reflection kinds (the worker's job, run here);
    # +5: the restorable reflection files (3 kinds, their roadblocks, their action items).
    librarian_client.get(reverse("data:school_export"))
    assert Job.objects.get().kind == "school_zip"
    with django_assert_num_queries(20):
        school_zip_render(school, {})


def test_principal_exports_too(principal_client, school):
    UnitFactory(school=school, title="Visible to the principal")
    bundle = download(principal_client)
    assert read_csv(bundle, "units.csv")[0]["unit title"] == "Visible to the principal"


@pytest.mark.parametrize("persona", ["teacher_client", "district_client"])
def test_teachers_and_district_cannot_export(request, persona):
    assert request.getfixturevalue(persona).get(reverse("data:school_export")).status_code == 403


def test_an_outsider_exports_only_their_own_school(outsider_client, school, other_school):
    UnitFactory(school=school, title="Riverside secret")
    bundle = download(outsider_client, "faraway-elementary-school")
    assert read_csv(bundle, "units.csv") == []


def test_export_is_get_only(librarian_client):
    assert librarian_client.post(reverse("data:school_export")).status_code == 405


@pytest.mark.parametrize(
    ("persona", "status", "sees_import"),
    [("librarian_client", 200, True), ("principal_client", 200, False), ("teacher_client", 403, False)],
)
def test_index_page_per_role(request, persona, status, sees_import):
    response = request.getfixturevalue(persona).get(reverse("data:index"))
    assert response.status_code == status
    if status == 200:
        assert ("Import a collaboration log" in response.content.decode()) is sees_import


def test_every_imported_column_survives_export_then_import(client_for, librarian, school, planned_unit):
    """Round trip by construction: units.csv is written from the column list the import reads
    (reports/imports/columns.py); each column the import reads comes back with the value it left with."""
    from collabtrack.models import Membership, Role
    from reports.imports.columns import IMPORT_COLUMNS, UNIT_COLUMNS
    from reports.imports.log_parse import guess_mapping
    from reports.imports.school_export import unit_records

    for column in IMPORT_COLUMNS:
        if column.plan:  # every text section filled, line breaks and a formula-looking line included
            setattr(planned_unit, column.identifier, f"{column.label}\n=and a second line")
    planned_unit.save()
    before = unit_records(school)
    blank = [c.identifier for c in IMPORT_COLUMNS if c.export(planned_unit, before) in ("", None)]
    assert blank == [], "give the planned unit a value in every imported column"

    bundle = download(client_for(librarian, school))
    header = next(csv.reader(io.StringIO(bundle.read("units.csv").decode("utf-8-sig"))))
    assert header == [column.header for column in UNIT_COLUMNS]
    mapping = guess_mapping(header)
    assert {c.identifier: header[mapping[c.identifier]] for c in IMPORT_COLUMNS} == {
        c.identifier: c.header for c in IMPORT_COLUMNS
    }

    empty = SchoolFactory(name="Empty School")
    Membership.objects.create(user=librarian, school=empty, role=Role.LIBRARIAN)
    client = client_for(librarian, empty)
    upload = SimpleUploadedFile("units.csv", bundle.read("units.csv"))
    response = client.post(reverse("data:log_upload"), {"file": upload})
    assert client.get(response.url).context["preview"].can_import
    finish_job(client, client.post(response.url + "confirm/"))

    after = unit_records(empty)
    assert len(after.units) == 1
    for column in IMPORT_COLUMNS:
        assert column.export(after.units[0], after) == column.export(planned_unit, before), column.identifier
