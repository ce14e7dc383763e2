"""The log of monthly reports e-mailed from this school (who got which month, when)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from collabtrack.access import STAFF_ROLES, school_required
from reports.models import MonthlyReportDelivery

# Two years of a school's principals and librarians fit well inside this.
LOG_ROWS = 200


@require_GET
@school_required(*STAFF_ROLES)
def delivery_log(request):
    deliveries = MonthlyReportDelivery.objects.filter(school=request.membership.school)[:LOG_ROWS]
    return render(request, "reports/deliveries.html", {"deliveries": list(deliveries)})
