"""Reading monthly circulation counts out of what library systems export (DOMAIN.md "Circulation
exports people will bring"): Koha's issues_stats "Export.csv" (`;`, `,` or tab), Destiny-style XLSX
reports (a month column and a count column found by their headers, below any title rows), and any
two-column month/count sheet.

Pure functions, no models: the result is a list of month counts plus a problem per row that could not
be read. Nothing here raises on bad input. Koha's month labels carry no year, so counts are placed in
the school year the librarian picks (`place_in_school_year`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from collabtrack.schoolyear import SchoolYear
from collabtrack.spreadsheets import read_raw_rows
from reports.imports.cells import normalise
from reports.imports.log_parse import month_number
from reports.models import MAX_MONTHLY_COUNT

KOHA = "Koha circulation statistics (issues_stats)"
HEADED = "sheet with a month column and a count column"
TWO_COLUMNS = "two-column month and count sheet"
# Said after what was wrong with a refused file.
ADVICE = "Export only the report with your monthly circulation, as CSV or as a workbook with one sheet."

_MONTH_HEADERS = ("month", "period", "date", "mois", "mes")
_COUNT_HEADERS = (
    "circulation",
    "circulations",
    "circ",
    "circs",
    "checkouts",
    "check outs",
    "checked out",
    "issues",
    "loans",
    "count",
    "total",
    "items",
)
# Title rows above a Destiny header are a few lines at most.
_HEADER_SEARCH_ROWS = 15


@dataclass(frozen=True)
class MonthCount:
    line: int
    label: str
    year: int | None  # None when the label named only the month (Koha)
    month: int
    count: int


@dataclass(frozen=True)
class RowProblem:
    line: int
    label: str
    message: str


@dataclass
class CirculationParse:
    kind: str = ""
    counts: list[MonthCount] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    error: str = ""


def parse_month_label(text: str) -> tuple[int | None, int] | None:
    """(year or None, month) from "September", "Sept", "Sep 2025", "September-25", "2025-09",
    "2025-09-01", "09/2025", or a bare month number 1-12; None when the text names no month."""
    text = text.strip()
    month = month_number(text)
    if month:
        return None, month
    match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?(?:[T ][\d:.]+)?", text)
    if match and 1 <= int(match[2]) <= 12:
        return int(match[1]), int(match[2])
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{4})", text)
    if match and 1 <= int(match[1]) <= 12:
        return int(match[2]), int(match[1])
    match = re.fullmatch(r"([A-Za-z]+)\.?[\s\-/,']*'?(\d{2}|\d{4})", text)
    if match and month_number(match[1]):
        year = int(match[2])
        return (2000 + year if year < 100 else year), month_number(match[1])
    if re.fullmatch(r"\d{1,2}", text) and 1 <= int(text) <= 12:
        return None, int(text)
    return None


def parse_count(text: str) -> tuple[int | None, str]:
    """(count, error) from "1234", "1,234", "1 234", "1234.0"."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None, "No count."
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+", cleaned):
        cleaned = cleaned.replace(",", "")
    match = re.fullmatch(r"(-?\d{1,12})(?:\.0+)?", cleaned)
    if not match:
        return None, f"“{text[:30]}” is not a whole number."
    count = int(match[1])
    if count < 0:
        return None, "A circulation count cannot be negative."
    if count > MAX_MONTHLY_COUNT:
        return None, f"{count:,} is more than the {MAX_MONTHLY_COUNT:,} a month can hold; check the file."
    return count, ""


def _is_total(text: str) -> bool:
    return text.strip().lower() in {"total", "totals", "grand total", "sum"}


def _header_column(row: list[str], words: tuple[str, ...], skip: int | None = None) -> int | None:
    for word in words:
        for index, cell in enumerate(row):
            normalised = normalise(cell)
            if index != skip and (normalised == word or word in normalised.split() or word in normalised):
                return index
    return None


def parse_circulation(data: bytes, filename: str = "") -> CirculationParse:
    rows, lines, error = read_raw_rows(data, filename, advice=ADVICE)
    if error:
        return CirculationParse(error=error)
    if not rows:
        return CirculationParse(error="The file has no rows.")
    if "/" in rows[0][0] and parse_month_label(rows[0][0]) is None:
        result = _parse_koha(rows, lines)
    else:
        result = _parse_sheet(rows, lines)
    if not result.counts and not result.problems:
        result.error = "No month with a count was found in this file."
    return result


