"""Hostile school exports (issue 14 restore, issue 16 bounds): any cell of any restored CSV, or any byte of
the ZIP, gives a clear refusal or a clean restore — never a server error, never a half-restored school."""

import csv
import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collabtrack.models import JobStatus, Role, StaffMember
from reports.imports.columns import UNIT_COLUMNS
from reports.imports.school_columns import RESTORED_FILES
from reports.models import MonthlyStatistics
from tests.factories import MembershipFactory, SchoolFactory
from tests.fuzzing import FUZZ, HOSTILE_VALUE, rolled_back
from tests.job_helpers import run_queued_jobs
from tests.reports.imports.test_school_restore import (
    export_bytes,
    full_school,  # noqa: F401 - fixture
    upload,
)
from units.models import Unit

pytestmark = pytest.mark.django_db

HEADERS = [("units.csv", column.header) for column in UNIT_COLUMNS] + [
    (kind.name, column.header) for kind in RESTORED_FILES for column in kind.columns
]


def with_cell(content: bytes, name: str, header: str, value: str) -> bytes:
    """The export with one cell of the first data row of `name` replaced by `value`."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as changed:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == name:
                rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
                if len(rows) > 1:
                    rows[1][rows[0].index(header)] = value
                out = io.StringIO()
                csv.writer(out).writerows(rows)
                data = out.getvalue().encode("utf-8", "surrogatepass")
            changed.writestr(info.filename, data)
    return buffer.getvalue()


@pytest.fixture
def restorer(client_for, librarian, full_school):  # noqa: F811 - the fixture above
    empty = SchoolFactory(name="Empty")
    MembershipFactory(user=librarian, school=empty, role=Role.LIBRARIAN)
    return client_for(librarian, empty), empty, export_bytes(full_school)


def restore_all_or_nothing(client, school, content: bytes) -> None:
    response = upload(client, content)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors["file"]
        return
    assert client.get(response["Location"]).status_code == 200
    client.post(response["Location"] + "confirm/")
    for job in run_queued_jobs():
        job.refresh_from_db()
        assert not job.failure.startswith("Something went wrong"), job.failure
        if job.status == JobStatus.FAILED:
            assert not Unit.all_objects.filter(school=school).exists()
            assert not StaffMember.objects.filter(school=school).exists()
            assert not MonthlyStatistics.objects.filter(school=school).exists()


@FUZZ
@given(cell=st.sampled_from(HEADERS), value=HOSTILE_VALUE.filter(lambda v: len(v) < 5000))
def test_any_hostile_cell_is_refused_or_restored_whole(restorer, cell, value):
    client, school, content = restorer
    with rolled_back():
        restore_all_or_nothing(client, school, with_cell(content, *cell, value))


@FUZZ
@given(data=st.data())
def test_any_damaged_byte_is_a_refusal_not_an_error(restorer, data):
    client, school, content = restorer
    position = data.draw(st.integers(min_value=0, max_value=len(content) - 1))
    damaged = bytearray(content)
    damaged[position] ^= data.draw(st.integers(min_value=1, max_value=255))
    with rolled_back():
        restore_all_or_nothing(client, school, bytes(damaged))
