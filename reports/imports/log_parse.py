"""Understanding a librarian's collaboration log, read by `collabtrack.spreadsheets`: a problem list per row.

Pure functions: no models, no database, so every format can be tested (and fuzzed) on its own. Nothing
here raises on bad input: a file that cannot be read comes back as a `Table` with `error` set, and a
row that cannot be understood comes back as a `LogRow` with `errors`. The importing service
(`reports/imports/log_services.py`) adds what needs the database (duplicates, new teachers) and saves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from collabtrack.grades import grade_span
from collabtrack.spreadsheets import Cell, Table
from collabtrack.text import match_key
from reports.imports.cells import (  # noqa: F401 - the cell readers, where importers of this module found them
    guess_date_order,
    month_number,
    normalise,
    parse_date,
    parse_gaps,
    parse_grades,
    parse_level,
    parse_teachers,
)
from reports.imports.columns import IMPORT_COLUMNS
from units.levels import LEVEL_4_NEEDS_GAP, needs_test_data_gap

# ---------------------------------------------------------------------------------------------------
# Guessing which column holds what: the fields, their names and the words of their headers all come
# from the one column list that the school export's units.csv is written with (reports/imports/columns.py).

FIELDS: dict[str, str] = {column.identifier: column.label for column in IMPORT_COLUMNS}
# The planning template's text sections: (label, units.csv header) by field.
PLAN_FIELDS: dict[str, tuple[str, str]] = {
    column.identifier: (column.label, column.header) for column in IMPORT_COLUMNS if column.plan
}
REQUIRED_FIELDS = tuple(column.identifier for column in IMPORT_COLUMNS if column.required)
# The columns read with the file's date order (month first, day first or ISO), chosen once for the file.
DATE_FIELDS = ("start_date", "end_date")
# Words a header may contain, strongest first; the normalised header is compared whole, then by word.
_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    column.identifier: tuple(normalise(word) for word in column.header_words) for column in IMPORT_COLUMNS
}


def _header_score(header: str, field_name: str) -> int:
    normalised = normalise(header)
    words = set(normalised.split())
    best = 0
    for rank, word in enumerate(_HEADER_WORDS[field_name]):
        strength = 100 - rank
        if normalised == word:
            best = max(best, strength + 100)
        elif word in words or (" " in word and word in normalised):
            best = max(best, strength)
    return best


def guess_mapping(header: list[str]) -> dict[str, int | None]:
    """Which column (index) holds which field: the strongest header match wins, one column per field."""
    candidates = sorted(
        (
            (_header_score(name, field_name), field_name, index)
            for index, name in enumerate(header)
            for field_name in FIELDS
        ),
        reverse=True,
    )
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    used: set[int] = set()
    for score, field_name, index in candidates:
        if score and mapping[field_name] is None and index not in used:
            mapping[field_name] = index
            used.add(index)
    return mapping


# ---------------------------------------------------------------------------------------------------
# Rows


@dataclass
class LogRow:
    line: int
    title: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    grades: tuple[int, ...] = ()
    teachers: tuple[str, ...] = ()
    level: int | None = None
    gaps: tuple[tuple[str, str], ...] = ()
    plan: dict[str, str] = field(default_factory=dict)  # PLAN_FIELDS' texts, line breaks kept
    errors: list[str] = field(default_factory=list)
    # Not problems: what the librarian should know (e.g. a level-4 unit still needs its test-data gap).
    notes: list[str] = field(default_factory=list)
    duplicate: bool = False
    school_year: str = ""  # the school year the start date lands in (log_services), "2025-26"

    @property
    def title_key(self) -> str:
        return match_key(self.title)

    @property
    def grades_display(self) -> str:
        return grade_span(self.grades)


def mapping_errors(mapping: dict[str, int | None], width: int) -> dict[str, str]:
    """Problems with a column mapping, by field: required fields missing, a column used twice."""
    errors = {}
    for field_name in REQUIRED_FIELDS:
        if mapping.get(field_name) is None:
            errors[field_name] = f"Choose the column that holds the {FIELDS[field_name].lower()}."
    seen: dict[int, str] = {}
    for field_name, index in mapping.items():
        if index is None:
            continue
        if not 0 <= index < width:
            errors[field_name] = "That column is not in the file."
        elif index in seen:
            errors[field_name] = f"This column is already used for {FIELDS[seen[index]].lower()}."
        else:
            seen[index] = field_name
    return errors


def file_date_order(table: Table, mapping: dict[str, int | None]) -> str:
    """The date order of the whole file, from every cell of its date columns (cells.guess_date_order)."""
    indexes = [mapping[name] for name in DATE_FIELDS if mapping.get(name) is not None]
    return guess_date_order(
        str(cells[index]) for cells in table.rows for index in indexes if index < len(cells)
    )


def parse_row(
    cells: list[Cell], mapping: dict[str, int | None], line: int, date_order: str | None = None
) -> LogRow:
    """Each column cleans its own cell (reports/imports/columns.py), left to right as in units.csv;
    then the rules that look at two columns. Dates are read in `date_order` (the file's)."""

    def cell(field_name: str) -> str:
        index = mapping.get(field_name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    row = LogRow(line=line)
    failed = set()
    for column in IMPORT_COLUMNS:
        if column.identifier in DATE_FIELDS:
            value, error = column.clean(cell(column.identifier), date_order)
        else:
            value, error = column.clean(cell(column.identifier))
        if error:
            row.errors.append(error)
            failed.add(column.identifier)
        if column.plan:
            if value:
                row.plan[column.identifier] = value
        else:
            setattr(row, column.identifier, value)
    if row.start_date and row.end_date and row.end_date < row.start_date:
        row.errors.append("The end date is before the start date.")
    if "gaps" not in failed and needs_test_data_gap(row.level) and not row.gaps:
        # The same rule as every other way of saving a unit (units/services.py).
        row.errors.append(LEVEL_4_NEEDS_GAP)
    return row


def parse_rows(table: Table, mapping: dict[str, int | None], date_order: str | None = None) -> list[LogRow]:
    """Every data row parsed; a row repeating an earlier row of the same file (same date and title) is
    marked as a duplicate so a file cannot create the same unit twice."""
    rows, seen = [], {}
    for cells, line in zip(table.rows, table.line_numbers or range(2, len(table.rows) + 2), strict=False):
        row = parse_row(cells, mapping, line, date_order)
        key = (row.start_date, row.title_key)
        if row.start_date and row.title and key in seen:
            row.duplicate = True
            row.notes.append(f"Same date and title as line {seen[key]} of this file: skipped.")
        else:
            seen.setdefault(key, line)
        rows.append(row)
    return rows
