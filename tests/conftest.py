"""Persona fixtures used across the suite (STYLE.md "Tests"): the librarian, a teacher partner, the
principal, the district coordinator and an outsider from another school, each with a logged-in client."""

import pytest
from django.test import Client, override_settings

from collabtrack.access import SESSION_KEY
from collabtrack.models import DistrictMembership, Role, School
from tests.factories import DistrictFactory, MembershipFactory, SchoolFactory, StaffMemberFactory, UserFactory


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """PBKDF2 is slow on purpose; tests create many logins, so they use a fast hasher.

    override_settings (not plain assignment) so Django drops its cached hashers."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached figures are keyed by school id and data version; a test database reuses both (SQLite
    hands out ids again after a rollback), so each test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _serialized_rollback_in_every_context(django_db_setup, django_db_blocker):
    """Serialized rollback works in every test, before and after the browser starts.

    Django keeps the test database's serialized rows (the migrations' grade levels, AASL indicators,
    content types...) on the connection object that created the database, and a committing test with
    serialized_rollback loads them back only if *its* connection object has them. Playwright's sync API
    leaves an asyncio loop running in the main thread, and from then on asgiref's Local, which holds
    Django's connections, hands this thread a different connection object (a context-variable storage
    instead of the thread-local one). That object has no serialized rows, so every committing test after
    the first browser test silently restored nothing, and the flush after each left those tables empty:
    on PostgreSQL a full run reached a browser journey and the worker tests without grade levels.
    Putting the rows on the connection class makes every connection object of it carry them."""
    from django.db import connections

    carriers = set()
    for alias in connections:
        wrapper = connections[alias]
        contents = getattr(wrapper, "_test_serialized_contents", None)
        if contents is not None:
            type(wrapper)._test_serialized_contents = contents
            carriers.add(type(wrapper))
    yield
    for carrier in carriers:
        del carrier._test_serialized_contents


@pytest.fixture
def school(db):
    return SchoolFactory(name="Riverside Middle School")


@pytest.fixture
def other_school(db):
    return SchoolFactory(name="Faraway Elementary School")


def _member(username, school, role):
    user = UserFactory(username=username)
    MembershipFactory(user=user, school=school, role=role)
    return user


@pytest.fixture
def librarian(school):
    return _member("alice-librarian", school, Role.LIBRARIAN)


@pytest.fixture
def principal(school):
    return _member("paula-principal", school, Role.PRINCIPAL)


@pytest.fixture
def teacher(school):
    user = _member("tom-teacher", school, Role.TEACHER)
    StaffMemberFactory(school=school, name="Tom Teacher", user=user)
    return user


@pytest.fixture
def teacher_staff(teacher):
    return teacher.staff_entries.get()


@pytest.fixture
def district(school, other_school):
    """The coordinator of the district that owns both schools (a membership of the district, not of
    each school); acting in `school` through the drill-down."""
    the_district = DistrictFactory(name="Test District")
    School.objects.filter(pk__in=[school.pk, other_school.pk]).update(district=the_district)
    school.refresh_from_db()
    other_school.refresh_from_db()
    user = UserFactory(username="dana-district")
    DistrictMembership.objects.create(user=user, district=the_district)
    return user


@pytest.fixture
def outsider(other_school):
    return _member("oscar-outsider", other_school, Role.LIBRARIAN)


def _client_for(user, school):
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = school.pk
    session.save()
    return client


@pytest.fixture
def client_for(db):
    """client_for(user, school) -> a test client logged in as `user`, acting in `school`."""
    return _client_for


@pytest.fixture
def librarian_client(client_for, librarian, school):
    return client_for(librarian, school)


@pytest.fixture
def principal_client(client_for, principal, school):
    return client_for(principal, school)


@pytest.fixture
def teacher_client(client_for, teacher, school):
    return client_for(teacher, school)


@pytest.fixture
def district_client(client_for, district, school):
    return client_for(district, school)


@pytest.fixture
def outsider_client(client_for, outsider, other_school):
    return client_for(outsider, other_school)


@pytest.fixture(autouse=True, scope="session")
def _job_queue_in_memory():
    """Jobs the tests queue go to a queue in memory, never to the developer's huey.sqlite3. Tests run a
    job as the worker would, as a plain function (tests/job_helpers.py); tests/jobs/ starts real workers
    on the SQLite queue and on Redis, and the browser tests run a consumer in a thread."""
    from huey.contrib.djhuey import HUEY
    from huey.storage import MemoryStorage

    saved = HUEY.storage
    HUEY.storage = MemoryStorage("collabtrack-tests")
    yield
    HUEY.storage = saved


@pytest.fixture
def commit():
    """commit() runs the on-commit callbacks queued so far, as a real commit would: the test's own
    transaction never commits, and the data version moves on commit (collabtrack.dataversion)."""
    from django.db import connection

    def run() -> int:
        callbacks, connection.run_on_commit = connection.run_on_commit, []
        for _savepoints, callback, _robust in callbacks:
            callback()
        return len(callbacks)

    return run


@pytest.fixture
def media(settings, tmp_path):
    """MEDIA_ROOT in this test's own folder, for a test that looks at the files written there."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def _media_root_for_tests(settings, tmp_path_factory):
    """Uploads and kept files never land in the checkout's media/ folder; a test that looks at the files
    sets MEDIA_ROOT to its own tmp_path (its `media` fixture)."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"
