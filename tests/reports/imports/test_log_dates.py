"""Day-first dates in a collaboration log (issue 14): one reading for the whole date column, shown and
chosen in the mapping step, and every unit that lands outside the file's main school year said so."""

import datetime as dt

import pytest
from django.urls import reverse

from reports.imports.cells import DAY_FIRST, ISO, MONTH_FIRST, guess_date_order, parse_date
from tests.reports.imports.test_log_import_views import confirm, staged_token, upload
from units.models import Unit

pytestmark = pytest.mark.django_db

DAY_FIRST_LOG = (
    b"Date,Unit,Teacher\n"
    b"25/09/2025,Cells and microscopes,Priya Shah\n"
    b"14/10/2025,Poetry cafe,Priya Shah\n"
    b"03/11/2025,Local elections,Priya Shah\n"
    b"10/02/2025,Food webs,Priya Shah\n"
)


@pytest.mark.parametrize(
    "dates, order",
    [
        (["25/09/2025", "03/11/2025"], DAY_FIRST),
        (["03/11/2025", "09/25/2025"], MONTH_FIRST),
        (["03/11/2025", "04/11/2025"], MONTH_FIRST),  # nothing says otherwise: American sheets
        (["03.11.2025"], DAY_FIRST),
        (["2025-11-03", "2025-02-10"], ISO),
        (["", "Oct 3 2025"], MONTH_FIRST),
    ],
)
def test_the_order_is_decided_for_the_whole_column(dates, order):
    assert guess_date_order(dates) == order


def test_each_order_reads_the_same_text_its_own_way():
    assert parse_date("03/11/2025", DAY_FIRST) == dt.date(2025, 11, 3)
    assert parse_date("03/11/2025", MONTH_FIRST) == dt.date(2025, 3, 11)
    assert parse_date("25/09/2025", MONTH_FIRST) is None  # no 25th month: a problem, not a guess
    assert parse_date("03/11/2025", ISO) is None
    assert parse_date("2025-11-03", DAY_FIRST) == dt.date(2025, 11, 3)


def test_a_day_first_file_is_read_day_first_and_other_years_are_named(librarian_client, school):
    token = staged_token(upload(librarian_client, DAY_FIRST_LOG))
    response = librarian_client.get(reverse("data:log_preview", args=[token]))
    page = response.content.decode()
    assert response.context["form"]["date_order"].value() == DAY_FIRST
    assert "“25/09/2025” is 25 September 2025" in page
    rows = {row.title: row for row in response.context["preview"].rows}
    assert rows["Local elections"].start_date == dt.date(2025, 11, 3)
    assert rows["Food webs"].start_date == dt.date(2025, 2, 10)
    main_year = school.school_year_of(dt.date(2025, 9, 25)).name
    other_year = school.school_year_of(dt.date(2025, 2, 10)).name
    assert response.context["preview"].school_year == main_year
    assert [row.school_year for row in rows.values()] == [main_year] * 3 + [other_year]
    assert f"This date falls in {other_year}, not in {main_year}" in page
    assert "<strong>1</strong> row falls in another school year" in page
    assert not any(row.errors for row in rows.values())

    result = confirm(librarian_client, token)
    assert "Imported 4 units" in result.content.decode()
    assert Unit.objects.get(title="Local elections").start_date == dt.date(2025, 11, 3)
    assert Unit.objects.get(title="Food webs").start_date == dt.date(2025, 2, 10)


def test_choosing_month_first_rereads_the_column(librarian_client):
    token = staged_token(upload(librarian_client, DAY_FIRST_LOG))
    response = librarian_client.post(
        reverse("data:log_mapping", args=[token]),
        {"start_date": "0", "title": "1", "teachers": "2", "date_order": MONTH_FIRST},
    )
    assert response.status_code == 302
    preview = librarian_client.get(response.url)
    rows = {row.title: row for row in preview.context["preview"].rows}
    assert rows["Local elections"].start_date == dt.date(2025, 3, 11)
    assert rows["Cells and microscopes"].errors == ["“25/09/2025” is not a date."]
    page = preview.content.decode()
    assert "“03/11/2025” is 11 March 2025" in page
    assert "<strong>2</strong> rows have problems" in page


def test_one_of_everything_is_said_in_the_singular(librarian_client):
    token = staged_token(upload(librarian_client, b"Date,Unit,Teacher\n2025-10-01,Food webs,New Person\n"))
    page = librarian_client.get(reverse("data:log_preview", args=[token])).content.decode()
    assert "<strong>1</strong> new unit will be created" in page
    assert "<strong>1</strong> teacher is not in the staff directory" in page
    assert "Import 1 unit<" in page
    assert (
        "Imported 1 unit from log.csv; added 1 teacher to"
        in confirm(librarian_client, token).content.decode()
    )
