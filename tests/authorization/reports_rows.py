"""The authorization matrix's rows for the reports' URL patterns: /data/ imports and exports, reports,
district pages (tests/test_authorization_matrix.py explains the six columns and how to add a row)."""

from tests.authorization.rows import (
    ALL_200,
    DISTRICT_ONLY,
    DISTRICT_YEAR,
    NO_POST,
    STAGED,
    L,
    Row,
)

ROWS: dict[str, Row] = {
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
    "data:log_row": Row(
        get=(L, 405, 403, 403, 403, 405),
        post=(L, 404, 403, 403, 403, 404),
        kwargs=lambda o: STAGED | {"line": 2},
    ),
    "data:log_confirm": Row(
        get=(L, 405, 403, 403, 403, 405), post=(L, 404, 403, 403, 403, 404), kwargs=lambda o: STAGED
    ),
    # Restoring a school export: the upload page answers the refusal itself (this school has data).
    "data:restore_upload": Row(get=(L, 200, 403, 403, 403, 200), post=(L, 200, 403, 403, 403, 200)),
    "data:restore_preview": Row(
        get=(L, 404, 403, 403, 403, 404), post=(L, 405, 403, 403, 403, 405), kwargs=lambda o: STAGED
    ),
    "data:restore_confirm": Row(
        get=(L, 405, 403, 403, 403, 405), post=(L, 404, 403, 403, 403, 404), kwargs=lambda o: STAGED
    ),
    "data:roster_upload": Row(get=(L, 200, 403, 403, 403, 200), post=(L, 200, 403, 403, 403, 200)),
    "data:roster_preview": Row(
        get=(L, 404, 403, 403, 403, 404), post=(L, 405, 403, 403, 403, 405), kwargs=lambda o: STAGED
    ),
    "data:roster_org": Row(
        get=(L, 405, 403, 403, 403, 405), post=(L, 404, 403, 403, 403, 404), kwargs=lambda o: STAGED
    ),
    "data:roster_confirm": Row(
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
    # The district board PDF is made by a job of the district the first time: a redirect to its page.
    "district:rollup_pdf": Row(
        get=(L, 403, 403, 403, 302, 403), post=NO_POST, kwargs=lambda o: DISTRICT_YEAR
    ),
    "district:schools": Row(get=DISTRICT_ONLY, post=NO_POST),
    # POST only; an empty body names no district of the coordinator's: 404.
    "district:choose": Row(get=(L, 405, 405, 405, 405, 405), post=(L, 403, 403, 403, 404, 403)),
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
