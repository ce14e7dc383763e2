"""The staff roster import as the librarian uses it (issue 12): upload a OneRoster export or a plain list,
check every row, confirm; the staff directory is updated through the staff services, all or nothing."""

import io
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from collabtrack.models import Invitation, Membership, Role, School, StaffMember
from reports.imports import staging
from reports.imports.roster_parse import Roster, RosterRow
from reports.imports.roster_services import RosterImportRefused, roster_import_save
from tests.factories import StaffMemberFactory, UserFactory
from tests.fuzzing import FILE_CONTENT, FUZZ, HOSTILE_VALUE, counts, rolled_back, submit
from tests.job_helpers import finish_job, job_of, run_queued_jobs
from tests.reports.imports.roster_files import STUDENT_WORDS, oneroster_zip, sample_text, users_without

pytestmark = pytest.mark.django_db


def upload(client, content: bytes, name: str = "oneroster.zip"):
    return client.post(reverse("data:roster_upload"), {"file": SimpleUploadedFile(name, content)})


def staged(response) -> str:
    assert response.status_code == 302, response.context and response.context["form"].errors
    return response.url.rstrip("/").split("/")[-1]


def preview(client, token: str):
    response = client.get(reverse("data:roster_preview", args=[token]))
    assert response.status_code == 200
    return response


def confirm(client, token: str):
    return finish_job(client, client.post(reverse("data:roster_confirm", args=[token])))


def directory(school) -> dict[str, tuple]:
    """Every entry of the school as (e-mail, title, grades, active, roster id), by name."""
    return {
        member.name: (
            member.email,
            member.title,
            sorted(grade.order for grade in member.grades.all()),
            member.active,
            member.roster_source_id,
        )
        for member in StaffMember.objects.filter(school=school).prefetch_related("grades")
    }


def test_a_oneroster_export_adds_updates_and_inactivates_staff(
    librarian_client, librarian, school, other_school
):
    StaffMemberFactory(school=school, name="Priya  Shah", title="Grade 7 science", email="")  # by hand
    StaffMemberFactory(school=school, name="Lee Park", title="Art", email="lee.park@riverside.example")
    StaffMemberFactory(school=school, name="Gone Teacher", roster_source_id="t-900")  # left since
    StaffMemberFactory(school=school, name="Hand Added", roster_source_id="")  # never in the roster
    StaffMemberFactory(school=other_school, name="Ann Hill")

    token = staged(upload(librarian_client, oneroster_zip()))
    response = preview(librarian_client, token)
    page, shown = response.content.decode(), response.context["preview"]
    assert shown.org.source_id == "org-rms"  # matched by the school's name, no question asked
    assert (shown.new_count, shown.update_count, shown.unchanged_count, shown.skip_count) == (3, 2, 0, 0)
    assert [member.name for member in shown.inactivated] == ["Gone Teacher"]
    assert "<strong>3</strong> student rows were refused: CollabTrack keeps no student data." in page
    assert "<strong>1</strong> staff row belongs to other schools" in page
    assert "<strong>1</strong> row was of parents, guardians or other roles" in page
    assert "inactive (disabled in the roster)" in page and "Grades CollabTrack does not keep" in page
    assert not any(word in page for word in STUDENT_WORDS)
    kept = staging.load_for_job(kind="roster", token=token, school_id=school.pk, user_id=librarian.pk)
    assert kept["roster"]["students"] == 3 and not any(word in str(kept) for word in STUDENT_WORDS)
    assert StaffMember.objects.filter(school=school).count() == 4  # nothing saved before the confirmation

    done = confirm(librarian_client, token).content.decode()
    assert "Staff directory updated from oneroster.zip: 3 added, 2 updated, 1 made inactive." in done
    after = directory(school)
    assert after["Priya Shah"] == ("priya.shah@riverside.example", "Grade 7 science", [7], True, "t-001")
    assert after["Marcus Bell"] == ("marcus.bell@riverside.example", "Teacher", [6, 7, 8], True, "t-002")
    assert after["Dana Ortiz"][1:] == ("Administrator", [], True, "a-001")
    assert after["Sam Rivera"][1:] == ("Aide", [6], True, "d-001")
    assert after["Lee Park"] == ("lee.park@riverside.example", "Art", [8], False, "t-003")  # disabled
    assert after["Gone Teacher"][3] is False  # missing from the full export: inactive, not deleted
    assert after["Hand Added"][3] is True  # never from the roster: left alone
    assert "Ann Hill" not in after and "Zoe Quinlan" not in after
    assert School.objects.get(pk=school.pk).roster_source_id == "org-rms"

    # The same file again changes nothing.
    token = staged(upload(librarian_client, oneroster_zip()))
    again = preview(librarian_client, token)
    assert again.context["preview"].unchanged_count == 6 - 1  # Lee Park is already inactive
    assert "There is nothing to change." in again.content.decode()
    assert "Update the staff directory" not in again.content.decode()
    confirm(librarian_client, token)
    assert directory(school) == after

    # The history lists both imports.
    history = librarian_client.get(reverse("data:roster_upload")).context["history"]
    assert [past.message for past in history][1].startswith(
        "Staff directory updated from oneroster.zip: 3 added"
    )
    assert history[0].message.endswith("0 added, 0 updated, 0 made inactive.")


