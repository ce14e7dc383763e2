"""The school dashboard kept in Django's cache under the school's data version (issue 11: ≤ 2× the bare page).

`reports.selectors.dashboard` stays the one computation of the figures (fourteen queries, about 25 ms);
this module only keeps its result, and the page's rendered main part, under a key that changes whenever
what they show can change:

- the school's `data_version` (collabtrack.dataversion), which moves once the transaction commits on
  every save or delete of a unit, its teacher/grade/standard links, plan rows, a month's statistics, the
  board highlights, a staff entry or the school itself (its name is the page's heading, its months make the
  school year), and after every bulk write (`units_create`, the imports);
- the school year's first and last day (a district school's months follow its district's);
- today: last year is counted up to the same day, planned units are those dated after today, and the
  year picker offers the current year.

So the next load after any change computes afresh; an entry for an old version is never read again and
expires after a day. What the key cannot see is data no school edits: the standards catalogues and grade
labels, loaded by migrations (a deploy that changes them should clear the cache, as `KEY_VERSION` does
when the page's template or figures change shape). The main part holds nothing of the user or the
request (no form, no CSRF token: the menu and messages are outside it).
"""

import datetime as dt

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from collabtrack.models import School
from collabtrack.schoolyear import SchoolYear
from reports.charts import dashboard_charts
from reports.selectors import Dashboard, dashboard

KEY_VERSION = 1  # bump when Dashboard's fields or the main part's template change shape
CACHE_SECONDS = 24 * 3600


def _key(kind: str, school: School, school_year: SchoolYear, today: dt.date) -> str:
    return (
        f"dashboard-{kind}:{KEY_VERSION}:{school.pk}:{school.data_version}:"
        f"{school_year.start_date}:{school_year.end_date}:{today}"
    )


def dashboard_figures(school: School, school_year: SchoolYear, today: dt.date | None = None) -> Dashboard:
    """`reports.selectors.dashboard(school, school_year, today)`, from the cache while the school's data
    and the day are unchanged; no query then."""
    today = today or timezone.localdate()
    key = _key("figures", school, school_year, today)
    figures = cache.get(key)
    if figures is None:
        figures = dashboard(school, school_year, today)
        cache.set(key, figures, CACHE_SECONDS)
    return figures


def dashboard_main(school: School, school_year: SchoolYear, today: dt.date | None = None) -> SafeString:
    """The dashboard page's main part (heading, year picker, headlines, charts, teacher reach, standards)
    rendered from `dashboard_figures`, kept under the same key."""
    today = today or timezone.localdate()
    key = _key("main", school, school_year, today)
    html = cache.get(key)
    if html is None:
        figures = dashboard_figures(school, school_year, today)
        context = {"dash": figures, "charts": dashboard_charts(figures), "school": school}
        html = render_to_string("reports/_dashboard_main.html", context)
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 — rendered by the template engine, which escaped it
