"""E-mail settings and the signed one-click unsubscribe link (RFC 8058): no login, no CSRF token, a GET
that changes nothing, tampered and expired links refused in words."""

from unittest import mock

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from collabtrack.mail import UNSUBSCRIBE_MAX_AGE, preferences_of, unsubscribe_token, wants
from collabtrack.models import MessageKind

pytestmark = pytest.mark.django_db


def test_every_kind_is_on_until_turned_off(principal_client, principal):
    page = principal_client.get(reverse("notification_settings")).content.decode()
    for kind in MessageKind:
        assert kind.label in page
    assert page.count("checked") == len(MessageKind)
    assert wants(principal, MessageKind.MONTHLY_REPORT)

    principal_client.post(reverse("notification_settings"), {MessageKind.PARTNER_NOTICES: "on"})

    assert preferences_of(principal) == {
        MessageKind.MONTHLY_REPORT: False,
        MessageKind.PARTNER_NOTICES: True,
        MessageKind.DISTRICT_DIGEST: False,
    }
    assert not wants(principal, MessageKind.MONTHLY_REPORT)


def test_one_click_post_from_a_mail_provider_needs_no_login_and_no_csrf_token(principal):
    url = reverse("unsubscribe", kwargs={"token": unsubscribe_token(principal, MessageKind.MONTHLY_REPORT)})
    provider = Client(enforce_csrf_checks=True)

    response = provider.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert not wants(principal, MessageKind.MONTHLY_REPORT)
    assert wants(principal, MessageKind.PARTNER_NOTICES)  # only the kind the link names


def test_the_confirm_page_changes_nothing_until_its_button(client, principal):
    url = reverse("unsubscribe", kwargs={"token": unsubscribe_token(principal, MessageKind.PARTNER_NOTICES)})

    page = client.get(url).content.decode()

    assert "Stop these e-mails?" in page and MessageKind.PARTNER_NOTICES.label in page
    assert 'name="List-Unsubscribe" value="One-Click"' in page
    assert wants(principal, MessageKind.PARTNER_NOTICES)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_says_so_and_changes_nothing(client, principal, method):
    token = unsubscribe_token(principal, MessageKind.MONTHLY_REPORT)
    forged = signing.dumps({"user": principal.pk, "kind": "monthly_report"}, salt="another-salt")
    for bad in (token[:-3] + "abc", forged, "not-a-token"):
        response = getattr(client, method)(reverse("unsubscribe", kwargs={"token": bad}))
        assert response.status_code == 400
        assert "This unsubscribe link is not valid" in response.content.decode()
    assert wants(principal, MessageKind.MONTHLY_REPORT)


def test_an_expired_link_says_so(client, principal):
    import time

    with mock.patch("time.time", return_value=time.time() - UNSUBSCRIBE_MAX_AGE - 60):
        old = unsubscribe_token(principal, MessageKind.MONTHLY_REPORT)

    response = client.post(reverse("unsubscribe", kwargs={"token": old}))

    assert response.status_code == 400
    assert "This unsubscribe link has expired" in response.content.decode()
    assert wants(principal, MessageKind.MONTHLY_REPORT)


def test_a_link_for_a_deleted_account_says_so(client, principal):
    token = unsubscribe_token(principal, MessageKind.MONTHLY_REPORT)
    principal.delete()

    response = client.get(reverse("unsubscribe", kwargs={"token": token}))

    assert response.status_code == 400
    assert "no longer exists" in response.content.decode()
