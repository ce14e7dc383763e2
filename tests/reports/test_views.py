"""Every reports view for every persona, query budgets, and exports parsed back against the page."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.models import BoardHighlights, MonthlyStatistics
from tests.factories import MonthlyStatisticsFactory, StaffMemberFactory, UnitFactory
from tests.job_helpers import download

YEAR = "2025-26"
READ_ALL = ["reports:monthly", "reports:annual", "reports:annual_current", "reports:monthly_current"]


def _url(name):
    args = {
        "reports:monthly": [2025, 10],
        "reports:monthly_pdf": [2025, 10],
        "reports:monthly_export": [2025, 10, "csv"],
        "reports:annual": [YEAR],
        "reports:annual_export": [YEAR, "xlsx"],
        "reports:year_units_export": [YEAR, "csv"],
        "reports:dashboard_year": [YEAR],
        "reports:board": [YEAR],
        "reports:board_pdf": [YEAR],
        "reports:statistics": [YEAR],
    }.get(name, [])
    return reverse(name, args=args)


STAFF_ONLY = [
    "reports:monthly_pdf",
    "reports:monthly_export",
    "reports:annual_export",
    "reports:year_units_export",
    "reports:dashboard",
    "reports:dashboard_year",
    "reports:board",
    "reports:board_pdf",
]
LIBRARIAN_ONLY = ["reports:statistics", "reports:statistics_current"]


@pytest.fixture
def year_data(school, teacher_staff):
    MonthlyStatisticsFactory(
        school=school, year=2025, month=10, days_open=21, circulation=1900, classes_served=61
    )
    unit = UnitFactory(school=school, title="Food webs", start_date=dt.date(2025, 10, 1), level=3)
    unit.teachers.set([teacher_staff])
    UnitFactory(school=school, title="Poetry", start_date=dt.date(2025, 10, 20), level=4)


@pytest.mark.parametrize(
    ("persona", "name", "status"),
    [(p, n, 200) for p in ("librarian", "principal", "district", "teacher") for n in READ_ALL]
    + [(p, n, 200) for p in ("librarian", "principal", "district") for n in STAFF_ONLY]
    + [("teacher", n, 403) for n in STAFF_ONLY]
    + [("librarian", n, 200) for n in LIBRARIAN_ONLY]
    + [(p, n, 403) for p in ("principal", "district", "teacher") for n in LIBRARIAN_ONLY],
)
def test_persona_status(request, year_data, persona, name, status):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.get(_url(name), follow=True).status_code == status


def test_anonymous_is_sent_to_login(client, school):
    response = client.get(_url("reports:annual"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_other_school_sees_nothing_of_ours(outsider_client, year_data):
    # The outsider acts in their own school: our figures never appear in their pages.
    response = outsider_client.get(_url("reports:monthly"))
    assert response.status_code == 200 and "Food webs" not in response.content.decode()


def test_unknown_or_foreign_school_year_is_404(librarian_client, school):
    assert librarian_client.get(reverse("reports:annual", args=["2025"])).status_code == 404
    # The year converter refuses a junk name before the view runs, so it cannot be reversed: ask by path.
    assert librarian_client.get("/reports/annual/banana/").status_code == 404
    assert librarian_client.get(reverse("reports:monthly", args=[2025, 13])).status_code == 404


@pytest.mark.parametrize("name", ["reports:statistics", "reports:board"])
def test_writes_refuse_other_methods(librarian_client, name):
    assert librarian_client.put(_url(name)).status_code == 405


@pytest.mark.parametrize("name", ["reports:annual", "reports:board_pdf", "reports:monthly_export"])
def test_reads_refuse_post(librarian_client, name):
    assert librarian_client.post(_url(name)).status_code == 405


def test_principal_cannot_post_highlights(principal_client, school):
    response = principal_client.post(_url("reports:board"), {"text": "Ours"})
    assert response.status_code == 403 and not BoardHighlights.objects.exists()


def test_principal_cannot_post_statistics(principal_client, school):
    assert principal_client.post(_url("reports:statistics"), {}).status_code == 403


def _stats_post(**overrides):
    data = {}
    for year, month in [(2025, m) for m in range(9, 13)] + [(2026, m) for m in range(1, 7)]:
        for field in ("days_open", "circulation", "classes_served"):
            data[f"m{year}-{month:02d}-{field}"] = ""
    data.update(overrides)
    return data


def test_librarian_enters_statistics_and_annual_summary_changes(librarian_client, school):
    response = librarian_client.post(
        _url("reports:statistics"),
        _stats_post(
            **{"m2025-09-days_open": "18", "m2025-09-circulation": "1500", "m2025-09-classes_served": "50"}
        ),
    )
    assert response.status_code == 302
    row = MonthlyStatistics.objects.get(school=school, year=2025, month=9)
    assert (row.days_open, row.circulation, row.classes_served) == (18, 1500, 50)
    assert MonthlyStatistics.objects.count() == 1  # blank months are not stored
    assert row.history.count() == 1
    page = librarian_client.get(_url("reports:annual")).content.decode()
    assert "83.3" in page  # 1500 / 18
    history = librarian_client.get(_url("reports:statistics")).content.decode()
    assert "alice-librarian" in history


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("days_open", "31", "At most the 30 days in Sept 2025"),
        ("days_open", "-1", "greater than or equal to 0"),
        ("circulation", "12.5", "Enter a whole number"),
        ("classes_served", "many", "Enter a whole number"),
        # beyond PostgreSQL's integer column, which must be a message and not a server error
        ("circulation", str(2**31), "At most 1,000,000 in one month."),
        ("classes_served", "1000001", "At most 1,000,000 in one month."),
    ],
)
def test_statistics_errors_beside_the_field(librarian_client, field, value, message):
    response = librarian_client.post(_url("reports:statistics"), _stats_post(**{f"m2025-09-{field}": value}))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and f'id="id_m2025-09-{field}-error"' in page
    assert not MonthlyStatistics.objects.exists()


def test_unchanged_save_adds_no_history(librarian_client, school):
    data = _stats_post(**{"m2025-10-days_open": "20"})
    librarian_client.post(_url("reports:statistics"), data)
    librarian_client.post(_url("reports:statistics"), data)
    assert MonthlyStatistics.history.count() == 1


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_annual_csv_and_xlsx_match_the_page(principal_client, year_data):
    page = principal_client.get(_url("reports:annual")).content.decode()
    rows = _csv(principal_client.get(reverse("reports:annual_export", args=[YEAR, "csv"])))
    october = next(r for r in rows if r[0] == "Oct 2025")
    assert october == ["Oct 2025", "21", "1900", "90.5", "61", "2", "3.5"]
    assert rows[-1] == ["Annual TOTAL", "21", "1900", "90.5", "61", "2", "3.5"]
    assert rows[1] == ["Sept 2025", "", "", "", "", "0", ""]
    for figure in ("90.5", "3.5", "1,900"):  # the page separates thousands; the CSV keeps plain numbers
        assert f">{figure}<" in page
    response = principal_client.get(reverse("reports:annual_export", args=[YEAR, "xlsx"]))
    assert response["Content-Disposition"] == f'attachment; filename="annual-summary-{YEAR}.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[2] == ["Oct 2025", 21, 1900, 90.5, 61, 2, 3.5]
    assert values[-1][0] == "Annual TOTAL" and values[-1][3] == 90.5


def test_units_csv_neutralises_formulas(librarian_client, school):
    UnitFactory(school=school, title='=HYPERLINK("http://evil")', start_date=dt.date(2025, 11, 3), level=1)
    rows = _csv(librarian_client.get(reverse("reports:year_units_export", args=[YEAR, "csv"])))
    assert rows[1][1].startswith("'=")


def test_monthly_csv(librarian_client, year_data):
    rows = _csv(librarian_client.get(_url("reports:monthly_export")))
    assert rows[1][:2] == ["2025-10-01", "Food webs"] and rows[1][3] == "Tom Teacher"
    assert rows[-2][:2] == ["Units supported", "2"] and rows[-1][:2] == [
        "Average level of partnership",
        "3.5",
    ]


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] == b"%PDF"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    return " ".join(text.split())  # table cells wrap onto several lines in the extracted text


def test_monthly_pdf_text(principal_client, year_data):
    text = _pdf_text(principal_client.get(_url("reports:monthly_pdf")))
    for expected in (
        "October 2025",
        "Food webs",
        "Poetry",
        "Tom Teacher",
        "3.5",
        "Data-driven collaboration",
    ):
        assert expected in text


def test_board_pdf_text(librarian_client, principal_client, school, year_data):
    librarian_client.post(_url("reports:board"), {"text": "A record year for research units."})
    # Laid out by a job (run here as the worker would), then downloaded from the job's page.
    text = _pdf_text(download(principal_client, _url("reports:board_pdf")))
    for expected in (
        school.name, "2025-26", "Pat Principal", "Lee Librarian", "A record year for research units.",
        "Annual TOTAL", "90.5", "1,900", "3.5", "Food webs", "Tom Teacher", "Teacher reach", "Page 1 of",
    ):  # fmt: skip
        assert expected in text, expected


def test_dashboard_shows_headlines_charts_and_reach(principal_client, school, year_data):
    StaffMemberFactory(school=school, name="Nina Notyet")
    page = principal_client.get(_url("reports:dashboard_year")).content.decode()
    # Each chart is drawn wide and narrow (collabtrack.charts); CSS shows one of them.
    assert page.count('class="chart chart-wide"') == 4 and page.count("<desc") == 8
    assert f"<title>Dashboard {YEAR}, {school.name} · CollabTrack</title>" in page
    assert "1 of 2" in page  # teachers reached of the directory
    assert "Nina Notyet" in page and "Not yet partnered this year (1)" in page
    assert "AASL standards cited this year" in page


def test_principal_lands_on_the_dashboard(principal_client):
    response = principal_client.get("/")
    assert response.status_code == 302 and response["Location"] == reverse("reports:dashboard")


def _make_units(school, staff, count):
    for n in range(count):
        unit = UnitFactory(school=school, start_date=dt.date(2025, 9 + n % 4, 1 + n % 28), level=1 + n % 4)
        unit.teachers.set([staff])


@pytest.mark.parametrize("units", [1, 10, 30])
def test_query_budgets_do_not_grow(
    principal_client, school, teacher_staff, django_assert_max_num_queries, units
):
    _make_units(school, teacher_staff, units)
    MonthlyStatisticsFactory(school=school, year=2025, month=9)
    # Session, user and membership lookups, then each selector's fixed queries (see reports.selectors).
    # The annual page: the summary's two queries and the count of units dated after the school year.
    with django_assert_max_num_queries(5 + 3):
        principal_client.get(_url("reports:annual"))
    with django_assert_max_num_queries(5 + 6):
        principal_client.get(_url("reports:monthly"))
    with django_assert_max_num_queries(5 + 14):  # reports.selectors.dashboard's fourteen
        principal_client.get(_url("reports:dashboard_year"))


def test_annual_page_mentions_units_outside_the_school_year(principal_client, school):
    UnitFactory(school=school, start_date=dt.date(2026, 7, 1), level=2)
    UnitFactory(school=school, start_date=dt.date(2026, 8, 31), level=2)
    UnitFactory(school=school, start_date=dt.date(2026, 6, 30), level=2)  # inside: June
    page = principal_client.get(_url("reports:annual")).content.decode()
    assert "2 units dated July 1 – August 31, 2026 are outside the school year" in page
