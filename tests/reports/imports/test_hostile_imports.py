"""Hostile input to the imports (/data/): uploads of anything, hostile mappings, tampered tokens
(tests/fuzzing.py explains the rules)."""

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from collabtrack.models import StaffMember
from tests.fuzzing import (
    FILE_CONTENT,
    FUZZ,
    HOSTILE_VALUE,
    NASTY,
    apply,
    counts,
    hostile_overrides,
    rolled_back,
    submit,
)

IMPORT_NAMES = st.one_of(
    st.sampled_from(["log.csv", "log.xlsx", "log.tsv", "log.txt", "log", ".csv", "log.exe", "a\x00.csv",
                     "../../log.csv", "n" * 300 + ".csv", "<b>.xlsx", "LOG.CSV"]),
    st.text(min_size=1, max_size=20).map(lambda stem: stem + ".csv"),
)  # fmt: skip


def csv_of(rows) -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8", "surrogatepass")


CELL = st.one_of(st.sampled_from(NASTY[:-1]), HOSTILE_VALUE.filter(lambda cell: len(cell) < 200))


HOSTILE_LOG = st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=0, max_size=4).map(
    lambda rows: csv_of([["Date", "Unit", "Level"], *rows])
)


IMPORT_CONTENT = st.one_of(
    FILE_CONTENT,
    HOSTILE_LOG,
    st.sampled_from(
        [b"PK\x03\x04" + b"\x00" * 40, b"\xef\xbb\xbf", b"a,b\n" * 3, b"\xff\xfe" + "x,y".encode("utf-16le")]
    ),
)  # fmt: skip


def import_counts() -> dict:
    from reports.models import MonthlyStatistics
    from units.models import TestDataGap, Unit

    return counts(Unit, TestDataGap, StaffMember, MonthlyStatistics)


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(name=IMPORT_NAMES, content=IMPORT_CONTENT)
def test_log_import_survives_hostile_files(librarian_client, school, settings, tmp_path, name, content):
    """Upload, preview and confirm: each step answers, and the confirm saves every row or none."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from units.models import Unit

    settings.MEDIA_ROOT = tmp_path / "media"
    with rolled_back():
        before = import_counts()
        upload = SimpleUploadedFile(name, content)
        response = submit(librarian_client, reverse("data:log_upload"), {"file": upload})
        assert import_counts() == before, "an upload wrote to the school's data before the confirmation"
        if response.status_code == 302:
            assert librarian_client.get(response.url).status_code == 200
            token = response.url.rstrip("/").rsplit("/", 1)[-1]
            submit(librarian_client, reverse("data:log_confirm", args=[token]), {}, ok=(302,))
            after = import_counts()
            assert after["Unit"] >= before["Unit"]
            assert all(unit.school == school for unit in Unit.objects.all())


def staged_log(client) -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = [["Date", "Unit", "Level", "Teacher"], ["2025-09-10", "Food webs", "2", "Priya Shah"]]
    response = client.post(reverse("data:log_upload"), {"file": SimpleUploadedFile("log.csv", csv_of(rows))})
    assert response.status_code == 302, response.content[:500]
    return response.url.rstrip("/").rsplit("/", 1)[-1]


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(overrides=hostile_overrides(["start_date", "end_date", "title", "grades", "teachers", "level", "gaps",
                                    "overview", "learning_product"]))  # fmt: skip
def test_log_mapping_survives_hostile_input(librarian_client, settings, tmp_path, overrides):
    settings.MEDIA_ROOT = tmp_path / "media"
    with rolled_back():
        token = staged_log(librarian_client)
        valid = {"start_date": "0", "title": "1", "level": "2", "teachers": "3"}
        before = import_counts()
        response = submit(
            librarian_client, reverse("data:log_mapping", args=[token]), apply(valid, overrides)
        )
        assert import_counts() == before, "a column mapping wrote to the school's data"
        if response.status_code == 302:
            assert librarian_client.get(response.url).status_code == 200
            submit(librarian_client, reverse("data:log_confirm", args=[token]), {}, ok=(302,))


TOKENS = st.one_of(
    st.sampled_from(["", "x", "A" * 22, "A" * 21 + "=", "." * 22, "%2e%2e", "..%2F..%2Fsettings", "%00" * 22,
                     "<script>", "' OR '1'='1", "9" * 40]),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", min_size=20,
            max_size=24),
    st.text(max_size=30),
)  # fmt: skip


def tampered(real: str, hostile: str, how: str) -> str:
    if how == "flip":
        return real[:-1] + ("A" if real[-1] != "A" else "B")
    if how == "append":
        return real + hostile
    return hostile


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(
    kind=st.sampled_from(["log", "circulation"]),
    hostile=TOKENS,
    how=st.sampled_from(["flip", "append", "replace"]),
)
def test_import_confirm_refuses_tampered_tokens(librarian_client, settings, tmp_path, kind, hostile, how):
    from urllib.parse import quote

    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path / "media"
    with rolled_back():
        if kind == "log":
            real = staged_log(librarian_client)
        else:
            upload = SimpleUploadedFile("koha.csv", b"Period/Library,Riverbend MS\nSeptember,1204\n")
            response = librarian_client.post(
                reverse("data:circulation_upload"), {"file": upload, "school_year": "2025-26"}
            )
            real = response.url.rstrip("/").rsplit("/", 1)[-1]
        token = tampered(real, hostile, how)
        if token == real:
            return
        before = import_counts()
        response = submit(librarian_client, f"/data/{kind}/{quote(token, safe='')}/confirm/", {}, ok=(404,))
        assert import_counts() == before, "a tampered token imported something"


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(name=IMPORT_NAMES, content=IMPORT_CONTENT, overrides=hostile_overrides(["school_year"]))
def test_circulation_import_survives_hostile_files(
    librarian_client, school, settings, tmp_path, name, content, overrides
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.models import MonthlyStatistics

    settings.MEDIA_ROOT = tmp_path / "media"
    with rolled_back():
        before = import_counts()
        data = apply({"file": SimpleUploadedFile(name, content), "school_year": "2025-26"}, overrides)
        response = submit(librarian_client, reverse("data:circulation_upload"), data)
        assert import_counts() == before, "an upload wrote to the school's data before the confirmation"
        if response.status_code == 302:
            assert librarian_client.get(response.url).status_code == 200
            token = response.url.rstrip("/").rsplit("/", 1)[-1]
            submit(librarian_client, reverse("data:circulation_confirm", args=[token]), {}, ok=(302,))
            for row in MonthlyStatistics.objects.filter(school=school):
                assert row.circulation is None or row.circulation >= 0


@pytest.mark.django_db
def test_circulation_import_with_a_count_beyond_the_integer_column_is_not_a_server_error(
    librarian_client, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.models import MonthlyStatistics

    settings.MEDIA_ROOT = tmp_path / "media"
    upload = SimpleUploadedFile("koha.csv", f"Period/Library,Riverbend MS\nSeptember,{2**31}\n".encode())
    response = librarian_client.post(
        reverse("data:circulation_upload"), {"file": upload, "school_year": "2025-26"}
    )
    if response.status_code == 302:  # staged, with the month as a problem row: the confirm must not save it
        token = response.url.rstrip("/").rsplit("/", 1)[-1]
        response = librarian_client.post(reverse("data:circulation_confirm", args=[token]))
        assert response.status_code == 302
    else:
        assert response.status_code == 200
    assert not MonthlyStatistics.objects.filter(circulation__gt=2**31 - 1).exists()
