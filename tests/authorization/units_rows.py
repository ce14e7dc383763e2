"""The authorization matrix's rows for the units' URL patterns (units/urls.py)
(tests/test_authorization_matrix.py explains the six columns and how to add a row)."""

from tests.authorization.rows import (
    ALL_200,
    NO_POST,
    L,
    Row,
)

ROWS: dict[str, Row] = {
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
}
