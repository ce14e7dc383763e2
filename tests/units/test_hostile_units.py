"""Hostile input to the units' pages: quick log, planning template, copy, delete and restore, attachments,
the list's filters (tests/fuzzing.py explains the rules)."""

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzzing import (
    FILE_CONTENT,
    FILE_NAMES,
    FUZZ,
    apply,
    counts,
    hostile_overrides,
    rolled_back,
    submit,
)


@pytest.mark.django_db
@FUZZ
@given(
    overrides=hostile_overrides(
        [
            "start_date",
            "title",
            "grades",
            "teachers",
            "level",
            "gap_content_area",
            "gap_performance_indicator",
        ]
    )
)
def test_quick_log_survives_hostile_input(librarian_client, school, overrides):
    from units.models import TestDataGap, Unit

    valid = {"start_date": "2025-10-15", "title": "Food webs", "level": "2"}
    with rolled_back():
        before = counts(Unit, TestDataGap)
        response = submit(librarian_client, reverse("units:quick_log"), apply(valid, overrides))
        after = counts(Unit, TestDataGap)
        if response.status_code == 200:
            assert after == before, "a refused quick log saved something"
        else:
            assert after["Unit"] == before["Unit"] + 1
            unit = Unit.objects.latest("pk")
            assert unit.school == school and 1 <= unit.level <= 4
            if unit.level == 4:
                assert unit.gaps.exists(), "a level-4 unit was saved without its test-data gap"


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["teachers", "grades"])
def test_quick_log_refuses_an_id_beyond_the_integer_range(librarian_client, field):
    """Regression: a teacher or grade id of 40 digits crashed the `pk__in` lookup on SQLite (a 500)."""
    from units.models import Unit

    data = {"start_date": "2025-10-15", "title": "Food webs", "level": "2", field: "9" * 40}
    response = librarian_client.post(reverse("units:quick_log"), data)
    assert response.status_code == 200
    assert not Unit.objects.exists()


PLAN_MANAGEMENT = {
    f"{prefix}-{field}": value
    for prefix in ("gaps", "duties", "resources")
    for field, value in (("TOTAL_FORMS", "1"), ("INITIAL_FORMS", "0"), ("MIN_NUM_FORMS", "0"),
                         ("MAX_NUM_FORMS", "1000"))
}  # fmt: skip


@pytest.mark.django_db
@settings(FUZZ, max_examples=10)  # the plan page is the heaviest form: fewer examples
@given(
    overrides=hostile_overrides(
        ["title", "overview", "start_date", "end_date", "status", "level", "version", "teachers",
         "gaps-TOTAL_FORMS", "gaps-0-content_area", "gaps-0-performance_indicator", "duties-TOTAL_FORMS",
         "duties-0-owner", "duties-0-description", "resources-0-kind", "resources-0-citation",
         "resources-0-url"]
    )
)  # fmt: skip
def test_unit_plan_survives_hostile_input(librarian_client, school, overrides):
    from tests.factories import UnitFactory
    from units.models import Unit

    with rolled_back():
        unit = UnitFactory(school=school, title="Food webs", level=2)
        before = Unit.objects.filter(pk=unit.pk).values().get()
        valid = {**PLAN_MANAGEMENT, "title": "Food webs", "start_date": "2025-10-15", "status": "planned",
                 "level": "2", "version": str(unit.version)}  # fmt: skip
        response = submit(librarian_client, reverse("units:edit", args=[unit.pk]), apply(valid, overrides))
        if response.status_code == 200:
            assert Unit.objects.filter(pk=unit.pk).values().get() == before, "a refused plan changed the unit"
            assert not unit.gaps.exists() and not unit.duties.exists() and not unit.resources.exists()


def unit_counts():
    from units.models import Attachment, Duty, Resource, TestDataGap, Unit

    return counts(Unit, TestDataGap, Duty, Resource, Attachment)


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(overrides=hostile_overrides(["title", "start_date", "teachers"]))
def test_unit_copy_survives_hostile_input(librarian_client, school, overrides):
    from tests.factories import UnitFactory
    from units.models import Unit

    with rolled_back():
        # An end date, so the copy's time frame is shifted: a start far in the future must not overflow.
        unit = UnitFactory(school=school, title="Food webs", end_date=dt.date(2025, 11, 15))
        before = unit_counts()
        valid = {"title": "Food webs again", "start_date": "2026-10-15"}
        response = submit(librarian_client, reverse("units:copy", args=[unit.pk]), apply(valid, overrides))
        after = unit_counts()
        if response.status_code == 200:
            assert after == before, "a refused copy saved something"
        else:
            assert after["Unit"] == before["Unit"] + 1
            copy = Unit.objects.latest("pk")
            assert copy.school == school and copy.level is None
            assert copy.end_date is None or copy.end_date >= copy.start_date


