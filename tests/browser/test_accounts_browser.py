"""Accounts without the admin, in the browser (issue 12): the librarian invites a teacher, the e-mail
arrives over SMTP, the teacher accepts, signs in and lands on the units they partner on; and a sign-in
through the loopback OpenID Connect provider (tests/oidc_idp/)."""

import copy
import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from collabtrack.models import Role
from tests import mail_server
from tests.browser.conftest import do_login
from tests.factories import StaffMemberFactory, UnitFactory
from tests.oidc_idp import server

pytestmark = pytest.mark.browser
smtp_server = mail_server.smtp_server  # the fixture, for the tests of this module

NEW_PASSWORD = "a-long-library-passphrase-42"


def test_a_librarian_invites_a_teacher_who_accepts_and_lands_on_their_units(
    page, login, librarian, school, smtp_server, assert_accessible
):
    entry = StaffMemberFactory(school=school, name="Nina Novak", email="nina.novak@example.org")
    UnitFactory(school=school, title="Rivers of the world").teachers.add(entry)
    login(page, librarian, school)
    page.goto(reverse("people:index"))
    assert_accessible(page)
    page.get_by_label("E-mail address").fill("nina.novak@example.org")
    page.get_by_label("Role").select_option(label="Teacher")
    with page.expect_navigation():
        page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("Invitation sent to nina.novak@example.org.").wait_for()
    page.get_by_role("button", name="Log out").click() if page.get_by_role(
        "button", name="Log out"
    ).count() else None

    (received,) = smtp_server.to("nina.novak@example.org")
    link = re.search(r"https://library\.example\.org(/invitations/\S+/)", received.text).group(1)
    page.context.clear_cookies()
    page.goto(link)
    assert_accessible(page)
    page.get_by_label("First name").fill("Nina")
    page.get_by_label("Last name").fill("Novak")
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill(NEW_PASSWORD)
    page.get_by_label("The same password again").fill(NEW_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Create my account").click()
    page.get_by_role("link", name="Rivers of the world").wait_for()
    assert page.url.endswith(reverse("units:list"))

    page.context.clear_cookies()
    entry.refresh_from_db()
    do_login(page, entry.user, school, password=NEW_PASSWORD)
    page.get_by_role("link", name="Rivers of the world").wait_for()


@pytest.fixture
def loopback_for_browser(live_server, tmp_path):
    provider = server.start(tmp_path, f"{live_server.url}/sso/oidc/loopback/login/callback/")
    provider.add_users([("tina", "tom-teacher@example.org", "Tom", "Teacher")])
    app = {
        "provider_id": "loopback",
        "name": "Loopback school account",
        "client_id": provider.client_id,
        "secret": provider.client_secret,
        "settings": {"server_url": provider.issuer},
    }
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(provider.url)  # what sso_settings adds for OIDC_PROVIDER_URL
    with override_settings(
        SOCIALACCOUNT_PROVIDERS={"openid_connect": {"APPS": [app]}}, CONTENT_SECURITY_POLICY=policy
    ):
        yield provider
    provider.stop()


def test_signing_in_through_the_schools_identity_provider(
    page, teacher, school, loopback_for_browser, assert_accessible
):
    page.goto(reverse("login"))
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in with Loopback school account").click()
    assert page.url.startswith(loopback_for_browser.url)
    page.get_by_label("Username").fill("tina")
    page.get_by_label("Password").fill(server.USER_PASSWORD)
    with page.expect_navigation(url=re.compile(r"/units/")):
        page.get_by_role("button", name="Sign in").click()
    assert teacher.socialaccount_set.get().provider == "loopback"
    assert teacher.memberships.get().role == Role.TEACHER
