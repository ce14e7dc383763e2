import pytest
from django.urls import reverse

from collabtrack.models import Membership, Role
from tests.factories import MembershipFactory, SchoolFactory, StaffMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_every_page_needs_a_login(client):
    for name in ["home", "staff_list", "staff_create", "choose_school"]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_login_page_is_public(client):
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("password_reset")).status_code == 200


def test_demo_style_login_with_password(client, librarian):
    response = client.post(
        reverse("login"), {"username": librarian.username, "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 302


def test_staff_member_of_another_school_is_404(librarian_client, other_school):
    stranger = StaffMemberFactory(school=other_school)
    assert librarian_client.get(reverse("staff_edit", args=[stranger.pk])).status_code == 404
    assert librarian_client.post(reverse("staff_edit", args=[stranger.pk]), {"name": "x"}).status_code == 404


@pytest.mark.parametrize("persona", ["principal_client", "teacher_client", "district_client"])
def test_read_only_roles_get_403_on_staff_writes(request, persona, school):
    client = request.getfixturevalue(persona)
    member = StaffMemberFactory(school=school)
    assert client.get(reverse("staff_create")).status_code == 403
    assert client.get(reverse("staff_edit", args=[member.pk])).status_code == 403
    assert client.post(reverse("staff_edit", args=[member.pk]), {"name": "Changed"}).status_code == 403
    member.refresh_from_db()
    assert member.name != "Changed"


@pytest.mark.parametrize(
    "persona",
    ["librarian_client", "principal_client", "teacher_client", "district_client", "outsider_client"],
)
def test_everyone_reads_their_own_directory(request, persona, school, other_school):
    client = request.getfixturevalue(persona)
    StaffMemberFactory(school=school, name="Zed Home")
    StaffMemberFactory(school=other_school, name="Yolanda Away")
    page = client.get(reverse("staff_list")).content.decode()
    acting_in_home = persona != "outsider_client"
    assert ("Zed Home" in page) == acting_in_home
    assert ("Yolanda Away" in page) == (not acting_in_home)


def test_librarian_adds_and_edits_a_teacher(librarian_client, school):
    response = librarian_client.post(
        reverse("staff_create"),
        {
            "name": "Rosa Diaz",
            "title": "Grade 6 teacher",
            "department": "Math",
            "grades": ["6"],
            "active": "on",
        },
    )
    assert response.status_code == 302
    rosa = school.staff.get(name="Rosa Diaz")
    assert rosa.grades_display == "Gr. 6"
    response = librarian_client.post(
        reverse("staff_edit", args=[rosa.pk]),
        {"name": "Rosa Diaz", "title": "Grade 7 teacher", "grades": ["7"]},
    )
    assert response.status_code == 302
    rosa.refresh_from_db()
    assert rosa.title == "Grade 7 teacher"


def test_staff_form_errors_stay_next_to_the_field(librarian_client, school):
    response = librarian_client.post(reverse("staff_create"), {"name": "", "email": "not-an-email"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"name", "email"}
    assert not school.staff.exists()


def test_staff_login_must_belong_to_the_school(librarian_client, outsider):
    response = librarian_client.post(reverse("staff_create"), {"name": "Sneaky", "user": outsider.pk})
    assert response.status_code == 200
    assert "user" in response.context["form"].errors


@pytest.fixture
def two_schools_user(school, other_school):
    """A person with a role in two schools (principal of one, teacher of the other)."""
    user = MembershipFactory(school=school, role=Role.PRINCIPAL).user
    MembershipFactory(user=user, school=other_school, role=Role.TEACHER)
    return user


def test_user_with_several_schools_chooses_and_the_choice_is_remembered(
    client, two_schools_user, school, other_school
):
    district = two_schools_user
    client.force_login(district)
    response = client.get(reverse("staff_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("choose_school"))
    choice = Membership.objects.get(user=district, school=other_school)
    response = client.post(
        reverse("choose_school") + "?next=" + reverse("staff_list"), {"membership": choice.pk}
    )
    assert response["Location"] == reverse("staff_list")
    assert client.get(reverse("staff_list")).context["school"] == other_school
    # A new session (next login) lands in the school chosen last.
    client.logout()
    client.force_login(district)
    assert client.get(reverse("staff_list")).context["school"] == other_school


def test_choosing_a_school_you_do_not_belong_to_is_refused(client, librarian, other_school):
    foreign = MembershipFactory(school=other_school, role=Role.LIBRARIAN)
    client.force_login(librarian)
    response = client.post(reverse("choose_school"), {"membership": foreign.pk})
    assert response.status_code == 200
    assert "membership" in response.context["form"].errors


def test_choose_school_ignores_an_offsite_next(client, two_schools_user, school):
    district = two_schools_user
    client.force_login(district)
    choice = Membership.objects.get(user=district, school=school)
    response = client.post(
        reverse("choose_school") + "?next=https://evil.example/", {"membership": choice.pk}
    )
    assert response["Location"] == reverse("home")


def test_user_without_a_school_is_told_so(client):
    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"not a member of any school" in response.content


def test_admin_works_for_a_superuser(client):
    admin = UserFactory(username="root-admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    SchoolFactory(name="Admin Visible School")
    assert client.get(reverse("admin:collabtrack_school_changelist")).status_code == 200
    assert b"Admin Visible School" in client.get(reverse("admin:collabtrack_school_changelist")).content


def test_get_is_refused_for_logout(librarian_client):
    assert librarian_client.get(reverse("logout")).status_code == 405
