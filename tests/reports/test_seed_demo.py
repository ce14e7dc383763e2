from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from collabtrack.models import District, DistrictMembership, Membership, School, StaffMember
from reports.models import MonthlyStatistics
from units.levels import PartnershipLevel
from units.models import Unit

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (School, Membership, StaffMember, Unit, MonthlyStatistics, District, DistrictMembership)
    }


def test_seed_demo_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    first = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == first


def test_seed_demo_builds_a_believable_school(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    riverbend = School.objects.get(name="Riverbend Middle School")
    assert 12 <= riverbend.staff.count() <= 15
    units = Unit.objects.filter(school=riverbend)
    assert 60 <= units.count() <= 90
    assert set(units.values_list("level", flat=True)) == set(PartnershipLevel.values)
    for unit in units.filter(level=PartnershipLevel.DATA_DRIVEN):
        assert unit.gaps.exists(), "a level-4 unit must record a test-data gap"
    teacher_units = Unit.objects.filter(teachers__user__username="teacher").count()
    assert teacher_units >= 3
    assert School.objects.count() == 4
    for username in ["librarian", "principal", "teacher", "district", "other-librarian"]:
        # django-axes throttles by address, so authenticate() needs the request it would come with.
        login_request = RequestFactory().post("/accounts/login/")
        assert authenticate(login_request, username=username, password="collabtrack-demo") is not None
    # The coordinator belongs to the district, which reaches all four schools.
    assert not Membership.objects.filter(user__username="district").exists()
    district = District.objects.get(memberships__user__username="district")
    assert district.schools.count() == 4


def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run when DEBUG"):
        call_command("seed_demo")
    assert not School.objects.exists()
    call_command("seed_demo", force=True, stdout=StringIO())
    assert School.objects.count() == 4


def test_seed_demo_again_writes_no_history(settings):
    """Every `make run` seeds again: data already there must not gain a history entry each time."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    units, months = Unit.history.count(), MonthlyStatistics.history.count()
    call_command("seed_demo", stdout=StringIO())
    assert (Unit.history.count(), MonthlyStatistics.history.count()) == (units, months)
