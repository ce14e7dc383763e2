"""CSV records read with bounded work: record length, cell length, cells per record, cells and rows are
counted as the file is read, and the reading stops at the first limit passed.

    for line_number, cells in iter_csv_rows(text, delimiter=";"):
        ...

yields (the line the record starts on, its cells up to `max_columns`) for every record that is not
blank. Python's csv module would otherwise build a record of any length (a quoted cell may run to the end
of the file) and a row of millions of cells. Refusals raise `CsvRefused` (a `FileRefused`) with a
message for the librarian.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from collabtrack.upload_limits import FileRefused, UploadLimits, number

# A spreadsheet's own width (Excel's): a record with more fields was not exported from a sheet.
MAX_FIELDS = 16_384
DEFAULT_ADVICE = "Export the sheet again as CSV, or save it as an Excel workbook (.xlsx), and upload that."


class CsvRefused(FileRefused):
    """A CSV file the app will not read; `str(error)` is the message for the librarian."""


class _BoundedLines:
    """The text's lines for csv.reader, refusing a record (one or more lines, when a quoted cell holds
    line breaks) longer than the limit before it is held in full."""

    def __init__(self, text: str, limit: int, refuse):
        self.buffer = io.StringIO(text, newline="")
        self.limit, self.refuse = limit, refuse
        self.record_chars = 0
        self.record_start = 1
        self.lines_read = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.buffer.readline(self.limit + 1)
        if not line:
            raise StopIteration
        self.lines_read += 1
        self.record_chars += len(line)
        if self.record_chars > self.limit:
            raise self.refuse(
                "line_too_long",
                f"Line {self.record_start} of this file is longer than {number(self.limit)} characters "
                "(a quote mark left open makes the rest of the file one line).",
            )
        return line

    def record_done(self) -> None:
        self.record_chars = 0
        self.record_start = self.lines_read + 1


def iter_csv_rows(
    text: str,
    *,
    delimiter: str = ",",
    limits: UploadLimits | None = None,
    max_columns: int = 60,
    advice: str = DEFAULT_ADVICE,
) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for every non-blank record; `CsvRefused` at the first limit passed."""
    limits = limits or UploadLimits.from_settings()

    def refuse(reason: str, message: str) -> CsvRefused:
        return CsvRefused(f"{message} {advice}".strip(), reason)

    lines = _BoundedLines(text, limits.line_chars, refuse)
    reader = csv.reader(lines, delimiter=delimiter)
    cells_left, rows_left = limits.cells, limits.rows + 1  # the header and `rows` rows below it
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise _cell_too_long(refuse, lines.record_start, limits) from exc
            raise refuse(
                "unreadable", f"Line {lines.record_start} of this file could not be read as CSV."
            ) from exc
        start = lines.record_start
        lines.record_done()
        if len(row) > MAX_FIELDS:
            raise refuse(
                "row_too_wide",
                f"Line {start} of this file holds more than {number(MAX_FIELDS)} cells, more than a "
                "spreadsheet row can hold.",
            )
        cells_left -= len(row)
        if cells_left < 0:
            raise refuse("too_many_cells", f"This file holds more than {number(limits.cells)} cells.")
        if not any(cell.strip() for cell in row):
            continue
        rows_left -= 1
        if rows_left < 0:
            raise refuse(
                "too_many_rows",
                f"This file has more than {number(limits.rows)} rows below its first row; split it and "
                "import the parts one by one.",
            )
        if any(len(cell) > limits.cell_chars for cell in row):
            raise _cell_too_long(refuse, start, limits)
        yield start, row[:max_columns]


def _cell_too_long(refuse, line: int, limits: UploadLimits) -> CsvRefused:
    return refuse(
        "cell_too_long",
        f"A cell on line {line} of this file holds more than {number(limits.cell_chars)} characters, more "
        "than a spreadsheet cell can hold.",
    )