def test_a_later_full_export_without_a_person_makes_them_inactive(librarian_client, school):
    confirm(librarian_client, staged(upload(librarian_client, oneroster_zip())))
    assert StaffMember.objects.get(school=school, name="Marcus Bell").active
    token = staged(upload(librarian_client, oneroster_zip(users_without("t-002"))))
    shown = preview(librarian_client, token).context["preview"]
    assert [member.name for member in shown.inactivated] == ["Marcus Bell"]
    confirm(librarian_client, token)
    marcus = StaffMember.objects.get(school=school, name="Marcus Bell")
    assert not marcus.active and marcus.email == "marcus.bell@riverside.example"


def test_a_delta_export_makes_nobody_inactive_for_being_missing(librarian_client, school):
    confirm(librarian_client, staged(upload(librarian_client, oneroster_zip())))
    token = staged(upload(librarian_client, oneroster_zip(users_without("t-002"), delta=True)))
    response = preview(librarian_client, token)
    assert response.context["preview"].inactivated == []
    assert "nobody is made inactive for being missing" in response.content.decode()


def test_users_csv_alone_naming_several_schools_asks_which_is_ours(librarian_client, school):
    school.name = "Riverside Academy"  # no org of the file is named like it
    school.save()
    token = staged(upload(librarian_client, sample_text("users.csv").encode(), "users.csv"))
    response = preview(librarian_client, token)
    assert response.context["preview"].needs_org and not response.context["preview"].can_import
    assert "Choose your school above" in response.content.decode()
    assert librarian_client.post(reverse("data:roster_org", args=[token]), {"org": "nope"}).status_code == 200
    chosen = librarian_client.post(reverse("data:roster_org", args=[token]), {"org": "org-rms"})
    assert chosen.status_code == 302
    shown = preview(librarian_client, token).context["preview"]
    assert shown.org.source_id == "org-rms" and shown.new_count == 4 and shown.other_schools == 1
    confirm(librarian_client, token)
    assert School.objects.get(pk=school.pk).roster_source_id == "org-rms"
    assert StaffMember.objects.filter(school=school, active=True).count() == 4


def test_every_row_problem_is_shown_and_nothing_is_saved(librarian_client, school):
    header = sample_text("users.csv").splitlines()[0]
    rows = [
        "t-1,active,,true,org-rms,teacher,,,Ok,Person,,,ok@riverside.example,,,,07,",
        "t-2,active,,true,org-rms,teacher,,,,,,,no-name@riverside.example,,,,,",
        "t-3,active,,true,org-rms,teacher,,,Bad,Mail,,,not-an-address,,,,,",
        "t-4,active,,maybe,org-rms,teacher,,,Odd,Flag,,,,,,,,",
        "t-5,active,,true,org-rms,teacher,,,Odd,Grade,,,,,,,Year 7,",
        "t-1,active,,true,org-rms,teacher,,,Twice,Listed,,,,,,,,",
        ",active,,true,org-rms,teacher,,,No,Identifier,,,,,,,,",
        "t-8,active,,true,org-rms,wizard,,,Odd,Role,,,,,,,,",
    ]
    users = "\n".join([header, *rows]) + "\n"
    token = staged(upload(librarian_client, oneroster_zip(users)))
    response = preview(librarian_client, token)
    page = response.content.decode()
    problems = {item.row.line: item.row.problems for item in response.context["preview"].rows}
    assert problems[2] == []
    assert problems[3] == ["The row has no name."]
    assert problems[4] == ["“not-an-address” is not an e-mail address."]
    assert problems[5] == ["enabledUser is “maybe”; it must be true or false."]
    assert problems[6] == ["“YEAR 7” is not a OneRoster grade (PK, KG, 01 to 12)."]
    assert problems[7] == ["The same person as on line 2."]
    assert problems[8] == ["The row has no sourcedId."]
    assert problems[9] == ["“wizard” is not a OneRoster role (teacher, administrator, aide, student, ...)."]
    for messages in problems.values():
        for message in messages:
            assert message.replace("“", "&ldquo;") in page or message in page
    assert "<strong>7</strong> rows have problems" in page and "Update the staff directory" not in page
    only = librarian_client.get(reverse("data:roster_preview", args=[token]), {"show": "problems"})
    assert len(only.context["page"].object_list) == 7
    # Confirming anyway (an old tab): the job refuses and saves nothing.
    job = job_of(librarian_client.post(reverse("data:roster_confirm", args=[token])))
    run_queued_jobs()
    job.refresh_from_db()
    assert job.failure == "7 rows have problems; nothing was saved."
    assert not StaffMember.objects.exists()


