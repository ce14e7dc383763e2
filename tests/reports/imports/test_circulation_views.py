"""Circulation import into the monthly statistics: preview against what is entered, then apply."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports.models import MonthlyStatistics
from tests.factories import MonthlyStatisticsFactory
from tests.job_helpers import finish_job
from tests.reports.imports.conftest import data_file

pytestmark = pytest.mark.django_db


def upload(client, content: bytes, name: str = "Export.csv", school_year: str = "2025-26"):
    return client.post(
        reverse("data:circulation_upload"),
        {"file": SimpleUploadedFile(name, content), "school_year": school_year},
    )


@pytest.fixture
def fixed_today(monkeypatch):
    """The school-year choices are relative to today; pin it inside 2025-26."""
    import datetime as dt

    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 3, 1))


def test_koha_import_previews_changes_and_applies_them(librarian_client, school, fixed_today):
    MonthlyStatisticsFactory(
        school=school, year=2025, month=9, days_open=19, circulation=1514, classes_served=40
    )
    MonthlyStatisticsFactory(
        school=school, year=2025, month=10, days_open=21, circulation=999, classes_served=50
    )
    response = upload(librarian_client, data_file("koha_semicolon.csv"))
    assert response.status_code == 302
    preview = librarian_client.get(response.url)
    changes = {(c.year, c.month): (c.current, c.new, c.changed) for c in preview.context["changes"]}
    assert changes == {
        (2025, 9): (1514, 1514, False),
        (2025, 10): (999, 1790, True),
        (2025, 11): (None, 1500, True),
        (2025, 12): (None, 1011, True),
        (2026, 1): (None, 1350, True),
    }
    assert 'class="table-warning"' in preview.content.decode()
    assert MonthlyStatistics.objects.get(year=2025, month=10).circulation == 999  # not yet applied

    token = response.url.rstrip("/").split("/")[-1]
    # The confirmation queues a job; the job's page links to the year just changed.
    page = finish_job(
        librarian_client, librarian_client.post(reverse("data:circulation_confirm", args=[token]))
    )
    assert "Circulation updated for 4 months of 2025-26." in page.content.decode()  # September was equal
    assert page.context["state"]["result_url"] == reverse("reports:statistics", args=["2025-26"])
    october = MonthlyStatistics.objects.get(school=school, year=2025, month=10)
    assert (october.days_open, october.circulation, october.classes_served) == (21, 1790, 50)
    assert MonthlyStatistics.objects.get(school=school, year=2026, month=1).circulation == 1350
    assert MonthlyStatistics.objects.get(school=school, year=2026, month=1).days_open is None


def test_destiny_xlsx_import(librarian_client, school, destiny_xlsx, fixed_today):
    response = upload(librarian_client, destiny_xlsx, "circulation.xlsx")
    token = response.url.rstrip("/").split("/")[-1]
    finish_job(librarian_client, librarian_client.post(reverse("data:circulation_confirm", args=[token])))
    assert dict(MonthlyStatistics.objects.filter(school=school).values_list("month", "circulation")) == {
        9: 1204,
        10: 1388,
        11: 1120,
    }


def test_rows_that_cannot_be_imported_are_listed(librarian_client, school, fixed_today):
    data = b"Month,Circulation\nJuly,50\nSeptember,x\nOctober,10\n"
    preview = librarian_client.get(upload(librarian_client, data, "c.csv").url)
    page = preview.content.decode()
    assert "outside the school year 2025-26" in page and "is not a whole number" in page
    assert [(c.month, c.new) for c in preview.context["changes"]] == [(10, 10)]


def test_a_file_without_months_is_an_error_on_the_form(librarian_client, fixed_today):
    response = upload(librarian_client, b"a,b\n", "c.csv")
    assert response.status_code == 200
    assert "No month" in response.context["form"].errors["file"][0]


def test_another_schools_figures_are_untouched(librarian_client, school, other_school, fixed_today):
    MonthlyStatisticsFactory(school=other_school, year=2025, month=10, circulation=5)
    response = upload(librarian_client, data_file("koha_tab.csv"))
    token = response.url.rstrip("/").split("/")[-1]
    finish_job(librarian_client, librarian_client.post(reverse("data:circulation_confirm", args=[token])))
    assert MonthlyStatistics.objects.get(school=other_school).circulation == 5


@pytest.mark.parametrize("persona", ["principal_client", "teacher_client", "district_client"])
def test_only_the_librarian_imports_circulation(request, persona):
    client = request.getfixturevalue(persona)
    assert client.get(reverse("data:circulation_upload")).status_code == 403
    assert client.post(reverse("data:circulation_confirm", args=["A" * 22])).status_code == 403


def test_outsider_gets_404_and_confirm_is_post_only(librarian_client, outsider_client, fixed_today):
    url = upload(librarian_client, data_file("koha_comma.csv")).url
    token = url.rstrip("/").split("/")[-1]
    assert outsider_client.get(url).status_code == 404
    assert outsider_client.post(reverse("data:circulation_confirm", args=[token])).status_code == 404
    assert librarian_client.get(reverse("data:circulation_confirm", args=[token])).status_code == 405
    assert librarian_client.get(reverse("data:circulation_upload")).status_code == 200
