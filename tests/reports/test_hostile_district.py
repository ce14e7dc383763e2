"""Hostile input to the district pages (tests/fuzzing.py explains the rules): the school and months
forms, the roll-up's ?sort=, and hostile school years, school ids and drill-down pages in the URLs.
The answer is a form error, a success, a 404 or a redirect: never a server error, nothing half-saved."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from collabtrack.models import School
from tests.fuzzing import FUZZ, HOSTILE_VALUE, apply, counts, hostile_overrides, rolled_back, submit

pytestmark = pytest.mark.django_db


@FUZZ
@given(overrides=hostile_overrides(["name", "first_month", "last_month"]))
def test_school_add_survives_hostile_input(district_client, school, overrides):
    valid = {"name": "Pine Ridge Middle School", "first_month": "8", "last_month": "5"}
    with rolled_back():
        before = counts(School)
        response = submit(district_client, reverse("district:school_add"), apply(valid, overrides))
        after = counts(School)
        if response.status_code == 200:
            assert after == before, "a refused school form saved something"
        else:
            added = School.objects.latest("pk")
            assert after["School"] == before["School"] + 1
            assert added.district_id == school.district_id
            assert "\x00" not in added.name
            first, last = added.months
            assert 1 <= first <= 12 and 1 <= last <= 12


@FUZZ
@given(overrides=hostile_overrides(["first_month", "last_month"]))
def test_school_months_survive_hostile_input(district_client, school, overrides):
    with rolled_back():
        url = reverse("district:school", args=[school.pk])
        before = School.objects.values_list("first_month", "last_month").get(pk=school.pk)
        response = submit(district_client, url, apply({"first_month": "2", "last_month": "12"}, overrides))
        after = School.objects.values_list("first_month", "last_month").get(pk=school.pk)
        if response.status_code == 200:
            assert after == before, "a refused months form changed the school"
        else:
            assert (after[0] is None) == (after[1] is None)


@FUZZ
@given(sort=st.one_of(HOSTILE_VALUE, st.sampled_from(["units", "-units", "--units", "school", "-"])))
def test_rollup_sort_survives_hostile_input(district_client, sort):
    response = district_client.get(reverse("district:rollup_year", args=["2025-26"]), {"sort": sort})
    assert response.status_code == 200


@pytest.mark.parametrize("year", ["2025-27", "0000", "1899-00", "9999-00", "2025-26 ", "2025/26", "banana"])
def test_hostile_years_in_urls_are_404(district_client, year):
    for tail in ("", "export.csv", "export.xlsx", "board.pdf"):
        assert district_client.get(f"/district/{year}/{tail}").status_code == 404


@pytest.mark.parametrize("pk", ["0", "-1", str(2**63), str(2**70), "1e3", "%00"])
def test_hostile_school_ids_are_404(district_client, pk):
    for path in (f"/district/schools/{pk}/", f"/district/schools/{pk}/open/dashboard/2025-26/"):
        assert district_client.get(path).status_code == 404
    assert district_client.post(f"/district/schools/{pk}/", {"first_month": "1"}).status_code == 404


@pytest.mark.parametrize("page", ["statistics", "units", "..", "x" * 500, "dashboard%00"])
def test_unknown_drill_down_pages_are_404(district_client, school, page):
    assert district_client.get(f"/district/schools/{school.pk}/open/{page}/2025-26/").status_code == 404
