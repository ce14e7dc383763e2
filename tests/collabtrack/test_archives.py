"""The archive checks (collabtrack.archives) and the bounded readers (collabtrack.xlsx,
collabtrack.bounded_csv) on their own: each limit refuses with its message, ordinary files pass, and
fuzzing finds no exception other than the one refusal type. The bombs' time and memory are measured
through the pages that receive them (tests/reports/imports/test_upload_bombs.py)."""

import contextlib
import dataclasses
import io
import warnings
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabtrack.archives import ArchiveRefused, check_archive, open_checked_archive
from collabtrack.bounded_csv import CsvRefused, iter_csv_rows
from collabtrack.upload_limits import UploadLimits
from collabtrack.xlsx import SheetRefused, iter_first_sheet
from tests.collabtrack import bombs

LIMITS = UploadLimits()


def zip_of(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def refusal(source, limits=LIMITS, **kwargs) -> ArchiveRefused:
    with pytest.raises(ArchiveRefused) as caught:
        check_archive(source, limits=limits, **kwargs)
    return caught.value


def test_an_ordinary_archive_passes_and_lists_its_members():
    members = check_archive(zip_of({"a.xml": b"<a/>", "dir/b.csv": b"x,y\n"}), limits=LIMITS)
    assert [member.filename for member in members] == ["a.xml", "dir/b.csv"]


def test_a_file_object_is_read_like_bytes():
    with open_checked_archive(io.BytesIO(zip_of({"a.xml": b"<a/>"})), limits=LIMITS) as archive:
        assert archive.read("a.xml") == b"<a/>"


def test_total_size_is_refused_in_the_librarians_words():
    error = refusal(bombs.giant_cell(60), what="spreadsheet", advice="Export only the sheet with your log.")
    assert str(error) == "This spreadsheet unpacks to more than 50 MB. Export only the sheet with your log."
    assert error.reason == "too_large"


def test_one_member_over_its_limit_is_refused():
    limits = dataclasses.replace(LIMITS, member_bytes=1000)
    error = refusal(zip_of({"big.xml": bombs.random_text(2000)}), limits)
    assert error.reason == "member_too_large" and "big.xml" in str(error)


def test_the_member_count_is_read_before_the_directory():
    error = refusal(bombs.many_members(5000))
    assert error.reason == "too_many_members" and "more than 200 files" in str(error)
    assert check_archive(bombs.many_members(200), limits=LIMITS)


def test_a_directory_bigger_than_its_member_count_allows_is_refused():
    data = bytearray(bombs.many_members(300))
    at = data.rfind(b"PK\x05\x06")
    data[at + 8 : at + 12] = (10).to_bytes(2, "little") * 2  # the count lies: 10 members
    assert refusal(bytes(data)).reason == "too_many_members"


def test_compression_ratio_is_bounded_above_one_megabyte():
    assert refusal(zip_of({"zeros.xml": b"0" * (3 * bombs.MiB)})).reason == "ratio"
    assert check_archive(zip_of({"zeros.xml": b"0" * (bombs.MiB // 2)}), limits=LIMITS)


@pytest.mark.parametrize("name", [*bombs.SLIP_NAMES, ""])
def test_paths_that_escape_are_refused(name):
    members = [bombs.plain("ok.xml", b"<a/>"), bombs.plain(name, b"<x/>")]
    assert refusal(bombs.build_zip(members)).reason in ("unsafe_path", "unreadable")


def test_duplicate_names_are_refused():
    members = [bombs.plain("a.xml", b"<a/>"), bombs.plain("a.xml", b"<b/>")]
    assert refusal(bombs.build_zip(members)).reason == "duplicate"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("inner.zip", b""),
        ("xl/embeddings/book.xlsx", b"anything"),
        ("image.png", zip_of({"a": b"b"})),
        ("notes.txt", b"\x1f\x8b\x08\x00" + b"\x00" * 20),
        ("data.bin", b"BZh91AY&SY"),
        ("data.bin", b"\xfd7zXZ\x00\x00"),
        ("data.bin", b"7z\xbc\xaf\x27\x1c\x00\x04"),
        ("data.bin", b"Rar!\x1a\x07\x01\x00"),
        ("data.bin", b"x" * 257 + b"ustar\x0000"),
    ],
)
def test_nested_archives_are_refused_by_name_or_first_bytes(name, data):
    error = refusal(zip_of({"a.xml": b"<a/>", name: data}))
    assert error.reason == "nested_archive" and "another packed file" in str(error)


def test_encrypted_members_are_refused():
    data = bytearray(zip_of({"a.xml": b"<a/>"}, zipfile.ZIP_STORED))
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        data[at + flag_at] |= 1
    assert refusal(bytes(data)).reason == "encrypted"


def test_foreign_compression_is_refused():
    assert refusal(zip_of({"a.xml": b"<a/>"}, zipfile.ZIP_BZIP2)).reason == "unsupported"


@pytest.mark.parametrize("data", [b"", b"not a zip", b"PK\x03\x04broken", b"PK\x05\x06" + b"\x00" * 12])
def test_what_is_not_a_zip_is_one_refusal(data):
    assert refusal(data).reason in ("unreadable", "too_many_members")


# Fuzzing: random bytes, damaged archives and random small archives give success or ArchiveRefused only.

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL = dataclasses.replace(LIMITS, uncompressed_bytes=4000, member_bytes=3000, archive_members=5)


@FUZZ
@given(data=st.binary(max_size=3000))
def test_random_bytes_are_a_refusal_or_an_archive(data):
    with contextlib.suppress(ArchiveRefused):
        check_archive(data, limits=SMALL)


names = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=0, max_size=30)
member_lists = st.lists(st.tuples(names, st.binary(max_size=2500)), max_size=8)


@FUZZ
@given(members=member_lists, method=st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
def test_random_small_archives_are_a_refusal_or_an_archive(members, method):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members:
            with warnings.catch_warnings():  # duplicate names are part of the fuzzing
                warnings.simplefilter("ignore")
                archive.writestr(zipfile.ZipInfo(name or "x"), data)
    try:
        checked = check_archive(buffer.getvalue(), limits=SMALL)
    except ArchiveRefused:
        return
    assert len(checked) <= SMALL.archive_members
    assert sum(member.file_size for member in checked) <= SMALL.uncompressed_bytes


@FUZZ
@given(cut=st.integers(min_value=0, max_value=10_000), flips=st.lists(st.integers(0, 10_000), max_size=6))
def test_damaged_workbooks_are_one_refusal(cut, flips):
    data = bytearray(bombs.small_workbook([["Date", "Topic"], ["2025-10-01", "Poetry"]]))
    for at in flips:
        if at < len(data):
            data[at] ^= 0x5A
    with contextlib.suppress(ArchiveRefused, SheetRefused):
        list(iter_first_sheet(bytes(data[: max(cut, 1)]), limits=LIMITS))


# The streaming limits of the sheet and of CSV.


def test_the_sheet_reader_reads_an_ordinary_workbook():
    rows = list(
        iter_first_sheet(bombs.small_workbook([["Date", "Topic"], ["2025-10-01", "Poetry"]]), limits=LIMITS)
    )
    assert rows == [(1, ["Date", "Topic"]), (2, ["2025-10-01", "Poetry"])]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: bombs.giant_cell_stored(40_000), "cell_too_long"),
        (lambda: bombs.giant_shared_string_stored(40_000), "cell_too_long"),
        (lambda: bombs.wide_row_stored(20_000), "row_too_wide"),
        (lambda: bombs.many_wide_rows_stored(19, 16_000), "too_many_cells"),
        (lambda: bombs.many_rows_stored(10_002), "too_many_rows"),
    ],
)
def test_sheet_limits_stop_the_stream(make, reason):
    with pytest.raises(SheetRefused) as caught:
        list(iter_first_sheet(make(), limits=LIMITS))
    assert caught.value.reason == reason


