"""The collaboration-log import as the librarian uses it: upload, correct the columns, preview, confirm."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collabtrack.models import StaffMember
from tests.factories import StaffMemberFactory, UnitFactory
from tests.job_helpers import finish_job
from tests.reports.imports.conftest import data_file
from units.models import Unit

pytestmark = pytest.mark.django_db


def upload(client, content: bytes, name: str = "log.csv"):
    return client.post(reverse("data:log_upload"), {"file": SimpleUploadedFile(name, content)})


def confirm(client, token: str):
    """Confirm the import: the request queues a job; run it as the worker would; the job's page."""
    response = client.post(reverse("data:log_confirm", args=[token]))
    return finish_job(client, response)


def staged_token(response) -> str:
    assert response.status_code == 302, getattr(response, "context", None) and response.context["form"].errors
    return response.url.rstrip("/").split("/")[-1]


def test_full_import_of_a_google_sheets_log(librarian_client, school, librarian):
    StaffMemberFactory(school=school, name="Priya  Shah")  # already in the directory, spaced differently
    token = staged_token(upload(librarian_client, data_file("log_google_sheets.csv")))
    preview = librarian_client.get(reverse("data:log_preview", args=[token]))
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "7</strong> new units will be created" in page
    assert "Marcus Bell" in page and "Ana Alvarez" in page
    assert preview.context["preview"].new_teachers == [
        "Ana Alvarez",
        "Jordan Lee",
        "Marcus Bell",
        "Mr. Chen",
        "Ms. Alvarez",
    ]
    assert Unit.objects.count() == 0  # nothing is saved before the confirmation

    response = confirm(librarian_client, token)
    page = response.content.decode()
    assert "Imported 7 units from log.csv; added 5 teachers to the staff directory." in page
    assert f'href="{reverse("units:list")}"' in page
    assert Unit.objects.filter(school=school).count() == 7
    cells = Unit.objects.get(title="Cells and microscopes research")
    assert cells.start_date == dt.date(2025, 9, 15)
    assert cells.level == 3 and cells.librarian == librarian
    assert sorted(t.name for t in cells.teachers.all()) == ["Marcus Bell", "Priya  Shah"]
    assert [g.order for g in Unit.objects.get(title="Poetry café").grades.all()] == [6, 7, 8]
    assert StaffMember.objects.filter(school=school).count() == 6
    gap = Unit.objects.get(title="Dystopian fiction book clubs").gaps.get()
    assert (gap.content_area, gap.performance_indicator) == (
        "Reading",
        "cites textual evidence (state test 58%)",
    )
    assert Unit.objects.get(title="Immigration stories oral history").gaps.count() == 2


def test_reimporting_the_same_file_creates_no_duplicates(librarian_client, school):
    for _ in range(2):
        token = staged_token(upload(librarian_client, data_file("log_bom_tab.tsv"), "log.tsv"))
        confirm(librarian_client, token)
    assert Unit.objects.filter(school=school).count() == 2
    assert StaffMember.objects.filter(school=school).count() == 2


def test_a_row_matching_an_existing_unit_is_skipped_case_and_spacing_ignored(librarian_client, school):
    UnitFactory(school=school, title="renewable ENERGY  debate", start_date=dt.date(2026, 1, 12))
    token = staged_token(upload(librarian_client, data_file("log_bom_tab.tsv"), "log.tsv"))
    preview = librarian_client.get(reverse("data:log_preview", args=[token])).context["preview"]
    assert [row.duplicate for row in preview.rows] == [True, False]
    confirm(librarian_client, token)
    assert Unit.objects.filter(school=school).count() == 2


def test_another_schools_unit_is_not_a_duplicate(librarian_client, school, other_school):
    UnitFactory(school=other_school, title="Renewable energy debate", start_date=dt.date(2026, 1, 12))
    token = staged_token(upload(librarian_client, data_file("log_bom_tab.tsv"), "log.tsv"))
    confirm(librarian_client, token)
    assert Unit.objects.filter(school=school).count() == 2


def test_one_bad_row_saves_nothing(librarian_client, school):
    token = staged_token(upload(librarian_client, data_file("log_with_errors.csv")))
    preview = librarian_client.get(reverse("data:log_preview", args=[token]))
    assert preview.context["preview"].can_import is False
    assert "Grade 15 is out of range" in preview.content.decode()
    assert "Import " not in preview.content.decode().split("What will happen")[1].split("Every row")[0]
    response = confirm(librarian_client, token)
    assert response.context["job"].status == "failed"
    assert "nothing was saved" in response.content.decode() and "Try again" in response.content.decode()
    assert Unit.objects.count() == 0 and StaffMember.objects.count() == 0


def test_a_failure_while_saving_rolls_everything_back(librarian_client, school, monkeypatch):
    """All or nothing even when the database refuses a row after others were written."""
    token = staged_token(upload(librarian_client, data_file("log_google_sheets.csv")))
    from units import services as unit_services  # the import saves through the units' own service

    def failing_bulk_create(units, *progress):
        Unit.objects.bulk_create(units[:3])
        raise RuntimeError("disk full")

    monkeypatch.setattr(unit_services, "_bulk_create_units", failing_bulk_create)
    response = confirm(librarian_client, token)
    page = response.content.decode()
    assert response.context["job"].status == "failed" and "Nothing was changed" in page
    assert "disk full" not in page and "Traceback" not in page  # the worker's log has it, not the page
    assert Unit.objects.count() == 0 and StaffMember.objects.count() == 0


