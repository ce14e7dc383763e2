"""School-year arithmetic (DOMAIN.md "School year").

A school year runs from its first month to its last month. It may wrap over New Year (September to
June, the default) or not (February to December). A date in a month outside the range belongs to no
school year. A school year is identified by the calendar year it starts in and named "2025-26" when it
wraps, "2025" when it lies within one calendar year.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_NAME = re.compile(r"^(?P<start>\d{4})(?:-(?P<end>\d{2}))?$")

# The calendar years the app keeps. Every date computed for a school year between them (its months, the
# year before for comparisons, a few years of links either side) stays far inside what dates, time
# zones and databases represent; a year outside is refused wherever a name comes in (404 in URLs).
FIRST_YEAR = 1900
LAST_YEAR = 2200


def month_label(month: int) -> str:
    """The seed report's month labels: Sept, Oct, ... Jun."""
    return "Sept" if month == 9 else calendar.month_abbr[month]


@dataclass(frozen=True, order=True)
class SchoolYear:
    start_year: int
    first_month: int = 9
    last_month: int = 6

    @property
    def wraps(self) -> bool:
        return self.first_month > self.last_month

    @property
    def end_year(self) -> int:
        return self.start_year + 1 if self.wraps else self.start_year

    @property
    def name(self) -> str:
        if self.wraps:
            return f"{self.start_year}-{self.end_year % 100:02d}"
        return str(self.start_year)

    def __str__(self) -> str:
        return self.name

    def months(self) -> list[tuple[int, int]]:
        """(year, month) for every month of the range, in order."""
        months, year, month = [], self.start_year, self.first_month
        while True:
            months.append((year, month))
            if (year, month) == (self.end_year, self.last_month):
                return months
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    @property
    def start_date(self) -> dt.date:
        return dt.date(self.start_year, self.first_month, 1)

    @property
    def end_date(self) -> dt.date:
        return dt.date(self.end_year, self.last_month, calendar.monthrange(self.end_year, self.last_month)[1])

    def contains(self, day: dt.date) -> bool:
        return self.start_date <= day <= self.end_date

    def previous(self) -> "SchoolYear":
        return SchoolYear(self.start_year - 1, self.first_month, self.last_month)

    def next(self) -> "SchoolYear":
        return SchoolYear(self.start_year + 1, self.first_month, self.last_month)


def school_year_of(day: dt.date, first_month: int = 9, last_month: int = 6) -> SchoolYear | None:
    """The school year whose month range contains `day`, or None when its month is outside the range."""
    if first_month > last_month:
        if day.month >= first_month:
            return SchoolYear(day.year, first_month, last_month)
        if day.month <= last_month:
            return SchoolYear(day.year - 1, first_month, last_month)
        return None
    if first_month <= day.month <= last_month:
        return SchoolYear(day.year, first_month, last_month)
    return None


def latest_school_year(day: dt.date, first_month: int = 9, last_month: int = 6) -> SchoolYear:
    """The school year containing `day`, or, between two years, the one that ended last (a principal
    opening the dashboard in July wants the year just finished)."""
    year = school_year_of(day, first_month, last_month)
    if year is not None:
        return year
    candidate = SchoolYear(day.year, first_month, last_month)
    while candidate.start_date > day:
        candidate = candidate.previous()
    return candidate


def parse_school_year(name: str, first_month: int = 9, last_month: int = 6) -> SchoolYear:
    """Parse "2025-26" (wrapping years) or "2025" (years within one calendar year); ValueError otherwise,
    also for a year outside FIRST_YEAR..LAST_YEAR."""
    match = _NAME.match(name.strip())
    if not match:
        raise ValueError(f"{name!r} is not a school year like 2025-26.")
    year = SchoolYear(int(match["start"]), first_month, last_month)
    if year.name != match.group(0):
        raise ValueError(f"{name!r} is not a school year of this school; expected a name like {year.name}.")
    if not is_kept(year):
        raise ValueError(f"{name!r} is outside the years the app keeps ({FIRST_YEAR} to {LAST_YEAR}).")
    return year


def is_kept(year: SchoolYear) -> bool:
    """Whether the school year lies within the calendar years the app keeps."""
    return year.start_year >= FIRST_YEAR and year.end_year <= LAST_YEAR


def recent_school_years(newest: SchoolYear, count: int) -> list[SchoolYear]:
    """`newest` and the years before it, `count` in all, newest first: the year choices of the unit list
    and the circulation import, and the year links of the reports."""
    return [SchoolYear(newest.start_year - n, newest.first_month, newest.last_month) for n in range(count)]
