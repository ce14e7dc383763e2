"""The authorization matrix: every URL pattern the project defines x every persona x GET and POST.

HOW TO ADD YOUR URL PATTERN (the test `test_every_url_pattern_is_in_the_matrix` fails until you do):

1. Add one entry to MATRIX below, keyed by the pattern's full name ("units:edit", "staff_list"):

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
     partner rights (the `Objects` below decides which object that is; add one if you need another).
   - The outsider is a librarian of ANOTHER school acting in that school, requesting OUR school's object
     ids: object pages must answer 404. Pages without object ids show the outsider their own school.
   - A tuple of statuses (e.g. `(200, 302)`) is allowed where either is right; prefer one status.
2. `kwargs` builds the URL kwargs from `o`, an `Objects` (lazy: only what a row asks for is created).
   Add the object your URL needs as a `cached_property` on `Objects`, created in `self.school`.
3. POST is sent with `data(o)` (default: an empty body, i.e. an invalid form: 200 with errors for roles that
   may write, 403/404 for the others). A view that refuses POST must answer 405 (`require_GET`).

Each (pattern, persona, method) is its own test case with a fresh database, so a successful POST (a
delete, say) never changes what the next persona sees.

Left out, on purpose: the Django admin (`admin:` namespace). It is Django's own code, guarded by
`is_staff`, which none of the personas have; `test_admin_is_closed_to_every_persona` checks that instead.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import StaffMemberFactory

ROLES = ("anonymous", "librarian", "teacher", "principal", "district", "outsider")
L = "login"
SKIPPED_NAMESPACES = {"admin"}

Status = int | str | tuple


class Objects:
    """Objects of the acting school (`school`), created on first use."""

    def __init__(self, request):
        self._request = request
        self.school = request.getfixturevalue("school")

    @cached_property
    def staff_member(self):
        return StaffMemberFactory(school=self.school, name="Rosa Reader")

    @cached_property
    def teacher(self):
        return self._request.getfixturevalue("teacher")

    @cached_property
    def unit(self):
        """A unit the `teacher` persona partners on."""
        from tests.factories import UnitFactory

        unit = UnitFactory(school=self.school, title="Matrix unit")
        unit.teachers.add(self.teacher.staff_entries.get())
        return unit

    @cached_property
    def unsubscribe_token(self):
        from collabtrack.mail import unsubscribe_token

        return unsubscribe_token(self._request.getfixturevalue("librarian"), "monthly_report")

    @cached_property
    def deleted_unit(self):
        from django.utils import timezone

        from tests.factories import UnitFactory

        return UnitFactory(school=self.school, title="Deleted matrix unit", deleted_at=timezone.now())

    @cached_property
    def attachment(self):
        from django.core.files.base import ContentFile

        from units.models import Attachment

        self._request.getfixturevalue("settings").MEDIA_ROOT = self._request.getfixturevalue("tmp_path")
        return Attachment.objects.create(
            unit=self.unit, file=ContentFile(b"notes", name="notes.txt"), original_name="notes.txt", size=5
        )

    @cached_property
    def reflection(self):
        """The librarian persona's own taxonomy self-assessment, NOT shared: the principal must get 404."""
        from tests.factories import TaxonomyReflectionFactory

        return TaxonomyReflectionFactory(
            school=self.school, author=self._request.getfixturevalue("librarian")
        )

    @cached_property
    def roadblocks_reflection(self):
        from tests.factories import RoadblockFactory, RoadblocksReflectionFactory

        reflection = RoadblocksReflectionFactory(
            school=self.school, author=self._request.getfixturevalue("librarian")
        )
        RoadblockFactory(reflection=reflection)
        return reflection

    @cached_property
    def action_item(self):
        from tests.factories import ActionItemFactory

        return ActionItemFactory(reflection=self.roadblocks_reflection)

    @cached_property
    def job(self):
        """The librarian persona's board PDF job, done, with its kept file on disk."""
        from tests.job_helpers import finished_board_pdf_job

        self._request.getfixturevalue("settings").MEDIA_ROOT = self._request.getfixturevalue("tmp_path")
        return finished_board_pdf_job(self.school, self._request.getfixturevalue("librarian"))


