"""Understanding the cells of a collaboration log: dates, levels, grades, teachers and test-data gaps as
people type them. Pure functions that never raise on bad input: each returns its value and an error text
(blank when the cell is fine), so every format can be tested (and fuzzed) on its own.

Used by the log import's columns (reports/imports/columns.py) and the circulation import's month names.
"""

import calendar
import datetime as dt
import re


def normalise(text: str) -> str:
    """Lower case, punctuation as spaces, spaces collapsed: "Level-of  Partnership" -> "level of
    partnership"."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9


def month_number(text: str) -> int | None:
    """January / Jan / Jan. / Sept -> 1..12; None for anything else."""
    return _MONTHS.get(text.strip().strip(".").lower())


_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _two_digit_year(year: int) -> int:
    return 2000 + year if year < 100 else year


# How the numbers of a date like 03/11/2025 are read, chosen for a whole column (guess_date_order).
MONTH_FIRST, DAY_FIRST, ISO = "mdy", "dmy", "iso"
DATE_ORDERS = {
    MONTH_FIRST: "Month first (03/11/2025 is 11 March 2025)",
    DAY_FIRST: "Day first (03/11/2025 is 3 November 2025)",
    ISO: "Year first, ISO (2025-11-03)",
}
_NUMERIC_DATE = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})")


def guess_date_order(texts) -> str:
    """The order of a whole date column: day first as soon as one date's first number is over 12 (25/09),
    month first when a second number is (09/25) or by default; ISO when every date is written that way."""
    month_first_seen = dotted = False
    numeric = iso = 0
    for text in texts:
        text = text.strip().rstrip(".")
        match = _NUMERIC_DATE.fullmatch(text)
        if match:
            numeric += 1
            if int(match[1]) > 12:
                return DAY_FIRST
            month_first_seen |= int(match[3]) > 12
            dotted |= match[2] == "."
        elif re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}(?:[T ][\d:.]+)?", text):
            iso += 1
    if month_first_seen:
        return MONTH_FIRST
    if not numeric and iso:
        return ISO
    return DAY_FIRST if dotted else MONTH_FIRST


def parse_date(text: str, order: str | None = None) -> dt.date | None:
    """A date as people type it in a log: 2025-10-15, 10/15/2025, 15/10/2025, 10/15/25, 15.10.2025,
    Oct 15 2025, 15 October 2025, or an Excel serial number. `order` says how 03/11/2025 is read (the
    column's choice: MONTH_FIRST, DAY_FIRST or ISO, which refuses it); without one, slashes are read
    month first unless that is impossible, dots day first. None when it is not a date."""
    text = text.strip().rstrip(".")
    if not text:
        return None
    try:
        return _parse_date(text, order)
    except (ValueError, OverflowError):
        return None


def _parse_date(text: str, order: str | None = None) -> dt.date | None:
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}(?:[T ][\d:.]+)?", text):
        year, month, day = (int(part) for part in text[:10].split(" ")[0].split("T")[0].split("-"))
        return dt.date(year, month, day)
    match = re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", text)
    if match:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    match = _NUMERIC_DATE.fullmatch(text)
    if match:
        if order == ISO:
            return None
        first, second, year = int(match[1]), int(match[3]), _two_digit_year(int(match[4]))
        # Dots are European (day first); slashes and dashes American unless the month would be > 12.
        day_first = order == DAY_FIRST if order else (match[2] == "." or first > 12)
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
    normalised = normalise(text)
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
    if token.isdecimal():  # not isdigit(): it takes "²", which int() refuses
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