def _parse_koha(rows: list[list[str]], lines: list[int]) -> CirculationParse:
    """Koha: first cell "<row field>/<column field>", then one row per row value with the column
    values and a row total, and a last row TOTAL. Months are usually the rows; when they are the
    columns instead, the TOTAL row holds each month's count."""
    result = CirculationParse(kind=KOHA)
    header = rows[0]
    has_total_column = len(header) > 2 and _is_total(header[-1])
    column_months = [parse_month_label(cell) for cell in header[1:]]
    if sum(1 for month in column_months if month) >= 1 and not any(
        parse_month_label(row[0]) for row in rows[1:] if row
    ):
        return _parse_koha_by_column(rows, lines, result)
    for row, line in zip(rows[1:], lines[1:], strict=False):
        label = row[0]
        if _is_total(label) or not label:
            continue
        month = parse_month_label(label)
        if month is None:
            result.problems.append(RowProblem(line, label, f"“{label[:30]}” is not a month."))
            continue
        if has_total_column and len(row) >= len(header):
            count, problem = parse_count(row[len(header) - 1])
        else:
            count, problem = _sum_counts(row[1:])
        _add(result, line, label, month, count, problem)
    return result


def _parse_koha_by_column(rows, lines, result: CirculationParse) -> CirculationParse:
    header = rows[0]
    total_row = next((row for row in rows[1:] if row and _is_total(row[0])), None)
    source = [total_row] if total_row else rows[1:]
    for index, label in enumerate(header[1:], 1):
        if _is_total(label) or not label:
            continue
        month = parse_month_label(label)
        if month is None:
            result.problems.append(RowProblem(lines[0], label, f"Column “{label[:30]}” is not a month."))
            continue
        count, problem = _sum_counts([row[index] if index < len(row) else "" for row in source])
        _add(result, lines[0], label, month, count, problem)
    return result


def _sum_counts(cells: list[str]) -> tuple[int | None, str]:
    total = 0
    for cell in cells:
        if not cell.strip():
            continue
        count, problem = parse_count(cell)
        if problem:
            return None, problem
        total += count
    return total, ""


def _add(result, line, label, month, count, problem) -> None:
    if problem:
        result.problems.append(RowProblem(line, label, problem))
    else:
        result.counts.append(MonthCount(line, label, month[0], month[1], count))


def _parse_sheet(rows: list[list[str]], lines: list[int]) -> CirculationParse:
    """A Destiny-style report (title rows, then a header naming a month column and a count column) or
    a plain two-column sheet, with or without a header row."""
    start, month_col, count_col, kind = 0, 0, 1, TWO_COLUMNS
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        found_month = _header_column(row, _MONTH_HEADERS)
        found_count = _header_column(row, _COUNT_HEADERS, skip=found_month)
        if (
            found_month is not None
            and found_count is not None
            and parse_month_label(row[found_month]) is None
        ):
            start, month_col, count_col, kind = index + 1, found_month, found_count, HEADED
            break
    else:
        # No header found: the first row is a header only when it holds no month.
        if rows and parse_month_label(rows[0][0]) is None:
            start = 1
    result = CirculationParse(kind=kind)
    for row, line in zip(rows[start:], lines[start:], strict=False):
        label = row[month_col] if month_col < len(row) else ""
        if not label or _is_total(label):
            continue
        month = parse_month_label(label)
        if month is None:
            result.problems.append(RowProblem(line, label, f"“{label[:30]}” is not a month."))
            continue
        count, problem = parse_count(row[count_col] if count_col < len(row) else "")
        _add(result, line, label, month, count, problem)
    return result


@dataclass(frozen=True)
class PlacedCount:
    line: int
    label: str
    year: int
    month: int
    count: int

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)


def place_in_school_year(
    counts: list[MonthCount], school_year: SchoolYear
) -> tuple[list[PlacedCount], list[RowProblem]]:
    """Give every count its calendar month: a label without a year takes the year that month has in
    `school_year`; months outside the school year and months given twice become problems."""
    months_by_number = {month: year for year, month in school_year.months()}
    placed: list[PlacedCount] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[int, int], int] = {}
    for item in counts:
        year = item.year if item.year is not None else months_by_number.get(item.month)
        if year is None or not school_year.contains(dt.date(year, item.month, 1)):
            problems.append(
                RowProblem(
                    item.line, item.label, f"“{item.label[:30]}” is outside the school year {school_year}."
                )
            )
            continue
        key = (year, item.month)
        if key in seen:
            problems.append(
                RowProblem(item.line, item.label, f"This month was already given on line {seen[key]}.")
            )
            continue
        seen[key] = item.line
        placed.append(PlacedCount(item.line, item.label, year, item.month, item.count))
    placed.sort(key=lambda entry: (entry.year, entry.month))
    return placed, problems
