"""A teacher starts on the units they partner on, told what they may do (issue 14)."""

import pytest
from django.urls import reverse

from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

MINE = "These are the units you partner on: you can edit them."


@pytest.fixture
def units(school, teacher_staff):
    partnered = UnitFactory(school=school, title="Pond life")
    partnered.teachers.add(teacher_staff)
    UnitFactory(school=school, title="Volcanoes")
    return partnered


def titles(response) -> list[str]:
    return [row.title for row in response.context["listing"].rows]


def test_a_teacher_starts_on_their_own_units_and_is_told_so(teacher_client, units):
    response = teacher_client.get(reverse("units:list"))
    assert titles(response) == ["Pond life"]
    page = response.content.decode()
    assert MINE in page and 'href="?all=1"' in page


def test_all_units_are_one_click_away(teacher_client, units):
    response = teacher_client.get(reverse("units:list"), {"all": "1"})
    assert sorted(titles(response)) == ["Pond life", "Volcanoes"]
    assert "You can edit the units you partner on and read the rest." in response.content.decode()


def test_a_filter_searches_the_whole_school(teacher_client, units):
    assert titles(teacher_client.get(reverse("units:list"), {"q": "volc"})) == ["Volcanoes"]


def test_the_librarian_sees_every_unit_with_no_teacher_line(librarian_client, units):
    response = librarian_client.get(reverse("units:list"))
    assert sorted(titles(response)) == ["Pond life", "Volcanoes"]
    assert MINE not in response.content.decode()
