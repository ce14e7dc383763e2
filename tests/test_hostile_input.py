"""Hostile input to every form: the answer is a form error or a success, never a server error, and a
refused submission writes nothing (no half-saved rows).

Each example runs inside a transaction that is rolled back, so examples are independent. To fuzz a new
form, add a test that calls `submit(...)` with `hostile_overrides(fields)` applied to a valid submission.
Example counts are kept small on purpose: CI runs the whole suite twice.
"""

import datetime as dt
from contextlib import contextmanager

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabtrack.models import Grade, StaffMember
from tests.factories import PASSWORD, StaffMemberFactory

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = [
    "",
    " ",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE collabtrack_staffmember; --",
    "' OR '1'='1",
    "\x00",
    "abc\x00def",
    "\x1b[31mred",
    "\u202eevil",
    "\ufeff",
    "{{ 7*7 }}{% debug %}",
    "%s%s%n",
    "../../../etc/passwd",
    "NaN",
    "-1",
    "0",
    "9" * 40,
    "1e309",
    "true",
    "[]",
    "0001-01-01",
    "9999-12-31",
    "2025-02-30",
    "1900-01-01",
    "x" * 100_000,
]
HOSTILE_VALUE = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs"]), max_size=20),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
# A field may be sent once, several times (a list), or not at all (MISSING).
MISSING = object()
FIELD_VALUE = st.one_of(HOSTILE_VALUE, st.lists(HOSTILE_VALUE, min_size=2, max_size=3), st.just(MISSING))


def hostile_overrides(fields):
    """Replace any subset of `fields` with hostile values (or drop them)."""
    return st.fixed_dictionaries({}, optional=dict.fromkeys(fields, FIELD_VALUE))


def apply(valid: dict, overrides: dict) -> dict:
    data = dict(valid)
    for name, value in overrides.items():
        if value is MISSING:
            data.pop(name, None)
        else:
            data[name] = value
    return data


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def counts(*models) -> dict:
    return {model.__name__: model.objects.count() for model in models}


def submit(client, url, data, *, ok=(200, 302)):
    response = client.post(url, data)
    assert response.status_code in ok, f"POST {url} {data!r:.300}: HTTP {response.status_code}"
    return response


GRADE_LINKS = StaffMember.grades.through


@pytest.mark.django_db
@FUZZ
@given(overrides=hostile_overrides(["name", "title", "department", "grades", "email", "user", "active"]))
def test_staff_create_survives_hostile_input(librarian_client, school, overrides):
    valid = {"name": "Rosa Reader", "title": "Teacher", "department": "Science", "active": "on"}
    data = apply(valid, overrides)
    with rolled_back():
        before = counts(StaffMember, GRADE_LINKS)
        response = submit(librarian_client, reverse("staff_create"), data)
        after = counts(StaffMember, GRADE_LINKS)
        if response.status_code == 200:
            assert after == before, "a refused staff form saved something"
        else:
            assert after["StaffMember"] == before["StaffMember"] + 1
            saved = StaffMember.objects.latest("pk")
            assert saved.school == school
            assert "\x00" not in saved.name


@pytest.mark.django_db
@FUZZ
@given(overrides=hostile_overrides(["name", "title", "department", "grades", "email", "user", "active"]))
def test_staff_edit_survives_hostile_input(librarian_client, school, overrides):
    with rolled_back():
        member = StaffMemberFactory(school=school, name="Rosa Reader", email="rosa@example.org")
        member.grades.set(Grade.objects.all()[:2])
        original = (member.name, member.title, member.department, member.email, member.active)
        original_grades = set(member.grades.values_list("pk", flat=True))
        valid = {"name": member.name, "title": member.title, "department": member.department, "active": "on"}
        response = submit(librarian_client, reverse("staff_edit", args=[member.pk]), apply(valid, overrides))
        member.refresh_from_db()
        if response.status_code == 200:
            assert (member.name, member.title, member.department, member.email, member.active) == original
            assert set(member.grades.values_list("pk", flat=True)) == original_grades


