"""Hostile input to signing in, choosing a school and the password pages (tests/fuzzing.py explains the
rules)."""

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import PASSWORD
from tests.fuzzing import (
    FUZZ,
    HOSTILE_VALUE,
    apply,
    hostile_overrides,
    rolled_back,
    submit,
)


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
def test_an_overlong_username_is_a_message_not_a_logged_attempt(client, librarian):
    """Found by the fuzzer above on PostgreSQL: a 1,200-character username reached django-axes, whose
    column is 255 characters, and the page answered 500."""
    from axes.models import AccessAttempt

    response = client.post(reverse("login"), {"username": "x" * 1200, "password": PASSWORD})
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
    assert not AccessAttempt.objects.exists()
    assert (
        client.post(reverse("login"), {"username": librarian.username, "password": PASSWORD}).status_code
        == 302
    )


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
