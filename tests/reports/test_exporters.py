"""Every registered exporter (collabtrack.exporters) renders, for a school with data and for one with none,
through `run` (as a job or an e-mail does); the data page lists exactly what a role may run; the one
download view runs any exporter, checks the role and refuses junk parameters."""

import csv
import datetime as dt
import io
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from collabtrack import exporters
from collabtrack.exporters import ExportFile, ExportRefused
from collabtrack.models import Membership, Role, School
from taxonomy.models import TaxonomyReflection
from tests.factories import DistrictFactory, MonthlyStatisticsFactory, SchoolFactory, UnitFactory, UserFactory
from tests.job_helpers import job_of

pytestmark = pytest.mark.django_db

# The school's downloads (the data page offers them to librarians and principals) ...
EXPECTED = {
    "monthly_report",
    "annual_summary",
    "year_units",
    "board_pdf",
    "dashboard_chart",
    "school_zip",
    "unit_pdf",
    "reflection_portfolio",
}
# ... and the district coordinator's (reports/district_exports.py).
DISTRICT = {"district_rollup", "district_board_pdf"}


def test_every_download_is_registered():
    assert {exporter.identifier for exporter in exporters.registered()} == EXPECTED | DISTRICT


def _cases():
    """(identifier, text parameters) for every exporter and format it offers."""
    cases = []
    for exporter in exporters.registered():
        formats = next((p.formats for p in exporter.parameters if p.name == "fmt"), (None,))
        for fmt in formats:
            cases.append((exporter.identifier, fmt))
    return cases