@pytest.mark.django_db
@FUZZ
@given(overrides=hostile_overrides(["membership"]))
def test_choose_school_survives_hostile_input(district_client, overrides):
    with rolled_back():
        submit(district_client, reverse("choose_school"), apply({}, overrides))


@pytest.mark.django_db
@FUZZ
@given(overrides=hostile_overrides(["username", "password", "next"]))
def test_login_survives_hostile_input(client, librarian, overrides):
    valid = {"username": librarian.username, "password": PASSWORD}
    with rolled_back():
        # 429: five hostile failures for one username lock it out (django-axes), which is also an answer.
        submit(client, reverse("login"), apply(valid, overrides), ok=(200, 302, 429))
        client.logout()


@pytest.mark.django_db
@FUZZ
@given(overrides=hostile_overrides(["old_password", "new_password1", "new_password2"]))
def test_password_change_survives_hostile_input(client_for, librarian, school, overrides):
    client = client_for(librarian, school)
    new = "a-much-longer-passphrase-2026"
    valid = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    with rolled_back():
        response = submit(client, reverse("password_change"), apply(valid, overrides))
        librarian.refresh_from_db()
        if response.status_code == 200:
            assert librarian.check_password(PASSWORD), "a refused password change changed the password"


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


# The statistics page posts one row per month of the school year; fuzz September and October of 2025-26.
STATISTICS_FIELDS = [
    f"m2025-{month:02d}-{name}" for month in (9, 10) for name in ("days_open", "circulation")
]


@pytest.mark.django_db
@FUZZ
@given(overrides=hostile_overrides(STATISTICS_FIELDS))
def test_statistics_survive_hostile_input(librarian_client, school, overrides):
    from reports.models import MonthlyStatistics

    valid = {"m2025-09-days_open": "20", "m2025-09-circulation": "400"}
    with rolled_back():
        before = counts(MonthlyStatistics)
        url = reverse("reports:statistics", kwargs={"school_year": "2025-26"})
        response = submit(librarian_client, url, apply(valid, overrides))
        if response.status_code == 200:
            assert counts(MonthlyStatistics) == before, "a refused statistics page saved a month"
        for row in MonthlyStatistics.objects.filter(school=school):
            assert row.days_open is None or 0 <= row.days_open <= 31


@pytest.mark.django_db
@FUZZ
@given(overrides=hostile_overrides(["text"]))
def test_board_highlights_survive_hostile_input(librarian_client, overrides):
    with rolled_back():
        url = reverse("reports:board", kwargs={"school_year": "2025-26"})
        submit(librarian_client, url, apply({"text": "A good year."}, overrides))


@pytest.mark.django_db
@FUZZ
@given(
    kind=st.sampled_from(["taxonomy", "benefits"]),
    overrides=hostile_overrides(
        ["reflected_on", "level", "working_well", "greatest_success", "next_level_needs", "teachers",
         "librarians", "students", "test_data", "shared_with_principal"]
    ),
)  # fmt: skip
def test_reflections_survive_hostile_input(librarian_client, kind, overrides):
    from taxonomy.models import BenefitsReflection, TaxonomyReflection

    valid = {"reflected_on": "2025-10-15", "level": "3", "working_well": "Shared planning time."}
    with rolled_back():
        before = counts(TaxonomyReflection, BenefitsReflection)
        url = reverse("taxonomy:reflection_create", kwargs={"kind": kind})
        response = submit(librarian_client, url, apply(valid, overrides))
        if response.status_code == 200:
            assert counts(TaxonomyReflection, BenefitsReflection) == before, "a refused reflection was saved"


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


FILE_NAMES = st.one_of(
    st.sampled_from(
        ["handout.pdf", "a.PDF", ".pdf", "x.exe", "evil.html", "../../etc/passwd.txt", "a\x00.txt",
         "n" * 300 + ".txt", "résumé.docx", "<script>.png", "noextension", "CON.txt", "a.txt.exe", " .txt"]
    ),
    st.text(min_size=1, max_size=30).map(lambda stem: stem + ".txt"),
)  # fmt: skip
FILE_CONTENT = st.one_of(
    st.just(b""),
    st.binary(max_size=2048),
    st.sampled_from([b"%PDF-1.7\n%\xe2\xe3\n", b"\x89PNG\r\n\x1a\n", b"MZ\x90\x00", b"<html>x</html>",
                     b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "plain text, é".encode()]),
)  # fmt: skip


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


