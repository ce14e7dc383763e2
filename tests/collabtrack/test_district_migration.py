"""The data migration to districts, run on the old shape: the demo's two schools with the free-text
district "Cedar Valley Unified School District" and Helen Brooks's per-school coordinator memberships,
plus a school with its own months, one with no district, and a blank-district school with a coordinator."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from collabtrack.demo import DISTRICT_NAME

BEFORE = [("collabtrack", "0004_jobs_and_kept_files")]
AFTER_DATA = [("collabtrack", "0005_districts")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def migrated_back(transactional_db, django_db_serialized_rollback):
    old = _migrate(BEFORE)
    yield old
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_free_text_districts_and_coordinators_become_districts(migrated_back):
    old = migrated_back
    School, Membership = old.get_model("collabtrack", "School"), old.get_model("collabtrack", "Membership")
    User = old.get_model("auth", "User")
    riverbend = School.objects.create(name="Riverbend Middle School", district=DISTRICT_NAME)
    hillcrest = School.objects.create(name="Hillcrest Elementary School", district=DISTRICT_NAME)
    School.objects.create(name="Southern Cross", district=DISTRICT_NAME, first_month=2, last_month=12)
    School.objects.create(name="Alone Academy", district="")
    island = School.objects.create(name="Island School", district="")
    helen = User.objects.create(username="district")
    maya = User.objects.create(username="librarian")
    ivy = User.objects.create(username="ivy")
    for school in (riverbend, hillcrest):
        Membership.objects.create(user=helen, school=school, role="district")
    Membership.objects.create(user=maya, school=riverbend, role="librarian")
    Membership.objects.create(user=ivy, school=island, role="district")

    new = _migrate(AFTER_DATA)
    School, Membership = new.get_model("collabtrack", "School"), new.get_model("collabtrack", "Membership")
    District = new.get_model("collabtrack", "District")
    DistrictMembership = new.get_model("collabtrack", "DistrictMembership")

    cedar = District.objects.get(name=DISTRICT_NAME)
    assert (cedar.first_month, cedar.last_month) == (9, 6)  # the months most of its schools use
    assert set(cedar.schools.values_list("name", flat=True)) == {
        "Riverbend Middle School",
        "Hillcrest Elementary School",
        "Southern Cross",
    }
    assert School.objects.get(name="Riverbend Middle School").first_month is None  # as the district
    assert School.objects.filter(name="Southern Cross", first_month=2, last_month=12).exists()
    assert School.objects.get(name="Alone Academy").district_id is None  # no name, no coordinator
    island_district = District.objects.get(name="Island School district")
    assert list(island_district.schools.values_list("name", flat=True)) == ["Island School"]
    assert set(DistrictMembership.objects.values_list("user__username", "district__name")) == {
        ("district", DISTRICT_NAME),
        ("ivy", "Island School district"),
    }
    assert not Membership.objects.filter(role="district").exists()
    assert Membership.objects.filter(user__username="librarian", role="librarian").count() == 1
