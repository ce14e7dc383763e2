"""Unit pages for every persona: librarian, teacher partner, other teacher, principal, district, outsider."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collabtrack.models import Role
from tests import factories
from tests.factories import (
    MembershipFactory,
    StaffMemberFactory,
    UnitFactory,
    UserFactory,
)
from tests.units.conftest import plan_post, rows
from units.models import Attachment, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def non_partner_client(client_for, school):
    user = UserFactory(username="nina-nonpartner")
    MembershipFactory(user=user, school=school, role=Role.TEACHER)
    StaffMemberFactory(school=school, name="Nina Nonpartner", user=user)
    return client_for(user, school)


READ_PAGES = ["units:detail", "units:pdf"]


# --- reading ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "persona", ["librarian_client", "teacher_client", "principal_client", "district_client"]
)
def test_every_member_of_the_school_reads_the_list_unit_page_and_pdf(request, persona, unit):
    client = request.getfixturevalue(persona)
    assert client.get(reverse("units:list")).status_code == 200
    for name in READ_PAGES:
        assert client.get(reverse(name, args=[unit.pk])).status_code == 200, name


def test_another_schools_unit_is_a_404_on_every_unit_url(outsider_client, unit):
    for name in ["units:detail", "units:pdf", "units:edit", "units:copy", "units:delete"]:
        assert outsider_client.get(reverse(name, args=[unit.pk])).status_code == 404, name
    assert outsider_client.post(reverse("units:restore", args=[unit.pk])).status_code == 404
    assert outsider_client.post(reverse("units:attachment_upload", args=[unit.pk])).status_code == 404


def test_the_list_shows_only_the_schools_units(librarian_client, unit, other_unit):
    content = librarian_client.get(reverse("units:list")).content.decode()
    assert unit.title in content and other_unit.title not in content


def test_anonymous_users_are_sent_to_log_in(client, unit):
    response = client.get(reverse("units:detail", args=[unit.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- the quick log ---------------------------------------------------------------------------------------
def test_quick_log_page_renders_the_rubric_for_the_librarian(librarian_client):
    content = librarian_client.get(reverse("units:quick_log")).content.decode()
    assert '<fieldset class="rubric"' in content and content.count('type="radio"') == 4
    assert "rubric.js" in content and "<script>" not in content and 'style="' not in content


@pytest.mark.parametrize("persona", ["teacher_client", "principal_client", "district_client"])
def test_only_the_librarian_logs_units(request, persona):
    client = request.getfixturevalue(persona)
    assert client.get(reverse("units:quick_log")).status_code == 403
    assert client.post(reverse("units:quick_log"), {"title": "x"}).status_code == 403


def test_logging_a_unit(librarian_client, school, colleague):
    response = librarian_client.post(
        reverse("units:quick_log"),
        {
            "start_date": "2025-11-03",
            "title": "Poetry café",
            "level": "3",
            "grades": ["6"],
            "teachers": [colleague.pk],
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("units:quick_log")
    unit = Unit.objects.get(title="Poetry café")
    assert unit.school == school and unit.level == 3 and list(unit.teachers.all()) == [colleague]


def test_log_and_open_the_full_template(librarian_client):
    response = librarian_client.post(
        reverse("units:quick_log"),
        {"start_date": "2025-11-03", "title": "Myths", "level": "1", "open_template": "1"},
    )
    assert response["Location"] == reverse("units:edit", args=[Unit.objects.get(title="Myths").pk])


def test_level_4_without_a_gap_is_refused_with_the_message_next_to_the_rubric(librarian_client):
    response = librarian_client.post(
        reverse("units:quick_log"), {"start_date": "2025-11-03", "title": "Data unit", "level": "4"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_level_error"' in content and "gap in test data" in content
    assert 'aria-describedby="id_level_error"' in content
    assert 'value="Data unit"' in content  # the input is kept
    assert not Unit.objects.filter(title="Data unit").exists()


# --- the full template -----------------------------------------------------------------------------------
def test_the_teacher_partner_edits_the_plan(teacher_client, unit):
    assert teacher_client.get(reverse("units:edit", args=[unit.pk])).status_code == 200
    data = plan_post(unit, overview="A field guide to the pond.")
    response = teacher_client.post(reverse("units:edit", args=[unit.pk]), data)
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.overview == "A field guide to the pond." and unit.version == 2


@pytest.mark.parametrize("persona", ["non_partner_client", "principal_client", "district_client"])
def test_readers_may_not_edit(request, persona, unit):
    client = request.getfixturevalue(persona)
    assert client.get(reverse("units:edit", args=[unit.pk])).status_code == 403
    assert client.post(reverse("units:edit", args=[unit.pk]), plan_post(unit)).status_code == 403


def test_two_editors_at_once_the_second_save_is_refused_and_keeps_its_input(
    librarian_client, teacher_client, unit
):
    url = reverse("units:edit", args=[unit.pk])
    librarian_data = plan_post(unit, overview="The librarian's overview.")
    teacher_data = plan_post(unit, overview="The teacher's overview.")  # both opened version 1
    assert teacher_client.post(url, teacher_data).status_code == 302
    response = librarian_client.post(url, librarian_data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "after you opened it" in content and "The librarian&#x27;s overview." in content
    assert 'name="version" value="2"' in content  # a deliberate second save may replace theirs
    unit.refresh_from_db()
    assert unit.overview == "The teacher's overview."
    # Saving again, knowingly, now wins.
    assert librarian_client.post(url, {**librarian_data, "version": "2"}).status_code == 302
    unit.refresh_from_db()
    assert unit.overview == "The librarian's overview." and unit.version == 3


def test_history_records_who_changed_the_unit(librarian_client, teacher, teacher_client, unit):
    teacher_client.post(
        reverse("units:edit", args=[unit.pk]), plan_post(unit, learning_product="A field guide")
    )
    record = unit.history.first()
    assert record.history_user == teacher and record.learning_product == "A field guide"
    content = librarian_client.get(reverse("units:detail", args=[unit.pk])).content.decode()
    assert "History of changes" in content and "Learning product" in content


def test_invalid_plan_shows_errors_and_keeps_input(librarian_client, unit):
    data = plan_post(
        unit,
        end_date="2025-10-01",
        **rows("resources", {"kind": "electronic", "citation": "Bad link", "url": "javascript:alert(1)"}),
    )
    response = librarian_client.post(reverse("units:edit", args=[unit.pk]), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "cannot be before its start" in content and "http:// or https://" in content
    assert "Bad link" in content


def test_the_unit_page_highlights_gap_duties_and_keeps_pasted_standards_escaped(librarian_client, unit):
    from tests.factories import DutyFactory

    DutyFactory(unit=unit, description="Teach source evaluation", addresses_gap=True)
    DutyFactory(unit=unit, owner="teacher", description="Grade the guides")
    unit.content_standards = "1. <b>Cite</b> evidence\n2. Summarize"
    unit.save()
    content = librarian_client.get(reverse("units:detail", args=[unit.pk])).content.decode()
    assert '<mark class="gap-duty"><span class="keep-lines">Teach source evaluation</span>' in content
    assert (
        "Grade the guides" in content
        and '<mark class="gap-duty"><span class="keep-lines">Grade' not in content
    )
    assert "1. &lt;b&gt;Cite&lt;/b&gt; evidence\n2. Summarize" in content
    assert "How complete the plan is" in content


# --- copy, delete, restore -------------------------------------------------------------------------------
def test_the_librarian_copies_a_unit(librarian_client, unit, colleague):
    url = reverse("units:copy", args=[unit.pk])
    assert librarian_client.get(url).status_code == 200
    response = librarian_client.post(
        url, {"title": "Copy", "start_date": "2026-10-05", "teachers": [colleague.pk]}
    )
    copy = Unit.objects.get(title="Copy")
    assert response["Location"] == reverse("units:detail", args=[copy.pk])
    assert copy.level is None and copy.start_date == dt.date(2026, 10, 5)


@pytest.mark.parametrize("name", ["units:copy", "units:delete"])
@pytest.mark.parametrize("persona", ["teacher_client", "principal_client", "district_client"])
def test_only_the_librarian_copies_and_deletes(request, persona, name, unit):
    client = request.getfixturevalue(persona)
    assert client.get(reverse(name, args=[unit.pk])).status_code == 403
    assert client.post(reverse(name, args=[unit.pk])).status_code == 403


def test_delete_asks_first_then_undo_restores(librarian_client, unit):
    delete_url = reverse("units:delete", args=[unit.pk])
    assert "Delete the unit" in librarian_client.get(delete_url).content.decode()
    assert Unit.objects.filter(pk=unit.pk).exists()  # asking deleted nothing
    assert librarian_client.post(delete_url).status_code == 302
    assert librarian_client.get(reverse("units:detail", args=[unit.pk])).status_code == 404
    assert unit.title in librarian_client.get(reverse("units:deleted")).content.decode()
    response = librarian_client.post(reverse("units:restore", args=[unit.pk]))
    assert response["Location"] == reverse("units:detail", args=[unit.pk])
    assert librarian_client.get(reverse("units:detail", args=[unit.pk])).status_code == 200


def test_restore_is_post_only_librarian_only_and_only_for_deleted_units(
    librarian_client, teacher_client, unit
):
    url = reverse("units:restore", args=[unit.pk])
    assert librarian_client.get(url).status_code == 405
    assert teacher_client.post(url).status_code == 403
    assert librarian_client.post(url).status_code == 404  # not in the bin
    assert teacher_client.get(reverse("units:deleted")).status_code == 403


# --- attachments -----------------------------------------------------------------------------------------


def test_attachment_upload_and_download(media, teacher_client, principal_client, outsider_client, unit):
    upload = SimpleUploadedFile("Pond organizer.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    url = reverse("units:attachment_upload", args=[unit.pk])
    assert teacher_client.post(url, {"kind": "organizer", "file": upload}).status_code == 302
    attachment = Attachment.objects.get()
    download = reverse("units:attachment_download", args=[unit.pk, attachment.pk])
    response = principal_client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Pond organizer.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert outsider_client.get(download).status_code == 404


def test_a_bad_upload_is_refused_with_the_reason(media, librarian_client, unit):
    upload = SimpleUploadedFile("handout.pdf", b"<html><script>alert(1)</script></html>")
    response = librarian_client.post(
        reverse("units:attachment_upload", args=[unit.pk]), {"kind": "handout", "file": upload}
    )
    assert response.status_code == 400
    assert "does not match" in response.content.decode()
    assert not Attachment.objects.exists()


def test_readers_cannot_upload_or_remove_attachments(media, librarian_client, principal_client, unit):
    upload = SimpleUploadedFile("notes.txt", b"plain notes")
    librarian_client.post(
        reverse("units:attachment_upload", args=[unit.pk]), {"kind": "handout", "file": upload}
    )
    attachment = Attachment.objects.get()
    upload = SimpleUploadedFile("more.txt", b"more")
    assert (
        principal_client.post(
            reverse("units:attachment_upload", args=[unit.pk]), {"kind": "handout", "file": upload}
        ).status_code
        == 403
    )
    delete_url = reverse("units:attachment_delete", args=[unit.pk, attachment.pk])
    assert principal_client.post(delete_url).status_code == 403
    assert librarian_client.get(delete_url).status_code == 405
    assert librarian_client.post(delete_url).status_code == 302
    assert not Attachment.objects.exists()


def test_upload_is_post_only(librarian_client, unit):
    assert librarian_client.get(reverse("units:attachment_upload", args=[unit.pk])).status_code == 405


@pytest.mark.parametrize("name", ["units:list", "units:detail", "units:pdf", "units:deleted"])
def test_read_pages_refuse_post(librarian_client, unit, name):
    args = [] if name in ("units:list", "units:deleted") else [unit.pk]
    assert librarian_client.post(reverse(name, args=args)).status_code == 405


# --- the list: filters, sorting, pagination, query budget -----------------------------------------------
def test_list_filters_sort_and_search(librarian_client, school, teacher_staff):
    UnitFactory(
        school=school, title="Poetry café", start_date=dt.date(2025, 11, 3), level=1, status="completed"
    )
    gap_unit = UnitFactory(school=school, title="Data unit", start_date=dt.date(2026, 2, 9), level=4)
    factories.TestDataGapFactory(unit=gap_unit)
    gap_unit.teachers.add(teacher_staff)
    gap_unit.grades.set([7])
    UnitFactory(school=school, title="Old unit", start_date=dt.date(2024, 10, 1), level=2)

    def titles(**query):
        response = librarian_client.get(reverse("units:list"), query)
        assert response.status_code == 200
        return [row.title for row in response.context["listing"].rows]

    assert titles() == ["Data unit", "Poetry café", "Old unit"]
    assert titles(year="2025-26") == ["Data unit", "Poetry café"]
    assert titles(month="11") == ["Poetry café"]
    assert titles(level="4") == ["Data unit"]
    assert titles(grade="7") == ["Data unit"]
    assert titles(teacher=str(teacher_staff.pk)) == ["Data unit"]
    assert titles(status="completed") == ["Poetry café"]
    assert titles(q="poetry") == ["Poetry café"]
    assert titles(q="Tom Teacher") == ["Data unit"]
    assert titles(sort="title") == ["Data unit", "Old unit", "Poetry café"]
    assert titles(sort="date") == ["Old unit", "Poetry café", "Data unit"]
    assert titles(level="nonsense") == ["Data unit", "Poetry café", "Old unit"]  # ignored, not an error


def test_list_paginates_and_keeps_filters_in_page_links(librarian_client, school):
    for day in range(1, 28):
        UnitFactory(school=school, title=f"Unit {day:02d}", start_date=dt.date(2025, 10, day), level=2)
    response = librarian_client.get(reverse("units:list"), {"level": "2"})
    assert len(response.context["listing"].rows) == 25
    assert "level=2&amp;page=2" in response.content.decode()
    assert (
        len(librarian_client.get(reverse("units:list"), {"level": "2", "page": "2"}).context["listing"].rows)
        == 2
    )


def _make_units(school, teacher_staff, count):
    for index in range(count):
        unit = UnitFactory(school=school, start_date=dt.date(2025, 10, 1) + dt.timedelta(days=index))
        unit.teachers.add(teacher_staff, StaffMemberFactory(school=school))
        unit.grades.set([6, 7])


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_query_budget_does_not_grow_with_the_number_of_units(
    librarian_client, school, teacher_staff, count, django_assert_num_queries
):
    _make_units(school, teacher_staff, count)
    # session + user + membership (3), filter choices: staff (1), count + page + grades + teachers (4)
    with django_assert_num_queries(8):
        response = librarian_client.get(reverse("units:list"), {"sort": "title"})
    assert response.status_code == 200


def test_the_filtered_list_keeps_the_same_budget(
    librarian_client, school, teacher_staff, django_assert_num_queries
):
    _make_units(school, teacher_staff, 12)
    with django_assert_num_queries(8):
        librarian_client.get(
            reverse("units:list"), {"grade": "7", "q": "Unit", "teacher": str(teacher_staff.pk)}
        )


def test_the_full_template_refuses_level_4_without_a_gap_next_to_the_rubric(librarian_client, unit):
    response = librarian_client.post(reverse("units:edit", args=[unit.pk]), plan_post(unit, level="4"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_level_error"' in content and "gap in test data" in content
    unit.refresh_from_db()
    assert unit.level == 2 and unit.version == 1
    data = plan_post(
        unit, level="4", **rows("gaps", {"content_area": "Reading", "performance_indicator": "Infers"})
    )
    assert librarian_client.post(reverse("units:edit", args=[unit.pk]), data).status_code == 302


def test_a_teacher_cannot_add_people_to_the_staff_directory(teacher_client, unit):
    from collabtrack.models import StaffMember

    assert (
        "new_teacher_name" not in teacher_client.get(reverse("units:edit", args=[unit.pk])).content.decode()
    )
    data = plan_post(unit, new_teacher_name="Invented Person")
    assert teacher_client.post(reverse("units:edit", args=[unit.pk]), data).status_code == 302
    assert not StaffMember.objects.filter(name="Invented Person").exists()