ROADBLOCK_MANAGEMENT = {
    "roadblocks-TOTAL_FORMS": "3",
    "roadblocks-INITIAL_FORMS": "0",
    "roadblocks-MIN_NUM_FORMS": "0",
    "roadblocks-MAX_NUM_FORMS": "3",
}


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(
    overrides=hostile_overrides(
        ["reflected_on", "shared_with_principal", "roadblocks-TOTAL_FORMS", "roadblocks-INITIAL_FORMS",
         "roadblocks-0-explanation", "roadblocks-0-category", "roadblocks-0-potential_solution",
         "roadblocks-1-explanation", "roadblocks-1-category", "roadblocks-2-category"]
    )
)  # fmt: skip
def test_roadblocks_reflection_survives_hostile_input(librarian_client, overrides):
    from taxonomy.models import Roadblock, RoadblocksReflection

    valid = {**ROADBLOCK_MANAGEMENT, "reflected_on": "2025-11-14", "roadblocks-0-category": "scheduling",
             "roadblocks-0-explanation": "No common planning time."}  # fmt: skip
    with rolled_back():
        before = counts(RoadblocksReflection, Roadblock)
        url = reverse("taxonomy:reflection_create", kwargs={"kind": "roadblocks"})
        response = submit(librarian_client, url, apply(valid, overrides))
        after = counts(RoadblocksReflection, Roadblock)
        if response.status_code == 200:
            assert after == before, "a refused roadblocks reflection saved something"
        else:
            assert after["RoadblocksReflection"] == before["RoadblocksReflection"] + 1
            assert 1 <= after["Roadblock"] - before["Roadblock"] <= 3


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(overrides=hostile_overrides(["category", "strategy", "text", "due_on"]))
def test_action_item_create_survives_hostile_input(librarian_client, librarian, school, overrides):
    from taxonomy.models import ActionItem
    from tests.factories import RoadblocksReflectionFactory

    with rolled_back():
        reflection = RoadblocksReflectionFactory(school=school, author=librarian)
        valid = {"category": "scheduling", "strategy": "scheduling-4", "due_on": "2025-12-01"}
        before = counts(ActionItem)
        url = reverse("taxonomy:action_item_create", args=[reflection.pk])
        response = submit(librarian_client, url, apply(valid, overrides), ok=(302, 400))
        if response.status_code == 400:
            assert counts(ActionItem) == before, "a refused action item was saved"
        else:
            item = ActionItem.objects.get(reflection=reflection)
            assert item.text.strip() and item.due_on


@pytest.mark.django_db
@settings(FUZZ, max_examples=15)
@given(overrides=hostile_overrides(["done"]))
def test_action_item_done_survives_hostile_input(librarian_client, librarian, school, overrides):
    from tests.factories import ActionItemFactory, RoadblocksReflectionFactory

    with rolled_back():
        item = ActionItemFactory(reflection=RoadblocksReflectionFactory(school=school, author=librarian))
        url = reverse("taxonomy:action_item_done", args=[item.pk])
        submit(librarian_client, url, apply({"done": "on"}, overrides), ok=(302,))
        item.refresh_from_db()
        assert item.done_on is None or item.done_on <= dt.date.today() + dt.timedelta(days=1)


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(
    kind=st.sampled_from(["taxonomy", "benefits", "roadblocks"]),
    action=st.sampled_from(["share", "delete"]),
    body=hostile_overrides(["shared", "confirm", "pk", "author"]),
)
def test_reflection_share_and_delete_survive_hostile_bodies(librarian_client, librarian, school, kind, action,
                                                            body):  # fmt: skip
    from taxonomy.models import BenefitsReflection, RoadblocksReflection, TaxonomyReflection
    from tests import factories

    factory = {
        "taxonomy": factories.TaxonomyReflectionFactory,
        "benefits": factories.BenefitsReflectionFactory,
        "roadblocks": factories.RoadblocksReflectionFactory,
    }[kind]
    models = (TaxonomyReflection, BenefitsReflection, RoadblocksReflection)
    with rolled_back():
        reflection = factory(school=school, author=librarian)
        before = counts(*models)
        url = reverse(f"taxonomy:reflection_{action}", kwargs={"kind": kind, "pk": reflection.pk})
        submit(librarian_client, url, apply({}, body), ok=(302,))
        model = type(reflection)
        if action == "delete":
            assert not model.objects.filter(pk=reflection.pk).exists()
            assert counts(*models)[model.__name__] == before[model.__name__] - 1
        else:
            reflection.refresh_from_db()
            shared = body.get("shared")
            sent = shared[-1] if isinstance(shared, list) else shared  # the last of repeated values counts
            assert reflection.shared_with_principal == (sent == "1")
            assert counts(*models) == before


