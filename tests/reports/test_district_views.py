"""The coordinator's pages: isolation (another district's school is a 404, a school role gets 403), the
drill-down (read-only; a school membership wins), sorting, the downloads, managing schools, and that
every change to a unit or a month's statistics shows on the next load."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from collabtrack.access import SESSION_KEY
from collabtrack.models import DistrictMembership, Membership, Role, School
from tests.factories import (
    DistrictFactory,
    MembershipFactory,
    MonthlyStatisticsFactory,
    SchoolFactory,
    UnitFactory,
    UserFactory,
)
from tests.job_helpers import download

pytestmark = pytest.mark.django_db
YEAR = "2025-26"


@pytest.fixture
def rollup_url():
    return reverse("district:rollup_year", args=[YEAR])


@pytest.fixture
def other_district_school(db):
    return SchoolFactory(name="Elsewhere High", district=DistrictFactory(name="Other District"))


def test_school_roles_get_403_on_district_pages(librarian_client, principal_client, rollup_url):
    for client in (librarian_client, principal_client):
        assert client.get(rollup_url).status_code == 403
        assert client.get(reverse("district:schools")).status_code == 403


def test_another_districts_school_is_404(district_client, other_district_school):
    pk = other_district_school.pk
    assert district_client.get(reverse("district:school", args=[pk])).status_code == 404
    url = reverse("district:open_school", args=[pk, "dashboard", YEAR])
    assert district_client.get(url).status_code == 404
    assert district_client.post(reverse("district:school", args=[pk]), {}).status_code == 404
    # Choosing it in the session by hand does not let the coordinator act in it either.
    session = district_client.session
    session[SESSION_KEY] = pk
    session.save()
    assert district_client.get(reverse("reports:dashboard_year", args=[YEAR])).status_code == 302


def test_the_coordinator_starts_on_the_rollup(client, district):
    client.force_login(district)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("district:rollup")
    assert client.get(reverse("district:rollup")).status_code == 200


def test_drill_down_is_read_only_with_a_way_back(district_client, district, school):
    response = district_client.get(reverse("district:open_school", args=[school.pk, "dashboard", YEAR]))
    assert response["Location"] == reverse("reports:dashboard_year", args=[YEAR])
    page = district_client.get(response["Location"])
    assert page.status_code == 200
    assert reverse("district:rollup") in page.content.decode()
    assert "read-only as a district coordinator" in page.content.decode()
    assert district_client.get(reverse("reports:statistics", args=[YEAR])).status_code == 403
    assert district_client.get(reverse("units:quick_log")).status_code == 403
    assert not Membership.objects.filter(user=district).exists()


def test_a_school_membership_wins_in_that_school(client, district, school, other_school):
    MembershipFactory(user=district, school=school, role=Role.LIBRARIAN)
    client.force_login(district)
    client.get(reverse("district:open_school", args=[school.pk, "annual", YEAR]))
    assert client.get(reverse("reports:statistics", args=[YEAR])).status_code == 200  # as librarian
    client.get(reverse("district:open_school", args=[other_school.pk, "annual", YEAR]))
    assert client.get(reverse("reports:statistics", args=[YEAR])).status_code == 403  # as coordinator


def test_a_school_added_later_is_reached(district_client, school):
    later = SchoolFactory(name="Newcomer Elementary", district=school.district)
    url = reverse("district:open_school", args=[later.pk, "dashboard", YEAR])
    assert district_client.get(url).status_code == 302
    assert (
        "Newcomer Elementary"
        in district_client.get(reverse("district:rollup_year", args=[YEAR])).content.decode()
    )


def test_sorting_by_any_column(district_client, school, other_school, rollup_url):
    UnitFactory.create_batch(2, school=other_school, start_date=dt.date(2025, 10, 1), level=3)
    UnitFactory(school=school, start_date=dt.date(2025, 10, 1), level=1)
    body = district_client.get(rollup_url, {"sort": "-units"}).content.decode()
    assert body.index(other_school.name) < body.index(school.name + "</a>")
    assert 'aria-sort="descending"' in body
    body = district_client.get(rollup_url, {"sort": "units"}).content.decode()
    assert body.index(school.name + "</a>") < body.index(other_school.name + "</a>")
    assert 'aria-sort="ascending"' in body
    assert district_client.get(rollup_url, {"sort": "-<script>"}).status_code == 200


def _total(client, url) -> list[str]:
    """This year's figures of the district TOTAL row as the page shows them (units, levels 1-4,
    average level, share, teachers reached, directory, days open, circulation, ...)."""
    page = client.get(url).content.decode()
    total_row = re.search(r'<tr class="rollup-total">(.*?)</tr>', page, re.S).group(1)
    return re.findall(r'<td class="num">([^<]*)<span', total_row)


def test_every_change_shows_on_the_next_load(
    transactional_db,
    django_db_serialized_rollback,
    district_client,
    school,
    rollup_url,
    django_assert_num_queries,
):
    """The figures and the rendered table are cached under each school's data version, which moves
    when a change commits: a transactional test, so every save below really commits, as at the end
    of a request."""
    before = _total(district_client, rollup_url)
    with django_assert_num_queries(QUERIES_WHEN_CACHED):
        district_client.get(rollup_url)  # the rendered roll-up from the cache
    unit = UnitFactory(school=school, start_date=dt.date(2025, 10, 1), level=4)
    MonthlyStatisticsFactory(school=school, year=2025, month=10, days_open=20, circulation=300)
    after = _total(district_client, rollup_url)
    assert (int(after[0]), after[CIRCULATION]) == (int(before[0]) + 1, "300")
    unit.level = 1
    unit.save()
    assert _total(district_client, rollup_url)[1] == "1"
    statistics = school.monthly_statistics.get()
    statistics.circulation = 301
    statistics.save()
    assert _total(district_client, rollup_url)[CIRCULATION] == "301"
    unit.delete()
    assert _total(district_client, rollup_url)[0] == "0"


CIRCULATION = 10
# The session and user, the district, its schools, and the menu's membership (two: the school
# memberships, then the drilled-into school); nothing else when the figures are cached.
QUERIES_WHEN_CACHED = 6


def test_csv_and_xlsx(district_client, school):
    UnitFactory(school=school, start_date=dt.date(2025, 10, 1), level=3)
    response = district_client.get(reverse("district:rollup_csv", args=[YEAR]))
    assert response["Content-Disposition"].startswith("attachment")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("School,Units supported,")
    assert "District TOTAL (2 schools)" in text
    response = district_client.get(reverse("district:rollup_xlsx", args=[YEAR]))
    assert response.content[:2] == b"PK"


def test_district_board_pdf(district_client, school, other_school):
    UnitFactory(school=school, start_date=dt.date(2025, 10, 1), level=3)
    response = download(district_client, reverse("district:rollup_pdf", args=[YEAR]))  # made by a job
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="district-board-report-2025-26.pdf"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in (
        "Test District",
        "District totals",
        school.name,
        other_school.name,
        "The schools one by one",
    ):
        assert expected in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged


def test_coordinator_adds_a_school_and_sets_its_months(district_client, school):
    response = district_client.post(reverse("district:school_add"), {"name": "Pine Ridge Middle School"})
    added = School.objects.get(name="Pine Ridge Middle School")
    assert response.status_code == 302 and added.district == school.district
    assert added.months == (school.district.first_month, school.district.last_month)
    url = reverse("district:school", args=[added.pk])
    assert (
        district_client.post(url, {"first_month": "2", "last_month": ""}).status_code == 200
    )  # both or neither
    district_client.post(url, {"first_month": "2", "last_month": "12"})
    added.refresh_from_db()
    assert added.months == (2, 12)
    duplicate = district_client.post(reverse("district:school_add"), {"name": school.name.upper()})
    assert "already has a school of this name" in duplicate.content.decode()


def test_coordinator_sees_a_schools_people(district_client, librarian, school):
    page = district_client.get(reverse("district:school", args=[school.pk])).content.decode()
    assert librarian.username in page and "dana-district" in page


def test_a_second_coordinator_of_another_district_sees_only_theirs(client, school, other_district_school):
    user = UserFactory(username="olga-other")
    DistrictMembership.objects.create(user=user, district=other_district_school.district)
    client.force_login(user)
    body = client.get(reverse("district:rollup_year", args=[YEAR])).content.decode()
    assert other_district_school.name in body and school.name not in body
    assert client.get(reverse("district:school", args=[school.pk])).status_code == 404


def test_the_district_files_are_registered_exporters(district_client, librarian_client, school):
    """collabtrack.exporters runs them for a coordinator acting in a school of the district (a job or
    an e-mail can make them the same way); a school role may not."""
    url = reverse("data:export", args=["district_rollup"])
    response = district_client.get(url, {"school_year": YEAR, "fmt": "csv"})
    assert response.status_code == 200
    assert "District TOTAL (2 schools)" in response.content.decode("utf-8-sig")
    pdf = download(
        district_client, reverse("data:export", args=["district_board_pdf"]) + f"?school_year={YEAR}"
    )
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert librarian_client.get(url, {"school_year": YEAR, "fmt": "csv"}).status_code == 403


def test_renaming_the_district_or_a_school_shows_on_the_next_load(district_client, school, rollup_url):
    district_client.get(rollup_url)
    School.objects.filter(pk=school.pk).update(name="Renamed Academy")  # no signal: the name is in the key
    district = school.district
    district.name = "Renamed District"
    district.save()
    body = district_client.get(rollup_url).content.decode()
    assert "Renamed Academy" in body and "Renamed District" in body


def test_a_coordinator_of_two_districts_switches_between_them(
    district_client, district, school, other_district_school
):
    DistrictMembership.objects.create(user=district, district=other_district_school.district)
    page = district_client.get(reverse("district:rollup")).content.decode()
    assert "You coordinate several districts" in page
    assert "Other District:" in page  # the first by name until another is chosen
    response = district_client.post(reverse("district:choose"), {"district": school.district.pk})
    assert response.status_code == 302
    page = district_client.get(reverse("district:rollup")).content.decode()
    assert "Test District:" in page and school.name in page and other_district_school.name not in page
    stranger = DistrictFactory(name="Stranger District")
    assert district_client.post(reverse("district:choose"), {"district": stranger.pk}).status_code == 404
    assert district_client.post(reverse("district:choose"), {"district": "x" * 50}).status_code == 404