@pytest.mark.django_db
def test_unit_copy_refuses_a_date_whose_end_would_pass_year_9999(librarian_client, school):
    """Regression: the copy's end date is its start plus the original's length, which overflowed (a 500)."""
    from tests.factories import UnitFactory
    from units.models import Unit

    unit = UnitFactory(school=school, end_date=dt.date(2025, 11, 15))
    url = reverse("units:copy", args=[unit.pk])
    response = librarian_client.post(url, {"title": "Far away", "start_date": "9999-12-31"})
    assert response.status_code == 200
    assert "too far in the future" in response.content.decode()
    assert Unit.objects.count() == 1


@pytest.mark.django_db
@settings(FUZZ, max_examples=15)
@given(
    action=st.sampled_from(["delete", "restore"]), body=hostile_overrides(["confirm", "next", "pk", "school"])
)
def test_unit_delete_and_restore_ignore_hostile_bodies(librarian_client, school, action, body):
    from tests.factories import UnitFactory
    from units.models import Unit

    with rolled_back():
        unit = UnitFactory(school=school, deleted_at=dt.datetime(2025, 11, 1, tzinfo=dt.UTC) if action ==
                           "restore" else None)  # fmt: skip
        others = set(Unit.objects.exclude(pk=unit.pk).values_list("pk", "deleted_at"))
        submit(librarian_client, reverse(f"units:{action}", args=[unit.pk]), apply({}, body), ok=(302,))
        unit.refresh_from_db()
        assert (unit.deleted_at is None) == (action == "restore")
        assert set(Unit.objects.exclude(pk=unit.pk).values_list("pk", "deleted_at")) == others


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(name=FILE_NAMES, content=FILE_CONTENT, overrides=hostile_overrides(["kind"]))
def test_attachment_upload_survives_hostile_files(librarian_client, school, settings, tmp_path, name, content,
                                                  overrides):  # fmt: skip
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import UnitFactory
    from units.models import Attachment

    settings.MEDIA_ROOT = tmp_path / "media"
    with rolled_back():
        unit = UnitFactory(school=school)
        data = apply({"kind": "handout", "file": SimpleUploadedFile(name, content)}, overrides)
        before = counts(Attachment)
        url = reverse("units:attachment_upload", args=[unit.pk])
        response = submit(librarian_client, url, data, ok=(302, 400))
        if response.status_code == 400:
            assert counts(Attachment) == before, "a refused attachment was saved"
        else:
            saved = Attachment.objects.get(unit=unit)
            assert saved.size == len(content) and saved.original_name
            assert ".." not in saved.file.name and "\x00" not in saved.file.name


@pytest.mark.django_db
@FUZZ
@given(size=st.sampled_from([0, 1, 10 * 2**20, 10 * 2**20 + 1]))
def test_attachment_upload_size_limits(librarian_client, school, settings, tmp_path, size):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import UnitFactory
    from units.models import Attachment

    settings.MEDIA_ROOT = tmp_path / "media"
    with rolled_back():
        unit = UnitFactory(school=school)
        upload = SimpleUploadedFile("notes.txt", b"a" * size)
        url = reverse("units:attachment_upload", args=[unit.pk])
        response = submit(librarian_client, url, {"kind": "handout", "file": upload}, ok=(302, 400))
        assert (response.status_code == 302) == (0 < size <= 10 * 2**20)
        assert counts(Attachment)["Attachment"] == (1 if response.status_code == 302 else 0)


@pytest.mark.django_db
@settings(FUZZ, max_examples=15)
@given(body=hostile_overrides(["confirm", "pk", "attachment", "next"]))
def test_attachment_delete_ignores_hostile_bodies(librarian_client, school, settings, tmp_path, body):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import UnitFactory
    from units import services
    from units.models import Attachment

    settings.MEDIA_ROOT = tmp_path / "media"
    with rolled_back():
        unit = UnitFactory(school=school)
        kept = services.attachment_add(
            unit=unit, upload=SimpleUploadedFile("kept.txt", b"kept"), kind="handout", user=None
        )
        gone = services.attachment_add(
            unit=unit, upload=SimpleUploadedFile("gone.txt", b"gone"), kind="handout", user=None
        )
        url = reverse("units:attachment_delete", args=[unit.pk, gone.pk])
        submit(librarian_client, url, apply({}, body), ok=(302,))
        assert list(Attachment.objects.values_list("pk", flat=True)) == [kept.pk]


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(
    params=hostile_overrides(["year", "month", "grade", "level", "teacher", "status", "q", "sort", "page"])
)
def test_unit_list_filters_survive_hostile_query_strings(librarian_client, school, params):
    from tests.factories import UnitFactory

    with rolled_back():
        UnitFactory(school=school)
        response = librarian_client.get(reverse("units:list"), apply({}, params))
        assert response.status_code == 200
