"""Bringing data in and taking it out, under /data/."""

from django.urls import path

from reports.imports import circulation_views, export_views, log_views, restore_views, roster_views

app_name = "data"
urlpatterns = [
    path("", export_views.data_index, name="index"),
    path("export/school.zip", export_views.school_export_download, name="school_export"),
    path("export/<slug:identifier>/", export_views.export_download, name="export"),
    path("log/", log_views.log_upload, name="log_upload"),
    path("log/<str:token>/", log_views.log_preview, name="log_preview"),
    path("log/<str:token>/columns/", log_views.log_mapping, name="log_mapping"),
    path("log/<str:token>/confirm/", log_views.log_confirm, name="log_confirm"),
    path("log/<str:token>/row/<int:line>/", log_views.log_row, name="log_row"),
    path("restore/", restore_views.restore_upload, name="restore_upload"),
    path("restore/<str:token>/", restore_views.restore_preview, name="restore_preview"),
    path("restore/<str:token>/confirm/", restore_views.restore_confirm, name="restore_confirm"),
    path("roster/", roster_views.roster_upload, name="roster_upload"),
    path("roster/<str:token>/", roster_views.roster_preview_view, name="roster_preview"),
    path("roster/<str:token>/school/", roster_views.roster_org, name="roster_org"),
    path("roster/<str:token>/confirm/", roster_views.roster_confirm, name="roster_confirm"),
    path("circulation/", circulation_views.circulation_upload, name="circulation_upload"),
    path("circulation/<str:token>/", circulation_views.circulation_preview, name="circulation_preview"),
    path(
        "circulation/<str:token>/confirm/", circulation_views.circulation_confirm, name="circulation_confirm"
    ),
]
