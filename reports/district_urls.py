"""The district coordinator's pages (/district/). School years are the district's ("2025-26")."""

from django.urls import path

from collabtrack import converters  # noqa: F401  (registers <school_year:...>)
from reports import district_manage, district_views

app_name = "district"
YEAR = "<school_year:school_year>"
urlpatterns = [
    path("", district_views.rollup, name="rollup"),
    path("choose/", district_manage.district_choose, name="choose"),
    path("schools/", district_manage.school_list, name="schools"),
    path("schools/new/", district_manage.school_add, name="school_add"),
    path("schools/<int:pk>/", district_manage.school_detail, name="school"),
    path(
        f"schools/<int:pk>/open/<slug:page>/{YEAR}/",
        district_views.open_school,
        name="open_school",
    ),
    path(f"{YEAR}/", district_views.rollup, name="rollup_year"),
    path(f"{YEAR}/export.csv", district_views.rollup_export, {"fmt": "csv"}, name="rollup_csv"),
    path(f"{YEAR}/export.xlsx", district_views.rollup_export, {"fmt": "xlsx"}, name="rollup_xlsx"),
    path(f"{YEAR}/board.pdf", district_views.rollup_pdf, name="rollup_pdf"),
]
