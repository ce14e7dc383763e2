"""Reading an uploaded spreadsheet (CSV or XLSX) into plain rows of text, shared by every import.

Pure functions: no models, no database. Nothing here raises on bad input: a file that cannot be read
comes back with an error message in the librarian's words.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings

from collabtrack.bounded_csv import iter_csv_rows
from collabtrack.upload_limits import FileRefused, UploadLimits, megabytes, number
from collabtrack.xlsx import iter_first_sheet

# The limits are settings (collabtrack/settings.py, "Uploaded files"); these names stay for the forms
# and messages that quote them.
MAX_BYTES = settings.IMPORT_MAX_UPLOAD_BYTES
MAX_ROWS = settings.IMPORT_MAX_ROWS
# A sheet wider than this is not a log; reading further only costs memory.
MAX_COLUMNS = 60
# Pasted content standards can be long; longer cells (up to the IMPORT_MAX_CELL_CHARS refusal) are cut.
MAX_CELL_CHARS = 20_000
LIMITS_MESSAGE = (
    f"Files can be at most {megabytes(MAX_BYTES)} and {number(MAX_ROWS)} rows; split larger files and import "
    "them one by one."
)
DEFAULT_ADVICE = "Save the sheet you need as a new workbook (.xlsx) or as CSV, and upload that."

Cell = str


@dataclass
class Table:
    """A sheet as text: the header row, the data rows (each padded to the header's width) and, when
    the file could not be read at all, why."""

    header: list[Cell] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    error: str = ""
    # The line or sheet row of each data row in the file, so problems point at what the librarian sees.
    line_numbers: list[int] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------
# Reading bytes into a table


def decode_text(data: bytes) -> str:
    """CSV bytes as text: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), else
    Windows-1252 (Excel's "CSV" on Windows); undecodable bytes become U+FFFD rather than an error."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """The delimiter among comma, semicolon and tab that splits the first lines into the most
    consistent number of columns (more than one); a comma when nothing fits."""
    # The first lines only, each cut short: the sample costs the same whatever the file holds.
    sample = "".join(line[:10_000] for line in islice(io.StringIO(text, newline=""), 30))
    best, best_score = ",", 0.0
    for delimiter in (",", ";", "\t"):
        try:
            widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(row)]
        except csv.Error:
            continue
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        if common < 2:
            continue
        # Consistency first (share of rows with the common width), then width breaks ties.
        score = widths.count(common) / len(widths) + common / 1000
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _cell_text(value) -> Cell:
    """One spreadsheet cell as text; dates as ISO dates, whole floats without ".0"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)[:MAX_CELL_CHARS].strip()


def _is_xlsx(data: bytes, filename: str) -> bool:
    return data.startswith(b"PK\x03\x04") or filename.lower().endswith((".xlsx", ".xlsm"))


def read_raw_rows(
    data: bytes, filename: str = "", *, limits: UploadLimits | None = None, advice: str = DEFAULT_ADVICE
) -> tuple[list[list[Cell]], list[int], str]:
    """Every non-empty row of the file as text cells with its line/row number, or an error message.

    The work is bounded however the file is built (`collabtrack.xlsx`, `collabtrack.bounded_csv`): a
    file over a limit comes back with the refusal in the librarian's words, `advice` after it."""
    limits = limits or UploadLimits.from_settings()
    if len(data) > limits.upload_bytes:
        return [], [], f"This file is {len(data) / 1024 / 1024:.1f} MB. {LIMITS_MESSAGE}"
    if not data.strip():
        return [], [], "The file is empty."
    if filename.lower().endswith(".xls") or data.startswith(b"\xd0\xcf\x11\xe0"):
        return (
            [],
            [],
            "Old Excel files (.xls) cannot be read: save the sheet as .xlsx or CSV and upload that.",
        )
    rows, numbers = [], []
    try:
        if _is_xlsx(data, filename):
            found = iter_first_sheet(data, limits=limits, max_columns=MAX_COLUMNS, advice=advice)
            for line, values in found:
                rows.append([_cell_text(value) for value in values])
                numbers.append(line)
        else:
            text = decode_text(data).replace("\x00", "")
            found = iter_csv_rows(
                text, delimiter=sniff_delimiter(text), limits=limits, max_columns=MAX_COLUMNS, advice=advice
            )
            for line, cells in found:
                rows.append([cell[:MAX_CELL_CHARS].strip() for cell in cells])
                numbers.append(line)
    except FileRefused as refusal:
        return [], [], str(refusal)
    return rows, numbers, ""


def read_table(
    data: bytes, filename: str = "", *, limits: UploadLimits | None = None, advice: str = DEFAULT_ADVICE
) -> Table:
    """The file as a header row and data rows; `error` set when it cannot be read or is too large."""
    rows, numbers, error = read_raw_rows(data, filename, limits=limits, advice=advice)
    if error:
        return Table(error=error)
    if len(rows) < 2:
        return Table(error="The file has no rows below its header row.")
    if len(rows) - 1 > MAX_ROWS:
        return Table(error=f"The file has more than {number(MAX_ROWS)} rows. {LIMITS_MESSAGE}")
    width = max(len(row) for row in rows)
    padded = [row + [""] * (width - len(row)) for row in rows]
    header = [cell or f"Column {index + 1}" for index, cell in enumerate(padded[0])]
    return Table(header=header, rows=padded[1:], line_numbers=numbers[1:])