def test_a_plain_staff_list(librarian_client, school):
    StaffMemberFactory(school=school, name="Priya Shah", title="", email="")
    token = staged(upload(librarian_client, sample_text("../staff_plain.csv").encode(), "staff.csv"))
    shown = preview(librarian_client, token).context["preview"]
    assert (shown.new_count, shown.update_count, shown.full) == (2, 1, False)
    confirm(librarian_client, token)
    after = directory(school)
    assert after["Priya Shah"][:3] == ("priya.shah@riverside.example", "Grade 7 science teacher", [7])
    assert after["Jordan Lee"][:3] == ("jordan.lee@riverside.example", "Social studies teacher", [6, 7, 8])
    assert after["Ana Alvarez"][:4] == ("", "Reading specialist", [0, 1, 2], True)


def test_a_plain_list_after_a_oneroster_import_updates_the_same_entries(librarian_client, school):
    confirm(librarian_client, staged(upload(librarian_client, oneroster_zip())))
    token = staged(upload(librarian_client, sample_text("../staff_plain.csv").encode(), "staff.csv"))
    shown = preview(librarian_client, token).context["preview"]
    assert (shown.new_count, shown.update_count) == (2, 1)
    confirm(librarian_client, token)
    priya = StaffMember.objects.get(school=school, name="Priya Shah")  # one entry, still tied to the roster
    assert (priya.title, priya.roster_source_id) == ("Grade 7 science teacher", "t-001")


def test_a_plain_list_without_a_name_column_is_refused_next_to_the_field(librarian_client):
    response = upload(librarian_client, b"Who,Mail\nA,a@b.example\n", "staff.csv")
    assert response.status_code == 200
    assert "No column is headed “Name”" in response.context["form"].errors["file"][0]


