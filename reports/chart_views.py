"""Each dashboard chart as a file: the picture (SVG) and its data table (CSV), beside the chart."""

from django.http import Http404
from django.views.decorators.http import require_GET

from collabtrack.access import STAFF_ROLES, school_required
from collabtrack.exporters import download
from reports.charts import CHART_KEYS


@require_GET
@school_required(*STAFF_ROLES)
def dashboard_chart(request, school_year: str, key: str, fmt: str):
    if key not in CHART_KEYS:
        raise Http404("No such chart.")
    school = request.membership.school
    try:
        year = school.parse_school_year(school_year)
    except ValueError as error:
        raise Http404(str(error)) from error
    # The dashboard_chart exporter (reports/exporters.py); every download carries a script-free CSP.
    return download(request, "dashboard_chart", school_year=year, chart=key, fmt=fmt)
