"""`manage.py bootstrap` (issue 12): the first district, school and account, and a one-time link."""

import datetime as dt
import io
import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from collabtrack.models import District, DistrictMembership, Membership, Role, School

PASSWORD = "a-long-library-passphrase-42"


def _bootstrap(*extra) -> str:
    out = io.StringIO()
    call_command(
        "bootstrap", "--district", "Riverbend Unified", "--school", "Riverbend Middle", "--email",
        "maya@riverbend.example.org", *extra, stdout=out,
    )  # fmt: skip
    return re.search(r"https?://\S+/accounts/reset/\S+/", out.getvalue()).group(0)


def _path(url: str) -> str:
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def _set_password(client, url: str):
    page = client.get(_path(url), follow=True)
    assert page.status_code == 200 and page.context["validlink"], "the link works"
    return client.post(page.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})


@pytest.mark.django_db
def test_bootstrap_creates_the_first_librarian_whose_link_works_once(client):
    url = _bootstrap()
    school = School.objects.get(name="Riverbend Middle")
    assert school.district == District.objects.get(name="Riverbend Unified")
    user = get_user_model().objects.get(email="maya@riverbend.example.org")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == Role.LIBRARIAN
    assert _set_password(client, url).status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    again = client.get(_path(url), follow=True)
    assert not again.context["validlink"], "the link is single-use"


@pytest.mark.django_db
def test_the_link_expires_after_24_hours(client):
    url = _bootstrap()
    later = timezone.now() + dt.timedelta(hours=24, minutes=1)
    with mock.patch(
        "django.contrib.auth.tokens.PasswordResetTokenGenerator._now", return_value=later.replace(tzinfo=None)
    ):
        assert not client.get(_path(url), follow=True).context["validlink"]


@pytest.mark.django_db
def test_a_coordinator_first(client):
    _bootstrap("--role", "district")
    assert (
        DistrictMembership.objects.get(user__email="maya@riverbend.example.org").district.name
        == "Riverbend Unified"
    )
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_bootstrap_refuses_an_existing_school_and_changes_nothing():
    _bootstrap()
    users = get_user_model().objects.count()
    with pytest.raises(CommandError, match="already exists"):
        _bootstrap()
    with pytest.raises(CommandError, match="not an e-mail address"):
        call_command("bootstrap", "--district", "D", "--school", "New", "--email", "not-an-address")
    assert get_user_model().objects.count() == users and School.objects.count() == 1
