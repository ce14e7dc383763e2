"""The roll-up's per-school figures, kept in Django's cache under each school's data version.

A school's annual summary and teacher counts for a year change only when its data does, and
`School.data_version` (collabtrack.dataversion) moves on every save or delete of its units, their
teacher links, its monthly statistics, its staff and the school itself, once the change is committed.
So the key holds the version (and the school's months and the cut-off day): the next page load after
any change finds no entry and recomputes that school alone; the 199 others come from the cache. A
cold cache costs the same queries as no cache (three per year, whatever the number of schools).
"""

import datetime as dt

from django.core.cache import cache

from collabtrack.models import School
from reports.annual import AnnualSummary, TeacherCounts, annual_summaries, teacher_counts

CACHE_SECONDS = 24 * 3600


def _key(school: School, start_year: int, until: dt.date | None) -> str:
    first, last = school.months
    version = getattr(school, "data_version", None)
    return f"district-figures:1:{school.pk}:{version}:{start_year}:{first}-{last}:{until or ''}"


def school_year_figures(
    schools: list[School], start_year: int, until: dt.date | None = None
) -> dict[int, tuple[AnnualSummary, TeacherCounts]]:
    """{school id: (its annual summary, its teacher counts)} for each school's school year starting in
    `start_year`, cut at `until`; from the cache where the school's data has not changed."""
    keys = {school.pk: _key(school, start_year, until) for school in schools}
    found = cache.get_many(keys.values())
    figures = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [school for school in schools if school.pk not in figures]
    if missing:
        requests = [(school.pk, school.school_year(start_year)) for school in missing]
        summaries, teachers = annual_summaries(requests, until), teacher_counts(requests, until)
        fresh = {pk: (summaries[pk], teachers[pk]) for pk, _ in requests}
        cache.set_many({keys[pk]: value for pk, value in fresh.items()}, CACHE_SECONDS)
        figures.update(fresh)
    return figures
