"""School years from URLs (issue 16): the converter answers 404 for years the app does not keep, and
every URL pattern that takes a year answers 200/302/403/404 -- never 500 -- at the smallest and largest
values its converter accepts and one beyond, for the librarian, the principal and the district persona."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from collabtrack.converters import SchoolYearConverter
from collabtrack.schoolyear import FIRST_YEAR, LAST_YEAR, SchoolYear, parse_school_year
from reports.charts import CHART_KEYS

WRAPPING_EDGES = [f"{FIRST_YEAR}-{(FIRST_YEAR + 1) % 100:02d}", f"{LAST_YEAR - 1}-{LAST_YEAR % 100:02d}"]
CALENDAR_EDGES = [str(FIRST_YEAR), str(LAST_YEAR)]
BEYOND = [
    f"{FIRST_YEAR - 1}-{FIRST_YEAR % 100:02d}",
    f"{LAST_YEAR}-{(LAST_YEAR + 1) % 100:02d}",
    str(FIRST_YEAR - 1),
    str(LAST_YEAR + 1),
    "9999-00",  # the year: its end falls in 10000
    "0000",
]


@pytest.mark.parametrize("name", WRAPPING_EDGES + CALENDAR_EDGES + ["2025-26", "2099-00"])
def test_the_converter_accepts_kept_years(name):
    assert SchoolYearConverter().to_python(name) == name


@pytest.mark.parametrize("name", [*BEYOND, "2025-27", "2025-25"])
def test_the_converter_refuses_years_not_kept_or_halves_that_do_not_follow(name):
    with pytest.raises(ValueError):
        SchoolYearConverter().to_python(name)


@pytest.mark.parametrize(("name", "months"), [("9999-00", (9, 6)), ("1899-00", (9, 6)), ("2201", (2, 12))])
def test_parse_school_year_refuses_years_whose_dates_the_app_does_not_keep(name, months):
    with pytest.raises(ValueError, match="outside the years"):
        parse_school_year(name, *months)


def test_every_date_of_the_edge_years_and_their_neighbours_is_a_date():
    for year in (SchoolYear(FIRST_YEAR, 9, 6), SchoolYear(LAST_YEAR - 1, 9, 6), SchoolYear(LAST_YEAR, 1, 12)):
        for neighbour in (year.previous(), year, year.next()):
            assert neighbour.start_date <= neighbour.end_date
            assert len(neighbour.months()) in (10, 12)


def _patterns(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern), entry.pattern.converters


def year_patterns() -> list[tuple[str, str, dict[str, str]]]:
    """(name, route, {parameter: converter class name}) of every URL pattern with a year parameter."""
    return sorted(
        (name, route, {key: type(converter).__name__ for key, converter in converters.items()})
        for name, route, converters in _patterns(get_resolver())
        if any("year" in key for key in converters)
    )


def test_the_walk_finds_the_year_patterns_and_each_school_year_is_converted():
    names = {name for name, _route, _converters in year_patterns()}
    assert {"reports:annual", "reports:board_pdf", "reports:monthly", "reports:statistics"} <= names
    for _name, route, converters in year_patterns():
        if "school_year" in converters:
            assert converters["school_year"] == "SchoolYearConverter", route


def _urls(converters: dict[str, str], name: str, school_years: list[str], school) -> list[str]:
    """The URLs of one pattern at the edges of what its converter accepts, and beyond. Parameters other
    than the year get an ordinary value (the school's pk, the dashboard, CSV) so the year is what varies."""
    others = {"pk": school.pk, "page": "dashboard", "fmt": "csv", "key": CHART_KEYS[0]}
    extra = {key: others[key] for key in converters if key in others}
    if "school_year" in converters:
        return [reverse(name, kwargs={"school_year": year, **extra}) for year in school_years]
    # <int:year>/<int:month>: the int converter takes 0 up to any size
    edges = [(FIRST_YEAR, 1), (LAST_YEAR, 12), (FIRST_YEAR - 1, 12), (LAST_YEAR + 1, 1), (0, 1), (10**20, 12)]
    return [reverse(name, kwargs={"year": year, "month": month, **extra}) for year, month in edges]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "months"),
    [
        ("librarian_client", (9, 6)),
        ("librarian_client", (1, 12)),  # a school whose years are calendar years: "2200" is kept
        ("principal_client", (9, 6)),
        ("district_client", (9, 6)),
    ],
)
def test_no_year_its_pattern_accepts_answers_500(request, persona, months, school):
    school.first_month, school.last_month = months
    school.save()
    client = request.getfixturevalue(persona)
    school_years = WRAPPING_EDGES + CALENDAR_EDGES + BEYOND
    for name, _route, converters in year_patterns():
        if "pdf" in name and (persona, months) != ("librarian_client", (9, 6)):
            continue  # one persona renders the PDFs: the same views, and they are the slow pages
        for url in _urls(converters, name, school_years, school):
            status = client.get(url).status_code
            # 405: a POST-only page (the board's logo upload) refusing GET is an answer, not a crash.
            assert status in (200, 302, 403, 404, 405), (url, status)


@pytest.mark.django_db
def test_kept_edge_years_open_and_years_beyond_are_404(librarian_client, school):
    accepted = reverse("reports:annual", kwargs={"school_year": WRAPPING_EDGES[1]})
    assert librarian_client.get(accepted).status_code == 200
    for name in BEYOND:
        assert librarian_client.get(f"/reports/annual/{name}/").status_code == 404
        assert librarian_client.get(f"/reports/dashboard/{name}/").status_code == 404
        assert librarian_client.get(f"/reports/board/{name}/pdf/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "parameter"),
    [("units:list", "year"), ("taxonomy:portfolio_pdf", "year")],
)
def test_query_string_years_not_kept_are_not_a_500(librarian_client, url_name, parameter):
    for name in [*BEYOND, *WRAPPING_EDGES]:
        status = librarian_client.get(reverse(url_name), {parameter: name}).status_code
        assert status in (200, 302, 404), (url_name, name, status)


@pytest.mark.django_db
def test_a_circulation_import_year_not_offered_is_a_form_error(librarian_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    for name in ["9999-00", "1899-00"]:
        upload = SimpleUploadedFile("c.csv", b"Month,Circulation\nSeptember,10\n")
        response = librarian_client.post(
            reverse("data:circulation_upload"), {"file": upload, "school_year": name}
        )
        assert response.status_code == 200
        assert response.context["form"].errors["school_year"]