def test_the_librarian_corrects_the_column_guess(librarian_client, school):
    token = staged_token(upload(librarian_client, data_file("log_semicolon_cp1252.csv")))
    preview = librarian_client.get(reverse("data:log_preview", args=[token]))
    assert preview.context["preview"] is None  # no date column guessed: nothing to preview yet
    mapping = {"start_date": "0", "end_date": "", "title": "1", "grades": "2", "teachers": "3", "level": "4"}
    response = librarian_client.post(reverse("data:log_mapping", args=[token]), mapping)
    assert response.status_code == 302
    confirm(librarian_client, token)
    assert sorted(Unit.objects.values_list("title", flat=True)) == [
        "Café culture – Français",
        "Women’s history",
    ]


def test_a_column_chosen_twice_is_an_error_next_to_the_field(librarian_client):
    token = staged_token(upload(librarian_client, data_file("log_bom_tab.tsv"), "log.tsv"))
    mapping = {"start_date": "0", "title": "0", "grades": "", "teachers": "", "level": "", "end_date": ""}
    response = librarian_client.post(reverse("data:log_mapping", args=[token]), mapping)
    assert response.status_code == 200
    assert "already used for" in response.context["form"].errors["title"][0]


def test_an_unreadable_file_is_an_error_on_the_upload_form(librarian_client):
    response = upload(librarian_client, b"Date,Topic\n", "log.csv")
    assert response.status_code == 200
    assert "no rows below its header" in response.context["form"].errors["file"][0]


def test_an_upload_over_5_mb_is_refused(librarian_client):
    response = upload(librarian_client, b"x" * (5 * 1024 * 1024 + 1))
    assert "at most 5 MB" in response.context["form"].errors["file"][0]


def test_cell_content_is_escaped_in_the_preview(librarian_client):
    content = b"Date,Topic,Teachers\n2025-10-01,<script>alert(1)</script>,<b>Bold</b>\n"
    token = staged_token(upload(librarian_client, content))
    page = librarian_client.get(reverse("data:log_preview", args=[token])).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Bold</b>" not in page


def test_preview_of_thousands_of_rows_is_paginated_within_a_query_budget(
    librarian_client, django_assert_max_num_queries
):
    content = b"Date,Topic,Teachers\n" + b"".join(
        f"2025-10-{day % 28 + 1:02d},Topic {n},Teacher {n % 40}\n".encode()
        for n, day in enumerate(range(3000))
    )
    token = staged_token(upload(librarian_client, content))
    url = reverse("data:log_preview", args=[token])
    # session, membership, existing units, staff names (+ the user): not one query per row.
    with django_assert_max_num_queries(6):
        response = librarian_client.get(url + "?page=2")
    assert len(response.context["page"].object_list) == 100
    assert "Page 2 of 30" in response.content.decode()


def test_a_staged_import_belongs_to_its_session_and_school(librarian_client, client_for, librarian, school):
    token = staged_token(upload(librarian_client, data_file("log_bom_tab.tsv"), "log.tsv"))
    other_session = client_for(librarian, school)
    assert other_session.get(reverse("data:log_preview", args=[token])).status_code == 404
    assert other_session.post(reverse("data:log_confirm", args=[token])).status_code == 404
    assert librarian_client.get("/data/log/..%2F..%2Fetc%2Fpasswd/").status_code == 404
    assert librarian_client.get(reverse("data:log_preview", args=["not-a-token"])).status_code == 404


def test_a_tampered_staging_file_is_refused(librarian_client, settings):
    token = staged_token(upload(librarian_client, data_file("log_bom_tab.tsv"), "log.tsv"))
    path = settings.MEDIA_ROOT / "imports" / f"{token}.json"
    path.write_text(path.read_text()[:-3] + "abc")
    assert librarian_client.get(reverse("data:log_preview", args=[token])).status_code == 404


@pytest.mark.parametrize("persona", ["principal_client", "teacher_client", "district_client"])
def test_only_the_librarian_imports(request, persona):
    client = request.getfixturevalue(persona)
    assert client.get(reverse("data:log_upload")).status_code == 403
    assert upload(client, data_file("log_bom_tab.tsv"), "log.tsv").status_code == 403
    assert client.post(reverse("data:log_confirm", args=["A" * 22])).status_code == 403


def test_an_outsider_cannot_use_a_librarians_import(librarian_client, outsider_client):
    token = staged_token(upload(librarian_client, data_file("log_bom_tab.tsv"), "log.tsv"))
    assert outsider_client.get(reverse("data:log_preview", args=[token])).status_code == 404
    assert outsider_client.post(reverse("data:log_confirm", args=[token])).status_code == 404


def test_writes_are_post_only(librarian_client):
    token = staged_token(upload(librarian_client, data_file("log_bom_tab.tsv"), "log.tsv"))
    assert librarian_client.get(reverse("data:log_confirm", args=[token])).status_code == 405
    assert librarian_client.get(reverse("data:log_mapping", args=[token])).status_code == 405
    assert librarian_client.put(reverse("data:log_upload")).status_code == 405


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(reverse("data:log_upload"))
    assert response.status_code == 302 and "login" in response.url


def test_an_overview_over_100_words_is_a_row_problem(librarian_client):
    long_overview = " ".join(["word"] * 101)
    content = f"Date,Topic,Overview\n2025-10-01,Poetry,{long_overview}\n2025-10-02,Myths,Short one\n".encode()
    token = staged_token(upload(librarian_client, content))
    preview = librarian_client.get(reverse("data:log_preview", args=[token])).context["preview"]
    assert [row.errors for row in preview.rows] == [["The overview has 101 words; units keep it to 100."], []]
    confirm(librarian_client, token)
    assert Unit.objects.count() == 0