@pytest.mark.django_db
@pytest.mark.parametrize("category", ["%s%s%n", "%d", "50%_off"])
def test_action_item_with_a_format_string_category_is_refused(librarian_client, librarian, school, category):
    """Regression: the posted category went into the form's auto_id format string (TypeError, a 500)."""
    from taxonomy.models import ActionItem
    from tests.factories import RoadblocksReflectionFactory

    reflection = RoadblocksReflectionFactory(school=school, author=librarian)
    url = reverse("taxonomy:action_item_create", args=[reflection.pk])
    response = librarian_client.post(url, {"category": category, "text": "Plan", "due_on": "2025-12-01"})
    assert response.status_code == 400
    assert not ActionItem.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["teachers", "grades"])
def test_quick_log_refuses_an_id_beyond_the_integer_range(librarian_client, field):
    """Regression: a teacher or grade id of 40 digits crashed the `pk__in` lookup on SQLite (a 500)."""
    from units.models import Unit

    data = {"start_date": "2025-10-15", "title": "Food webs", "level": "2", field: "9" * 40}
    response = librarian_client.post(reverse("units:quick_log"), data)
    assert response.status_code == 200
    assert not Unit.objects.exists()


# --- Imports (/data/): uploads of anything, hostile mappings, tampered tokens ----------------------------
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


# --- Password reset (django.contrib.auth) -----------------------------------------------------------------
@pytest.mark.django_db
@FUZZ
@given(overrides=hostile_overrides(["email"]))
def test_password_reset_survives_hostile_emails(client, librarian, overrides):
    from django.core import mail

    librarian.email = "alice@example.org"
    librarian.save()
    with rolled_back():
        mail.outbox = []
        submit(client, reverse("password_reset"), apply({"email": librarian.email}, overrides), ok=(200, 302))
        assert len(mail.outbox) <= 1
        for message in mail.outbox:
            assert message.to == [librarian.email]


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(
    uid=st.one_of(st.just(None), HOSTILE_VALUE.filter(lambda value: "/" not in value and len(value) < 200)),
    token=st.one_of(st.just(None), HOSTILE_VALUE.filter(lambda value: "/" not in value and len(value) < 200)),
    overrides=hostile_overrides(["new_password1", "new_password2"]),
)
def test_password_reset_confirm_survives_hostile_input(client, librarian, uid, token, overrides):
    """None keeps the real uid or token: the hostile part is then the rest of the link or the new password."""
    from urllib.parse import quote

    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    real_uid = urlsafe_base64_encode(force_bytes(librarian.pk))
    real_token = default_token_generator.make_token(librarian)
    link = reverse("password_reset_confirm", kwargs={"uidb64": "UID", "token": "TOKEN"})
    link = link.replace("UID", quote(real_uid if uid is None else uid, safe="")).replace(
        "TOKEN", quote(real_token if token is None else token, safe="")
    )
    new = "a-much-longer-passphrase-2026"
    with rolled_back():
        response = client.get(link, follow=True)
        assert response.status_code < 500
        target = response.redirect_chain[-1][0] if response.redirect_chain else link
        data = apply({"new_password1": new, "new_password2": new}, overrides)
        # 404: a link the URL pattern does not match (an empty token, say).
        response = submit(client, target, data, ok=(200, 302, 404))
        librarian.refresh_from_db()
        if response.status_code != 302:
            assert librarian.check_password(PASSWORD), "a refused password reset changed the password"
        client.logout()


