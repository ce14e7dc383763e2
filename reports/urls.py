from django.urls import path, register_converter

from collabtrack import converters  # noqa: F401  (registers <school_year:...>)
from reports import board_views, chart_views, delivery_views, views


class ExportFormat:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormat, "export")

app_name = "reports"
# School years appear as in the README ("2025-26", or "2026" for a year within one calendar year).
urlpatterns = [
    path("", views.monthly_current, name="monthly_current"),
    path("<int:year>/<int:month>/", views.monthly, name="monthly"),
    path("<int:year>/<int:month>/pdf/", views.monthly, {"fmt": "pdf"}, name="monthly_pdf"),
    path("<int:year>/<int:month>/export.<export:fmt>", views.monthly, name="monthly_export"),
    path("annual/", views.annual, name="annual_current"),
    path("annual/<school_year:school_year>/", views.annual, name="annual"),
    path("annual/<school_year:school_year>/export.<export:fmt>", views.annual, name="annual_export"),
    path("annual/<school_year:school_year>/units.<export:fmt>", views.year_units, name="year_units_export"),
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("dashboard/<school_year:school_year>/", views.dashboard_view, name="dashboard_year"),
    path(
        "dashboard/<school_year:school_year>/charts/<slug:key>.svg",
        chart_views.dashboard_chart,
        {"fmt": "svg"},
        name="dashboard_chart_svg",
    ),
    path(
        "dashboard/<school_year:school_year>/charts/<slug:key>.csv",
        chart_views.dashboard_chart,
        {"fmt": "csv"},
        name="dashboard_chart_csv",
    ),
    path("board/<school_year:school_year>/", views.board, name="board"),
    path("board/<school_year:school_year>/pdf/", views.board_pdf, name="board_pdf"),
    path("board/<school_year:school_year>/logo/", board_views.board_logo, name="board_logo"),
    path("board/<school_year:school_year>/note/", board_views.board_note, name="board_note"),
    path("statistics/", views.statistics_edit, name="statistics_current"),
    path("statistics/<school_year:school_year>/", views.statistics_edit, name="statistics"),
    path("deliveries/", delivery_views.delivery_log, name="deliveries"),
]
