"""The district's restrictions on Google (`hd`, the Workspace domain) and Microsoft (`tid`, the Entra ID
tenant), checked on the server. The whole allauth flow runs; only Google's and Microsoft's own servers are
replaced (requests to their hosts answer crafted tokens; any other host fails the test)."""

import json
import time
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from collabtrack.auth_adapters import google_domain_allowed, microsoft_tenant_allowed
from collabtrack.models import Invitation, Membership, Role

TENANT = "6f1c2a4e-0000-4000-8000-000000000001"
EMAIL = "ivan.invited@riverside.example.org"
PROVIDERS = {
    "google": {
        "APPS": [{"client_id": "google-client", "secret": "google-secret"}],
        "SCOPE": ["openid", "email"],
    },
    "microsoft": {
        "APPS": [{"client_id": "ms-client", "secret": "ms-secret", "settings": {"tenant": TENANT}}],
    },
}


def _response(url: str, payload: dict) -> requests.Response:
    response = requests.Response()
    response.status_code = 200
    response._content = json.dumps(payload).encode()
    response.headers["Content-Type"] = "application/json"
    response.url = url
    return response


def _token(claims: dict) -> str:
    return jwt.encode(claims, "not-checked-the-token-came-from-the-token-endpoint", algorithm="HS256")


class FakeIdentityServers:
    """Google's and Microsoft's token and profile endpoints, answering what the test says."""

    def __init__(self, *, google_claims=None, microsoft_tid=None):
        self.google_claims = google_claims
        self.microsoft_tid = microsoft_tid

    def __call__(self, session, method, url, *args, **kwargs):
        host = urlsplit(url).hostname
        if host == "oauth2.googleapis.com":
            now = int(time.time())
            claims = {
                "iss": "https://accounts.google.com",
                "aud": "google-client",
                "iat": now,
                "exp": now + 600,
            }
            return _response(url, {"access_token": "g", "id_token": _token({**claims, **self.google_claims})})
        if host == "login.microsoftonline.com":
            assert f"/{TENANT}/" in url, "sign-in goes to the district's tenant"
            return _response(
                url, {"access_token": _token({"tid": self.microsoft_tid, "oid": "x"}), "expires_in": 600}
            )
        if host == "graph.microsoft.com":
            return _response(url, {"id": "ms-user-1", "mail": EMAIL, "displayName": "Ivan Invited"})
        raise AssertionError(f"unexpected request to {url}")


def _sign_in(client, provider: str, servers: FakeIdentityServers):
    start = client.post(reverse(f"{provider}_login"))
    assert start.status_code == 302
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    with mock.patch("requests.Session.request", autospec=True, side_effect=servers):
        return client.get(reverse(f"{provider}_callback"), {"code": "the-code", "state": state})


@pytest.fixture
def invited(school, librarian):
    Invitation.objects.create(school=school, email=EMAIL, role=Role.TEACHER, invited_by=librarian)


def _google(hd):
    claims = {"sub": "g-1", "email": EMAIL, "email_verified": True, "name": "Ivan Invited", "picture": "x"}
    return FakeIdentityServers(google_claims={**claims, **({"hd": hd} if hd else {})})


@override_settings(SOCIALACCOUNT_PROVIDERS=PROVIDERS, GOOGLE_ALLOWED_DOMAINS=["riverside.example.org"])
def test_google_signs_in_an_account_of_the_districts_domain(client, invited, school):
    response = _sign_in(client, "google", _google("riverside.example.org"))
    assert response.status_code == 302, response.content[:400]
    user = get_user_model().objects.get(email=EMAIL)
    assert Membership.objects.get(user=user, school=school).role == Role.TEACHER


@pytest.mark.parametrize("hd", [None, "gmail.com", "riverside.example.org.evil.example"])
@override_settings(SOCIALACCOUNT_PROVIDERS=PROVIDERS, GOOGLE_ALLOWED_DOMAINS=["riverside.example.org"])
def test_google_refuses_other_domains_even_when_invited(client, invited, hd):
    response = _sign_in(client, "google", _google(hd))
    assert response.status_code == 403 and b"not one of your school district" in response.content
    assert not get_user_model().objects.filter(email=EMAIL).exists()


@override_settings(SOCIALACCOUNT_PROVIDERS=PROVIDERS, MICROSOFT_TENANT=TENANT)
def test_microsoft_signs_in_an_account_of_the_districts_tenant(client, invited, school):
    response = _sign_in(client, "microsoft", FakeIdentityServers(microsoft_tid=TENANT))
    assert response.status_code == 302, response.content[:400]
    assert Membership.objects.get(user__email=EMAIL, school=school).role == Role.TEACHER


@override_settings(SOCIALACCOUNT_PROVIDERS=PROVIDERS, MICROSOFT_TENANT=TENANT)
def test_microsoft_refuses_another_tenant(client, invited):
    response = _sign_in(client, "microsoft", FakeIdentityServers(microsoft_tid="another-tenant"))
    assert response.status_code == 403 and b"does not belong to your school district" in response.content
    assert not get_user_model().objects.filter(email=EMAIL).exists()


def test_the_claim_checks_on_their_own():
    assert google_domain_allowed({"hd": "Riverside.Example.org"}, ["riverside.example.org"])
    assert not google_domain_allowed({}, ["riverside.example.org"])
    assert google_domain_allowed({}, []), "no restriction configured: any verified Google account"
    assert microsoft_tenant_allowed(_token({"tid": TENANT.upper()}), TENANT)
    assert not microsoft_tenant_allowed(_token({"tid": TENANT}), "")
    assert not microsoft_tenant_allowed("not-a-token", TENANT)
    assert not microsoft_tenant_allowed(_token({}), TENANT)
