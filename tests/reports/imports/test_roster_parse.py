"""The roster parser (reports/imports/roster_parse.py) and reader (roster_read.py) as pure functions, and
hypothesis fuzzing: any bytes, any cells give row problems or a file error, never an exception."""

import io
import zipfile

from hypothesis import given
from hypothesis import strategies as st

from reports.imports.roster_parse import ceds_grades, is_delta, parse_plain, parse_users
from reports.imports.roster_read import read_roster
from tests.fuzzing import FILE_CONTENT, FUZZ, HOSTILE_VALUE, NASTY
from tests.reports.imports.roster_files import oneroster_zip, sample_text

USERS_HEADER = sample_text("users.csv").splitlines()[0].split(",")


def table(rows: list[list[str]]) -> tuple[list[list[str]], list[int]]:
    return rows, list(range(1, len(rows) + 1))


def test_the_sample_export_gives_its_staff_and_counts_the_rest():
    roster = read_roster(oneroster_zip(), "roster.zip")
    assert roster.error == "" and roster.format == "oneroster" and roster.full
    assert [row.name for row in roster.rows] == [
        "Priya Shah", "Marcus Bell", "Dana Ortiz", "Sam Rivera", "Lee Park", "Ann Hill"
    ]  # fmt: skip
    assert [row.title for row in roster.rows][:4] == ["Teacher", "Teacher", "Administrator", "Aide"]
    assert [row.active for row in roster.rows] == [True, True, True, True, False, True]
    assert (roster.students, roster.not_staff) == (3, 1)
    assert {org.source_id: org.name for org in roster.orgs} == {
        "org-rms": "Riverside Middle School",
        "org-hes": "Hilltop Elementary School",
    }
    assert all(not row.problems for row in roster.rows)


def test_the_export_may_sit_in_a_folder_of_the_zip_and_say_delta():
    roster = read_roster(oneroster_zip(folder="export-2026/", delta=True), "roster.zip")
    assert roster.error == "" and len(roster.rows) == 6 and not roster.full


def test_users_csv_alone_is_read_as_oneroster():
    roster = read_roster(sample_text("users.csv").encode(), "users.csv")
    assert roster.format == "oneroster" and roster.orgs == [] and roster.students == 3


def test_ceds_grades():
    assert ceds_grades("PK,KG,01, 12") == ([-1, 0, 1, 12], [], "")
    assert ceds_grades("13,PS,07") == ([7], ["13", "PS"], "")
    assert ceds_grades("7")[2] == "“7” is not a OneRoster grade (PK, KG, 01 to 12)."


def test_manifest_delta():
    assert is_delta([["propertyName", "value"], ["file.users", "delta"]])
    assert not is_delta([["file.users", "bulk"]]) and not is_delta([])


def test_a_users_file_without_its_key_columns_is_a_file_error():
    assert "no sourcedId or role column" in parse_users(*table([["name"], ["x"]])).error


def test_plain_list_headings_are_found_in_any_order_and_spelling():
    roster = parse_plain(
        *table([["Grades", "Job title", "E-mail address", "Full name"], ["6-8", "T", "a@b.co", "A B"]])
    )
    row = roster.rows[0]
    assert (row.name, row.email, row.title, row.grades, row.problems) == ("A B", "a@b.co", "T", [6, 7, 8], [])


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


cells = st.one_of(
    HOSTILE_VALUE, st.sampled_from(["teacher", "student", "aide", "true", "false", "KG,01", ""])
)


@FUZZ
@given(rows=st.lists(st.lists(cells, max_size=len(USERS_HEADER) + 2), max_size=8))
def test_random_oneroster_cells_give_only_row_problems(rows):
    roster = parse_users(*table([USERS_HEADER, *rows]))
    assert roster.error == ""
    for row in roster.rows:
        assert isinstance(row.problems, list) and all(-1 <= grade <= 12 for grade in row.grades)
        assert row.problems or (row.name and row.source_id and len(row.name) <= 200)
    assert roster.students + roster.not_staff + len(roster.rows) == len(rows)


@FUZZ
@given(rows=st.lists(st.lists(cells, max_size=5), max_size=8))
def test_random_plain_cells_give_only_row_problems(rows):
    roster = parse_plain(*table([["Name", "E-mail", "Title", "Grades"], *rows]))
    for row in roster.rows:
        assert row.problems or row.name


@FUZZ
@given(
    data=st.one_of(FILE_CONTENT, st.lists(cells, max_size=30).map(lambda v: ",".join(map(str, v)).encode())),
    filename=st.sampled_from(["users.csv", "roster.zip", "staff.xlsx", "staff.txt", ""]),
)
def test_random_bytes_never_raise(data, filename):
    roster = read_roster(data, filename)
    assert roster.error or roster.format in ("oneroster", "plain")


@FUZZ
@given(
    users=st.binary(max_size=1500),
    orgs=st.binary(max_size=300),
    manifest=st.sampled_from([b"", b"\xff\xfe", b"file.users,delta"]),
)
def test_random_zip_members_never_raise(users, orgs, manifest):
    data = _zip({"users.csv": users, "orgs.csv": orgs, "manifest.csv": manifest})
    roster = read_roster(data, "roster.zip")
    assert isinstance(roster.error, str)


def test_nasty_values_in_every_column():
    rows = [[value] * len(USERS_HEADER) for value in NASTY]
    roster = parse_users(*table([USERS_HEADER, *rows]))
    assert all(row.problems for row in roster.rows)
