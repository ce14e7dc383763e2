"""Fixing rows in the log import's preview (issue 14): correct a row's cells or leave the row out, then
confirm; while a kept row has a problem nothing is saved."""

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from collabtrack.models import JobStatus
from tests.fuzzing import FUZZ, apply, hostile_overrides, rolled_back, submit
from tests.job_helpers import job_of, run_queued_jobs
from tests.reports.imports.test_log_import_views import confirm, staged_token, upload
from units.models import Unit

pytestmark = pytest.mark.django_db

LOG = (
    b"Date,Unit,Level\n"
    b"2025-09-25,Cells and microscopes,3\n"
    b"2025-10-14,,2\n"
    b"not a date,Local elections,7\n"
    b"2025-11-20,Food webs,1\n"
)


def preview(client, token, **query):
    return client.get(reverse("data:log_preview", args=[token]), query)


def fix(client, token, line, **post):
    return client.post(reverse("data:log_row", args=[token, line]), post)


def test_a_row_corrected_in_the_preview_is_imported_as_corrected(librarian_client, school):
    token = staged_token(upload(librarian_client, LOG))
    page = preview(librarian_client, token).content.decode()
    assert "<strong>2</strong> rows have problems" in page
    assert 'id="fix-4-start_date" value="not a date"' in page
    response = fix(
        librarian_client,
        token,
        4,
        action="correct",
        **{"cell-start_date": "2025-10-30", "cell-title": "Local elections", "cell-level": "2"},
    )
    assert response.status_code == 302
    rows = {row.line: row for row in preview(librarian_client, token).context["preview"].rows}
    assert rows[4].errors == [] and rows[4].start_date == dt.date(2025, 10, 30) and rows[4].level == 2
    assert rows[3].errors == ["The unit title is empty."]
    assert not Unit.objects.exists()

    # One kept row still has a problem: the confirmed job refuses the whole file.
    job = job_of(librarian_client.post(reverse("data:log_confirm", args=[token])))
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "1 row still has problems" in job.failure
    assert not Unit.objects.exists()

    fix(librarian_client, token, 3, action="leave_out", show="problems")
    page = preview(librarian_client, token).content.decode()
    assert "Rows left out" in page and "Line 3: 2025-10-14" in page
    assert "<strong>3</strong> new units will be created" in page
    assert "Imported 3 units" in confirm(librarian_client, token).content.decode()
    assert sorted(Unit.objects.values_list("title", flat=True)) == [
        "Cells and microscopes",
        "Food webs",
        "Local elections",
    ]


def test_a_left_out_row_can_be_put_back_in_its_place(librarian_client):
    token = staged_token(upload(librarian_client, LOG))
    fix(librarian_client, token, 3, action="leave_out")
    assert [row.line for row in preview(librarian_client, token).context["preview"].rows] == [2, 4, 5]
    fix(librarian_client, token, 3, action="put_back")
    assert [row.line for row in preview(librarian_client, token).context["preview"].rows] == [2, 3, 4, 5]


def test_a_line_not_in_the_file_changes_nothing(librarian_client):
    token = staged_token(upload(librarian_client, LOG))
    fix(librarian_client, token, 99, action="leave_out")
    fix(librarian_client, token, 99, action="correct", **{"cell-title": "x"})
    assert [row.line for row in preview(librarian_client, token).context["preview"].rows] == [2, 3, 4, 5]


def test_another_session_cannot_fix_a_staged_row(librarian_client, client_for, librarian, school):
    token = staged_token(upload(librarian_client, LOG))
    other = client_for(librarian, school)  # same person, another session
    assert fix(other, token, 3, action="leave_out").status_code == 404
    assert librarian_client.get(reverse("data:log_row", args=[token, 3])).status_code == 405


ROW_FIELDS = ["action", "show", "cell-start_date", "cell-title", "cell-level", "cell-grades", "cell-teachers"]


@FUZZ
@given(overrides=hostile_overrides(ROW_FIELDS), line=st.integers(min_value=0, max_value=10))
def test_hostile_row_fixes_are_row_problems_never_errors(librarian_client, overrides, line):
    token = staged_token(upload(librarian_client, LOG))
    with rolled_back():
        valid = {"action": "correct", "cell-title": "Fixed"}
        assert submit(librarian_client, reverse("data:log_row", args=[token, line]), apply(valid, overrides))
        assert preview(librarian_client, token).status_code == 200
        assert not Unit.objects.exists()
