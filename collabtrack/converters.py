"""URL converters. `<school_year:school_year>` matches a school-year name ("2025-26", or "2026" for a
year within one calendar year) and answers 404 before the view runs when the name is not a year the app
keeps (collabtrack.schoolyear.FIRST_YEAR..LAST_YEAR) or its two halves do not follow ("2025-27").

The view still receives the name as a string and parses it with the school's own months
(`school.parse_school_year`), which decides between "2025-26" and "2026". Importing this module registers
the converter; every urls.py that uses it imports it.
"""

from django.urls import register_converter

from collabtrack.schoolyear import FIRST_YEAR, LAST_YEAR


class SchoolYearConverter:
    regex = r"[0-9]{4}(?:-[0-9]{2})?"

    def to_python(self, value: str) -> str:
        start = int(value[:4])
        end = start
        if len(value) > 4:
            end = start + 1
            if value[5:] != f"{end % 100:02d}":
                raise ValueError(f"{value!r} is not a school year: its halves do not follow.")
        if start < FIRST_YEAR or end > LAST_YEAR:
            raise ValueError(f"{value!r} is outside the years the app keeps.")
        return value

    def to_url(self, value) -> str:
        # Links may point one step beyond the kept years (the year after the last): they answer 404.
        return str(value)


register_converter(SchoolYearConverter, "school_year")
