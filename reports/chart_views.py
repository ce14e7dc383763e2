"""Each dashboard chart as a file: the picture (SVG) and its data table (CSV), beside the chart."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from collabtrack.access import STAFF_ROLES, school_required
from reports.charts import CHART_KEYS, dashboard_charts
from reports.exports import CSV_MIMETYPE, safe_csv_bytes
from reports.selectors import dashboard


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
    chart = next(chart for chart in dashboard_charts(dashboard(school, year)) if chart.key == key)
    if fmt == "svg":
        response = HttpResponse(chart.svg.standalone(), content_type="image/svg+xml")
    else:
        response = HttpResponse(safe_csv_bytes(chart.header, chart.rows), content_type=CSV_MIMETYPE)
    response["Content-Disposition"] = f'attachment; filename="{key}-{year.name}.{fmt}"'
    # A downloaded SVG opened from this origin must not run anything (it never holds a script anyway).
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
