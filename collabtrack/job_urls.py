"""A job's page, its JSON twin (polled by static/js/job-status.js), its file and "Try again"."""

from django.urls import path

from collabtrack import job_views

app_name = "jobs"
urlpatterns = [
    path("<uuid:job_id>/", job_views.job_status, name="status"),
    path("<uuid:job_id>/status.json", job_views.job_status_json, name="status_json"),
    path("<uuid:job_id>/file/", job_views.job_download, name="download"),
    path("<uuid:job_id>/retry/", job_views.job_retry_view, name="retry"),
]
