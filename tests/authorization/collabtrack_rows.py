"""The authorization matrix's rows for collabtrack's URL patterns: the core pages, django.contrib.auth,
e-mail settings and jobs (tests/test_authorization_matrix.py explains the six columns and how to add a
row)."""

from tests.authorization.rows import (
    ALL_200,
    NO_POST,
    NOTHING_TO_POST,
    PASSWORD_RESET_CONFIRM,
    PUBLIC,
    L,
    Row,
)

ROWS: dict[str, Row] = {
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
    # people page and invitations (collabtrack/people_urls.py): the librarian and the coordinator manage; the
    # outsider (a librarian) manages their own school and gets 404 for our school's invitations and people.
    # A coordinator invites librarians, principals and coordinators, not teachers: the directory invitation
    # and the teacher's invitation (o.invitation) answer 403 to them.
    "people:index": Row(get=(L, 200, 403, 403, 200, 200), post=NO_POST),
    "people:invite": Row(get=NO_POST, post=(L, 400, 403, 403, 400, 400)),
    "people:invite_directory": Row(get=NO_POST, post=(L, 302, 403, 403, 403, 302)),
    "people:resend": Row(
        get=NO_POST, post=(L, 302, 403, 403, 403, 404), kwargs=lambda o: {"pk": o.invitation.pk}
    ),
    "people:revoke": Row(
        get=NO_POST, post=(L, 302, 403, 403, 403, 404), kwargs=lambda o: {"pk": o.invitation.pk}
    ),
    # An empty POST (no role) is refused with a message on the people page (302).
    "people:change_role": Row(
        get=NO_POST, post=(L, 302, 403, 403, 302, 404), kwargs=lambda o: {"pk": o.teacher_membership.pk}
    ),
    "people:remove": Row(
        get=NO_POST, post=(L, 302, 403, 403, 302, 404), kwargs=lambda o: {"pk": o.teacher_membership.pk}
    ),
    # The invitation link works without a login; an empty POST is the form with its errors.
    "invitation_accept": Row(get=PUBLIC, post=PUBLIC, kwargs=lambda o: {"key": o.invitation.key}),
    # django-allauth (collabtrack/sso_urls.py, sso/): its login page sends to the password login page; no
    # identity provider is configured in the tests, so each provider's URLs answer 404 (never a 500). The
    # loopback OpenID Connect flow is tested in tests/collabtrack/test_sso_loopback.py.
    "account_login": Row(get=(302,) * 6, post=(302,) * 6),
    "account_logout": Row(get=(302, 200, 200, 200, 200, 200), post=(302,) * 6),
    "account_inactive": Row(get=PUBLIC, post=NOTHING_TO_POST),
    "socialaccount_login_cancelled": Row(get=PUBLIC, post=NOTHING_TO_POST),
    # allauth answers its sign-in error page with 401 (a failed sign-in renders it directly, with no login).
    "socialaccount_login_error": Row(get=(L, 401, 401, 401, 401, 401), post=NO_POST),
    # Only reached in the middle of a provider sign-in; without one under way it sends to the login.
    "socialaccount_signup": Row(get=(302,) * 6, post=(302,) * 6),
    "google_login": Row(get=(404,) * 6, post=(404,) * 6),
    "google_callback": Row(get=(404,) * 6, post=(404,) * 6),
    "microsoft_login": Row(get=(404,) * 6, post=(404,) * 6),
    "microsoft_callback": Row(get=(404,) * 6, post=(404,) * 6),
    "openid_connect_login": Row(get=(404,) * 6, post=(404,) * 6, kwargs=lambda o: {"provider_id": "school"}),
    "openid_connect_callback": Row(
        get=(404,) * 6, post=(404,) * 6, kwargs=lambda o: {"provider_id": "school"}
    ),
}
