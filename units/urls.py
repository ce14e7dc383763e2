from django.urls import path

from units import views

app_name = "units"
urlpatterns = [
    path("", views.unit_list_view, name="list"),
    path("log/", views.quick_log, name="quick_log"),
    path("deleted/", views.unit_bin, name="deleted"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/edit/", views.unit_edit, name="edit"),
    path("<int:pk>/copy/", views.unit_copy, name="copy"),
    path("<int:pk>/delete/", views.unit_delete, name="delete"),
    path("<int:pk>/restore/", views.unit_restore, name="restore"),
    path("<int:pk>/pdf/", views.unit_pdf, name="pdf"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment_download"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/delete/", views.attachment_delete, name="attachment_delete"
    ),
]
