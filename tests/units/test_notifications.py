"""Teachers told when they are added as partners: queued by the units services, batched to at most one
e-mail a day per person, delivered to a real SMTP server on loopback; the log import tells nobody."""

import datetime as dt
import threading

import pytest
from django.db import connection

from collabtrack.mail import preference_set
from collabtrack.models import MessageKind, Role
from collabtrack.spreadsheets import Table
from reports.imports.log_parse import guess_mapping
from reports.imports.log_services import log_import_save
from tests import mail_server
from tests.factories import MembershipFactory, StaffMemberFactory, UnitFactory, UserFactory
from tests.units.conftest import plan_post
from units import plan_services, services
from units.forms import QuickLogForm, UnitPlanForm, plan_formsets
from units.models import PartnerNotice, PartnerNoticeDigest
from units.notifications import send_partner_notices

smtp_server = mail_server.smtp_server  # the fixture, for the tests of this module

MONDAY = dt.date(2025, 10, 6)


def quick_log(school, librarian, title, *teachers, start="2025-10-06"):
    form = QuickLogForm(
        {"start_date": start, "title": title, "level": "2", "teachers": [str(t.pk) for t in teachers]},
        school=school,
    )
    assert form.is_valid(), form.errors
    return services.unit_create(school=school, created_by=librarian, **form.to_service_kwargs())


@pytest.fixture
def colleague_without_login(school):
    return StaffMemberFactory(school=school, name="Marcus Bell")


@pytest.fixture
def second_teacher(school):
    user = UserFactory(username="rita-teacher", first_name="Rita", last_name="Ng")
    MembershipFactory(user=user, school=school, role=Role.TEACHER)
    StaffMemberFactory(school=school, name="Rita Ng", user=user)
    return user


def test_a_notice_is_queued_only_for_teachers_with_a_login(
    school, librarian, teacher, teacher_staff, colleague_without_login
):
    unit = quick_log(school, librarian, "Volcano research", teacher_staff, colleague_without_login)

    assert list(PartnerNotice.objects.values_list("unit_id", "staff_member_id")) == [
        (unit.pk, teacher_staff.pk)
    ]


def test_each_teacher_gets_one_email_a_day_listing_their_units(
    smtp_server, school, librarian, teacher, teacher_staff, second_teacher
):
    rita = second_teacher.staff_entries.get()
    first = quick_log(school, librarian, "Volcano research", teacher_staff)
    second = quick_log(school, librarian, "Poetry slam", teacher_staff, rita)

    send_partner_notices(MONDAY)

    (mail,) = smtp_server.to(teacher.email)
    assert mail.message["Subject"] == "You were added as a teacher partner on 2 units"
    for unit in (first, second):
        link = f"https://library.example.org/units/{unit.pk}/"
        assert unit.title in mail.text and link in mail.text and f'href="{link}"' in mail.html
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    (rita_mail,) = smtp_server.to(second_teacher.email)
    assert "Poetry slam" in rita_mail.text and "Volcano research" not in rita_mail.text

    third = quick_log(school, librarian, "Local history archive", teacher_staff)
    send_partner_notices(MONDAY)  # the same day: the new unit waits
    assert len(smtp_server.to(teacher.email)) == 1
    send_partner_notices(MONDAY + dt.timedelta(days=1))
    later = smtp_server.to(teacher.email)[1]
    assert later.message["Subject"].strip() == f"You were added as a teacher partner on “{third.title}”"
    assert "Volcano research" not in later.text
    assert len(smtp_server.received) == 3


def test_saving_a_unit_again_tells_nobody_twice_but_a_copy_is_a_new_unit(
    smtp_server, school, librarian, teacher, teacher_staff
):
    unit = quick_log(school, librarian, "Volcano research", teacher_staff)
    unit.refresh_from_db()
    form = UnitPlanForm(plan_post(unit, overview="Revised"), instance=unit, school=school)
    assert form.is_valid(), form.errors
    formsets = plan_formsets(plan_post(unit), unit)
    assert all(formset.is_valid() for formset in formsets.values())
    plan_services.unit_plan_save(unit=unit, user=librarian, **form.to_service_kwargs(formsets))
    unit.teachers.remove(teacher_staff)
    unit.teachers.add(teacher_staff)
    copy = services.unit_copy(
        unit=unit, user=librarian, title="Year 2", start_date=MONDAY, teacher_ids=[teacher_staff.pk]
    )
    services.unit_copy(
        unit=unit, user=librarian, title="Copy without teachers", start_date=MONDAY, teacher_ids=[]
    )

    assert sorted(PartnerNotice.objects.values_list("unit_id", flat=True)) == sorted([unit.pk, copy.pk])
    send_partner_notices(MONDAY)
    assert len(smtp_server.to(teacher.email)) == 1


def test_the_log_import_tells_nobody(smtp_server, school, librarian, teacher, teacher_staff):
    header = ["Date", "Unit", "Teachers", "Level"]
    rows = [[f"2024-10-0{day}", f"Imported unit {day}", teacher_staff.name, "2"] for day in range(1, 6)]
    table = Table(header=header, rows=rows, line_numbers=list(range(2, 7)))

    result = log_import_save(school=school, librarian=librarian, table=table, mapping=guess_mapping(header))

    assert teacher_staff.units.count() == 5, result
    assert not PartnerNotice.objects.exists()
    assert send_partner_notices(MONDAY) == []
    assert smtp_server.received == []


def test_turned_off_or_removed_again_means_no_email(
    smtp_server, school, librarian, teacher, teacher_staff, second_teacher
):
    preference_set(user=second_teacher, kind=MessageKind.PARTNER_NOTICES, enabled=False)
    quick_log(school, librarian, "Poetry slam", second_teacher.staff_entries.get())
    removed = quick_log(school, librarian, "Volcano research", teacher_staff)
    removed.teachers.remove(teacher_staff)

    assert send_partner_notices(MONDAY) == []

    assert smtp_server.received == []
    # Dropped, not kept: turning notices on again later does not send a pile of old ones.
    assert set(PartnerNotice.objects.values_list("skipped", flat=True)) == {True}


def test_units_in_the_bin_wait(smtp_server, school, librarian, teacher, teacher_staff):
    unit = quick_log(school, librarian, "Volcano research", teacher_staff)
    services.unit_delete(unit=unit, user=librarian)

    assert send_partner_notices(MONDAY) == []
    services.unit_restore(unit=unit, user=librarian)
    assert [result.user for result in send_partner_notices(MONDAY)] == [teacher]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_on_the_same_day_send_one_email(smtp_server, school, librarian, teacher, teacher_staff):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads share no real database with an in-memory SQLite test database")
    for title in ("Volcano research", "Poetry slam"):
        UnitFactory(school=school, title=title).teachers.add(teacher_staff)
    PartnerNotice.objects.bulk_create(
        [PartnerNotice(unit=unit, staff_member=teacher_staff) for unit in teacher_staff.units.all()]
    )
    barrier, errors = threading.Barrier(2), []

    def worker():
        try:
            barrier.wait(timeout=10)
            send_partner_notices(MONDAY)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(smtp_server.to(teacher.email)) == 1
    assert PartnerNoticeDigest.objects.get().notices.count() == 2
