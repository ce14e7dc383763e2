"""The reflection portfolio PDF, checked by its extracted text (never its bytes)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import (
    ActionItemFactory,
    BenefitsReflectionFactory,
    RoadblockFactory,
    RoadblocksReflectionFactory,
    TaxonomyReflectionFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def year_of_reflections(school, librarian):
    UnitFactory(school=school, start_date=dt.date(2025, 10, 1), level=3)
    UnitFactory(school=school, start_date=dt.date(2025, 10, 2), level=4)
    TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=dt.date(2024, 10, 1), level=4)
    TaxonomyReflectionFactory(
        school=school,
        author=librarian,
        reflected_on=dt.date(2025, 11, 10),
        level=6,
        greatest_success="The civil rights primary-source unit",
    )
    BenefitsReflectionFactory(
        school=school, author=librarian, reflected_on=dt.date(2026, 1, 5), benefits_seen=["students-4"]
    )
    roadblocks = RoadblocksReflectionFactory(
        school=school, author=librarian, reflected_on=dt.date(2026, 2, 1)
    )
    RoadblockFactory(reflection=roadblocks, explanation="Fixed schedule in grade 8", category="scheduling")
    ActionItemFactory(
        reflection=roadblocks, text="Set aside one planning day a week", done_on=dt.date(2026, 2, 20)
    )


def test_portfolio_pdf_holds_the_years_reflections(librarian_client, year_of_reflections):
    response = librarian_client.get(reverse("taxonomy:portfolio_pdf"), {"year": "2025-26"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="reflections-2025-26.pdf"'
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response)
    assert "Reflection portfolio, school year 2025-26" in text
    assert "Level 6: Planned gathering" in text
    assert "The civil rights primary-source unit" in text
    assert "What the unit log shows from Sep 1, 2025 to Nov 10, 2025" in text
    assert "Average level of partnership 3.5" in text  # (3 + 4) / 2
    assert "Level 4: Smoothly" not in text  # 2024's self-assessment is in the chart only
    assert "October 1, 2024: level 4" in text  # ... the chart's text alternative
    assert "The advantage of having at least two teachers (seen)" in text
    assert "Fixed schedule in grade 8" in text
    assert "Set aside one planning day a week" in text
    assert "Done Feb 20, 2026" in text


def test_portfolio_pdf_is_tagged_for_accessibility(librarian_client, year_of_reflections):
    response = librarian_client.get(reverse("taxonomy:portfolio_pdf"), {"year": "2025-26"})
    reader = PdfReader(io.BytesIO(response.content))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def test_portfolio_of_an_empty_year_says_so(librarian_client, school):
    year = school.current_school_year().name
    text = pdf_text(librarian_client.get(reverse("taxonomy:portfolio_pdf"), {"year": year}))
    assert "No reflection was written in this school year." in text


def test_portfolio_refuses_a_year_not_offered(librarian_client):
    assert librarian_client.get(reverse("taxonomy:portfolio_pdf"), {"year": "1999-00"}).status_code == 404


def test_portfolio_defaults_to_the_current_school_year(librarian_client, school):
    response = librarian_client.get(reverse("taxonomy:portfolio_pdf"))
    assert response.status_code == 200
    assert f"school year {school.current_school_year().name}" in pdf_text(response)


@pytest.mark.parametrize("persona", ["principal_client", "teacher_client", "district_client"])
def test_portfolio_is_the_librarians(request, persona, school):
    client = request.getfixturevalue(persona)
    year = school.current_school_year().name
    assert client.get(reverse("taxonomy:portfolio_pdf"), {"year": year}).status_code == 403


def test_portfolio_never_includes_another_librarians_reflections(librarian_client, librarian, school):
    TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=dt.date(2025, 11, 9))
    TaxonomyReflectionFactory(school=school, reflected_on=dt.date(2025, 11, 10), greatest_success="Not mine")
    response = librarian_client.get(reverse("taxonomy:portfolio_pdf"), {"year": "2025-26"})
    assert response.status_code == 200
    text = pdf_text(response)
    assert "November 9, 2025" in text
    assert "Not mine" not in text and "November 10, 2025" not in text


def test_portfolio_pdf_refuses_post(librarian_client):
    assert librarian_client.post(reverse("taxonomy:portfolio_pdf"), {"year": "2025-26"}).status_code == 405