def test_exactly_the_row_limit_is_read():
    assert len(list(iter_first_sheet(bombs.many_rows_stored(10_000), limits=LIMITS))) == 10_001


def test_a_doctype_is_refused():
    sheet = bombs.plain(
        "xl/worksheets/sheet1.xml",
        b'<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet xmlns="x"><sheetData/></worksheet>',
        zipfile.ZIP_STORED,
    )
    with pytest.raises(SheetRefused, match="entities"):
        list(iter_first_sheet(bombs.build_zip(bombs._package(sheet)), limits=LIMITS))


def test_the_generator_stops_reading_when_closed():
    rows = iter_first_sheet(bombs.many_rows_stored(9000), limits=LIMITS)
    assert next(rows)[0] == 1
    rows.close()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (("," * 16_383 + "\n") * 20, "too_many_cells"),
        ("," * 20_000 + "\n", "row_too_wide"),
        ("Date,Topic\n" + "x,y\n" * 10_001, "too_many_rows"),
        ("a" * 200_001 + "\n", "line_too_long"),
        ("Date,Topic\n" + "x," + "y" * 40_000 + "\n", "cell_too_long"),
    ],
)
def test_csv_limits_stop_the_reading(text, reason):
    with pytest.raises(CsvRefused) as caught:
        list(iter_csv_rows(text, limits=LIMITS))
    assert caught.value.reason == reason


def test_a_quote_left_open_is_one_record_refused_at_the_line_limit():
    text = 'Date,Topic\n"' + "open quote never closed\n" * 100
    with pytest.raises(CsvRefused, match="Line 2 of this file is longer than 1 000 characters") as caught:
        list(iter_csv_rows(text, limits=dataclasses.replace(LIMITS, line_chars=1000)))
    assert caught.value.reason == "line_too_long"


def test_csv_rows_keep_their_starting_line():
    text = 'Date,Topic\n\n2025-10-01,"two\nlines"\n2025-10-02,x\n'
    assert list(iter_csv_rows(text, limits=LIMITS)) == [
        (1, ["Date", "Topic"]),
        (3, ["2025-10-01", "two\nlines"]),
        (5, ["2025-10-02", "x"]),
    ]


def test_the_settings_are_the_limits_the_readers_default_to():
    # One set of figures: the README lists the settings, and code that passes no limits gets the same.
    assert UploadLimits.from_settings() == UploadLimits()


@FUZZ
@given(text=st.text(max_size=3000), delimiter=st.sampled_from([",", ";", "\t"]))
def test_random_text_is_rows_or_one_refusal_within_the_limits(text, delimiter):
    limits = dataclasses.replace(LIMITS, rows=5, cells=40, cell_chars=50, line_chars=200)
    try:
        rows = list(iter_csv_rows(text, delimiter=delimiter, limits=limits))
    except CsvRefused:
        return
    assert len(rows) <= limits.rows + 1
    assert sum(len(cells) for _line, cells in rows) <= limits.cells
    assert all(len(cell) <= limits.cell_chars for _line, cells in rows for cell in cells)
