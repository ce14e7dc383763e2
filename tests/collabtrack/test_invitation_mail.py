"""An invitation goes out through a real SMTP server on loopback (aiosmtpd) and the link in the received
message is the one that creates the account; password login can be switched off."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from collabtrack.models import Membership, Role
from tests import mail_server
from tests.factories import PASSWORD

smtp_server = mail_server.smtp_server  # the fixture, for the tests of this module

NEW_PASSWORD = "a-long-library-passphrase-42"


def test_the_invitation_arrives_by_smtp_and_its_link_creates_the_account(
    smtp_server, librarian_client, client, school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        librarian_client.post(reverse("people:invite"), {"email": "ruth@example.org", "role": Role.PRINCIPAL})
    (received,) = smtp_server.to("ruth@example.org")
    assert school.name in received.message["Subject"]
    link = re.search(r"https://library\.example\.org(/invitations/\S+/)", received.text).group(1)
    assert link in received.html, "the HTML part carries the same link"
    response = client.post(
        link,
        {"first_name": "Ruth", "last_name": "Reyes", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="ruth@example.org")
    assert Membership.objects.get(user=user, school=school).role == Role.PRINCIPAL
    assert client.get(reverse("home"))["Location"] == reverse("reports:dashboard")


@pytest.mark.django_db
@override_settings(
    PASSWORD_LOGIN=False,
    AUTHENTICATION_BACKENDS=[
        "axes.backends.AxesStandaloneBackend",
        "collabtrack.auth_adapters.NoPasswordBackend",
    ],
)
def test_with_password_login_off_no_password_is_accepted(client, librarian):
    page = client.get(reverse("login"))
    assert b'type="password"' not in page.content
    response = client.post(reverse("login"), {"username": librarian.username, "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST="127.0.0.1",
    EMAIL_PORT=9,
    EMAIL_TIMEOUT=2,
)
def test_a_mail_server_that_is_down_leaves_the_invitation_pending_and_says_so(librarian_client, school):
    response = librarian_client.post(
        reverse("people:invite"), {"email": "ruth@example.org", "role": Role.TEACHER}, follow=True
    )
    assert response.status_code == 200
    assert "the mail server did not take it" in response.content.decode()
    assert "ruth@example.org" in response.content.decode(), "listed among the pending invitations"