def test_a_zip_without_users_csv_is_refused(librarian_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("orgs.csv", sample_text("orgs.csv"))
    response = upload(librarian_client, buffer.getvalue())
    assert "holds no users.csv" in response.context["form"].errors["file"][0]


def test_only_the_librarian_of_the_session_may_use_a_staged_roster(librarian_client, client_for, school):
    token = staged(upload(librarian_client, oneroster_zip()))
    other = UserFactory()
    Membership.objects.create(user=other, school=school, role=Role.LIBRARIAN)
    other_client = client_for(other, school)
    assert other_client.get(reverse("data:roster_preview", args=[token])).status_code == 404
    assert other_client.post(reverse("data:roster_confirm", args=[token])).status_code == 404


def test_a_roster_refused_mid_way_saves_nothing(school):
    """A rule only the directory knows (here an e-mail the parser would have refused, put straight into the
    roster) refuses the whole file on its row: the people created before it are rolled back."""
    rows = [
        RosterRow(line=2, name="First New", email="first@riverside.example", source_id="x-1"),
        RosterRow(line=3, name="Second New", source_id="x-2"),
        RosterRow(line=4, name="Broken Mail", email="not an address", source_id="x-3"),
    ]
    StaffMemberFactory(school=school, name="Stays Active", roster_source_id="x-9")
    before = directory(school)
    with pytest.raises(
        RosterImportRefused, match="^Line 4: Enter a valid email address. Nothing was saved.$"
    ):
        roster_import_save(school=school, roster=Roster(format="oneroster", rows=rows))
    assert directory(school) == before


def test_the_roster_job_is_registered():
    from collabtrack import jobs

    assert jobs._KINDS["roster_import"].title == "Importing the staff roster"


def test_the_people_added_can_be_invited_at_confirm(
    librarian_client, school, django_capture_on_commit_callbacks
):
    token = staged(upload(librarian_client, oneroster_zip()))
    page = preview(librarian_client, token).content.decode()
    assert 'name="invite"' in page and "Invite the people added to sign in" in page
    response = librarian_client.post(reverse("data:roster_confirm", args=[token]), {"invite": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_jobs()
    done = librarian_client.get(response["Location"]).content.decode()
    assert "4 added, 0 updated, 0 made inactive. 4 invited to sign in." in done
    invited = Invitation.objects.filter(school=school)
    assert sorted(invited.values_list("email", "role")) == [  # not Lee Park: disabled, so not added
        ("dana.ortiz@riverside.example", Role.TEACHER),
        ("marcus.bell@riverside.example", Role.TEACHER),
        ("priya.shah@riverside.example", Role.TEACHER),
        ("sam.rivera@riverside.example", Role.TEACHER),
    ]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(invited.values_list("email", flat=True))


def test_without_the_box_nobody_is_invited(librarian_client, school):
    confirm(librarian_client, staged(upload(librarian_client, oneroster_zip())))
    assert not Invitation.objects.exists() and not mail.outbox


def _users(count: int) -> str:
    header = sample_text("users.csv").splitlines()[0]
    rows = [
        f"p-{n},active,,true,org-rms,teacher,,,Person,Number{n},,,p{n}@riverside.example,,,,0{n % 9 + 1},"
        for n in range(count)
    ]
    return "\n".join([header, *rows]) + "\n"


@pytest.mark.parametrize("count", [5, 80])
def test_the_preview_reads_the_directory_in_a_fixed_number_of_queries(librarian_client, school, count):
    """Two queries for the directory (entries, their grades) whatever the roster's size: no query per row."""
    for n in range(0, count, 2):  # half of them are in the directory already, with grades
        member = StaffMemberFactory(school=school, name=f"Person Number{n}", roster_source_id=f"p-{n}")
        member.grades.set([7])
    token = staged(upload(librarian_client, oneroster_zip(_users(count))))
    with CaptureQueriesContext(connection) as queries:
        response = preview(librarian_client, token)
    assert response.context["preview"].update_count == (count + 1) // 2
    directory_queries = [q["sql"] for q in queries if "collabtrack_staffmember" in q["sql"]]
    assert len(directory_queries) == 2, directory_queries
    # Session, user, membership and school: the page's own queries, the same for any file.
    assert len(queries) <= 8, [q["sql"] for q in queries]


ROSTER_NAMES = st.sampled_from(
    ["oneroster.zip", "users.csv", "staff.csv", "staff.xlsx", "roster", "a\x00.zip"]
)
HOSTILE_USERS = st.lists(
    st.lists(
        st.one_of(HOSTILE_VALUE, st.sampled_from(["teacher", "student", "org-rms", "false", "07"])),
        max_size=19,
    ),
    max_size=5,
).map(lambda rows: "\n".join([sample_text("users.csv").splitlines()[0], *(",".join(row) for row in rows)]))
ROSTER_CONTENT = st.one_of(
    FILE_CONTENT,
    HOSTILE_USERS.map(str.encode),
    HOSTILE_USERS.map(lambda users: oneroster_zip(users.replace("\x00", ""))),
)


@settings(FUZZ, max_examples=20)
@given(name=ROSTER_NAMES, content=ROSTER_CONTENT, org=HOSTILE_VALUE)
def test_the_roster_pages_survive_hostile_files(librarian_client, school, librarian, name, content, org):
    """Upload, choose a school, preview, save: each step answers; a save refuses in words or saves."""
    with rolled_back():
        before = counts(StaffMember)
        response = submit(
            librarian_client, reverse("data:roster_upload"), {"file": SimpleUploadedFile(name, content)}
        )
        assert counts(StaffMember) == before
        if response.status_code == 302:
            token = response.url.rstrip("/").rsplit("/", 1)[-1]
            submit(librarian_client, reverse("data:roster_org", args=[token]), {"org": org})
            assert librarian_client.get(reverse("data:roster_preview", args=[token])).status_code == 200
            data = staging.load_for_job(kind="roster", token=token, school_id=school.pk, user_id=librarian.pk)
            try:
                with transaction.atomic():
                    roster_import_save(
                        school=school, roster=Roster.from_dict(data["roster"]), chosen_org=data["org"]
                    )
            except RosterImportRefused:
                assert counts(StaffMember) == before
