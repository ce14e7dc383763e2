"""The authorization matrix: every URL pattern the project defines x every persona x GET and POST.

HOW TO ADD YOUR URL PATTERN (the test `test_every_url_pattern_is_in_the_matrix` fails until you do):

1. Add one entry to ROWS in your app's module, tests/authorization/<app>_rows.py (collabtrack, units,
   taxonomy, reports), keyed by the pattern's full name ("units:edit", "staff_list"):

       "units:edit": Row(
           get=(L, 200, 200, 200, 403, 404),
           post=(L, 200, 403, 403, 403, 404),
           kwargs=lambda o: {"pk": o.unit.pk},
       ),

   The six expected statuses are, in this order (the column header ROLES):
       anonymous, librarian, teacher, principal, district coordinator, outsider
   - `L` means "redirected to the login page" (LoginRequiredMiddleware), the answer anonymous users get
     everywhere except on the pages marked `login_not_required`.
   - The teacher is a partner: pass `kwargs` for an object the teacher partners on when the row is about
     partner rights (`Objects` in tests/authorization/objects.py decides which object that is; add one if
     you need another).
   - The outsider is a librarian of ANOTHER school acting in that school, requesting OUR school's object
     ids: object pages must answer 404. Pages without object ids show the outsider their own school.
   - A tuple of statuses (e.g. `(200, 302)`) is allowed where either is right; prefer one status.
2. `kwargs` builds the URL kwargs from `o`, an `Objects` (lazy: only what a row asks for is created).
   Add the object your URL needs as a `cached_property` on `Objects` (tests/authorization/objects.py),
   created in `self.school`.
3. POST is sent with `data(o)` (default: an empty body, i.e. an invalid form: 200 with errors for roles that
   may write, 403/404 for the others). A view that refuses POST must answer 405 (`require_GET`).

Each (pattern, persona, method) is its own test case with a fresh database, so a successful POST (a
delete, say) never changes what the next persona sees.

Left out, on purpose: the Django admin (`admin:` namespace). It is Django's own code, guarded by
`is_staff`, which none of the personas have; `test_admin_is_closed_to_every_persona` checks that instead.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authorization import collabtrack_rows, reports_rows, taxonomy_rows, units_rows
from tests.authorization.objects import Objects
from tests.authorization.rows import ROLES, L, Row

SKIPPED_NAMESPACES = {"admin"}
APPS = (collabtrack_rows, units_rows, taxonomy_rows, reports_rows)
MATRIX: dict[str, Row] = {name: row for app in APPS for name, row in app.ROWS.items()}
assert len(MATRIX) == sum(len(app.ROWS) for app in APPS), "a URL pattern has rows in two modules"


def url_pattern_names(resolver=None, namespace: str = "") -> set[str]:
    """Every named pattern, with its namespace, walking included URLconfs recursively."""
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            names |= url_pattern_names(entry, inner)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"URL pattern {entry.pattern} has no name: give it one and a Row"
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_url_pattern_is_in_the_matrix():
    missing = sorted(url_pattern_names() - MATRIX.keys())
    assert not missing, (
        "These URL patterns are not in the authorization matrix; add a Row for each to ROWS in "
        "tests/authorization/<app>_rows.py (instructions at the top of this file): "
        f"{missing}"
    )


def test_the_matrix_names_no_pattern_that_is_gone():
    stale = sorted(MATRIX.keys() - url_pattern_names())
    assert not stale, f"Remove these rows (tests/authorization/), their URL patterns no longer exist: {stale}"


def _client(role, request) -> Client:
    if role == "anonymous":
        return Client()
    client_for = request.getfixturevalue("client_for")
    user = request.getfixturevalue(role)
    school = request.getfixturevalue("other_school" if role == "outsider" else "school")
    return client_for(user, school)


def _cases() -> list:
    return [
        pytest.param(name, method, index, id=f"{name}-{method}-{role}")
        for name in sorted(MATRIX)
        for method in ("get", "post")
        for index, role in enumerate(ROLES)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "index"), _cases())
def test_authorization(name, method, index, request):
    row = MATRIX[name]
    role = ROLES[index]
    expected = getattr(row, method)[index]
    objects = Objects(request)
    # Personas exist before the request, so the teacher is a known user whatever the row builds.
    for persona in ROLES[1:]:
        request.getfixturevalue(persona)
    url = reverse(name, kwargs=row.kwargs(objects) if row.kwargs else None)
    client = _client(role, request)
    data = row.data(objects) if row.data else {}
    response = client.get(url) if method == "get" else client.post(url, data)
    where = f"{method.upper()} {url} as {role}"
    if expected == L:
        login = reverse("login")
        assert response.status_code == 302, (
            f"{where}: expected a redirect to log in, got {response.status_code}"
        )
        assert response["Location"].startswith(f"{login}?next="), (
            f"{where}: redirected to {response['Location']}"
        )
        return
    allowed = expected if isinstance(expected, tuple) else (expected,)
    assert response.status_code in allowed, f"{where}: expected {expected}, got {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_admin_is_closed_to_every_persona(role, request):
    response = _client(role, request).get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
