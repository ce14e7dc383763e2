"""One display name for a person (collabtrack.people.display_name): the unit history and the statistics
history name the same person the same way (issue 14)."""

import pytest
from django.urls import reverse

from collabtrack.people import display_name
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_display_name_is_the_full_name_else_the_login_else_blank():
    assert display_name(UserFactory(username="maya", first_name="Maya", last_name="Okafor")) == "Maya Okafor"
    assert display_name(UserFactory(username="maya2", first_name="", last_name="")) == "maya2"
    assert display_name(None) == ""


def test_unit_and_statistics_histories_name_the_librarian_alike(librarian, librarian_client, school):
    librarian.first_name, librarian.last_name = "Maya", "Okafor"
    librarian.save()
    unit = UnitFactory(school=school)  # a unit of someone else, so the name can only come from the history
    unit.history.update(history_user=librarian)  # created outside a request: say who did it
    statistics = reverse("reports:statistics", kwargs={"school_year": "2025-26"})
    assert librarian_client.post(statistics, {"m2025-09-days_open": "20"}).status_code == 302

    unit_page = librarian_client.get(reverse("units:detail", args=[unit.pk])).content.decode()
    statistics_page = librarian_client.get(statistics).content.decode()
    assert "Maya Okafor" in unit_page
    assert "Maya Okafor" in statistics_page
    assert f"<td>{librarian.username}</td>" not in statistics_page
