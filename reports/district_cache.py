"""The roll-up's per-school figures, kept in Django's cache and checked against each school's data version.

A school's annual summary and teacher counts for a year change only when its data does, and
`School.data_version` (collabtrack.dataversion) moves on every save or delete of its units, their
teacher links, its monthly statistics, its staff and the school itself, once the change is committed.
One cache entry per district and school year holds every school's figures with the version and months
they were computed for; on each load a school whose version or months differ is recomputed (alone, with
any others that changed) and the entry written back. One entry rather than one per school: Django's
local-memory cache keeps 300 entries, fewer than a 200-school district's two years, and one read is
cheaper than 400. A cold cache costs the same queries as no cache (three per year for any number of
schools).
"""

import datetime as dt

from django.core.cache import cache

from collabtrack.models import School
from reports.annual import AnnualSummary, RawYear, TeacherCounts, raw_figures, summary_of, teacher_counts

CACHE_SECONDS = 24 * 3600
Figures = tuple[AnnualSummary, TeacherCounts]


def _stamp(school: School) -> tuple:
    return getattr(school, "data_version", None), school.months


def school_year_figures(
    schools: list[School], start_year: int, until: dt.date | None = None, *, with_months: bool = True
) -> dict[int, Figures]:
    """{school id: (its annual summary, its teacher counts)} for each school's school year starting in
    `start_year`, cut at `until`; from the cache where the school's data has not changed."""
    district_ids = sorted({school.district_id for school in schools})
    key = f"district-figures:2:{district_ids}:{start_year}:{until or ''}"
    kept: dict[int, tuple[tuple, RawYear, tuple[int, int]]] = cache.get(key) or {}
    raw = {
        school.pk: kept[school.pk][1:]
        for school in schools
        if school.pk in kept and kept[school.pk][0] == _stamp(school)
    }
    missing = [school for school in schools if school.pk not in raw]
    if missing:
        requests = [(school.pk, school.school_year(start_year)) for school in missing]
        fresh, teachers = raw_figures(requests, until), teacher_counts(requests, until)
        raw.update({pk: (fresh[pk], (teachers[pk].reached, teachers[pk].in_directory)) for pk, _ in requests})
        cache.set(key, {school.pk: (_stamp(school), *raw[school.pk]) for school in schools}, CACHE_SECONDS)
    # Kept as plain tuples (a cached dataclass with Decimals costs more to unpickle than to rebuild);
    # the summary is always built by summary_of, the function behind every annual summary.
    return {
        school.pk: (
            summary_of(school.school_year(start_year), raw[school.pk][0], with_months=with_months),
            TeacherCounts(*raw[school.pk][1]),
        )
        for school in schools
    }