# Regression (fixed in reports/ by 466c1a3): a count beyond PostgreSQL's integer column passed the form and
# failed the model's full_clean in the service, a 500 that SQLite's wider integers hid.
@pytest.mark.django_db
def test_statistics_with_a_count_beyond_the_integer_column_is_not_a_server_error(librarian_client):
    from reports.models import MonthlyStatistics

    url = reverse("reports:statistics", kwargs={"school_year": "2025-26"})
    response = librarian_client.post(url, {"m2025-09-circulation": str(2**31)})
    assert response.status_code == 200, "a count beyond the column was accepted"
    assert not MonthlyStatistics.objects.exists()


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


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(
    kind=st.sampled_from(["taxonomy", "benefits", "roadblocks"]),
    overrides=hostile_overrides(
        ["reflected_on", "level", "working_well", "teachers", "seen_students", "shared_with_principal",
         "roadblocks-TOTAL_FORMS", "roadblocks-0-explanation", "roadblocks-0-category"]
    ),
)  # fmt: skip
def test_reflection_edit_survives_hostile_input(librarian_client, librarian, school, kind, overrides):
    from taxonomy.models import Roadblock
    from tests import factories

    with rolled_back():
        if kind == "roadblocks":
            reflection = factories.RoadblockFactory(
                reflection=factories.RoadblocksReflectionFactory(school=school, author=librarian)
            ).reflection
        else:
            factory = getattr(factories, f"{kind.capitalize()}ReflectionFactory")
            reflection = factory(school=school, author=librarian)
        model = type(reflection)
        before = model.objects.filter(pk=reflection.pk).values().get()
        roadblocks_before = list(Roadblock.objects.values())
        valid = {**ROADBLOCK_MANAGEMENT, "reflected_on": "2025-11-20", "level": "3", "working_well": "Plans.",
                 "roadblocks-0-category": "scheduling", "roadblocks-0-explanation": "No time."}  # fmt: skip
        url = reverse("taxonomy:reflection_edit", kwargs={"kind": kind, "pk": reflection.pk})
        response = submit(librarian_client, url, apply(valid, overrides))
        if response.status_code == 200:
            assert model.objects.filter(pk=reflection.pk).values().get() == before, "a refused edit saved"
            assert list(Roadblock.objects.values()) == roadblocks_before


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


@pytest.mark.django_db
@settings(FUZZ, max_examples=15)
@given(params=hostile_overrides(["year"]))
def test_portfolio_year_survives_hostile_query_strings(librarian_client, params):
    response = librarian_client.get(reverse("taxonomy:portfolio_pdf"), apply({}, params))
    assert response.status_code in (200, 404)


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


PATH_SEGMENT = HOSTILE_VALUE.filter(lambda value: value.strip() and len(value) < 200)


@pytest.mark.django_db
@settings(FUZZ, max_examples=25)
@given(
    name=st.sampled_from(["reports:annual", "reports:dashboard_year", "reports:board", "reports:statistics"]),
    school_year=PATH_SEGMENT,
)
def test_report_pages_survive_hostile_school_years(librarian_client, name, school_year):
    from urllib.parse import quote

    url = reverse(name, kwargs={"school_year": "YEAR"}).replace("YEAR", quote(school_year, safe=""))
    assert librarian_client.get(url).status_code in (200, 302, 404)


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(year=st.integers(min_value=0, max_value=10**30), month=st.integers(min_value=0, max_value=10**20))
def test_monthly_report_survives_hostile_year_and_month(librarian_client, year, month):
    response = librarian_client.get(reverse("reports:monthly", kwargs={"year": year, "month": month}))
    assert response.status_code in (200, 302, 404)
