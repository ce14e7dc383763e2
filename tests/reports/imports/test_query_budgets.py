"""Query budget of the circulation import's preview: the same number of queries whatever the number of
months in the file, shown at two sizes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import MonthlyStatisticsFactory

pytestmark = pytest.mark.django_db

MONTHS = ["September", "October", "November", "December", "January", "February", "March", "April", "May"]


@pytest.mark.parametrize("months", [1, 9])
def test_circulation_preview_query_budget(librarian_client, school, months, django_assert_num_queries):
    for month in (9, 10):
        MonthlyStatisticsFactory(school=school, year=2025, month=month)
    rows = "".join(f"{name},{1000 + index}\n" for index, name in enumerate(MONTHS[:months]))
    upload = SimpleUploadedFile("koha.csv", f"Period/Library,Riverbend MS\n{rows}".encode())
    response = librarian_client.post(
        reverse("data:circulation_upload"), {"file": upload, "school_year": "2025-26"}
    )
    assert response.status_code == 302, response.content[:300]
    # session, user, membership (3); the months already entered for the school year (1)
    with django_assert_num_queries(3 + 1):
        preview = librarian_client.get(response.url)
    assert preview.status_code == 200
    assert len(preview.context["changes"]) == months
