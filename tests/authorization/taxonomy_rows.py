"""The authorization matrix's rows for taxonomy's URL patterns: rubric, definitions, reflections
(tests/test_authorization_matrix.py explains the six columns and how to add a row)."""

from tests.authorization.rows import (
    ALL_200,
    NO_POST,
    L,
    Row,
)

ROWS: dict[str, Row] = {
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
}
