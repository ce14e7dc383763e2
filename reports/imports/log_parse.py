"""Understanding a librarian's collaboration log, read by `collabtrack.spreadsheets`: a problem list per row.

Pure functions: no models, no database, so every format can be tested (and fuzzed) on its own. Nothing
here raises on bad input: a file that cannot be read comes back as a `Table` with `error` set, and a
row that cannot be understood comes back as a `LogRow` with `errors`. The importing service
(`reports/imports/log_services.py`) adds what needs the database (duplicates, new teachers) and saves.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from collabtrack.grades import grade_span
from collabtrack.spreadsheets import Cell, Table
from collabtrack.text import match_key
from units.levels import needs_test_data_gap

# ---------------------------------------------------------------------------------------------------
# Guessing which column holds what

FIELDS: dict[str, str] = {
    "start_date": "Date (start)",
    "end_date": "End date",
    "title": "Unit or topic",
    "grades": "Grade level(s)",
    "teachers": "Teacher(s)",
    "level": "Level of partnership",
    "gaps": "Test-data gaps (needed for level 4)",
}
# The planning template's text sections, as a CollabTrack export (units.csv) names them; a hand-kept log
# rarely has them, so they are guessed only from these headings.
PLAN_FIELDS: dict[str, tuple[str, str]] = {
    "overview": ("Unit overview", "overview"),
    "content_standards": ("Content area standards", "content area standards"),
    "learning_product": ("Learning product", "learning product"),
    "assessment_what": ("What is assessed", "assessment what"),
    "assessment_who": ("Who assesses", "assessment who"),
    "assessment_how": ("How it is assessed", "assessment how"),
    "adaptations_challenged": ("Adaptations for challenged learners", "adaptations challenged"),
    "adaptations_gifted": ("Extensions for gifted learners", "adaptations gifted"),
    "adaptations_ell": ("Adaptations for English-language learners", "adaptations english learners"),
    "adaptations_learning_styles": ("Adaptations for learning styles", "adaptations learning styles"),
}
FIELDS.update({name: label for name, (label, _) in PLAN_FIELDS.items()})
REQUIRED_FIELDS = ("start_date", "title")

# Words a header may contain, strongest first; the normalised header is compared whole, then by word.
_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "start_date": ("date", "start date", "start", "begin", "began", "from", "when", "day"),
    "end_date": ("end date", "end", "until", "to", "finished", "finish"),
    "title": ("unit", "topic", "title", "unit topic", "project", "lesson", "subject", "unit title"),
    "grades": ("grade", "grades", "gr", "grade level", "grade levels", "year group", "class"),
    "teachers": ("teacher", "teachers", "partner", "partners", "co teacher", "collaborator", "staff"),
    "level": ("level", "partnership", "rubric", "lvl", "level of partnership", "tier"),
    "gaps": ("test data gaps", "test data gap", "gaps", "gap", "deficit", "deficits", "areas of deficit"),
    **{name: (heading,) for name, (_, heading) in PLAN_FIELDS.items()},
}


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _header_score(header: str, field_name: str) -> int:
    normalised = _normalise(header)
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
# Understanding cells

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9


def month_number(text: str) -> int | None:
    """January / Jan / Jan. / Sept -> 1..12; None for anything else."""
    return _MONTHS.get(text.strip().strip(".").lower())


_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _two_digit_year(year: int) -> int:
    return 2000 + year if year < 100 else year


def parse_date(text: str) -> dt.date | None:
    """A date as people type it in a log: 2025-10-15, 10/15/2025, 15/10/2025 (when the day is over
    12), 10/15/25, 15.10.2025, Oct 15 2025, 15 October 2025, or an Excel serial number. Slashed dates
    are read month first (American sheets) unless that is impossible. None when it is not a date."""
    text = text.strip().rstrip(".")
    if not text:
        return None
    try:
        return _parse_date(text)
    except (ValueError, OverflowError):
        return None


def _parse_date(text: str) -> dt.date | None:
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}(?:[T ][\d:.]+)?", text):
        year, month, day = (int(part) for part in text[:10].split(" ")[0].split("T")[0].split("-"))
        return dt.date(year, month, day)
    match = re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", text)
    if match:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    match = re.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})", text)
    if match:
        first, second, year = int(match[1]), int(match[3]), _two_digit_year(int(match[4]))
        # Dots are European (day first); slashes and dashes American unless the month would be > 12.
        day_first = match[2] == "." or first > 12
        month, day = (second, first) if day_first else (first, second)
        return dt.date(year, month, day)
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        serial = float(text)
        if 20_000 <= serial <= 80_000:  # 1954 .. 2119: a serial date, not some other number
            return _EXCEL_EPOCH + dt.timedelta(days=int(serial))
        return None
    words = re.findall(r"[A-Za-z]+|\d+", text)
    if len(words) == 3:
        months = [month_number(word) for word in words]
        numbers = [int(word) for word in words if word.isdigit()]
        if sum(1 for month in months if month) == 1 and len(numbers) == 2:
            month = next(month for month in months if month)
            year = next((number for number in numbers if number > 31), None)
            if year is None:
                # "Oct 15 25": the last number is the year.
                day, year = numbers[0], _two_digit_year(numbers[1])
            else:
                day = next(number for number in numbers if number != year)
            return dt.date(year, month, day)
    return None


_LEVEL_NAMES = {
    "cooperation": 1,
    "cooperative": 1,
    "coordination": 2,
    "coordinated": 2,
    "collaboration": 3,
    "collaborative": 3,
    "data driven collaboration": 4,
    "data driven": 4,
    "datadriven collaboration": 4,
    "datadriven": 4,
    "data based collaboration": 4,
}


def parse_level(text: str) -> tuple[int | None, str]:
    """(level, error): the level of partnership as 1-4 ("3", "3.0", "Level 3", "L3") or by name;
    blank is allowed (no level recorded)."""
    normalised = _normalise(text)
    if not normalised:
        return None, ""
    match = re.fullmatch(r"(?:level |lvl |l)?([0-9]+)(?: 0+)?(?: [a-z][a-z ]*)?", normalised)
    if match:
        number = int(match[1][:3])
        if 1 <= number <= 4:
            return number, ""
        return None, f"Unknown level “{text[:40]}”: levels run from 1 to 4."
    if normalised in _LEVEL_NAMES:
        return _LEVEL_NAMES[normalised], ""
    for name, number in _LEVEL_NAMES.items():
        if normalised.endswith(name) and len(normalised) - len(name) <= 12:
            return number, ""
    return (
        None,
        f"Unknown level “{text[:40]}”: use 1–4 or Cooperation, Coordination, Collaboration, Data-driven.",
    )


_GRADE_WORDS = {"prek": -1, "pre k": -1, "pk": -1, "tk": -1, "k": 0, "kg": 0, "kindergarten": 0}
MIN_GRADE, MAX_GRADE = -1, 12


def _grade_value(token: str) -> int | None | str:
    """-1..12, or an error text for numbers out of range, or None when the token is not a grade."""
    token = re.sub(r"^(grades?|gr|year)\s*", "", token.strip()).strip()
    token = re.sub(r"(st|nd|rd|th)$", "", token)
    if token in _GRADE_WORDS:
        return _GRADE_WORDS[token]
    if token.isdigit():
        number = int(token[:4])
        if MIN_GRADE <= number <= MAX_GRADE:
            return number
        return f"Grade {number} is out of range: grades run from PreK and K to 12."
    return None


def parse_grades(text: str) -> tuple[tuple[int, ...], str]:
    """(grades, error) from "7", "6-8", "6–8", "K-2", "PreK", "6, 7 & 8", "Gr. 7", "7th"; blank allowed."""
    normalised = text.lower().replace("–", "-").replace("—", "-").replace(".", " ").strip()
    normalised = re.sub(r"pre[\s-]*k", "prek", normalised)
    if not normalised:
        return (), ""
    grades: set[int] = set()
    for part in re.split(r"\s*(?:,|;|/|&|\+|\band\b)\s*", normalised):
        if not part:
            continue
        ends = [end.strip() for end in part.split("-")]
        if len(ends) > 2 or not all(ends):
            return (), f"“{text[:40]}” is not a grade or grade range."
        values = [_grade_value(end) for end in ends]
        for value in values:
            if isinstance(value, str):
                return (), value
            if value is None:
                return (), f"“{text[:40]}” is not a grade or grade range."
        low, high = min(values), max(values)
        grades.update(range(low, high + 1))
    return tuple(sorted(grades)), ""


def parse_teachers(text: str) -> tuple[str, ...]:
    """Teacher names from one cell: split on ; / & + "and", new lines and commas, except that a single
    comma between two single words is read as "Last, First" (one person)."""
    text = text.strip()
    if not text:
        return ()
    parts = re.split(r"\s*(?:;|/|&|\+|\n|\band\b)\s*", text)
    names: list[str] = []
    for part in parts:
        pieces = [piece.strip() for piece in part.split(",")]
        if len(pieces) == 2 and all(piece and " " not in piece for piece in pieces):
            names.append(f"{pieces[1]} {pieces[0]}")
        else:
            names.extend(pieces)
    cleaned = []
    for name in names:
        name = " ".join(name.split())[:200]
        if name and name.lower() not in {n.lower() for n in cleaned}:
            cleaned.append(name)
    return tuple(cleaned)


def parse_gaps(text: str) -> tuple[tuple[tuple[str, str], ...], str]:
    """(gaps, error): areas of deficit written "content area: performance indicator", one per line
    (or separated by "|"), e.g. "Reading: cites textual evidence"; blank allowed."""
    gaps = []
    for part in re.split(r"\s*(?:\n|\|)\s*", text.strip()):
        if not part:
            continue
        area, colon, indicator = part.partition(":")
        area, indicator = " ".join(area.split()), " ".join(indicator.split())
        if not colon or not area or not indicator:
            example = "“content area: performance indicator”"
            return (), f"Write each test-data gap as {example}, not “{part[:40]}”."
        gaps.append((area[:200], indicator[:500]))
    return tuple(gaps), ""


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

    @property
    def title_key(self) -> str:
        return match_key(self.title)

    @property
    def grades_display(self) -> str:
        return grade_span(self.grades)


LEVEL_4_NEEDS_GAP = (
    "Level 4 (data-driven collaboration) needs at least one test-data gap: add a column of gaps written "
    "“content area: performance indicator” and choose it above, or give this row another level."
)


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


def parse_row(cells: list[Cell], mapping: dict[str, int | None], line: int) -> LogRow:
    def cell(field_name: str) -> str:
        index = mapping.get(field_name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    row = LogRow(line=line, title=" ".join(cell("title").split())[:200])
    if not row.title:
        row.errors.append("The unit title is empty.")
    raw_date = cell("start_date")
    row.start_date = parse_date(raw_date)
    if row.start_date is None:
        row.errors.append(f"“{raw_date[:40]}” is not a date." if raw_date else "The date is empty.")
    raw_end = cell("end_date")
    if raw_end:
        row.end_date = parse_date(raw_end)
        if row.end_date is None:
            row.errors.append(f"End date “{raw_end[:40]}” is not a date.")
        elif row.start_date and row.end_date < row.start_date:
            row.errors.append("The end date is before the start date.")
    row.grades, grade_error = parse_grades(cell("grades"))
    if grade_error:
        row.errors.append(grade_error)
    row.level, level_error = parse_level(cell("level"))
    if level_error:
        row.errors.append(level_error)
    row.teachers = parse_teachers(cell("teachers"))
    row.plan = {name: cell(name) for name in PLAN_FIELDS if cell(name)}
    row.gaps, gap_error = parse_gaps(cell("gaps"))
    if gap_error:
        row.errors.append(gap_error)
    elif needs_test_data_gap(row.level) and not row.gaps:
        # The same rule as every other way of saving a unit (units/services.py).
        row.errors.append(LEVEL_4_NEEDS_GAP)
    return row


def parse_rows(table: Table, mapping: dict[str, int | None]) -> list[LogRow]:
    """Every data row parsed; a row repeating an earlier row of the same file (same date and title) is
    marked as a duplicate so a file cannot create the same unit twice."""
    rows, seen = [], {}
    for cells, line in zip(table.rows, table.line_numbers or range(2, len(table.rows) + 2), strict=False):
        row = parse_row(cells, mapping, line)
        key = (row.start_date, row.title_key)
        if row.start_date and row.title and key in seen:
            row.duplicate = True
            row.notes.append(f"Same date and title as line {seen[key]} of this file: skipped.")
        else:
            seen.setdefault(key, line)
        rows.append(row)
    return rows
