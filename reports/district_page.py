"""The roll-up page's main part, kept rendered in the cache under every school's data version.

Rendering 200 schools × 13 figures × (this year, last year, change) and two charts costs more than
computing them from cached figures, so the rendered main part is kept too. Its key holds the
district's name and months, every school with its data version, months and name, the school year, the
sort and the day (last year runs to the same day; completeness looks at the months ended before
today): any change to a unit, a month's statistics, the staff or a school gives a new key, so the next
load renders afresh. The part holds no form and nothing of the user (the menu, the session and the
CSRF token are outside it).
"""

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from collabtrack.models import District, School
from collabtrack.schoolyear import SchoolYear, recent_school_years
from reports.district import district_rollup, district_school_year, district_today
from reports.district_tables import COLUMNS, FIGURE_COLUMNS, rollup_charts, sorted_rows

CACHE_SECONDS = 24 * 3600


def _years(district: District, year: SchoolYear) -> list[SchoolYear]:
    """This year and the five before it (or the chosen one and those before it)."""
    newest = max(district_school_year(district), year)
    return recent_school_years(newest, 6)


def rollup_main(district: District, year: SchoolYear, sort_key: str, descending: bool) -> SafeString:
    schools = list(School.objects.filter(district=district).select_related("district").order_by("name"))
    today = district_today(district)
    stamps = (
        district.name
        + ";"
        + ";".join(f"{s.pk},{getattr(s, 'data_version', '')},{s.months},{s.name}" for s in schools)
    )
    digest = hashlib.sha256(stamps.encode()).hexdigest()
    key = f"district-page:1:{district.pk}:{district.first_month}-{district.last_month}:{year.start_year}:"
    key += f"{sort_key}:{descending}:{today}:{digest}"
    html = cache.get(key)
    if html is None:
        rolled = district_rollup(district, year, today=today, schools=schools)
        context = {
            "rollup": rolled,
            "rows": sorted_rows(rolled.rows, sort_key, descending),
            "columns": COLUMNS,
            "figure_columns": FIGURE_COLUMNS,
            "sort_key": sort_key,
            "descending": descending,
            "charts": rollup_charts(rolled),
            "years": _years(district, year),
        }
        html = render_to_string("reports/district/_rollup_main.html", context)
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 — rendered by the template engine, which escaped it
