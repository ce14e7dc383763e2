"""The dashboard page tells the year's story (issue 15): the school in the title, last year beside this
year, planned units apart, coverage, thousands separators, only years with data, and each chart's files."""

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from reports.selectors import dashboard
from tests.factories import MonthlyStatisticsFactory, UnitFactory

YEAR = "2025-26"


@pytest.fixture
def story(school):
    MonthlyStatisticsFactory(school=school, year=2025, month=10, days_open=21, circulation=18406)
    MonthlyStatisticsFactory(school=school, year=2024, month=10, days_open=20, circulation=12000)
    UnitFactory(school=school, title="Food webs", start_date=dt.date(2025, 10, 1), level=3)
    UnitFactory(school=school, title="Poetry", start_date=dt.date(2099, 1, 1), level=4)  # no year: ignored
    UnitFactory(school=school, title="Old unit", start_date=dt.date(2021, 10, 1), level=1)


def test_dashboard_tells_the_story(principal_client, school, story):
    page = principal_client.get(reverse("reports:dashboard_year", args=[YEAR])).content.decode()
    assert f"Library partnerships at {school.name}: {YEAR}" in page
    assert '<td class="num">18,406</td>' in page  # the chart's data table separates thousands
    assert "18406" not in page
    assert "Share at levels 3–4" in page and "Last year:" in page
    assert "AASL 2007 indicators cited" in page and "0 of 83" in page
    assert "Units citing no standard" in page
    # The year picker offers only years with data (and the one shown): not 2023-24 or 2022-23.
    nav = page[page.index('aria-label="School years"') :]
    nav = nav[: nav.index("</nav>")]
    assert "2021-22" in nav and YEAR in nav and "2022-23" not in nav and "2023-24" not in nav


def test_planned_units_are_shown_apart(school):
    # The page's headlines with a fixed today (the view uses the real one): dated after today is planned.
    today = dt.date(2026, 3, 10)
    UnitFactory(school=school, start_date=dt.date(2026, 3, 11), level=2)
    UnitFactory(school=school, start_date=today, level=2)
    dash = dashboard(school, school.parse_school_year(YEAR), today=today)
    html = render_to_string("reports/_headlines.html", {"dash": dash})
    assert "<dd>2\n" in html  # both units count in units supported (DOMAIN.md)
    assert "1 of them still planned (dated after today)" in html
    assert "up to March 10, 2025, the same point of the year as today" in html


def test_each_chart_downloads_as_svg_and_csv(principal_client, story):
    svg = principal_client.get(reverse("reports:dashboard_chart_svg", args=[YEAR, "circulation"]))
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg["Content-Disposition"] == f'attachment; filename="circulation-{YEAR}.svg"'
    root = ET.fromstring(svg.content)  # noqa: S314 — our own output
    assert root.find("{http://www.w3.org/2000/svg}title").text.startswith("Monthly circulation")
    rows = list(csv.reader(io.StringIO(principal_client.get(
        reverse("reports:dashboard_chart_csv", args=[YEAR, "circulation"])
    ).content.decode("utf-8-sig"))))  # fmt: skip
    assert rows[0] == ["Month", YEAR, "2024-25"]
    assert ["Oct", "18406", "12000"] in rows  # plain numbers for spreadsheets
    assert (
        principal_client.get(reverse("reports:dashboard_chart_csv", args=[YEAR, "nothing"])).status_code
        == 404
    )
