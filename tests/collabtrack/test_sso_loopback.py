"""Sign-in through a real OpenID Connect provider on loopback (issue 12): django-oidc-provider runs in its
own process with its own database (tests/oidc_idp/); allauth's "openid_connect" provider is pointed at it.
The test walks the authorization-code flow through the provider's real HTTP endpoints (authorize, its
login form, token, userinfo) and ends signed in to CollabTrack, or refused with nothing created."""

from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from collabtrack.models import Invitation, Membership, Role
from tests.factories import StaffMemberFactory, UserFactory
from tests.oidc_idp import server

CALLBACK = "http://testserver/sso/oidc/loopback/login/callback/"
PEOPLE = {
    "ivan": ("ivan.invited@example.org", "Ivan", "Invited"),
    "dora": ("dora.directory@example.org", "Dora", "Directory"),
    "sam": ("sam.stranger@example.org", "Sam", "Stranger"),
    "una": ("una.unverified@example.org", "Una", "unverified"),
    "lena": ("alice-librarian@example.org", "Alice", "Librarian"),
}


@pytest.fixture(scope="session")
def loopback_provider(tmp_path_factory):
    provider = server.start(tmp_path_factory.mktemp("idp"), CALLBACK)
    provider.add_users([(username, *person) for username, person in PEOPLE.items()])
    yield provider
    provider.stop()


@pytest.fixture
def sso(loopback_provider):
    app = {
        "provider_id": "loopback",
        "name": "Loopback school account",
        "client_id": loopback_provider.client_id,
        "secret": loopback_provider.client_secret,
        "settings": {"server_url": loopback_provider.issuer},
    }
    with override_settings(SOCIALACCOUNT_PROVIDERS={"openid_connect": {"APPS": [app]}}):
        yield loopback_provider


def sign_in_through_provider(client, provider, username):
    """Press the login page's button, sign in at the provider, come back with the code: the response of
    CollabTrack's callback."""
    start = client.post(reverse("openid_connect_login", kwargs={"provider_id": "loopback"}))
    assert start.status_code == 302 and start["Location"].startswith(f"{provider.issuer}/authorize")
    browser = requests.Session()
    at_provider = browser.get(start["Location"], allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302 and "/login/" in at_provider.headers["Location"]
    login_page = browser.get(provider.url + at_provider.headers["Location"], timeout=10)
    next_url = at_provider.headers["Location"].split("next=", 1)[1]
    signed_in = browser.post(
        login_page.url,
        data={
            "username": username,
            "password": server.USER_PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            "next": requests.utils.unquote(next_url),
        },
        headers={"Referer": login_page.url},
        allow_redirects=False,
        timeout=10,
    )
    assert signed_in.status_code == 302, signed_in.text[:500]
    back = browser.get(provider.url + signed_in.headers["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302 and back.headers["Location"].startswith(CALLBACK), back.text[:300]
    callback = urlsplit(back.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")


def _signed_in_user(client):
    return client.session.get("_auth_user_id")


def test_the_login_page_offers_the_configured_provider(client, sso, db):
    page = client.get(reverse("login"))
    assert b"Sign in with Loopback school account" in page.content


def test_an_invited_teacher_signs_in_through_the_provider(client, sso, librarian, school):
    entry = StaffMemberFactory(school=school, name="Ivan Invited", email="ivan.invited@example.org")
    Invitation.objects.create(
        school=school, email="Ivan.Invited@example.org", role=Role.TEACHER, invited_by=librarian
    )
    response = sign_in_through_provider(client, sso, "ivan")
    assert response.status_code == 302, response.content[:500]
    user = get_user_model().objects.get(email__iexact="ivan.invited@example.org")
    assert _signed_in_user(client) == str(user.pk)
    assert Membership.objects.get(user=user, school=school).role == Role.TEACHER
    assert Invitation.objects.get().accepted_by == user
    entry.refresh_from_db()
    assert entry.user == user
    assert client.get(reverse("home"))["Location"] == reverse("units:list"), "a teacher lands on the units"


def test_staff_in_the_directory_sign_in_without_an_invitation(client, sso, school):
    StaffMemberFactory(school=school, name="Dora Directory", email="dora.directory@example.org")
    response = sign_in_through_provider(client, sso, "dora")
    assert response.status_code == 302
    user = get_user_model().objects.get(email="dora.directory@example.org")
    assert Membership.objects.get(user=user).school == school


def test_an_existing_login_is_linked_by_its_verified_email(client, sso, librarian):
    assert librarian.email == "alice-librarian@example.org"
    users = get_user_model().objects.count()
    response = sign_in_through_provider(client, sso, "lena")
    assert response.status_code == 302
    assert _signed_in_user(client) == str(librarian.pk)
    assert get_user_model().objects.count() == users, "no second account"


@pytest.mark.parametrize("username", ["sam", "una"])
def test_strangers_and_unverified_addresses_are_refused_and_nothing_is_created(client, sso, school, username):
    if username == "una":
        StaffMemberFactory(school=school, name="Una", email="una.unverified@example.org")
    UserFactory(username="someone-else")
    users = get_user_model().objects.count()
    response = sign_in_through_provider(client, sso, username)
    assert response.status_code == 403
    assert b"does not know this account" in response.content
    assert get_user_model().objects.count() == users
    assert _signed_in_user(client) is None