def _read(export: ExportFile) -> str:
    """The text of the file as a reader would see it, whatever its kind."""
    content = export.content if isinstance(export.content, bytes) else export.content.read()
    if export.mimetype == "application/pdf":
        assert content[:4] == b"%PDF"
        return " ".join(
            " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split()
        )
    if export.mimetype == "image/svg+xml":
        assert content.startswith(b"<?xml") and b"<script" not in content
        return content.decode()
    if export.mimetype.startswith("text/csv"):
        return " ".join(" ".join(row) for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    if export.filename.endswith(".xlsx"):
        workbook = load_workbook(io.BytesIO(content))
        cells = [str(c.value) for s in workbook for row in s.iter_rows() for c in row if c.value is not None]
        return " ".join([workbook.properties.title or "", *cells])
    assert export.mimetype == "application/zip"
    bundle = zipfile.ZipFile(io.BytesIO(content))
    return bundle.read("units.csv").decode("utf-8-sig") + bundle.read("README.txt").decode()


def _parameters(identifier, fmt, school) -> dict:
    raw = {"school_year": "2025-26", "year": "2025-26", "month": "2025-10", "chart": "circulation"}
    if fmt:
        raw["fmt"] = fmt
    if identifier == "unit_pdf":
        unit = school.units.order_by("pk").first()
        raw["unit"] = str(unit.pk) if unit else "1"
    return raw


@pytest.mark.parametrize(("identifier", "fmt"), _cases())
def test_renders_for_a_school_with_data(identifier, fmt, school, librarian, teacher_staff):
    School.objects.filter(pk=school.pk).update(district=DistrictFactory(name="Valley District"))
    school.refresh_from_db()
    MonthlyStatisticsFactory(school=school, year=2025, month=10, days_open=20, circulation=1500)
    unit = UnitFactory(school=school, title="Food webs", start_date=dt.date(2025, 10, 6), level=3)
    unit.teachers.set([teacher_staff])
    TaxonomyReflection.objects.create(
        school=school, author=librarian, level=6, working_well="Planning together", greatest_success="x",
        next_level_needs="y", reflected_on=dt.date(2025, 11, 3),
    )  # fmt: skip
    membership = Membership.objects.get(user=librarian, school=school)
    exporter = exporters.get(identifier)
    export = exporter.run(school, _parameters(identifier, fmt, school), membership=membership)
    assert re.fullmatch(r"[A-Za-z0-9._-]+", export.filename)
    if fmt:
        assert export.filename.endswith(f".{fmt}")
    # What shows the school's data made it into the file.
    evidence = {
        "annual_summary": "1500",
        "reflection_portfolio": "Planning together",
        "dashboard_chart": "1500",  # the circulation chart
        "district_rollup": "1500",
        "district_board_pdf": "Riverside Middle School",
    }
    if fmt == "svg":  # a picture: its bars carry no figures as text, its title names the chart
        evidence[identifier] = "Monthly circulation"
    assert evidence.get(identifier, "Food webs") in _read(export)


@pytest.mark.parametrize(("identifier", "fmt"), _cases())
def test_renders_for_a_school_with_nothing(identifier, fmt, db):
    empty = SchoolFactory(name="Empty School", district=DistrictFactory(name="Empty District"))
    membership = Membership.objects.create(user=UserFactory(), school=empty, role=Role.LIBRARIAN)
    exporter = exporters.get(identifier)
    raw = _parameters(identifier, fmt, empty)
    if identifier == "unit_pdf":  # a school without units has no unit to print: refused, not a crash
        with pytest.raises(ExportRefused):
            exporter.run(empty, raw, membership=membership)
        return
    export = exporter.run(empty, raw, membership=membership)
    assert export.filename and export.mimetype
    _read(export)


@pytest.mark.parametrize("junk", ["other school", "²", "٣", "9" * 30, "-1", "1.0", ""])
def test_a_unit_that_is_not_this_schools_is_refused(school, other_school, junk):
    theirs = UnitFactory(school=other_school)
    with pytest.raises(ExportRefused):
        exporters.get("unit_pdf").run(school, {"unit": str(theirs.pk) if junk == "other school" else junk})


@pytest.mark.parametrize("junk", ["banana", "2025", "1800-01", "2025-13"])
def test_junk_parameters_are_refused(school, junk):
    with pytest.raises(ExportRefused):
        exporters.get("annual_summary").run(school, {"school_year": junk, "fmt": "csv"})
    with pytest.raises(ExportRefused):
        exporters.get("monthly_report").run(school, {"month": junk, "fmt": "csv"})


def test_a_format_not_offered_is_refused(school):
    with pytest.raises(ExportRefused):
        exporters.get("annual_summary").run(school, {"school_year": "2025-26", "fmt": "pdf"})


def _listed(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'data-exporter="([a-z_0-9]+)"', response.content.decode())


@pytest.mark.parametrize(
    ("persona", "role", "expected"),
    [
        ("librarian_client", Role.LIBRARIAN, EXPECTED),
        ("principal_client", Role.PRINCIPAL, EXPECTED - {"reflection_portfolio"}),
    ],
)
def test_data_page_lists_exactly_what_the_role_may_run(request, persona, role, expected):
    listed = _listed(request.getfixturevalue(persona).get(reverse("data:index")))
    assert set(listed) == expected and len(listed) == len(expected)
    # In the exporters' own order (the reports first), not the order the apps happened to register in.
    assert listed == [exporter.identifier for exporter in exporters.available_to(role)]
    assert listed[0] == "monthly_report"


def test_data_page_forms_download(librarian_client, school):
    UnitFactory(school=school, title="Listed unit", start_date=dt.date(2025, 10, 6))
    page = librarian_client.get(reverse("data:index")).content.decode()
    assert f'action="{reverse("data:export", args=["annual_summary"])}"' in page
    assert "Download all data of Riverside Middle School (ZIP)" in page  # no parameters: a plain link
    assert (
        'for="export-annual_summary-school_year"' in page and 'id="export-annual_summary-school_year"' in page
    )
    response = librarian_client.get(
        reverse("data:export", args=["year_units"]), {"school_year": "2025-26", "fmt": "csv"}
    )
    assert response["Content-Disposition"] == 'attachment; filename="units-2025-26.csv"'
    assert "Listed unit" in response.content.decode("utf-8-sig")


def test_download_view_defaults_refusals_and_roles(librarian_client, teacher_client, school):
    response = librarian_client.get(reverse("data:export", args=["annual_summary"]))
    year = school.current_school_year().name
    assert response["Content-Disposition"] == f'attachment; filename="annual-summary-{year}.csv"'
    assert response["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'"
    url = reverse("data:export", args=["annual_summary"])
    assert librarian_client.get(url, {"school_year": "banana"}).status_code == 404
    assert librarian_client.get(reverse("data:export", args=["nothing_such"])).status_code == 404
    assert teacher_client.get(url).status_code == 403
    assert librarian_client.post(url).status_code == 405


def test_slow_exporters_go_through_their_job(principal_client, school):
    """The board PDF and the school ZIP are made by the worker: the download queues the job."""
    response = principal_client.get(reverse("data:export", args=["board_pdf"]), {"school_year": "2025-26"})
    job = job_of(response)
    today = timezone.localdate().isoformat()  # the cover's date: a new day is a new file
    assert job.kind == "board_pdf" and job.parameters == {"school_year": "2025-26", "day": today}
    # The board page's button asks for the same file: the same job, not a second one.
    assert job_of(principal_client.get(reverse("reports:board_pdf", args=["2025-26"]))) == job


JUNK = ["\x00", "9" * 40, "２０２５-10", "2025-1０", "-", "' OR 1=1 --", "x" * 5000, "²", "2025-26\n"]


@pytest.mark.parametrize("identifier", sorted(EXPECTED - {"board_pdf", "school_zip", "reflection_portfolio"}))
def test_hostile_parameters_answer_a_file_or_404_never_a_500(librarian_client, school, identifier):
    UnitFactory(school=school)
    exporter = exporters.get(identifier)
    url = reverse("data:export", args=[identifier])
    for parameter in exporter.parameters:
        for junk in JUNK:
            response = librarian_client.get(url, {parameter.name: junk})
            assert response.status_code in (200, 404), (parameter.name, junk, response.status_code)