@dataclass(frozen=True)
class Row:
    get: tuple[Status, ...]
    post: tuple[Status, ...]
    kwargs: Callable[[Objects], dict] | None = None
    data: Callable[[Objects], dict] | None = None

    def __post_init__(self):
        assert len(self.get) == len(ROLES) and len(self.post) == len(ROLES), f"six statuses: {ROLES}"


ALL_200 = (L, 200, 200, 200, 200, 200)
NO_POST = (L, 405, 405, 405, 405, 405)
PUBLIC = (200, 200, 200, 200, 200, 200)
NOTHING_TO_POST = (405, 405, 405, 405, 405, 405)
PASSWORD_RESET_CONFIRM = {"uidb64": "MQ", "token": "no-such-token"}
STAGED = {"token": "AAAAAAAAAAAAAAAAAAAAAA"}  # a well-formed import token that no session staged

DISTRICT_ONLY = (L, 403, 403, 403, 200, 403)
DISTRICT_YEAR = {"school_year": "2025-26"}

MATRIX: dict[str, Row] = {
    # collabtrack core
    "home": Row(get=(L, 302, 302, 302, 302, 302), post=NO_POST),
    "about": Row(get=PUBLIC, post=NOTHING_TO_POST),
    # Browsers and bots ask for it without a login: a permanent redirect to the static icon.
    "favicon": Row(get=(301,) * 6, post=(405,) * 6),
    "choose_school": Row(get=ALL_200, post=ALL_200),
    # Read-only pages of the core that do not refuse POST: harmless (nothing is written), pinned here.
    "staff_list": Row(get=ALL_200, post=NO_POST),
    "staff_create": Row(get=(L, 200, 403, 403, 403, 200), post=(L, 200, 403, 403, 403, 200)),
    "staff_edit": Row(
        get=(L, 200, 403, 403, 403, 404),
        post=(L, 200, 403, 403, 403, 404),
        kwargs=lambda o: {"pk": o.staff_member.pk},
    ),
    # django.contrib.auth (accounts/)
    "login": Row(get=(200, 200, 200, 200, 200, 200), post=(200, 200, 200, 200, 200, 200)),
    "logout": Row(get=(L, 405, 405, 405, 405, 405), post=(302, 302, 302, 302, 302, 302)),
    "password_change": Row(get=ALL_200, post=ALL_200),
    "password_change_done": Row(get=ALL_200, post=NO_POST),
    "password_reset": Row(get=PUBLIC, post=PUBLIC),
    "password_reset_done": Row(get=PUBLIC, post=NOTHING_TO_POST),
    "password_reset_confirm": Row(get=PUBLIC, post=PUBLIC, kwargs=lambda o: PASSWORD_RESET_CONFIRM),
    "password_reset_complete": Row(get=PUBLIC, post=NOTHING_TO_POST),
    # e-mail settings (anyone logged in; an empty POST turns every kind off) and the signed one-click
    # unsubscribe link, which works without a login (o.unsubscribe_token: the librarian's monthly report)
    "notification_settings": Row(get=ALL_200, post=(L, 302, 302, 302, 302, 302)),
    "unsubscribe": Row(get=PUBLIC, post=PUBLIC, kwargs=lambda o: {"token": o.unsubscribe_token}),
    # taxonomy
    "taxonomy:rubric": Row(get=ALL_200, post=NO_POST),
    "taxonomy:definitions": Row(get=ALL_200, post=NO_POST),
    # reflections: the author's alone; the principal reads shared ones only (o.reflection is not shared)
    "taxonomy:reflections": Row(get=(L, 200, 403, 403, 403, 200), post=(L, 405, 403, 403, 403, 405)),
    "taxonomy:shared_reflections": Row(get=(L, 403, 403, 200, 403, 403), post=(L, 403, 403, 405, 403, 403)),
    "taxonomy:portfolio_pdf": Row(get=(L, 200, 403, 403, 403, 200), post=(L, 405, 403, 403, 403, 405)),
    "taxonomy:reflection_create": Row(
        get=(L, 200, 403, 403, 403, 200),
        post=(L, 200, 403, 403, 403, 200),
        kwargs=lambda o: {"kind": "taxonomy"},
    ),
    "taxonomy:reflection_detail": Row(
        get=(L, 200, 404, 404, 404, 404),
        post=NO_POST,
        kwargs=lambda o: {"kind": "taxonomy", "pk": o.reflection.pk},
    ),
    "taxonomy:reflection_edit": Row(
        get=(L, 200, 404, 404, 404, 404),
        post=(L, 200, 404, 404, 404, 404),
        kwargs=lambda o: {"kind": "taxonomy", "pk": o.reflection.pk},
    ),
    "taxonomy:reflection_share": Row(
        get=NO_POST,
        post=(L, 302, 404, 404, 404, 404),
        kwargs=lambda o: {"kind": "taxonomy", "pk": o.reflection.pk},
    ),
    "taxonomy:reflection_delete": Row(
        get=NO_POST,
        post=(L, 302, 404, 404, 404, 404),
        kwargs=lambda o: {"kind": "taxonomy", "pk": o.reflection.pk},
    ),
    "taxonomy:action_item_create": Row(
        get=NO_POST, post=(L, 400, 404, 404, 404, 404), kwargs=lambda o: {"pk": o.roadblocks_reflection.pk}
    ),
    "taxonomy:action_item_done": Row(
        get=NO_POST, post=(L, 302, 404, 404, 404, 404), kwargs=lambda o: {"pk": o.action_item.pk}
    ),
    # units (the teacher persona partners on o.unit; the outsider acts in their own school)
    "units:list": Row(get=ALL_200, post=NO_POST),
    "units:quick_log": Row(get=(L, 200, 403, 403, 403, 200), post=(L, 200, 403, 403, 403, 200)),
    "units:deleted": Row(get=(L, 200, 403, 403, 403, 200), post=(L, 405, 403, 403, 403, 405)),
    "units:detail": Row(get=(L, 200, 200, 200, 200, 404), post=NO_POST, kwargs=lambda o: {"pk": o.unit.pk}),
    "units:pdf": Row(get=(L, 200, 200, 200, 200, 404), post=NO_POST, kwargs=lambda o: {"pk": o.unit.pk}),
    "units:edit": Row(
        get=(L, 200, 200, 403, 403, 404),
        post=(L, 200, 200, 403, 403, 404),
        kwargs=lambda o: {"pk": o.unit.pk},
    ),
    "units:copy": Row(
        get=(L, 200, 403, 403, 403, 404),
        post=(L, 200, 403, 403, 403, 404),
        kwargs=lambda o: {"pk": o.unit.pk},
    ),
    "units:delete": Row(
        get=(L, 200, 403, 403, 403, 404),
        post=(L, 302, 403, 403, 403, 404),
        kwargs=lambda o: {"pk": o.unit.pk},
    ),
    "units:restore": Row(
        get=(L, 405, 403, 403, 403, 405),
        post=(L, 302, 403, 403, 403, 404),
        kwargs=lambda o: {"pk": o.deleted_unit.pk},
    ),
    "units:attachment_upload": Row(
        get=NO_POST, post=(L, 400, 400, 403, 403, 404), kwargs=lambda o: {"pk": o.unit.pk}
    ),
    "units:attachment_download": Row(
        get=(L, 200, 200, 200, 200, 404),
        post=NO_POST,
        kwargs=lambda o: {"pk": o.unit.pk, "attachment_pk": o.attachment.pk},
    ),
    "units:attachment_delete": Row(
        get=NO_POST,
        post=(L, 302, 302, 403, 403, 404),
        kwargs=lambda o: {"pk": o.unit.pk, "attachment_pk": o.attachment.pk},
    ),
    # jobs (collabtrack/job_urls.py): o.job is the librarian persona's own finished board PDF; a job belongs
    # to its school AND its user, so everyone else (the principal of the same school included) gets 404.
    "jobs:status": Row(get=(L, 200, 404, 404, 404, 404), post=NO_POST, kwargs=lambda o: {"job_id": o.job.pk}),
    "jobs:status_json": Row(
        get=(L, 200, 404, 404, 404, 404), post=NO_POST, kwargs=lambda o: {"job_id": o.job.pk}
    ),
    "jobs:download": Row(
        get=(L, 200, 404, 404, 404, 404), post=NO_POST, kwargs=lambda o: {"job_id": o.job.pk}
    ),
    "jobs:retry": Row(get=NO_POST, post=(L, 302, 404, 404, 404, 404), kwargs=lambda o: {"job_id": o.job.pk}),
    # import and export (/data/). A staged import's token belongs to the session that uploaded the file:
    # a well-formed token of no session is 404 for every role that may import.
    "data:index": Row(get=(L, 200, 403, 200, 403, 200), post=(L, 405, 403, 405, 403, 405)),
    # The ZIP and the board PDF are made by a job the first time: a redirect to the job's page.
    "data:school_export": Row(get=(L, 302, 403, 302, 403, 302), post=(L, 405, 403, 405, 403, 405)),
    # Any registered exporter (collabtrack.exporters); its roles decide (annual summary: staff roles).
    "data:export": Row(
        get=(L, 200, 403, 200, 200, 200), post=NO_POST, kwargs=lambda o: {"identifier": "annual_summary"}
    ),
    "data:log_upload": Row(get=(L, 200, 403, 403, 403, 200), post=(L, 200, 403, 403, 403, 200)),
    "data:log_preview": Row(
        get=(L, 404, 403, 403, 403, 404), post=(L, 405, 403, 403, 403, 405), kwargs=lambda o: STAGED
    ),
    "data:log_mapping": Row(
        get=(L, 405, 403, 403, 403, 405), post=(L, 404, 403, 403, 403, 404), kwargs=lambda o: STAGED
    ),
    "data:log_confirm": Row(
        get=(L, 405, 403, 403, 403, 405), post=(L, 404, 403, 403, 403, 404), kwargs=lambda o: STAGED
    ),
    "data:circulation_upload": Row(get=(L, 200, 403, 403, 403, 200), post=(L, 200, 403, 403, 403, 200)),
    "data:circulation_preview": Row(
        get=(L, 404, 403, 403, 403, 404), post=(L, 405, 403, 403, 403, 405), kwargs=lambda o: STAGED
    ),
    "data:circulation_confirm": Row(
        get=(L, 405, 403, 403, 403, 405), post=(L, 404, 403, 403, 403, 404), kwargs=lambda o: STAGED
    ),
    # reports (no object ids: the outsider sees their own school's reports; an empty POST to the
    # statistics or board page is an unbound form, shown again)
    "reports:monthly_current": Row(get=(L, 302, 302, 302, 302, 302), post=NO_POST),
    "reports:monthly": Row(get=ALL_200, post=NO_POST, kwargs=lambda o: {"year": 2025, "month": 10}),
    "reports:monthly_pdf": Row(
        get=(L, 200, 403, 200, 200, 200), post=NO_POST, kwargs=lambda o: {"year": 2025, "month": 10}
    ),
    "reports:monthly_export": Row(
        get=(L, 200, 403, 200, 200, 200),
        post=NO_POST,
        kwargs=lambda o: {"year": 2025, "month": 10, "fmt": "csv"},
    ),
    "reports:annual_current": Row(get=ALL_200, post=NO_POST),
    "reports:annual": Row(get=ALL_200, post=NO_POST, kwargs=lambda o: {"school_year": "2025-26"}),
    "reports:annual_export": Row(
        get=(L, 200, 403, 200, 200, 200),
        post=NO_POST,
        kwargs=lambda o: {"school_year": "2025-26", "fmt": "xlsx"},
    ),
    "reports:year_units_export": Row(
        get=(L, 200, 403, 200, 200, 200),
        post=NO_POST,
        kwargs=lambda o: {"school_year": "2025-26", "fmt": "csv"},
    ),
    "reports:dashboard": Row(get=(L, 200, 403, 200, 200, 200), post=NO_POST),
    "reports:dashboard_year": Row(
        get=(L, 200, 403, 200, 200, 200), post=NO_POST, kwargs=lambda o: {"school_year": "2025-26"}
    ),
    "reports:dashboard_chart_svg": Row(
        get=(L, 200, 403, 200, 200, 200),
        post=NO_POST,
        kwargs=lambda o: {"school_year": "2025-26", "key": "grades"},
    ),
    "reports:dashboard_chart_csv": Row(
        get=(L, 200, 403, 200, 200, 200),
        post=NO_POST,
        kwargs=lambda o: {"school_year": "2025-26", "key": "circulation"},
    ),
    "reports:board": Row(
        get=(L, 200, 403, 200, 200, 200),
        post=(L, 200, 403, 403, 403, 200),
        kwargs=lambda o: {"school_year": "2025-26"},
    ),
    "reports:board_pdf": Row(
        get=(L, 302, 403, 302, 302, 302), post=NO_POST, kwargs=lambda o: {"school_year": "2025-26"}
    ),
    # POST only: the librarian uploads the logo (an empty body: errors), the principal writes the note.
    "reports:board_logo": Row(
        get=(L, 405, 405, 405, 405, 405),
        post=(L, 200, 403, 403, 403, 200),
        kwargs=lambda o: {"school_year": "2025-26"},
    ),
    "reports:board_note": Row(
        get=(L, 405, 405, 405, 405, 405),
        post=(L, 403, 403, 302, 403, 403),  # an empty note is a valid note
        kwargs=lambda o: {"school_year": "2025-26"},
    ),
    "reports:deliveries": Row(get=(L, 200, 403, 200, 200, 200), post=NO_POST),
    "reports:statistics_current": Row(get=(L, 200, 403, 403, 403, 200), post=(L, 200, 403, 403, 403, 200)),
    "reports:statistics": Row(
        get=(L, 200, 403, 403, 403, 200),
        post=(L, 200, 403, 403, 403, 200),
        kwargs=lambda o: {"school_year": "2025-26"},
    ),
    # district pages (issue 11): the coordinator's alone; every school role gets 403 (another district's
    # school is a 404 for a coordinator: tests/reports/test_district_views.py)
    "district:rollup": Row(get=DISTRICT_ONLY, post=NO_POST),
    "district:rollup_year": Row(get=DISTRICT_ONLY, post=NO_POST, kwargs=lambda o: DISTRICT_YEAR),
    "district:rollup_csv": Row(get=DISTRICT_ONLY, post=NO_POST, kwargs=lambda o: DISTRICT_YEAR),
    "district:rollup_xlsx": Row(get=DISTRICT_ONLY, post=NO_POST, kwargs=lambda o: DISTRICT_YEAR),
    "district:rollup_pdf": Row(get=DISTRICT_ONLY, post=NO_POST, kwargs=lambda o: DISTRICT_YEAR),
    "district:schools": Row(get=DISTRICT_ONLY, post=NO_POST),
    "district:school_add": Row(get=DISTRICT_ONLY, post=DISTRICT_ONLY),
    # An empty POST leaves both months blank: valid ("as the district"), so a redirect.
    "district:school": Row(
        get=DISTRICT_ONLY, post=(L, 403, 403, 403, 302, 403), kwargs=lambda o: {"pk": o.school.pk}
    ),
    "district:open_school": Row(
        get=(L, 403, 403, 403, 302, 403),
        post=NO_POST,
        kwargs=lambda o: {"pk": o.school.pk, "page": "dashboard", **DISTRICT_YEAR},
    ),
}


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
            assert entry.name, f"URL pattern {entry.pattern} has no name: give it one and add it to MATRIX"
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_url_pattern_is_in_the_matrix():
    missing = sorted(url_pattern_names() - MATRIX.keys())
    assert not missing, (
        "These URL patterns are not in the authorization matrix; add a Row for each to MATRIX in "
        f"tests/test_authorization_matrix.py (instructions at the top of the file): {missing}"
    )


def test_the_matrix_names_no_pattern_that_is_gone():
    stale = sorted(MATRIX.keys() - url_pattern_names())
    assert not stale, f"Remove these rows from MATRIX, their URL patterns no longer exist: {stale}"


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
